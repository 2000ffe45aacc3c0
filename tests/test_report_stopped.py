"""A run stopped on its way: the members it had not finished, in English as in French,
in report.html and on the terminal; their deadlines stay pending."""

from __future__ import annotations

import json
import re
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from rich.console import Console

from automation.browser.interrupt import INTERRUPTED
from automation.cli.demo import demo_environment
from automation.output.member_report import MemberReport
from automation.output.report import write_reports
from automation.run.context import RunRequest
from automation.run.exit_status import ExitStatus
from automation.run.path import run_household
from automation.run.progress import plain_summary
from automation.run.runner import HouseholdRunner
from tests.support.households import demo_subset

TODAY = date(2026, 11, 29)
STOPPED = [
    MemberReport("alice", "oppose", "opposed", deadline="2026-12-03", skipped=True),
    MemberReport("bruno", "oppose", "interrupted", "answer_not_seen", "opposition",
                 deadline="2026-12-04"),
    MemberReport("chloe", "close", "interrupted", "stopped_at", "code_provisoire",
                 deadline="2026-12-05"),
    MemberReport("denise", "oppose", "not_reached", deadline="2026-12-06"),
]  # fmt: skip
WORDS = {
    "fr": {
        "bruno": "bruno : interrompu (l'opposition a été envoyée au site, sa réponse n'a pas été vue",
        "chloe": "chloe : interrompu (arrêté à l'écran « code provisoire »",
        "denise": "denise : pas encore traité : l'exécution s'est arrêtée avant cette personne — date limite : 06/12/2026",
        "summary": "2 personnes interrompues : relancez la même commande",
    },
    "en": {
        "bruno": "bruno: interrupted (the opposition was sent to the site, its answer not seen",
        "chloe": "chloe: interrupted (stopped at the « code provisoire » screen",
        "denise": "denise: not done yet: the run stopped before this person — deadline: 06/12/2026",
        "summary": "2 people interrupted: run the same command again",
    },
}  # fmt: skip


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_member_a_stopped_run_did_not_finish_is_said(tmp_path: Path, lang: str) -> None:
    json_path, html_path = write_reports(tmp_path, "les Martin", "2026-11-29T10:00:00+00:00",
                                         "2026-11-29T10:05:00+00:00", STOPPED, lang, TODAY)  # fmt: skip
    summary = json.loads(json_path.read_text())["summary"]
    assert (summary["done"], summary["interrupted"], summary["not_reached"]) == (1, 2, 1)
    assert summary["nearest_deadline"] == {"member": "bruno", "date": "2026-12-04"}
    page = re.sub(r"\s+", " ", BeautifulSoup(html_path.read_text(), "html.parser").get_text(" "))
    words = WORDS[lang]
    assert words["summary"] in page
    for member in ("bruno", "chloe"):
        sentence = words[member].split("(", 1)[1]
        assert sentence in page
    lines = {report.id: plain_summary(report, lang) for report in STOPPED}
    for member in ("bruno", "chloe", "denise"):
        assert lines[member].startswith(words[member]), lines[member]


def test_a_stop_outside_any_member_is_a_ctrl_c_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ctrl-C while no member's flow runs (between two members, or a parallel run's main
    # thread waiting for its workers): the run still says everyone, and what Playwright's
    # loops leave unread from then on is no news (automation/browser/interrupt.py).
    for name, value in demo_environment().items():
        monkeypatch.setenv(name, value)

    def stopped(self: HouseholdRunner, browser: object = None) -> list[MemberReport]:
        raise KeyboardInterrupt

    monkeypatch.setattr(HouseholdRunner, "run", stopped)
    said = StringIO()
    console = Console(file=said, width=400, highlight=False, soft_wrap=True)
    request = RunRequest(base_url="http://127.0.0.1:9", yes=True, out=tmp_path / "out")
    household = demo_subset(tmp_path, ["alice", "bruno"])
    try:
        assert run_household(household, request, console) == ExitStatus.INTERRUPTED
        assert INTERRUPTED.is_set()
    finally:
        INTERRUPTED.clear()
    members = json.loads((tmp_path / "out" / "report.json").read_text())["members"]
    assert [(m["id"], m["outcome"]) for m in members] == [
        ("alice", "not_reached"), ("bruno", "not_reached")
    ]  # fmt: skip
    assert "Rien à faire" not in said.getvalue()


def test_who_must_be_run_again_comes_before_who_is_done() -> None:
    # Alice, done, was run first; the family reads first whom they must run again.
    from automation.output.member_report import needs_family_first

    assert [r.id for r in needs_family_first(STOPPED)] == ["bruno", "chloe", "denise", "alice"]
