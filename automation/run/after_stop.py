"""After a run stopped on its way (Ctrl-C, SIGTERM): every selected member is still said,
on the terminal and in the report. Those the run finished (or found done earlier) keep
their line; the one it was on is `interrupted`, with what is known (its final step sent
and the answer not seen, from the journal; otherwise the last screen it was on); the rest
are `not_reached`. Each keeps its deadline: a member not done still has one to meet."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import structlog

from automation.output.journal import Journal
from automation.output.member_report import MemberReport
from automation.output.stopped import ANSWER_NOT_SEEN, INTERRUPTED, NOT_REACHED, STOPPED_AT
from automation.run.context import RunContext
from automation.run.runner import ProgressListener, deadline_of
from flows.member import Member

log = structlog.get_logger("mes_optout.run")


class Whereabouts:
    """The run's progress listener, passed through: it also keeps the last screen each
    member was seen on, the one thing a stop leaves to say where a member was. Once the
    run is stopped it passes nothing on: with --parallel, a worker thread may still end
    its member after the stop (its browser gone with the Ctrl-C), and that late line
    would contradict the summary already said."""

    def __init__(self, inner: ProgressListener) -> None:
        self.inner = inner
        self.last_screen: dict[str, str] = {}
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True

    def screen(self, member: str, name: str) -> None:
        if not self.stopped:
            self.last_screen[member] = name
            self.inner.screen(member, name)

    def waiting(self, member: str, seconds: int) -> None:
        if not self.stopped:
            self.inner.waiting(member, seconds)

    def outcome(self, report: MemberReport) -> None:
        if not self.stopped:
            self.inner.outcome(report)


def not_finished(
    members: list[Member],
    finished: dict[str, MemberReport],
    whereabouts: Whereabouts,
    journal: Journal,
    run: RunContext,
) -> list[MemberReport]:
    """The selected members the stopped run has no line for, in the run's order: the one
    (or, in parallel, those) it had started, then those it never reached."""
    now = datetime.now(UTC).isoformat()
    left = []
    for member in members:
        if member.id in finished:
            continue
        screen = whereabouts.last_screen.get(member.id)
        reason: str | None = None
        detail: str | None = None
        if screen is not None:
            try:
                pending = journal.interrupted(member.id)
            except (OSError, sqlite3.Error):  # unreadable: the screen is still known
                pending = None
            reason, detail = (ANSWER_NOT_SEEN, pending) if pending else (STOPPED_AT, screen)
        report = MemberReport(
            member.id, member.action, INTERRUPTED if screen is not None else NOT_REACHED,
            reason, detail, deadline_of(member), finished=now if screen else None,
            name=member.full_name, site=run.unofficial_site, unchecked=run.unchecked,
        )  # fmt: skip
        left.append(report)
        log.info("member_not_finished", member=member.id, outcome=report.outcome, reason=reason)
    return left
