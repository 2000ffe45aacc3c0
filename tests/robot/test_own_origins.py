"""An origin the person allowed (`--allow-origin`) is reached, never trusted with a
secret; service workers are blocked; WebSockets follow the origin rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from automation.browser.secret_typing import OwnSiteTyping
from automation.browser.session import site_context
from automation.output.evidence import EvidenceFolder
from flows.member_flow import MemberFlow
from flows.options import Stop
from flows.outcome import Outcome
from mock_site.server import MockServer
from tests.support.control import MockControl
from tests.support.robot import Robot, member_for

pytestmark = pytest.mark.e2e


def test_no_secret_is_typed_on_an_allowed_origin_beyond_the_sites_own(
    robot: Robot, mock: MockControl, mock_server: MockServer, tmp_path: Path
) -> None:
    # Given a member's flow as the runner makes it, with another origin allowed (for a
    # script the site needs, say), and its page on that origin when a secret is to be typed
    elsewhere = mock_server.state.origins["elsewhere"]
    if not elsewhere:
        pytest.skip("this system does not route 127.0.0.2")
    context, _ = site_context(robot.browser, mock.base_url, (elsewhere,))
    try:
        page = context.new_page()
        flow = MemberFlow(page, member_for("alice"), robot.options(allowed_origins=(elsewhere,)),
                          EvidenceFolder(tmp_path, "alice"),
                          recorder=OwnSiteTyping(page, mock.base_url))  # fmt: skip
        page.goto(mock.base_url)
        flow.typing_secrets()  # the site's own page: typing may go on
        page.goto(elsewhere)  # reached: it is allowed
        # Then the robot refuses to type there, and names where it was
        with pytest.raises(Stop) as stopped:
            flow.typing_secrets()
        result = stopped.value.result
        assert (result.outcome, result.reason, result.detail) == (
            Outcome.NEEDS_HUMAN,
            "foreign_origin",
            elsewhere,
        )
    finally:
        context.close()


def test_a_page_cannot_register_a_service_worker(browser: Browser, mock: MockControl) -> None:
    context, _ = site_context(browser, mock.base_url)
    try:
        page = context.new_page()
        page.goto(mock.base_url)
        # Unblocked, registering a script the site does not have fails with an error;
        # blocked, Playwright answers every registration with nothing.
        tried = page.evaluate(
            "() => navigator.serviceWorker.register('/no-such-worker.js')"
            ".then(() => 'blocked', () => 'registration attempted')"
        )
        assert tried == "blocked"
    finally:
        context.close()


def test_a_websocket_follows_the_origin_rule(browser: Browser, mock: MockControl) -> None:
    context, guard = site_context(browser, mock.base_url)
    try:
        page = context.new_page()
        page.goto(mock.base_url)
        closed = "url => new Promise(done => { new WebSocket(url).onclose = () => done(true); })"
        # The site's own (no WebSocket there: it closes for that), then another origin
        own = mock.base_url.replace("http:", "ws:") + "/no-socket"
        assert page.evaluate(closed, own)
        assert page.evaluate(closed, "ws://127.0.0.2:9/socket")
        assert page.evaluate(closed, "wss://tracker.example.org/socket")
        assert dict(guard.blocked) == {"ws://127.0.0.2:9": 1, "wss://tracker.example.org": 1}
    finally:
        context.close()
