"""Exit statuses of `mes-optout`, one meaning each."""

from enum import IntEnum

from flows.outcome import Outcome


class ExitStatus(IntEnum):
    DONE = 0  # done, already done, or a dry run
    FAILED = 1
    BAD_INPUT = 2
    NEEDS_HUMAN = 3
    SITE_UNAVAILABLE = 4  # the site was in maintenance throughout: nothing was typed
    INTERRUPTED = 130

    @classmethod
    def of(cls, outcome: Outcome) -> "ExitStatus":
        if outcome is Outcome.FAILED:
            return cls.FAILED
        if outcome is Outcome.NEEDS_HUMAN:
            return cls.NEEDS_HUMAN
        return cls.DONE
