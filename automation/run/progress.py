"""What a run shows while it works: a live line per member (its screen, then its outcome)
on a terminal, plain lines elsewhere; and the result line each member ends with.

Everything here is printed through rich, which reads « [bold] » as markup: what comes from
the household file or the site (ids, the site's words, addresses) is escaped, so it is
shown as typed and never garbles or hides the line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pydantic import SecretStr
from rich.console import Console
from rich.live import Live
from rich.markup import escape
from rich.table import Table

from automation import messages
from automation.messages import text as say
from automation.messages.dry_run import dry_run_key
from automation.output.member_report import MemberReport
from automation.output.report import readable_day
from automation.output.stopped import STOPPED, stopped_outcome, stopped_reason
from flows.outcome import ACHIEVED
from flows.ports import CodeReader, CodeRequest


class ProgressView:
    """A line per member with its current screen and outcome; plain lines off a terminal."""

    def __init__(self, console: Console, members: list[str], lang: str) -> None:
        self.console = console
        self.lang = lang
        self.state = dict.fromkeys(members, "…")
        self.live = (
            Live(self._table(), console=console, auto_refresh=False)
            if console.is_terminal
            else None
        )

    def _table(self) -> Table:
        table = Table(show_header=False, box=None)
        for member, state in self.state.items():
            table.add_row(escape(member), state)  # states are ours or escaped already
        return table

    def _show(self, member: str, shown: str, print_plain: bool) -> None:
        self.state[member] = shown
        if self.live is not None:
            self.live.update(self._table(), refresh=self.live.is_started)
        elif print_plain:
            said = messages.text("result", self.lang, who=escape(member), outcome=shown)
            self.console.print(said)

    def screen(self, member: str, name: str) -> None:
        """The screen a member is on, in a person's words: the live table only (plain
        output stays short)."""
        self._show(member, escape(messages.screen(name, self.lang)), print_plain=False)

    def waiting(self, member: str, seconds: int) -> None:
        """The site asked to wait before the step is done again: said, on a terminal or not
        (a silent pause would look like a hang)."""
        self._show(member, say("waiting", self.lang, seconds=str(seconds)), print_plain=True)

    def outcome(self, report: MemberReport) -> None:
        shown = summary_line(report, self.lang).split(":", 1)[1].strip()
        self._show(report.id, shown, print_plain=True)

    @contextmanager
    def paused(self) -> Iterator[None]:
        """The live table steps aside while the person is asked something: it would
        redraw over the question, and read « [o/N] » as markup."""
        if self.live is None or not self.live.is_started:
            yield
            return
        self.live.stop()
        try:
            yield
        finally:
            self.live.start(refresh=True)

    def __enter__(self) -> ProgressView:
        if self.live is not None:
            self.live.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live is not None:
            self.live.stop()


class AnnouncedReader:
    """A code reader that waits (a mailbox, a program): the wait is said as it begins, up
    to how long; it may last minutes, and a silent one looks like a hang. The prompt,
    itself a question, is not wrapped."""

    def __init__(self, reader: CodeReader, console: Console, lang: str, timeout_s: float):
        self.reader, self.console, self.lang, self.timeout_s = reader, console, lang, timeout_s

    def prepare(self) -> None:
        self.reader.prepare()

    def read(self, request: CodeRequest) -> SecretStr | None:
        key = "waiting_login_code" if request.kind == "login" else "waiting_code"
        self.console.print(say(key, self.lang, seconds=f"{self.timeout_s:.0f}"))
        return self.reader.read(request)


def summary_line(report: MemberReport, lang: str) -> str:
    """The member's result line, ready for rich: escaped, as the file and the site said it."""
    return escape(plain_summary(report, lang))


def plain_summary(report: MemberReport, lang: str) -> str:
    if report.outcome in STOPPED:
        return stopped_summary(report, lang)
    shown = (
        dry_run_stop(report.detail, lang)
        if report.outcome == "dry_run"
        else messages.outcome(report.outcome, lang)
    )
    line = messages.text("result", lang, who=report.id, outcome=shown)
    if report.reason:
        why = messages.reason(report.reason, lang, report.detail)
        line += messages.text("because", lang, reason=why)
    if report.skipped:
        line += f" — {say('skipped', lang)}"
    if report.settled and report.outcome in ACHIEVED:  # else the site could not tell
        line += f" — {say('settled', lang)}"
    if report.site:
        line += f" — {say('unofficial', lang, url=report.site)}"
    if report.unchecked:
        line += f" — {say('unchecked', lang)}"
    if report.allowed:
        line += f" — {say('allowed', lang, origins=', '.join(report.allowed))}"
    if report.blocked:
        origins = ", ".join(sorted(report.blocked))
        line += f" — {say('blocked', lang, origins=origins)}"
    if report.diagnostic:
        files = ", ".join(report.diagnostic)
        line += f" — {messages.text('diagnostic_in', lang, files=files)}"
    return line


def stopped_summary(report: MemberReport, lang: str) -> str:
    """A member a stopped run did not finish: where it was, and the deadline still ahead."""
    line = messages.text("result", lang, who=report.id, outcome=stopped_outcome(report, lang))
    where = stopped_reason(report, lang)
    if where:
        line += messages.text("because", lang, reason=where)
    if report.deadline:
        line += f" — {say('stopped_deadline', lang, day=readable_day(report.deadline))}"
    return line


def dry_run_stop(detail: str | None, lang: str) -> str:
    """Where a dry run stopped, from the flow's detail, and what the real run does there."""
    return say(dry_run_key(detail), lang)
