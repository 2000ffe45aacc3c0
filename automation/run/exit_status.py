"""Exit statuses of `mes-optout`, one meaning each."""

from collections.abc import Iterable
from enum import IntEnum

from flows.outcome import Outcome


class ExitStatus(IntEnum):
    DONE = 0  # done, already done, or a dry run
    FAILED = 1
    BAD_INPUT = 2
    NEEDS_HUMAN = 3
    SITE_UNAVAILABLE = 4  # in maintenance throughout, or unreachable: nothing was typed
    INTERRUPTED = 130

    @classmethod
    def of(cls, outcomes: Iterable[str]) -> "ExitStatus":
        """The run's status from its members' outcomes: a failure wins over a person
        needed, which wins over done."""
        seen = set(outcomes)
        if Outcome.FAILED.value in seen:
            return cls.FAILED
        if Outcome.NEEDS_HUMAN.value in seen:
            return cls.NEEDS_HUMAN
        return cls.DONE
