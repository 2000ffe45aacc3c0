"""Carries one member to an outcome: look at the screen, act on it, wait for the site's
answer, until the site says what happened. Optional steps and interstitials are handled
wherever they show up.

Routes through the site (screens.md):
- flow 1 (oppose): « Activer mon espace santé » -> identity -> code -> decision;
- flow 2 (close or auto, with a login): « Se connecter » -> Paramètres (or « Gérer le
  profil ») -> Clôture du profil;
- flow 3 (close or auto, without a login): « clôturer ou m'opposer » -> identity -> code ->
  decision (profile not created yet: oppose) or closure.

The code steps live in flows/code_steps.py, the final step (journal, evidence) in
flows/final_step.py.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import structlog
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from flows.answer import Waiter
from flows.code_steps import CodeSteps
from flows.detect import Detector
from flows.final_step import FinalStep
from flows.identity_steps import IdentitySteps
from flows.interstitial_rules import MAX_WAITS, InterstitialRules
from flows.member import Member
from flows.options import FlowOptions, Progress, Stop
from flows.outcome import Outcome, Result
from flows.pages import (
    account,
    closure,
    codes,
    decision,
    entry,
    identity,
    interstitials,
    states,
)
from flows.pages.base import Names, Screen
from flows.ports import CodeReader, Evidence, Journal, NoJournal, Person, Recorder
from flows.sign_in import SignInSteps
from flows.site_family import SiteFamily, origin_of
from flows.state_look import StateLook

log = structlog.get_logger("mes_optout.flow")

# The same screen this many times in a row, acted on each time, with nothing changing.
STUCK_AFTER = 3
# Screens that come back on their own terms and have their own bounds (retries, restarts).
SELF_BOUNDED = ("maintenance", "generic_error", "session_expired", "unknown")


class MemberFlow:
    def __init__(
        self,
        page: Page,
        member: Member,
        options: FlowOptions,
        evidence: Evidence,
        code_reader: CodeReader | None = None,
        person: Person | None = None,
        journal: Journal | None = None,
        on_screen: Callable[[str, str], None] | None = None,
        recorder: Recorder | None = None,
        on_wait: Callable[[str, int], None] | None = None,
    ) -> None:
        self.page = page
        # Every action and navigation is bounded, not only the ones the flow waits on.
        page.set_default_timeout(options.load_timeout_ms)
        page.set_default_navigation_timeout(options.load_timeout_ms)
        self.member = member
        self.options = options
        self.evidence = evidence
        self.person = person
        self.on_screen = on_screen
        self.on_wait = on_wait
        self.recorder = recorder
        self.waiter = Waiter(page, options.load_timeout_ms, options.recognise_timeout_ms)
        names = Names(member.first_name, member.last_name, member.account_holder_name)
        self.detector = Detector(page, names, self.waiter)
        self.waiter.watch()  # before the first document: see Waiter.watch
        self.progress = Progress(code=member.code)
        self.log = log.bind(member=member.id, action=member.action)
        # Which way through the site (see the module's docstring).
        self.route = member.route
        # The contract's interstitials, answered as the look before the run answers them.
        self.rules = InterstitialRules(self.progress, options.retries, options.backoff_s, self.log)
        self.codes = CodeSteps(self, code_reader)
        self.identity = IdentitySteps(self)
        self.final = FinalStep(self, journal or NoJournal())
        self.look = StateLook(self, journal or NoJournal())  # the read-only look at the state
        self.sign_in = SignInSteps(self, journal or NoJournal())  # tried once per account
        # A cookie panel or a leave dialog that shows up late, over the control being acted
        # on, is answered there and then (the loop answers one that is on view already).
        interstitials.answer_over(page, names, self.waiter)
        # The site's own site, and what the person allowed: where the robot acts and types.
        self.family = SiteFamily(options.base_url, options.allowed_origins)

    # -- the loop ----------------------------------------------------------------------

    def run(self, from_home: bool = True) -> Result:
        """The member, to an outcome. `from_home` False: the page is already on the site's
        way in (the look before the run walked it for this member, nothing typed)."""
        self.deadline = time.monotonic() + self.options.member_deadline_s
        try:
            if self.look.settle_first() or from_home:
                self.go_to_start()
            self.walk()
        except Stop as stop:
            result = self._answer_before_leaving(stop.result)
        except PlaywrightTimeout:
            result = self._answer_before_leaving(self.fail("timeout"))
        except PlaywrightError as error:
            closed = "closed" in str(error).lower()
            # Its first line only, for the log (redacted there): which call failed, and why.
            self.log.info("playwright_error", said=str(error).split("\n", 1)[0][:200])
            result = self.fail("browser" if closed else "network")
        result.screens = self.progress.screens
        self.log.info("outcome", outcome=result.outcome.value, reason=result.reason)
        return result

    def walk(self) -> None:
        """Look at the screen and act on it, until a Stop says what the member came to."""
        while True:
            if time.monotonic() > self.deadline:
                raise Stop(self.fail("timeout"))
            screen = self._detect()
            self._on_foreign_page()
            if (seconds := self._wait_asked(screen)) is not None:
                self._wait_out(screen, seconds)
                continue
            self.waiter.last = None
            self._act(screen)
            self.progress.waited = False
            if self.waiter.last is not None and self.waiter.last.kind == "none":
                # Pressed, and for the whole load timeout the site neither moved nor said
                # anything (a page load that never comes): looking again would only find a
                # page half gone.
                raise Stop(self.fail("timeout"))

    def _answer_before_leaving(self, result: Result) -> Result:
        """See FinalStep.answer_before_leaving: the screens that tell a final step's outcome."""
        told = self.detector.screen(decision.Attestation).signature()
        told = told.or_(self.detector.screen(states.ProfileClosed).signature())
        return self.final.answer_before_leaving(result, told, lambda: self._act(self._detect()))

    def start_again(self) -> None:
        """The contract's « start again » (an interstitial's rule): the member's flow from
        the home page."""
        self.go_to_start()

    def reload(self) -> None:
        self.page.reload(timeout=self.options.load_timeout_ms)

    def go_to_start(self) -> None:
        """From the home page again. What was clicked before is forgotten on purpose: the
        site will say, on the way, whether it took it (« déjà opposé(e) », « clôturé »)."""
        self.progress.code_submitted = False
        self.progress.pending = None
        self.progress.pressed.clear()
        self.progress.pressed_at = None
        self.page.goto(self.options.base_url, timeout=self.options.load_timeout_ms)

    def _detect(self) -> Screen | None:
        said = self.waiter.last.text if self.waiter.last else ""
        screen = self.detector.detect(
            self.options.load_timeout_ms, self.options.recognise_timeout_ms
        )
        if self.recorder is not None:
            self.recorder.resume()  # a secret typed earlier is off the page by now
        name = screen.name if screen else "unknown"
        progress = self.progress
        again = name == progress.previous
        progress.repeats = progress.repeats + 1 if again else 0
        # Back on a screen that shows something new (a code expired, then a new one sent)
        # is progress; back on it looking just the same as before is not.
        looked = (said, *(screen.nodes if screen else ()))
        progress.unchanged = progress.unchanged + 1 if again and looked == progress.looked else 0
        progress.looked = looked
        progress.previous = name
        progress.said = said if progress.repeats else ""
        progress.screens.append(name)
        self.log.info("screen", screen=name)
        if self.on_screen is not None:
            self.on_screen(self.member.id, name)
        if progress.unchanged >= STUCK_AFTER and name not in SELF_BOUNDED:
            raise Stop(self.stuck(name))
        return screen

    def _wait_asked(self, screen: Screen | None) -> int | None:
        """The seconds the site asks to wait before the step is done again, when it says so
        (in answer to the last action, or on the screen) and that wait is not sat out yet."""
        if self.progress.waited:
            return None
        nodes = screen.nodes if screen is not None else []
        heard = self.waiter.last.text if self.waiter.last else ""  # said in answer, maybe gone
        texts = [heard, *(n.name for n in nodes), *(n.text for n in nodes)]
        return interstitials.RateLimited.seconds_in(texts)

    def _wait_out(self, screen: Screen | None, seconds: int) -> None:
        """Sit out the wait the site asked for, saying so, then do the step again; after
        MAX_WAITS of them, the member ends rate_limited."""
        progress = self.progress
        if progress.waits < MAX_WAITS:  # else sit_out gives up: nothing is waited
            if isinstance(screen, codes.Contact):
                progress.code_requests -= 1  # refused: no code was sent
            if self.on_wait is not None:
                self.on_wait(self.member.id, seconds)
        self.rules.sit_out(seconds)
        progress.waited = True
        # The step is done again: the screen coming back is not the site refusing it.
        self.waiter.last = None
        progress.previous, progress.repeats, progress.unchanged, progress.said = None, 0, 0, ""

    def typing_secrets(self) -> None:
        """Called before a secret is typed: only into the site's own site, never elsewhere
        (an origin the person allowed is reached, not typed into); the trace, if any, stops
        recording."""
        url = self.page.url
        if not self.family.owns(url):
            raise self._foreign(origin_of(url))
        if self.recorder is not None:
            self.recorder.pause()

    def fail(self, reason: str, outcome: Outcome = Outcome.FAILED) -> Result:
        return Result(outcome, reason=reason)

    def stuck(self, screen_name: str) -> Result:
        return Result(Outcome.FAILED, reason="stuck", detail=screen_name)

    def again_with(self, screen: Screen) -> str | None:
        """On the same screen again: the site refused what we did. Its reason, if known,
        from the page or from what it said in answer (a notice may be gone by now)."""
        if self.progress.repeats == 0:
            return None
        return screen.shown_message(self.progress.said)

    # -- acting on what shows ----------------------------------------------------------

    def _act(self, screen: Screen | None) -> None:
        codes_ = self.codes
        final = self.final
        if self.rules.answer(screen, self):
            return
        match screen:
            case None:
                self._unknown()
            case interstitials.ConfirmDialog():
                final.on_confirm_dialog(screen)
            case entry.Home() if self.route == 2:
                screen.sign_in()
            case entry.Home():
                screen.activate()
            case entry.ActivationWelcome() if self.route == 3:
                screen.close_or_oppose()
            case entry.ActivationWelcome():
                screen.start()
            case entry.CloseOrOpposeEntry():
                screen.start()
            case identity.CardModel():
                self.identity.on_card_model(screen)
            case identity.Identity():
                self.identity.on_identity(screen)
            case identity.TwinsChoice():
                self.identity.on_twins_choice(screen)
            case codes.CodeProvisoire():
                codes_.on_code_provisoire(screen)
            case codes.Contact():
                codes_.on_contact(screen)
            case codes.NoContactDetails():
                raise Stop(self.fail("no_contact_details", Outcome.NEEDS_HUMAN))
            case codes.CodeExpiredPage() | codes.CodeUsedPage():
                codes_.on_code_state_page(screen)
            case decision.Representative():
                screen.certify(self.member.full_name)
            case decision.Decision():
                final.on_decision(screen)
            case decision.Attestation():
                final.on_attestation(screen)
            case states.ProfileExists():
                raise Stop(self.fail("profile_exists"))
            case states.ProfileClosed():
                final.on_profile_closed(screen)
            case states.NotActivatable():
                raise Stop(self.fail("not_activatable"))
            case states.NotRepresentative():
                raise Stop(self.fail("not_representative"))
            case account.SignIn():
                self.sign_in.on_sign_in(screen)
            case account.SecondFactor():
                self.sign_in.accepted()
                codes_.on_second_factor(screen)
            case account.SignedInHome():
                self._on_signed_in_home(screen)
            case account.SettingsPage():
                screen.open_closure()
            case closure.ClosureChoice():
                self._on_closure_choice(screen)
            case closure.Closure():
                final.on_closure(screen)
            case closure.DeletionStep():
                screen.answer(self.member.delete_data)
            case _:
                raise Stop(self.stuck(screen.name))

    def _foreign(self, origin: str) -> Stop:
        self.log.warning("foreign_origin", origin=origin)
        return Stop(Result(Outcome.NEEDS_HUMAN, reason="foreign_origin", detail=origin))

    def _on_foreign_page(self) -> None:
        """A page of another site, reached or refused by the request filter (the page then
        keeps the address it was sent to), and not allowed: nothing is done there."""
        url = self.page.url
        if url.startswith(("http:", "https:")) and not self.family.allows(url):
            raise self._foreign(origin_of(url))

    def _unknown(self) -> None:
        if self.page.url.startswith("chrome-error://"):
            # The connection dropped (the browser shows its own error page): start over,
            # a bounded number of times; the site then says where things stand.
            self.rules.retry_later("network")
            self.go_to_start()
            return
        if self.person is not None and self.person.hand_over("unknown_screen"):
            return
        result = self.fail("unknown_screen", Outcome.NEEDS_HUMAN)
        result.diagnostic = self.final.diagnostic()
        raise Stop(result)

    # flow 2: the account

    def _on_signed_in_home(self, screen: account.SignedInHome) -> None:
        self.sign_in.accepted()
        found = screen.open_closure_way(self.member.full_name, self.options.load_timeout_ms)
        if not found:
            # The menu offers no way to the closure: acting again would change nothing.
            raise Stop(self.stuck(screen.name))

    def _on_closure_choice(self, screen: closure.ClosureChoice) -> None:
        if not screen.has(self.member.full_name):
            raise Stop(self.fail("profile_not_found"))
        screen.choose(self.member.full_name)
