"""The mock's own clock: every deadline of the site (six weeks, code expiry, 30-second
rate limit, lockouts, session idle time) is measured on it, so tests move time instead
of waiting for it."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


class MockClock:
    """Site time = a start instant + the real time elapsed since, unless frozen.

    Running by default so a person exploring the mock sees time pass; tests jump it
    (`set_today`, `advance`) or freeze it when they need exact instants.
    """

    def __init__(self, start: datetime | None = None) -> None:
        self._initial = start
        self.reset()

    def reset(self) -> None:
        self._anchor = self._initial or datetime.now(PARIS)
        self._anchor_mono = time.monotonic()
        self._frozen = False

    def now(self) -> datetime:
        if self._frozen:
            return self._anchor
        return self._anchor + timedelta(seconds=time.monotonic() - self._anchor_mono)

    def today(self) -> date:
        return self.now().astimezone(PARIS).date()

    def _rebase(self, instant: datetime) -> None:
        self._anchor = instant
        self._anchor_mono = time.monotonic()

    def set_now(self, instant: datetime) -> None:
        self._rebase(instant if instant.tzinfo else instant.replace(tzinfo=PARIS))

    def set_today(self, day: date) -> None:
        """Jump to `day`, keeping the time of day (a morning stays a morning)."""
        current = self.now().astimezone(PARIS)
        self._rebase(datetime.combine(day, current.timetz()))

    def advance(self, delta: timedelta) -> None:
        self._rebase(self.now() + delta)

    def freeze(self, frozen: bool) -> None:
        self._rebase(self.now())
        self._frozen = frozen

    @property
    def frozen(self) -> bool:
        return self._frozen
