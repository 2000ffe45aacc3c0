"""Outcomes are data: what happened to one member, and why when it did not go well."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Outcome(StrEnum):
    OPPOSED = "opposed"
    ALREADY_OPPOSED = "already_opposed"
    CLOSED = "closed"
    ALREADY_CLOSED = "already_closed"
    DRY_RUN = "dry_run"
    NEEDS_HUMAN = "needs_human"
    FAILED = "failed"

    @property
    def done(self) -> bool:
        """Nothing more to do for this member (a dry run counts: it did what was asked)."""
        return self not in (Outcome.NEEDS_HUMAN, Outcome.FAILED)


@dataclass
class Result:
    outcome: Outcome
    # A stable key (identity_not_found, code_expired, site_unavailable...) for machines;
    # the sentence for people comes from automation/messages.py.
    reason: str | None = None
    detail: str | None = None
    evidence: list[Path] = field(default_factory=list)
    screens: list[str] = field(default_factory=list)
    # An unknown screen's masked snapshot and screenshot, to share to update the contract.
    diagnostic: list[Path] = field(default_factory=list)
