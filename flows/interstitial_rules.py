"""What the contract says to do on each interstitial (screens.md, "Interstitials"), in one
place for whoever meets one: a member's flow, or the look at the site before the run.
Each says what starting again means for it (a member: their flow from the home page; the
look: its walk from the home page, looked at again) and how it reloads; the rules, their
bounds and their backoff are the same for both, so the look never takes a row of the
contract for a site that changed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Protocol

import structlog

from flows.options import Stop
from flows.outcome import Outcome, Result
from flows.pages import interstitials
from flows.pages.base import Screen

# « Veuillez attendre N secondes puis réessayez »: sat out this many times, then give up
# (rate_limited): a site that asks a third time will not answer the fourth either.
MAX_WAITS = 2


class Tally(Protocol):
    """How often the site was asked again: a member's Progress, or the look's Tries."""

    retries: int  # after maintenance, a generic error, a lost connection
    restarts: int  # after « Votre session a expiré »
    waits: int  # waits the site asked for, sat out


@dataclass
class Tries:
    """The look's own tally (a member's is its Progress)."""

    retries: int = 0
    restarts: int = 0
    waits: int = 0


class MeetsInterstitials(Protocol):
    """Whoever meets an interstitial: what starting again and reloading mean for it."""

    def start_again(self) -> None:
        """From the home page again (the contract's « start again »)."""
        ...

    def reload(self) -> None:
        """The same page asked for again (after maintenance)."""
        ...


class InterstitialRules:
    def __init__(
        self,
        tally: Tally,
        retries: int,
        backoff_s: float,
        log: structlog.stdlib.BoundLogger,
    ) -> None:
        self.tally = tally
        self.retries = retries
        self.backoff_s = backoff_s
        self.log = log
        self._backoff = threading.Event()  # backoff waits on it; nothing ever sets it

    def answer(self, screen: Screen | None, meets: MeetsInterstitials) -> bool:
        """True when `screen` is an interstitial, answered as the contract says. Raises
        Stop once the site has said the same thing past the bounds."""
        match screen:
            case interstitials.CookiePanel():
                screen.refuse()
            case interstitials.LeaveDialog():
                screen.stay()
            case interstitials.Maintenance():
                self.retry_later("site_unavailable")
                meets.reload()
            case interstitials.GenericError():
                # Start over rather than resubmit: the site then says where things stand.
                self.retry_later("site_unavailable")
                meets.start_again()
            case interstitials.SessionExpired():
                self.restart()
                meets.start_again()
            case interstitials.RateLimited():
                meets.start_again()  # a page of its own, its wait sat out: start over
            case _:
                return False
        return True

    def restart(self) -> None:
        """The session expired: counted; past the retries, Stop (session_expired)."""
        self.tally.restarts += 1
        if self.tally.restarts > self.retries:
            raise Stop(Result(Outcome.FAILED, reason="session_expired"))
        self.log.info("session_expired", attempt=self.tally.restarts)

    def retry_later(self, reason: str) -> None:
        """A growing backoff before the site is asked again; past the retries, Stop."""
        self.tally.retries += 1
        if self.tally.retries > self.retries:
            raise Stop(Result(Outcome.FAILED, reason=reason))
        # A deliberate backoff before asking the site again, not a wait for the page.
        delay = self.backoff_s * 2 ** (self.tally.retries - 1)
        self.log.info("retry", reason=reason, attempt=self.tally.retries, delay_s=delay)
        self._backoff.wait(delay)

    def sit_out(self, seconds: int) -> None:
        """The wait the site asked for, sat out; after MAX_WAITS of them, Stop
        (rate_limited)."""
        self.tally.waits += 1
        if self.tally.waits > MAX_WAITS:
            raise Stop(Result(Outcome.FAILED, reason="rate_limited"))
        self.log.info("site_asked_to_wait", seconds=seconds, attempt=self.tally.waits)
        # The site's own wait, read from its sentence: not a guess at how long a page takes.
        self._backoff.wait(seconds)
