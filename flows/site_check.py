"""A look at the site before anyone's data is typed: the screens that need no identity,
each recognised with the robot's own page objects, and each label the robot relies on
there found or not. Nothing is typed; the only choice made is a card model (to reach the
identity form, which is looked at and left empty).

The walk that the run's first member takes comes last, with that member's card model: its
page is then where that member goes on (see `reached_lead`), not walked a second time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import structlog
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from flows.answer import Waiter
from flows.detect import Detector
from flows.interstitial_rules import InterstitialRules, Tries
from flows.member import Member
from flows.options import Stop
from flows.pages import account, entry, identity, interstitials
from flows.pages.base import Names, Screen
from flows.pages.marks import Mark

# The screens that need no identity, in the order the look reports them; what it looks
# for on each is what the screen declares it relies on (Screen.relies_on).
LOOKED_AT: tuple[type[Screen], ...] = (
    entry.Home, entry.ActivationWelcome, identity.CardModel, identity.Identity,
    entry.CloseOrOpposeEntry, account.SignIn,
)  # fmt: skip
RELIED_ON: dict[type[Screen], tuple[Mark, ...]] = {kind: kind.relies_on for kind in LOOKED_AT}
# Interstitials answered in a row before the screen beneath is taken as it shows (a cookie
# panel that comes back each time it is refused).
ASIDES_IN_A_ROW = 4

log = structlog.get_logger("mes_optout.site_check")


# The screens of the look that each way through the site passes (Member.route).
ROUTE_SCREENS: dict[int, frozenset[str]] = {
    1: frozenset({"home", "activation_welcome", "card_model", "identity"}),
    2: frozenset({"home", "sign_in"}),
    3: frozenset({"home", "activation_welcome", "close_or_oppose_entry", "card_model", "identity"}),
}


ALL_ROUTES = frozenset(ROUTE_SCREENS)


def needs_any(route: int, screens: list[str]) -> bool:
    """True when this way through the site passes one of these screens."""
    return bool(ROUTE_SCREENS[route] & set(screens))


class LookAgain(Exception):
    """An interstitial's rule says start again: the walk, from the home page."""


@dataclass
class LabelFound:
    kind: str
    label: str
    found: bool


@dataclass
class ScreenLooked:
    screen: str  # the screen expected there (a page object's name)
    recognised: bool
    seen_as: str | None = None  # what was recognised instead, if anything
    labels: list[LabelFound] = field(default_factory=list)
    diagnostic: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.recognised and all(label.found for label in self.labels)


