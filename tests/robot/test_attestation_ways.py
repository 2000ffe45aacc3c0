"""The proof is always kept: the attestation, however the site serves it (a download, the
page's script following the link to the file, the script fetching it and showing it from
a blob: address, a new tab), headless and in a window a person watches (where Chromium
shows a PDF in its viewer instead of downloading it); the screenshot of the answer first,
even when the file never comes; a non-PDF answer never taken for it; and a proof missing
after one run fetched by the next without the step sent again."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import Browser, Playwright

from automation.browser.session import BrowserSession
from automation.output.evidence import pdf_names
from flows.attestation import _Heard
from flows.outcome import Outcome
from flows.site_family import SiteFamily
from tests.support.control import MockControl
from tests.support.robot import Robot, member_for

pytestmark = pytest.mark.e2e
WAYS = ["download", "navigate", "blob", "tab"]


@pytest.fixture(scope="module")
def headed_browser(playwright: Playwright) -> Iterator[Browser]:
    if not os.environ.get("DISPLAY"):
        if os.environ.get("CI"):
            pytest.fail("CI runs the tests under Xvfb: DISPLAY should be set")
        pytest.skip("no screen: ./dev.sh test runs this under Xvfb")
    session = BrowserSession(
        headed=True, browser_path=os.environ.get("MES_BROWSER_PATH"), playwright=playwright
    )
    with session:
        assert session.browser is not None
        yield session.browser


def kept_attestation(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("alice"), reader=None)
    assert run.result.outcome is Outcome.OPPOSED
    assert run.result.reason is None
    assert sorted(p.name for p in run.result.evidence) == ["attestation.pdf", "opposed.png"]
    assert pdf_names(run.folder / "attestation.pdf", "Alice Martin")
    assert sum(mock.person("alice")["final_posts"].values()) == 1


@pytest.mark.parametrize("way", WAYS)
def test_each_way_of_serving_keeps_the_pdf(robot: Robot, mock: MockControl, way: str) -> None:
    mock.faults(attestation_way=way)
    kept_attestation(robot, mock)


@pytest.mark.parametrize("way", WAYS)
def test_each_way_of_serving_keeps_the_pdf_in_a_window(
    headed_browser: Browser, mock: MockControl, tmp_path: Path, way: str
) -> None:
    # Headed Chromium shows an inline PDF in its viewer: no download comes for it.
    mock.faults(attestation_way=way)
    kept_attestation(Robot(headed_browser, mock.base_url, mock.outbox, tmp_path / "out"), mock)


def test_the_scripted_download_personality_keeps_the_pdf(robot: Robot, mock: MockControl) -> None:
    mock.faults(personality="scripted_download+spa")
    kept_attestation(robot, mock)


def test_a_non_pdf_answer_is_asked_again(robot: Robot, mock: MockControl) -> None:
    # The first answer says it is a PDF and is an error page: the click is made again.
    mock.faults(attestation_way="download", attestation_broken=1)
    kept_attestation(robot, mock)


def test_a_non_pdf_answer_is_not_proof_and_the_screenshot_is_kept(
    robot: Robot, mock: MockControl
) -> None:
    mock.faults(attestation_broken=99)
    run = robot.run(member_for("alice"), reader=None, retries=1)
    assert run.result.outcome is Outcome.OPPOSED
    assert run.result.reason == "evidence"
    assert not (run.folder / "attestation.pdf").exists()
    assert [p.name for p in run.result.evidence] == ["opposed.png"]
    assert (run.folder / "opposed.png").is_file()
    assert mock.person("alice")["state"] == "opposed"


def test_the_next_run_fetches_a_missing_proof_without_sending_the_step_again(
    robot: Robot, mock: MockControl
) -> None:
    mock.faults(attestation_broken=99)
    first = robot.report(member_for("alice"), retries=0)
    assert (first.outcome, first.reason) == ("opposed", "evidence")
    mock.faults(attestation_broken=0)

    again = robot.report(member_for("alice"))
    assert not again.skipped  # done without its proof is not done
    assert (again.outcome, again.reason) == ("already_opposed", None)
    assert any(f.endswith("attestation.pdf") for f in again.evidence)
    alice = mock.person("alice")
    assert sum(alice["final_posts"].values()) == 1
    assert alice["submissions"]["opposition"] == 1


def test_only_the_sites_own_pdf_answers_are_heard() -> None:
    heard = _Heard(SiteFamily("https://www.monespacesante.fr"))
    pdf = {"content-type": "application/pdf"}
    for url, headers in [
        ("https://tracker.example.net/a.pdf", pdf),
        ("https://www.monespacesante.fr/page", {"content-type": "text/html"}),
    ]:
        heard.on_response(SimpleNamespace(url=url, headers=headers))  # type: ignore[arg-type]
    assert heard.found == []
    own = SimpleNamespace(url="https://api.monespacesante.fr/attestation", headers=pdf)
    heard.on_response(own)  # type: ignore[arg-type]
    assert heard.found == [own]
