"""A person's words everywhere (issue 30, point 7): what a person reads names the site's
screens as a person would (« choix », not « decision »), in French and in English, from the
catalogue; the journal and report.json keep the robot's names, for machines. And a run says
something at once, and again as its long look at the site begins."""

from __future__ import annotations

import io
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from rich.console import Console

from automation import messages
from automation.cli.demo import demo_environment
from automation.output.member_report import MemberReport
from automation.output.report import write_reports
from automation.run import path as run_path
from automation.run.check_site import CheckOutcome, print_check
from automation.run.context import RunRequest
from automation.run.progress import ProgressView, plain_summary
from flows.pages import SCREENS
from flows.site_check import ScreenLooked
from tests.support.control import MockControl
from tests.support.households import demo_subset

# The names the robot gives to what is not a screen of the site, shown like one.
OWN_NAMES = ("unknown", "start")
ALL_NAMES = sorted({screen.name for screen in SCREENS} | set(OWN_NAMES))


def french_words() -> str:
    """Every French sentence and word of the catalogue: a name that is also a plain word
    there (« maintenance », « attestation ») says nothing of a leak."""
    tables = (messages.TEXTS, messages.REASONS, messages.OUTCOMES, messages.ACTIONS,
              messages.SCREENS)  # fmt: skip
    return " ".join(pair[0] for table in tables for pair in table.values())


def internal_names() -> list[str]:
    plain = french_words()
    return [name for name in ALL_NAMES if not re.search(rf"\b{re.escape(name)}\b", plain)]


def leaked(said: str) -> list[str]:
    return [name for name in internal_names() if re.search(rf"\b{re.escape(name)}\b", said)]


@pytest.mark.parametrize("name", ALL_NAMES)
def test_every_screen_has_a_persons_words_in_both_languages(name: str) -> None:
    assert name in messages.SCREENS
    french, english = messages.SCREENS[name]
    assert french.strip() and english.strip()
    assert "_" not in french + english


def test_the_check_has_names_to_look_for() -> None:
    # The leak hunt below is worth something only if most names are looked for.
    assert {"decision", "code_provisoire", "close_or_oppose_entry", "signed_in_home",
            "card_model", "representative"} <= set(internal_names())  # fmt: skip


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_stuck_member_and_a_changed_site_say_the_screens_in_words(lang: str) -> None:
    stuck = MemberReport("alice", "oppose", "failed", "stuck", "decision")
    held = MemberReport("bruno", "oppose", "needs_human", "site_changed", "identity, card_model")
    said = plain_summary(stuck, lang) + "\n" + plain_summary(held, lang)
    assert messages.screen("decision", lang) in said
    assert messages.screen("card_model", lang) in said
    assert "decision" not in said and "card_model" not in said


def test_the_report_the_family_reads_says_the_screen_in_words(tmp_path: Path) -> None:
    stuck = MemberReport("alice", "oppose", "failed", "stuck", "close_or_oppose_entry")
    json_path, html_path = write_reports(tmp_path, "Foyer", "2026-12-06T10:00:00+00:00",
                                         "2026-12-06T10:01:00+00:00", [stuck])  # fmt: skip
    html = html_path.read_text(encoding="utf-8")
    assert "entrée clôture ou opposition" in html
    assert "close_or_oppose_entry" not in html
    assert "close_or_oppose_entry" in json_path.read_text(encoding="utf-8")  # for machines


def test_the_live_line_and_the_site_check_say_screens_in_words() -> None:
    said = io.StringIO()
    console = Console(file=said, width=300, force_terminal=True, highlight=False)
    with ProgressView(console, ["alice"], "fr") as view:
        for name in ALL_NAMES:
            view.screen("alice", name)
    outcome = CheckOutcome([ScreenLooked("identity", False, seen_as="code_provisoire")])
    print_check(console, outcome, "fr")
    assert leaked(said.getvalue()) == []
    assert "identité" in said.getvalue() and "code provisoire" in said.getvalue()


def run_on_a_terminal(
    members: list[str], request: RunRequest, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """The household run as a person sees it on a terminal: every redraw of the live
    lines kept."""
    env = {**demo_environment(), "MES_RECOGNISE_TIMEOUT_S": "5", "MES_BACKOFF_S": "0.05"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    household = demo_subset(folder, members)
    said = io.StringIO()
    console = Console(file=said, width=300, force_terminal=True, highlight=False)
    # On a thread of its own: the run starts its own Playwright (see test_output_run).
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(run_path.run_household, household, request, console).result()
    return said.getvalue()


@pytest.mark.e2e
def test_every_line_of_a_run_on_a_terminal_is_in_a_persons_words(
    mock: MockControl, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the look at the site first: no screen named as the robot names it; and the
    first line, said before any browser starts, then the look's."""
    request = RunRequest(base_url=mock.base_url, dry_run=True, out=tmp_path / "out")
    out = run_on_a_terminal(["alice", "chloe", "eric"], request, tmp_path, monkeypatch)
    lines = [line for line in re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out).splitlines() if line]
    assert lines[0] == messages.text("starting", "fr", count="3"), lines[:3]
    assert messages.text("looking_at_site", "fr") in out
    assert messages.screen("decision", "fr") in out  # the live lines did show screens
    assert leaked(out) == []


@pytest.mark.e2e
def test_the_wait_for_a_code_by_mail_is_said_as_it_begins(
    mock: MockControl, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a member with no code, whose code the site sends, read from a mailbox
    request = RunRequest(base_url=mock.base_url, yes=True, out=tmp_path / "out",
                         code_from=f"maildir:{mock.outbox}", skip_check=True)  # fmt: skip
    out = run_on_a_terminal(["bruno"], request, tmp_path, monkeypatch)
    # Then the wait is said, with how long it may last, before the member's result
    waiting = out.find("En attente du code provisoire envoyé par le site")
    assert waiting != -1, out
    assert "(jusqu'à " in out[waiting:]
    assert mock.person("bruno")["state"] == "opposed"
    assert leaked(out) == []
