"""The journal, read back: what counts as done, and what was interrupted."""

from __future__ import annotations

from pathlib import Path

from automation.output.journal import Journal


def test_done_interrupted_and_proof_missing(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.sqlite")
    assert (tmp_path / "journal.sqlite").stat().st_mode & 0o777 == 0o600
    first = journal.start("alice", "oppose")
    journal.intent("alice", "opposition")
    assert journal.interrupted("alice") == "opposition"
    journal.result("alice", "opposition", "opposed")
    journal.finish(first, "opposed", None, ["alice/x/attestation.pdf"])
    assert journal.interrupted("alice") is None
    done = journal.done("alice")
    assert done is not None and done.evidence == ["alice/x/attestation.pdf"]

    other = journal.start("bruno", "oppose")
    journal.finish(other, "opposed", "evidence", [])  # done, but the proof was lost
    assert journal.done("bruno") is None
    failed = journal.start("chloe", "oppose")
    journal.finish(failed, "failed", "code_wrong", [])
    assert journal.done("chloe") is None
    dry = journal.start("lea", "oppose")
    journal.finish(dry, "dry_run", None, [])
    assert journal.done("lea") is None
    journal.close()