class SiteCheck:
    def __init__(
        self,
        page: Page,
        base_url: str,
        timeout_ms: float,
        recognise_ms: float,
        diagnose: Callable[[Page], list[str]] | None = None,
        retries: int = 3,
        backoff_s: float = 2.0,
    ) -> None:
        self.page = page
        # The contract's interstitials, answered as a member's flow answers them; past
        # their bounds the site is down, which says nothing of its screens (`unavailable`).
        self.rules = InterstitialRules(Tries(), retries, backoff_s, log)
        self.unavailable = ""  # why the site was given up on (a reason key), if it was
        # The site's address answered nothing a browser can show (refused, unknown host).
        self.unreachable = False
        self.base_url = base_url
        self.timeout_ms = timeout_ms
        self.recognise_ms = recognise_ms
        self.diagnose = diagnose
        self.waiter = Waiter(page, timeout_ms, recognise_ms)
        self.detector = Detector(page, Names(), self.waiter)
        self.waiter.watch()  # before the first document: see Waiter.watch
        page.set_default_timeout(timeout_ms)
        self._cookies = interstitials.answer_over(page, Names(), self.waiter, leave=False)
        # The lead member's walk reached its last screen: the page is where they go on.
        self.reached_lead = False

    def run(
        self, routes: frozenset[int] = ALL_ROUTES, lead: Member | None = None
    ) -> list[ScreenLooked]:
        """Three walks from the home page: activation to the identity form, the way into
        flow 3, and the sign-in page; only those the ways through the site in `routes`
        pass (a run looks at what its members need). A walk stops at the first screen not
        recognised. `lead`: the run's first member, whose walk comes last, with their card
        model (a walk to the identity form for a member without one is not theirs)."""
        model = lead.card_model if lead is not None and lead.card_model else "avec_photo"
        walks: dict[int, list[tuple[type[Screen], Callable[[Screen], object] | None]]] = {
            1: [(entry.Home, lambda s: s.activate()),  # type: ignore[attr-defined]
                (entry.ActivationWelcome, lambda s: s.start()),  # type: ignore[attr-defined]
                (identity.CardModel, lambda s: s.choose(model)),  # type: ignore[attr-defined]
                (identity.Identity, None)],
            3: [(entry.Home, lambda s: s.activate()),  # type: ignore[attr-defined]
                (entry.ActivationWelcome, lambda s: s.close_or_oppose()),  # type: ignore[attr-defined]
                (entry.CloseOrOpposeEntry, None)],
            2: [(entry.Home, lambda s: s.sign_in()),  # type: ignore[attr-defined]
                (account.SignIn, None)],
        }  # fmt: skip
        last = lead.route if lead is not None and lead.route in routes else None
        if last == 1 and lead is not None and lead.card_model is None:
            last = None
        order = [route for route in walks if route != last] + ([last] if last else [])
        wanted = frozenset().union(*(ROUTE_SCREENS[route] for route in routes))
        looked: dict[str, ScreenLooked] = {}
        # What the last walk (the lead's) will look at: no other walk goes there for it.
        later = {kind.name for kind, _ in walks[last]} if last else set()
        for route in order:
            walk = walks[route]
            shows = {kind.name for kind, _ in walk} - set(looked)
            if route != last and not wanted & (shows - later):
                continue  # looked at already or by the lead's walk, or no member goes there
            while True:  # again from the home page as long as an interstitial says so
                try:
                    self._walk(walk, looked, route == last)
                    break
                except LookAgain:
                    continue  # bounded: the rules give up past their retries (unavailable)
            if self.unavailable or self.unreachable:
                return []
        everything = [kind.name for kind in RELIED_ON if kind.name in wanted]
        return [looked.get(name) or ScreenLooked(name, False) for name in everything]

    def _walk(
        self,
        walk: list[tuple[type[Screen], Callable[[Screen], object] | None]],
        looked: dict[str, ScreenLooked],
        lead: bool,
    ) -> None:
        """One walk from the home page, each screen looked at, until one is not recognised
        or the last is reached. Raises LookAgain when an interstitial's rule says so."""
        try:
            self.page.goto(self.base_url, timeout=self.timeout_ms)
        except PlaywrightError:
            self.unreachable = True
            return
        for kind, then in walk:
            result, screen = self._look(kind)
            if self.unavailable:
                return
            looked.setdefault(result.screen, result)
            if screen is None:
                return
            if then is None:
                self.reached_lead = lead
                return
            try:
                then(screen)
            except PlaywrightError:
                return  # the control is not there: the next screen says it

    def start_again(self) -> None:
        """An interstitial's « start again », for the look: its walk from the home page."""
        raise LookAgain

    def reload(self) -> None:
        self.page.reload(timeout=self.timeout_ms)

    def hand_over(self) -> Page:
        """The page, for the lead member's flow: the look's own handler of the cookie panel
        gone (the flow registers its own)."""
        self.page.remove_locator_handler(self._cookies)
        self.waiter.close()
        return self.page

    def _look(self, kind: type[Screen]) -> tuple[ScreenLooked, Screen | None]:
        screen = self._screen()
        if self.unavailable:
            return ScreenLooked(kind.name, False, seen_as=interstitials.Maintenance.name), None
        if not isinstance(screen, kind):
            seen = screen.name if screen is not None else None
            result = ScreenLooked(kind.name, False, seen_as=seen)
            if self.diagnose is not None:
                result.diagnostic = self.diagnose(self.page)
            return result, None
        labels = [LabelFound(mark.kind, mark.label, screen.shows(mark)) for mark in RELIED_ON[kind]]
        result = ScreenLooked(kind.name, True, labels=labels)
        if not result.ok and self.diagnose is not None:
            result.diagnostic = self.diagnose(self.page)
        return result, screen

    def _screen(self) -> Screen | None:
        """The screen showing, once every interstitial of the contract over it or instead
        of it is answered by the rules a member's flow follows (InterstitialRules): the
        cookie panel refused, maintenance waited out and reloaded, a wait the site asks
        for sat out, a session expired or a generic error met by starting again (LookAgain).
        Past their bounds the site is `unavailable`, never changed."""
        asides = 0  # the others are bounded by the rules' own retries
        while True:
            try:
                screen = self.detector.detect(self.timeout_ms, self.recognise_ms)
                if isinstance(screen, interstitials.CookiePanel | interstitials.LeaveDialog):
                    asides += 1
                    if asides > ASIDES_IN_A_ROW:
                        return screen
                if isinstance(screen, interstitials.RateLimited):
                    texts = [n.text for n in screen.nodes] + [n.name for n in screen.nodes]
                    self.rules.sit_out(interstitials.RateLimited.seconds_in(texts) or 0)
                if not self.rules.answer(screen, self):
                    return screen
            except Stop as stop:
                log.info("site_unavailable", reason=stop.result.reason)
                self.unavailable = stop.result.reason or "site_unavailable"
                return None
            except PlaywrightError:
                return None
