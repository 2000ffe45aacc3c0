"""The household run: one browser, a fresh context per member, children before their
guardian, the journal around every irreversible click, and what each member came to.

With `parallel` > 1, each worker thread launches and drives its own browser, through
Playwright's pipe: Playwright's sync API belongs to the thread that started it, and
sharing one browser between threads would take a DevTools port on loopback, which any
program of the computer could use to read or type in a member's page. One browser a
worker costs memory (~150 MB each) and a second to start, for a handful of workers.
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

import structlog
from playwright.sync_api import Browser, BrowserContext
from playwright.sync_api import Error as PlaywrightError

from automation import messages
from automation.browser.environment import forget_secrets
from automation.browser.interrupt import INTERRUPTED
from automation.browser.secret_typing import OwnSiteTyping
from automation.browser.session import BrowserSession, Handover, OriginGuard, site_context
from automation.browser.tracing import Tracer
from automation.config.household import Household
from automation.output.evidence import EvidenceFolder
from automation.output.journal import Journal
from automation.output.member_report import MemberReport
from automation.run.context import RunContext
from automation.run.stops import SiteChanged
from flows.member import Member
from flows.member_flow import MemberFlow
from flows.options import FlowOptions
from flows.outcome import Outcome, Result
from flows.ports import CodeReader, Person
from flows.site_check import needs_any

log = structlog.get_logger("mes_optout.runner")


# The look: (browser, the routes of the members, the lead member or None) -> the screens
# found changed, and the lead's page when the look handed it over.
SiteLook = Callable[[Browser, frozenset[int], Member | None], tuple[list[str], Handover | None]]


class Reaching:
    """A site that could not be reached for a member (the first page never came: nothing
    seen, nothing typed) is tried again with the run's backoff, as the flow does for a
    connection lost on the way, before the member is given up."""

    def __init__(self, options: FlowOptions) -> None:
        self.options = options
        self.tries = 0  # tries again, after the first
        self.started = time.monotonic()
        self._backoff = threading.Event()  # backoff waits on it; nothing ever sets it

    @staticmethod
    def unreached(result: Result) -> bool:
        return result.reason == "network" and not result.screens

    def again(self, result: Result) -> bool:
        """Whether to try again, after the backoff's wait."""
        if not self.unreached(result) or self.tries >= self.options.retries:
            return False
        self.tries += 1
        # A deliberate backoff before asking the site again, not a wait for a page.
        self._backoff.wait(self.options.backoff_s * 2 ** (self.tries - 1))
        return True

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started


class ProgressListener(Protocol):
    def screen(self, member: str, name: str) -> None: ...

    def waiting(self, member: str, seconds: int) -> None: ...

    def outcome(self, report: MemberReport) -> None: ...


class NoProgress:
    def screen(self, member: str, name: str) -> None:
        return None

    def waiting(self, member: str, seconds: int) -> None:
        return None

    def outcome(self, report: MemberReport) -> None:
        return None


def deadline_of(member: Member) -> str | None:
    return member.deadline.isoformat() if member.deadline else None


