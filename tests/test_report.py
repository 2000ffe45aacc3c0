"""The report a family reads: a summary first, each member's name beside the label, the
requested action in French, times in France's time zone, deadline warnings."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag

from automation.output.member_report import MemberReport
from automation.output.report import write_reports

TODAY = date(2026, 11, 29)


def member(id: str, outcome: str, **values: object) -> MemberReport:
    defaults: dict[str, object] = {"action": "oppose", "name": f"{id.title()} Martin",
                                   "finished": "2026-11-29T10:00:00+00:00"}  # fmt: skip
    return MemberReport(id=id, outcome=outcome, **{**defaults, **values})  # type: ignore[arg-type]


def written(tmp_path: Path, reports: list[MemberReport]) -> tuple[dict[str, Any], BeautifulSoup]:
    json_path, html_path = write_reports(
        tmp_path, "les Martin", "2026-07-01T10:00:00+00:00", "2026-11-29T10:05:00+00:00",
        reports, "fr", TODAY,
    )  # fmt: skip
    return json.loads(json_path.read_text()), BeautifulSoup(html_path.read_text(), "html.parser")


def text_of(soup: Tag) -> str:
    return re.sub(r"\s+", " ", soup.get_text(" "))


def test_the_summary_comes_first_and_counts_what_the_family_must_know(tmp_path: Path) -> None:
    data, soup = written(tmp_path, [
        member("alice", "opposed"),
        member("bruno", "already_opposed"),
        member("chloe", "needs_human", reason="code_unreadable", deadline="2026-12-03"),
        member("denise", "failed", reason="timeout", deadline="2026-12-20"),
        member("eric", "failed", reason="timeout", deadline="2026-11-20"),
        member("fanny", "closed", action="close", deadline="2026-12-01"),  # done: not pending
    ])  # fmt: skip
    assert data["summary"] == {
        "done": 3, "needs_human": 1, "failed": 2, "dry_run": 0, "interrupted": 0,
        "not_reached": 0, "nearest_deadline": {"member": "chloe", "date": "2026-12-03"},
        "deadline_past": ["eric"],
    }  # fmt: skip
    summary = soup.find("section", class_="summary")
    first_member = soup.find("section", class_="member")
    assert summary is not None and first_member is not None
    assert summary.sourceline < first_member.sourceline  # type: ignore[operator]
    said = text_of(summary)
    assert "3 personnes traitées" in said
    assert "1 demande votre intervention" in said
    assert "2 en échec" in said
    assert "Prochaine date limite : 03/12/2026 (chloe)" in said
    assert "Date limite passée : eric" in said


def test_each_member_shows_name_action_in_french_and_time_in_france(tmp_path: Path) -> None:
    _, soup = written(tmp_path, [
        member("alice", "opposed", finished="2026-07-01T10:00:00+00:00"),  # summer: UTC+2
        member("fanny", "closed", action="close", finished="2026-11-29T10:00:00+00:00"),  # UTC+1
    ])  # fmt: skip
    alice, fanny = soup.find_all("section", class_="member")
    assert (
        alice.h2 is not None
        and alice.h2.get_text() == "alice (Alice Martin) : opposition enregistrée"
    )
    assert "s'opposer à la création de Mon espace santé" in text_of(alice)
    assert "01/07/2026 à 12:00" in text_of(alice)
    assert "clôturer le profil" in text_of(fanny)
    assert "29/11/2026 à 11:00" in text_of(fanny)
    assert "UTC" not in text_of(soup)


def test_near_and_past_deadlines_warn_only_members_not_done(tmp_path: Path) -> None:
    _, soup = written(tmp_path, [
        member("near", "needs_human", deadline="2026-12-05"),
        member("past", "failed", deadline="2026-11-28"),
        member("far", "failed", deadline="2027-01-20"),
        member("done", "opposed", deadline="2026-11-28"),
    ])  # fmt: skip
    sections = {s.get_text(" ").split()[0]: s for s in soup.find_all("section", class_="member")}
    assert "La date limite approche" in text_of(sections["near"])
    assert "La date limite est passée" in text_of(sections["past"])
    for quiet in ("far", "done"):
        assert "date limite approche" not in text_of(sections[quiet])
        assert "date limite est passée" not in text_of(sections[quiet])


def test_those_who_need_the_family_come_first_in_the_json_and_the_page(tmp_path: Path) -> None:
    # Given a run where the one who needs a person came last, after one done
    data, soup = written(tmp_path, [
        member("alice", "opposed"),
        member("bruno", "failed", reason="timeout"),
        member("chloe", "needs_human", reason="code_unreadable"),
        member("denise", "dry_run"),
    ])  # fmt: skip
    # Then a person to step in first, a run to repeat next, the rest in run order
    expected = ["chloe", "bruno", "alice", "denise"]
    assert [m["id"] for m in data["members"]] == expected
    shown = [s.get_text(" ").split()[0] for s in soup.find_all("section", class_="member")]
    assert shown == expected
