"""What the steps beside the main loop (codes, the final step) may use of a member's flow:
this much, and no more. `MemberFlow` is one; the steps never import it, so the flow and
its helpers do not reach each other in a circle."""

from __future__ import annotations

from typing import Protocol

import structlog
from playwright.sync_api import Page

from flows.answer import Waiter
from flows.member import Member
from flows.options import FlowOptions, Progress
from flows.outcome import Outcome, Result
from flows.pages.base import Screen
from flows.ports import Evidence, Person


class StepContext(Protocol):
    page: Page
    member: Member
    options: FlowOptions
    progress: Progress
    evidence: Evidence
    person: Person | None
    waiter: Waiter  # presses and waits; a final step's presses are made once (pressed_once)
    log: structlog.stdlib.BoundLogger

    def fail(self, reason: str, outcome: Outcome = Outcome.FAILED) -> Result: ...

    def stuck(self, screen_name: str) -> Result: ...

    def again_with(self, screen: Screen) -> str | None:
        """The site's reason for showing this screen again, when it gave one."""
        ...

    def typing_secrets(self) -> None:
        """Called before a secret is typed (only on the site's own origins)."""
        ...

    def go_to_start(self) -> None:
        """From the home page again."""
        ...