class HouseholdRunner:
    def __init__(
        self,
        household: Household,
        run: RunContext,
        journal: Journal,
        code_reader: CodeReader | None,
        person: Person | None,
        progress: ProgressListener | None = None,
    ) -> None:
        self.household = household
        self.run_context = run
        self.journal = journal
        self.code_reader = code_reader
        self.person = person
        self.progress = progress or NoProgress()
        self.reports: dict[str, MemberReport] = {}
        # What each member's flow returned, with the screens it went through (tests read it).
        self.results: dict[str, Result] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()  # Ctrl-C in a parallel run: workers stop
        # Called with each member's fresh context and its origin guard before the flow
        # starts (tests route the context, or look at what the guard blocked).
        self.on_context: Callable[[BrowserContext, OriginGuard], None] | None = None
        # A look at the site with the run's own browser before the first member: the
        # screens found changed (none: all well). Members who need one are held; when no
        # member is left, the run stops (SiteChanged) before anyone's data is typed. Given
        # a lead member, it may hand over that member's page where its last walk left it.
        self.site_check: SiteLook | None = None
        self._handover: tuple[str, Handover] | None = None

    def selected(self) -> list[Member]:
        members = self.household.ordered()
        if self.run_context.only:
            members = [m for m in members if m.id in self.run_context.only]
        return members

    def run(self, browser: Browser | None = None) -> list[MemberReport]:
        """Every selected member, in order; already-done ones are reported, not redone.
        `browser`: one to use instead of starting one (tests share theirs)."""
        todo = []
        for member in self.selected():
            previous = None if self.run_context.force else self.journal.done(member.id)
            if previous is not None:
                skipped = MemberReport(
                    member.id, member.action, previous.outcome or "", previous.reason,
                    deadline=deadline_of(member), evidence=previous.evidence,
                    started=previous.started, finished=previous.finished, skipped=True,
                    name=member.full_name, site=self.run_context.unofficial_site,
                    unchecked=self.run_context.unchecked,
                )  # fmt: skip
                self._report(skipped)
                self.progress.outcome(skipped)
            else:
                todo.append(member)
        if todo and browser is not None:
            for member in self._check_site(browser, todo, lead=True):
                self.run_member(browser, member)
        elif todo:
            if self.run_context.parallel > 1 and len(todo) > 1:
                self._run_parallel(todo)
            else:
                self._run_sequential(todo)
        return [self.reports[m.id] for m in self.selected() if m.id in self.reports]

    def _report(self, report: MemberReport) -> None:
        with self._lock:
            self.reports[report.id] = report

    def _session(self) -> BrowserSession:
        return BrowserSession(
            headed=self.run_context.headed,
            slow_mo_ms=self.run_context.slow_mo_ms,
            browser_path=self.run_context.browser_path,
            secrets=self.household.secrets(),
        )

    def _check_site(self, browser: Browser, members: list[Member], lead: bool) -> list[Member]:
        """The look at the site before the first member: the members to run. Those whose
        way through the site passes a screen found changed are held (nothing typed for
        them, said why); the run stops for everyone only when no member is left. `lead`:
        the first member may go on from the look's page (members run in this thread)."""
        if self.site_check is None:
            return members
        routes = frozenset(member.route for member in members)
        missing, handover = self.site_check(browser, routes, members[0] if lead else None)
        if handover is not None:
            self._handover = (members[0].id, handover)
        if not missing:
            return members
        held = [m for m in members if needs_any(m.route, missing)]
        if len(held) == len(members):
            raise SiteChanged
        for member in held:
            self._hold(member, missing)
        return [m for m in members if m not in held]

    def _hold(self, member: Member, missing: list[str]) -> None:
        now = datetime.now(UTC).isoformat()
        detail = ", ".join(missing)
        try:
            attempt = self.journal.start(member.id, member.action)
            self.journal.finish(attempt, Outcome.NEEDS_HUMAN.value, "site_changed", [])
        except OSError:
            log.warning("journal_hold_failed", member=member.id)
        report = MemberReport(
            member.id, member.action, Outcome.NEEDS_HUMAN.value, "site_changed", detail,
            deadline_of(member), [], now, now, name=member.full_name,
            site=self.run_context.unofficial_site,
        )  # fmt: skip
        self._report(report)
        self.progress.outcome(report)

    def _run_sequential(self, members: list[Member]) -> None:
        with self._session() as session:
            for member in self._check_site(session.ready(), members, lead=True):
                self.run_member(session.ready(), member)

    def _run_parallel(self, members: list[Member]) -> None:
        # A guardian waits for their children: closing the guardian's account first
        # could lose the way to the children's profiles.
        work: queue.Queue[Member] = queue.Queue()
        children: dict[str, list[str]] = {}
        for child, guardian in self.household.guardians.items():
            children.setdefault(guardian, []).append(child)
        errors: list[BaseException] = []

        if self.site_check is not None:
            with self._session() as session:
                assert session.browser is not None
                members = self._check_site(session.browser, members, lead=False)
        for member in members:
            work.put(member)
        finished: dict[str, threading.Event] = {m.id: threading.Event() for m in members}
        # Here, before the workers: each one's session would do it too, but os.environ
        # is one dict, not to be changed by one thread while another reads it.
        forget_secrets(os.environ, self.household.secrets())

        def worker() -> None:
            try:
                with self._session() as own:
                    while not self._stopping.is_set():
                        try:
                            member = work.get_nowait()
                        except queue.Empty:
                            return
                        for child in children.get(member.id, []):
                            if child in finished:
                                finished[child].wait()
                        try:
                            self.run_member(own.ready(), member)
                        finally:
                            finished[member.id].set()
            except BaseException as error:  # surfaced in the main thread below
                errors.append(error)

        threads = [
            threading.Thread(target=worker, name=f"member-worker-{n}", daemon=True)
            for n in range(min(self.run_context.parallel, len(members)))
        ]
        for thread in threads:
            thread.start()
        try:
            for thread in threads:
                thread.join()
        except KeyboardInterrupt:
            # No worker may still be inside Playwright as the interpreter ends (it crashed
            # so, once in a while): they take no new member and end the one they are on.
            self._stopping.set()
            for thread in threads:
                thread.join(timeout=self.run_context.flow.load_timeout_ms / 1000)
            raise
        if errors:
            raise errors[0]

    def run_member(self, browser: Browser, member: Member) -> MemberReport:
        settled = self.journal.interrupted(member.id)
        try:
            attempt = self.journal.start(member.id, member.action)
        except OSError:
            attempt = 0  # a full disk: the flow will refuse the final click, and say why
        started = datetime.now(UTC).isoformat()
        self.progress.screen(member.id, "start")
        handover, self._handover = self._handover, None
        if handover is not None and handover[0] != member.id:
            with contextlib.suppress(PlaywrightError):
                handover[1].context.close()
            handover = None
        evidence = EvidenceFolder(self.run_context.out, member.id)
        reaching = Reaching(self.run_context.flow)
        try:
            while True:
                result, url, blocked = self._attempt(
                    browser, member, evidence, handover[1] if handover else None
                )
                handover = None
                if self._stopping.is_set():  # a worker's member, stopped under it: no outcome
                    raise KeyboardInterrupt
                if not reaching.again(result):
                    break
                log.info("site_unreachable_retry", member=member.id, attempt=reaching.tries)
        except KeyboardInterrupt:
            INTERRUPTED.set()  # what Playwright's loop leaves unread is no news now
            self.journal.finish(attempt, "interrupted", None, [])
            raise
        if reaching.tries and reaching.unreached(result):
            result.detail = messages.text("unreachable_tried", self.run_context.lang,
                                          tries=str(reaching.tries + 1),
                                          seconds=f"{reaching.seconds:.0f}")  # fmt: skip
        return self._record(member, attempt, result, evidence, started, url, settled, blocked)

    def _attempt(
        self, browser: Browser, member: Member, evidence: EvidenceFolder, way_in: Handover | None
    ) -> tuple[Result, str, dict[str, int]]:
        """The member's flow in a context of their own (`way_in`: the look's, already on
        the site's way in): what it came to, the last address, what was blocked."""
        options = self.run_context.flow
        if way_in is not None:
            context, guard, page = way_in.context, way_in.guard, way_in.page
        else:
            context, guard = site_context(browser, options.base_url, options.allowed_origins)
            page = None
        if self.on_context is not None:
            self.on_context(context, guard)
        evidence.blocked = guard.blocked
        tracer = (
            Tracer(context, evidence.folder, member.secrets()) if self.run_context.trace else None
        )
        try:
            flow_page = page or context.new_page()
            # Told before every secret is typed: refuses an origin not the site's own.
            typing = OwnSiteTyping(flow_page, options.base_url, tracer)
            flow = MemberFlow(
                flow_page, member, self._options(), evidence, self.code_reader, self.person,
                self.journal, on_screen=self.progress.screen, recorder=typing,
                on_wait=self.progress.waiting,
            )  # fmt: skip
            result = flow.run(from_home=page is None)
            url = flow.page.url.split("?", 1)[0]
            if tracer is not None:
                tracer.close()
        finally:
            # After Ctrl-C the driver may be gone too: closing must not hide why we stop.
            with contextlib.suppress(PlaywrightError):
                context.close()
        return result, url, dict(guard.blocked)

    def _options(self) -> FlowOptions:
        # Each member gets its own copy: a confirmation given for one is not for all.
        options = self.run_context.flow
        return FlowOptions(**{**options.__dict__})

    def _record(
        self,
        member: Member,
        attempt: int,
        result: Result,
        evidence: EvidenceFolder,
        started: str,
        url: str,
        settled: str | None,
        blocked: dict[str, int] | None = None,
    ) -> MemberReport:
        finished = datetime.now(UTC).isoformat()
        with self._lock:
            self.results[member.id] = result
        try:
            receipt = [evidence.receipt({
                "member": member.id, "action": member.action, "outcome": result.outcome.value,
                "reason": result.reason, "started": started, "finished": finished, "url": url,
            })]  # fmt: skip
        except OSError:
            # A full disk loses the receipt, never what was done: the journal still says it.
            receipt = []
            result.reason = result.reason or "evidence"
        files = [str(p.relative_to(self.run_context.out)) for p in [*result.evidence, *receipt]]
        try:
            self.journal.finish(attempt, result.outcome.value, result.reason, files)
        except OSError:
            log.warning("journal_finish_failed", member=member.id)
        report = MemberReport(
            member.id, member.action, result.outcome.value, result.reason, result.detail,
            deadline_of(member), files, started, finished, settled=settled, name=member.full_name,
            site=self.run_context.unofficial_site, unchecked=self.run_context.unchecked,
            diagnostic=[str(p.relative_to(self.run_context.out)) for p in result.diagnostic],
            allowed=list(self.run_context.flow.allowed_origins),
            blocked=(blocked or {}) if not result.outcome.done else {},
        )  # fmt: skip
        self._report(report)
        self.progress.outcome(report)
        log.info("member_done", member=member.id, outcome=result.outcome.value)
        return report
