"""One headed run, as a person watching would see it (under Xvfb in CI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Playwright

from automation.browser.session import BrowserSession
from flows.outcome import Outcome
from tests.support.control import MockControl
from tests.support.robot import Robot, member_for

pytestmark = pytest.mark.e2e


def test_a_headed_run(mock: MockControl, tmp_path: Path, playwright: Playwright) -> None:
    if not os.environ.get("DISPLAY"):
        if os.environ.get("CI"):
            pytest.fail("CI runs the tests under Xvfb: DISPLAY should be set")
        pytest.skip("no screen: ./dev.sh test runs this under Xvfb")
    browser_path = os.environ.get("MES_BROWSER_PATH")
    session = BrowserSession(headed=True, browser_path=browser_path, playwright=playwright)
    with session:
        assert session.browser is not None
        robot = Robot(session.browser, mock.base_url, mock.outbox, tmp_path / "out")
        run = robot.run(member_for("alice"))
    assert run.result.outcome is Outcome.OPPOSED
    assert mock.person("alice")["state"] == "opposed"
    assert (run.folder / "attestation.pdf").is_file()
