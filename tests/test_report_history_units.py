"""The report built from the journal's history, without a browser: members of earlier runs
stay in it with what the earlier report said of them, as far as it can be trusted."""

from __future__ import annotations

import json
from pathlib import Path

from automation.output.journal import LastAttempt
from automation.output.report import earlier_members, with_history
from tests.test_report import member


def attempt(
    who: str, outcome: str, finished: str, evidence: list[str] | None = None
) -> LastAttempt:
    return LastAttempt(who, outcome, None, finished, finished, evidence or [], "oppose")


def test_a_member_of_an_earlier_run_stays_with_its_first_proof(tmp_path: Path) -> None:
    earlier = tmp_path / "report.json"
    earlier.write_text(json.dumps({"members": [
        {"id": "bruno", "name": "Bruno Martin", "outcome": "already_opposed", "deadline": "2026-12-14"},
        {"id": "chloe", "name": "Chloé Martin", "deadline": "not a date"},
        "not a member",
    ]}))  # fmt: skip
    history = {
        "bruno": [attempt("bruno", "failed", "2026-11-01T10:00:00+00:00"),
                  attempt("bruno", "opposed", "2026-11-02T10:00:00+00:00", ["bruno/a/attestation.pdf"]),
                  attempt("bruno", "already_opposed", "2026-11-03T10:00:00+00:00")],
        "chloe": [attempt("chloe", "dry_run", "2026-11-03T10:00:00+00:00")],
    }  # fmt: skip
    merged = with_history([member("alice", "opposed")], history, earlier_members(earlier))
    assert [r.id for r in merged] == ["alice", "bruno", "chloe"]
    bruno = merged[1]
    assert (bruno.outcome, bruno.skipped, bruno.name) == ("already_opposed", True, "Bruno Martin")
    assert bruno.first_proof == {"date": "2026-11-02T10:00:00+00:00", "outcome": "opposed",
                                 "evidence": ["bruno/a/attestation.pdf"]}  # fmt: skip
    assert [c["outcome"] for c in bruno.checks] == ["already_opposed"]
    chloe = merged[2]
    assert (chloe.deadline, chloe.first_proof) == (None, None)  # a broken date is not kept
    assert merged[0].first_proof is None  # not in the journal: this run's line alone


def test_a_broken_earlier_report_gives_nothing(tmp_path: Path) -> None:
    (tmp_path / "report.json").write_text("{not json")
    assert earlier_members(tmp_path / "report.json") == {}
    assert earlier_members(tmp_path / "missing.json") == {}


def test_a_proof_fetched_by_a_later_run_is_the_first_proof() -> None:
    # Opposed, the attestation lost; the next run found it opposed and fetched it.
    lost = LastAttempt("bruno", "opposed", "evidence", "2026-11-02T10:00:00+00:00",
                       "2026-11-02T10:00:00+00:00", ["bruno/a/opposed.png"], "oppose")  # fmt: skip
    fetched = attempt("bruno", "already_opposed", "2026-11-03T10:00:00+00:00",
                      ["bruno/b/attestation.pdf"])  # fmt: skip
    [bruno] = with_history([member("bruno", "already_opposed")], {"bruno": [lost, fetched]}, {})
    assert bruno.first_proof is not None
    assert bruno.first_proof["evidence"] == ["bruno/b/attestation.pdf"]
