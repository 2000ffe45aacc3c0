"""Running the robot's flow against the mock, in a fresh context of the session's browser."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

from automation.browser import OriginGuard, site_context
from automation.code_readers import MaildirReader
from automation.evidence import EvidenceFolder
from automation.member import Member
from automation.tracing import Tracer
from flows.member_flow import MemberFlow
from flows.options import FlowOptions
from flows.outcome import Result
from flows.ports import CodeReader
from tests.support.seed import identity, seed_people


def member_for(person_id: str, **changes: Any) -> Member:
    """The seed person as the robot is given them; for a minor, the guardian's card."""
    person = seed_people()[person_id]
    who = identity(person_id)
    values: dict[str, Any] = {
        "id": person_id,
        "first_name": person["first_name"],
        "last_name": person["last_name"],
        "birth_date": person["birth_date"],
        "card_model": who["card_model"],
        "nir": who["nir"],
        "card_serial": who["serial"],
        "code": person.get("code"),
        "minor": bool(person.get("guardian")),
    }
    values.update(changes)
    return Member(**values)


@dataclass
class FakePerson:
    """Someone at the keyboard: answers confirmations, and does hand-overs with `act`."""

    answer: bool = True
    act: Callable[[Page], None] | None = None
    page: Page | None = None
    handed: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)

    def hand_over(self, what: str) -> bool:
        self.handed.append(what)
        if self.act is None or self.page is None:
            return False
        self.act(self.page)
        return True

    def confirm(self, question: str) -> bool:
        self.asked.append(question)
        return self.answer


@dataclass
class RobotRun:
    result: Result
    page: Page
    guard: OriginGuard
    evidence: EvidenceFolder


class Robot:
    def __init__(self, browser: Browser, base_url: str, outbox: Path, out: Path) -> None:
        self.browser = browser
        self.base_url = base_url
        self.outbox = outbox
        self.out = out

    def options(self, **changes: Any) -> FlowOptions:
        values: dict[str, Any] = {
            "base_url": self.base_url,
            "confirmed": True,
            "load_timeout_ms": 10_000,
            "recognise_timeout_ms": 3_000,
            "member_deadline_s": 60,
            "backoff_s": 0.01,
        }
        values.update(changes)
        return FlowOptions(**values)

    def run(
        self,
        member: Member,
        reader: CodeReader | str | None = "maildir",
        person: FakePerson | None = None,
        trace: bool = False,
        **options: Any,
    ) -> RobotRun:
        if reader == "maildir":
            reader = MaildirReader(self.outbox, timeout_s=5)
        context, guard = site_context(self.browser, self.base_url)
        try:
            page = context.new_page()
            if person is not None:
                person.page = page
            evidence = EvidenceFolder(self.out, member.id)
            tracer = Tracer(context, evidence.folder) if trace else None
            flow = MemberFlow(page, member, self.options(**options), evidence,
                              reader if not isinstance(reader, str) else None, person,
                              recorder=tracer)  # fmt: skip
            result = flow.run()
            if tracer is not None:
                tracer.close()
            return RobotRun(result, page, guard, evidence)
        finally:
            context.close()
