"""Which screen is showing: every known screen at once, waited for as one locator.

Order matters: dialogs sit on top of pages, and what the site says (an error, a state)
wins over the page it is said on.
"""

from __future__ import annotations

from functools import reduce
from typing import TypeVar

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from flows.answer import Waiter
from flows.pages import SCREENS, interstitials
from flows.pages.base import Names, Screen
from flows.pages.marks import parse_snapshot

S = TypeVar("S", bound=Screen)


class Detector:
    def __init__(self, page: Page, names: Names, waiter: Waiter) -> None:
        self.page = page
        self.screens = [kind(page, names, waiter) for kind in SCREENS]
        if not waiter.asides:
            # What the watcher answers on its own while a step is on its way.
            waiter.asides = [
                self.screen(interstitials.CookiePanel).aside(),
                self.screen(interstitials.LeaveDialog).aside(),
            ]
        self._any = reduce(lambda a, b: a.or_(b), (s.signature() for s in self.screens))

    def screen(self, kind: type[S]) -> S:
        """The detector's own page object of that kind."""
        return next(s for s in self.screens if isinstance(s, kind))

    def detect(self, load_timeout_ms: float, recognise_timeout_ms: float) -> Screen | None:
        """The screen showing, once the page has loaded; None when nothing known shows.

        Raises PlaywrightTimeout when the page itself does not load in time."""
        self.page.wait_for_load_state("domcontentloaded", timeout=load_timeout_ms)
        screen = self._recognise()
        if screen is not None or self.page.url.startswith("chrome-error://"):
            return screen  # the browser's own error page will not turn into a screen
        # Nothing known yet (a page still rendering, a panel on its way): wait for any
        # known mark to show, then look again.
        try:
            self._any.filter(visible=True).first.wait_for(
                state="visible", timeout=recognise_timeout_ms
            )
        except PlaywrightTimeout:
            return None
        return self._recognise()

    def _recognise(self) -> Screen | None:
        for _ in range(3):
            try:
                # One accessibility snapshot, then every screen is tested against it.
                nodes = parse_snapshot(self.page.aria_snapshot())
            except PlaywrightError:
                continue  # the page changed under us (a navigation): look again
            screen = next((s for s in self.screens if s.shows_in(nodes)), None)
            if screen is not None:
                screen.nodes = nodes  # what it shows, for its questions: no second look
            return screen
        return None
