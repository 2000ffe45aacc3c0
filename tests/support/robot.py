"""Running a member through the product's runner against the mock, in a fresh context of
the session's browser."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page

from automation.browser.session import OriginGuard
from automation.codes.readers import MaildirReader
from automation.config.household import Household
from automation.output.journal import Journal
from automation.output.private import private_dir
from automation.run.context import RunContext
from automation.run.progress import summary_line
from automation.run.runner import HouseholdRunner, MemberReport
from flows.member import Member
from flows.options import FlowOptions
from flows.outcome import Result
from flows.ports import CodeReader
from tests.support.seed import identity, seed_people


def reachable_by_email_only(mock: Any) -> Member:
    """Jules, whose caisse holds an e-mail address and no phone number, and who asked for
    a new code by SMS: the site must send it by e-mail."""
    mock.add_person(id="jules", first_name="Jules", last_name="Faure", birth_date="1988-07-14",
                    nir="1 88 07 31 555 123 62", card_model="sans_photo", card_serial="87654321",
                    email="jules.faure@example.org", invited_on="2026-11-10")  # fmt: skip
    return Member.model_validate(
        {"id": "jules", "first_name": "Jules", "last_name": "Faure", "birth_date": "1988-07-14",
         "card_model": "sans_photo", "nir": "1 88 07 31 555 123 62", "card_serial": "87654321",
         "channel": "sms"}
    )  # fmt: skip


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

    def hand_over(self, task: str) -> bool:
        self.handed.append(task)
        if self.act is None or self.page is None:
            return False
        self.act(self.page)
        return True

    def confirm(self, question: str, name: str) -> bool:
        self.asked.append(f"{question}:{name}")
        return self.answer


@dataclass
class RobotRun:
    result: Result
    report: MemberReport
    guard: OriginGuard
    folder: Path  # the member's evidence folder of this run (its receipt is always there)

    @property
    def said(self) -> str:
        """The result line the person reads for this member, as the command prints it."""
        return summary_line(self.report, "fr")


class Robot:
    """A member run through the product's own runner (journal, evidence, receipt, report
    line), in a fresh context of the session's browser."""

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
        on_context: Callable[[BrowserContext], object] | None = None,
        journal: Journal | None = None,
        unofficial_site: str | None = None,
        **options: Any,
    ) -> RobotRun:
        """The member, run whatever the journal says (tests run a person again on purpose:
        the site, not the journal, decides). `journal`: one to use instead of the folder's."""
        runner, report, guards = self._run(
            member, reader, person, trace, on_context, True, options, journal, unofficial_site
        )
        receipt = next(f for f in report.evidence if f.endswith("receipt.json"))
        folder = (self.out / receipt).parent
        return RobotRun(runner.results[member.id], report, guards[0], folder)

    def report(
        self,
        member: Member,
        on_context: Callable[[BrowserContext], object] | None = None,
        **options: Any,
    ) -> MemberReport:
        """The member as `mes-optout run` does it: skipped when the journal has it done."""
        _, report, _ = self._run(member, "maildir", None, False, on_context, False, options)
        return report

    def _run(
        self,
        member: Member,
        reader: CodeReader | str | None,
        person: FakePerson | None,
        trace: bool,
        on_context: Callable[[BrowserContext], object] | None,
        force: bool,
        options: dict[str, Any],
        journal: Journal | None = None,
        unofficial_site: str | None = None,
    ) -> tuple[HouseholdRunner, MemberReport, list[OriginGuard]]:
        if reader == "maildir":
            reader = MaildirReader(self.outbox, timeout_s=5)
        flow = self.options(**options)
        run = RunContext(flow=flow, out=self.out, force=force, trace=trace,
                         unofficial_site=unofficial_site)  # fmt: skip
        journal = journal or Journal(private_dir(self.out) / "journal.sqlite")
        guards: list[OriginGuard] = []

        def prepare(context: BrowserContext, guard: OriginGuard) -> None:
            guards.append(guard)
            if person is not None:
                context.on("page", lambda page: setattr(person, "page", page))
            if on_context is not None:
                on_context(context)

        try:
            runner = HouseholdRunner(Household("test", [member]), run, journal,
                                     reader if not isinstance(reader, str) else None, person)  # fmt: skip
            runner.on_context = prepare
            [report] = runner.run(self.browser)
        finally:
            journal.close()
        return runner, report, guards
