"""A member's line in what a run leaves: what was asked, what came of it, the proof, and
what the family should know (a deadline near, a site not checked, origins refused)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flows.outcome import ACHIEVED


@dataclass
class MemberReport:
    id: str
    action: str
    outcome: str
    reason: str | None = None
    detail: str | None = None
    deadline: str | None = None
    evidence: list[str] = field(default_factory=list)
    started: str | None = None
    finished: str | None = None
    skipped: bool = False  # done in an earlier run: nothing was clicked this time
    # A screen the robot did not know, masked, to share so the contract can be updated.
    diagnostic: list[str] = field(default_factory=list)
    settled: str | None = None  # an earlier run stopped between intent and result
    name: str = ""  # beside the label in the report the family reads (never in logs)
    site: str | None = None  # the address, when it is not the official site nor this machine
    unchecked: bool = False  # run without the look at the site first (--skip-check)
    allowed: list[str] = field(default_factory=list)  # origins the person allowed
    # Origins the site asked for and the robot refused (a failed member's, to say which).
    blocked: dict[str, int] = field(default_factory=dict)
    # From the journal, across runs into this folder: the first time the member was found
    # done ({date, outcome, evidence}), and every attempt after it ({date, outcome, reason}).
    first_proof: dict[str, Any] | None = None
    checks: list[dict[str, Any]] = field(default_factory=list)


def deadline_warning(deadline: str | None, outcome: str, today: date) -> str | None:
    """'past' or 'near' (a week or less) for a member not yet done; None otherwise."""
    if deadline is None or outcome in ACHIEVED:
        return None
    day = date.fromisoformat(deadline)
    if day < today:
        return "past"
    return "near" if (day - today).days <= 7 else None


# Who needs the family comes first: a person to step in, then a run to repeat (failed, or
# stopped on its way: interrupted, not reached); each group, and the rest after them, in
# the order the members were run.
INTERRUPTED = "interrupted"  # a stopped run's member it was on (output/stopped.py)
NOT_REACHED = "not_reached"  # a stopped run's member it had not started
NEEDS_FAMILY = ("needs_human", "failed", INTERRUPTED, NOT_REACHED)


def needs_family_first(reports: list[MemberReport]) -> list[MemberReport]:
    """The members in the order the family reads them: those who need it first."""

    def rank(report: MemberReport) -> int:
        if report.outcome in NEEDS_FAMILY:
            return NEEDS_FAMILY.index(report.outcome)
        return len(NEEDS_FAMILY)

    return sorted(reports, key=rank)  # sorted is stable: run order within a group
