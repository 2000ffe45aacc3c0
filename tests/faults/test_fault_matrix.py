"""The fault matrix: one row per thing the site, the network or the machine can do to a
run. Each row switches its fault on, runs a household of one, and checks the outcome, the
journal and the mock's state; then it runs again, fault gone, and checks the job is
finished with no double submission."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Route

from automation.output.journal import Journal
from automation.output.member_report import MemberReport
from flows.member import Member
from tests.support.control import MockControl
from tests.support.pages import SiteClient
from tests.support.robot import Robot, member_for
from tests.support.seed import identity

pytestmark = pytest.mark.e2e

INTENT, RESULT = ("opposition", "intent", None), ("opposition", "result", "opposed")


@dataclass
class Row:
    id: str
    outcome: str
    reason: str | None = None
    journal: list[tuple[str, str, str | None]] = field(default_factory=lambda: [INTENT, RESULT])
    state: str = "opposed"  # the mock's state after the first run
    rerun: str = "skipped"  # the second run: skipped (already done) or its outcome
    member: str = "alice"
    faults: dict[str, Any] = field(default_factory=dict)
    before: Callable[[MockControl], None] | None = None  # more set-up than faults
    between: Callable[[MockControl], object] | None = None  # what passes before the re-run
    route: Callable[[BrowserContext], object] | None = None  # the network's part
    options: dict[str, Any] = field(default_factory=dict)


def lock_alice(mock: MockControl) -> None:
    visitor = SiteClient(mock.base_url)
    visitor.identify(**identity("alice"))
    for _ in range(5):
        visitor.post("/parcours/code", code="WrongCode123")


def drop(when: str) -> Callable[[BrowserContext], object]:
    """The connection drops before, during or after the final click reaches the site."""

    def handler(route: Route) -> None:
        request = route.request
        final_click = request.method == "POST" and request.url.endswith("/decision")
        if when == "before" and final_click:
            route.abort("connectionreset")
        elif when == "during" and final_click:
            route.fetch(max_redirects=0)  # the site gets it and acts; its answer is lost
            route.abort("connectionreset")
        elif when == "after" and final_click:
            route.fetch(max_redirects=0)  # the site acts and answers; a proxy then fails
            route.fulfill(status=502, body="<h1>502 Bad Gateway</h1>", content_type="text/html")
        else:
            route.fallback()

    return lambda context: context.route("**/parcours/**", handler)


ROWS = [
    Row("maintenance-then-back", "opposed", faults={"maintenance": 3}),
    Row("maintenance-that-lasts", "failed", "site_unavailable", journal=[], state="invited",
        rerun="opposed", faults={"maintenance": 1000}),
    *[Row(f"generic-error-on-{step}", "opposed", faults={"error_on_step": {step: 1}})
      for step in ("carte", "identite", "code", "confirmation")],
    Row("generic-error-on-decision", "opposed", journal=[INTENT, INTENT, RESULT],
        faults={"error_on_step": {"decision": 1}}),
    Row("generic-error-that-lasts", "failed", "site_unavailable", journal=[INTENT] * 4,
        state="invited", rerun="opposed", faults={"error_on_step": {"decision": 100}}),
    # The page after the final click never comes: no answer to it, never clicked again.
    # A step before the final one that never loads: nothing was clicked that counts, the
    # re-run does it all.
    Row("step-page-never-loads", "failed", "timeout", journal=[], state="invited",
        rerun="opposed", faults={"hang_on_step": ["identite"]},
        options={"load_timeout_ms": 1500}),
    Row("page-never-loads", "failed", "no_answer", journal=[INTENT], rerun="already_opposed",
        faults={"hang_on_step": ["confirmation"]}, options={"load_timeout_ms": 1500}),
    *[Row(f"session-expires-on-{step}", "opposed", faults={"expire_session_on_step": [step]})
      for step in ("carte", "identite", "code", "decision")],
    # Expired just after the opposition went through: the site then says it is done.
    Row("session-expires-on-confirmation", "already_opposed",
        journal=[INTENT, ("opposition", "result", "already_opposed")],
        faults={"expire_session_on_step": ["confirmation"]}),
    # « Veuillez attendre N secondes »: waited out twice, then given up (N short here).
    Row("rate-limit-waited-out", "opposed", member="bruno",
        faults={"rate_limit": 1, "rate_limit_s": 1}),
    Row("rate-limit", "failed", "rate_limited", journal=[], state="invited", rerun="opposed",
        member="bruno", faults={"rate_limit": 3, "rate_limit_s": 1},
        between=lambda m: m.clock(advance_seconds=31)),  # the site's own 30 s, on its clock
    Row("lockout", "failed", "locked", journal=[], state="invited", rerun="opposed",
        before=lock_alice, between=lambda m: m.clock(advance_seconds=3601)),
    Row("label-variants", "opposed", member="chloe",
        faults={"variants": ["apostrophe", "upper", "nbsp", "wording", "opposition_radio",
                             "date_input", "aria_label", "buttons_as_links"]}),
    Row("late-cookie-panel", "opposed", faults={"cookie_panel": "late", "cookie_delay_ms": 500}),
    Row("confirmation-dialog", "opposed", faults={"confirm_dialogs": True}),
    # Open as the page loads (the robot finds it when it looks), then opening late (over a
    # control the robot is acting on: the page's handler answers it).
    Row("unexpected-dialog", "opposed", faults={"leave_dialog_on_step": ["decision"]}),
    Row("late-unexpected-dialog", "opposed",
        faults={"leave_dialog_on_step": ["decision"], "leave_dialog_delay_ms": 300}),
    Row("unknown-screen", "needs_human", "unknown_screen", journal=[], state="invited",
        rerun="opposed", faults={"captcha_on_step": ["decision"]},
        options={"recognise_timeout_ms": 1000}),
    Row("connection-drops-before-the-click", "failed", "network", journal=[INTENT] * 4,
        state="invited", rerun="opposed", route=drop("before")),
    Row("connection-drops-during-the-click", "already_opposed",
        journal=[INTENT, ("opposition", "result", "already_opposed")], route=drop("during")),
    # The answer is lost on the way back: a page the robot has never seen. Unattended, a
    # person is needed; the journal holds an intent with no result, settled on the re-run.
    Row("connection-drops-after-the-click", "needs_human", "unknown_screen", journal=[INTENT],
        rerun="already_opposed", route=drop("after"),
        # The wait for an answer after the lost one is bounded by the load bound: short here.
        options={"recognise_timeout_ms": 1000, "load_timeout_ms": 3000}),
]  # fmt: skip


def run_once(robot: Robot, member: Member, row: Row, with_fault: bool) -> MemberReport:
    route = row.route if with_fault else None
    return robot.report(member, on_context=route, **row.options)


def journal_of(out: Path, member: str) -> list[tuple[str, str, str | None]]:
    journal = Journal(out / "journal.sqlite")
    try:
        return journal.steps(member)
    finally:
        journal.close()


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_fault(row: Row, robot: Robot, mock: MockControl) -> None:
    member = member_for(row.member, code=None) if row.member == "bruno" else member_for(row.member)
    out = robot.out
    if row.before is not None:
        row.before(mock)
    if row.faults:
        mock.faults(**row.faults)

    first = run_once(robot, member, row, with_fault=True)
    assert (first.outcome, first.reason) == (row.outcome, row.reason)
    # A screen the robot does not know leaves a diagnostic that the report names.
    assert bool(first.diagnostic) is (row.reason == "unknown_screen")
    assert all((out / path).is_file() for path in first.diagnostic)
    assert journal_of(out, row.member) == row.journal
    person = mock.person(row.member)
    assert person["state"] == row.state
    assert person["submissions"]["opposition"] == (1 if row.state == "opposed" else 0)

    mock.faults(clear=True)
    if row.between is not None:
        row.between(mock)
    second = run_once(robot, member, row, with_fault=False)
    if row.rerun == "skipped":
        assert second.skipped and second.outcome in ("opposed", "already_opposed")
    else:
        assert (second.outcome, second.skipped) == (row.rerun, False)
    person = mock.person(row.member)
    assert person["state"] == "opposed"
    assert person["submissions"]["opposition"] == 1  # never twice
