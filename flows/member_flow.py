"""Carries one member to an outcome: look at the screen, act on it, until the site says
what happened. Optional steps and interstitials are handled wherever they show up.

Routes through the site (screens.md):
- flow 1 (oppose): « Activer mon espace santé » -> identity -> code -> decision;
- flow 2 (close or auto, with a login): « Se connecter » -> Paramètres -> Clôture du profil;
- flow 3 (close or auto, without a login): « Je peux aussi clôturer ou m'opposer » ->
  identity -> code -> decision (profile not created yet: oppose) or closure.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

import structlog
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from pydantic import SecretStr

from automation import messages
from automation.member import Member
from flows.detect import Detector
from flows.options import FlowOptions, Progress, Stop
from flows.outcome import Outcome, Result
from flows.pages import account, closure, codes, decision, identity, interstitials, states
from flows.pages.base import Names, Screen
from flows.ports import CodeReader, CodeRequest, Evidence, Journal, NoJournal, Person, Recorder

log = structlog.get_logger("mes_optout.flow")

IRREVERSIBLE = {"decision": "opposition", "closure": "closure"}


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
    ) -> None:
        self.page = page
        # Every action and navigation is bounded, not only the ones the flow waits on.
        page.set_default_timeout(options.load_timeout_ms)
        page.set_default_navigation_timeout(options.load_timeout_ms)
        self.member = member
        self.options = options
        self.evidence = evidence
        self.code_reader = code_reader
        self.person = person
        self.journal = journal or NoJournal()
        self.on_screen = on_screen
        self.recorder = recorder
        names = Names(member.first_name, member.last_name, member.holder_name)
        self.detector = Detector(page, names)
        self.progress = Progress(code=member.code)
        self.log = log.bind(member=member.id, action=member.action)
        # Which way through the site (see the module's docstring).
        self.route = 1 if member.action == "oppose" else (2 if member.login else 3)
        self._waiter = threading.Event()  # backoff waits on it; nothing ever sets it

    # -- the loop ----------------------------------------------------------------------

    def run(self) -> Result:
        deadline = time.monotonic() + self.options.member_deadline_s
        try:
            self._go_to_start()
            while True:
                if time.monotonic() > deadline:
                    raise Stop(self._fail("timeout"))
                screen = self._detect()
                self._act(screen)
        except Stop as stop:
            stop.result.screens = self.progress.screens
            self.log.info("outcome", outcome=stop.result.outcome.value, reason=stop.result.reason)
            return stop.result
        except PlaywrightTimeout:
            result = self._fail("timeout")
        except PlaywrightError as error:
            closed = "closed" in str(error).lower()
            result = self._fail("browser" if closed else "network")
        result.screens = self.progress.screens
        self.log.info("outcome", outcome=result.outcome.value, reason=result.reason)
        return result

    def _go_to_start(self) -> None:
        self.progress.code_submitted = False
        self.progress.pending = None
        self.page.goto(self.options.base_url, timeout=self.options.load_timeout_ms)

    def _detect(self) -> Screen | None:
        screen = self.detector.detect(
            self.options.load_timeout_ms, self.options.recognise_timeout_ms
        )
        if self.recorder is not None:
            self.recorder.resume()  # a secret typed earlier is off the page by now
        name = screen.name if screen else "unknown"
        progress = self.progress
        progress.repeats = progress.repeats + 1 if name == progress.previous else 0
        progress.previous = name
        progress.screens.append(name)
        self.log.info("screen", screen=name)
        if self.on_screen is not None:
            self.on_screen(self.member.id, name)
        return screen

    def _typing_secrets(self) -> None:
        """Called before a secret is typed: the trace, if any, stops recording."""
        if self.recorder is not None:
            self.recorder.pause()

    def _fail(self, reason: str, outcome: Outcome = Outcome.FAILED) -> Result:
        return Result(outcome, reason=reason, detail=messages.reason(reason, self.options.lang))

    def _again_with(self, screen: Screen) -> str | None:
        """On the same screen again: the site refused what we did. Its reason, if known."""
        if self.progress.repeats == 0:
            return None
        reason = screen.shown_message()
        if reason is None and self.progress.repeats >= 3:
            raise Stop(self._fail("stuck"))
        return reason

    # -- acting on what shows ----------------------------------------------------------

    def _act(self, screen: Screen | None) -> None:
        if screen is None:
            self._unknown()
            return
        handler = getattr(self, f"_on_{screen.name}")
        handler(screen)

    def _unknown(self) -> None:
        if self.page.url.startswith("chrome-error://"):
            # The connection dropped (the browser shows its own error page): start over,
            # a bounded number of times; the site then says where things stand.
            self._retry_later("network")
            self._go_to_start()
            return
        what = messages.text("handover_unknown", self.options.lang)
        if self.person is not None and self.person.hand_over(what):
            return
        raise Stop(self._fail("unknown_screen", Outcome.NEEDS_HUMAN))

    # interstitials

    def _on_cookie_panel(self, screen: interstitials.CookiePanel) -> None:
        screen.refuse()

    def _on_leave_dialog(self, screen: interstitials.LeaveDialog) -> None:
        screen.stay()

    def _on_confirm_dialog(self, screen: interstitials.ConfirmDialog) -> None:
        if self.progress.pending and self.options.confirmed:
            screen.confirm()
        else:
            screen.cancel()

    def _on_maintenance(self, screen: Screen) -> None:
        self._retry_later("site_unavailable")
        self.page.reload(timeout=self.options.load_timeout_ms)

    def _on_generic_error(self, screen: Screen) -> None:
        # Start over rather than resubmit: the site then says where things stand.
        self._retry_later("site_unavailable")
        self._go_to_start()

    def _on_session_expired(self, screen: Screen) -> None:
        self.progress.restarts += 1
        if self.progress.restarts > self.options.retries:
            raise Stop(self._fail("session_expired"))
        self._go_to_start()

    def _retry_later(self, reason: str) -> None:
        self.progress.retries += 1
        if self.progress.retries > self.options.retries:
            raise Stop(self._fail(reason))
        # A deliberate backoff before asking the site again, not a wait for the page.
        delay = self.options.backoff_s * 2 ** (self.progress.retries - 1)
        self.log.info("retry", reason=reason, attempt=self.progress.retries, delay_s=delay)
        self._waiter.wait(delay)

    # the way in

    def _on_home(self, screen: Screen) -> None:
        if self.route == 2:
            screen.sign_in()  # type: ignore[attr-defined]
        else:
            screen.activate()  # type: ignore[attr-defined]

    def _on_activation_welcome(self, screen: Screen) -> None:
        if self.route == 3:
            screen.close_or_oppose()  # type: ignore[attr-defined]
        else:
            screen.start()  # type: ignore[attr-defined]

    def _on_close_or_oppose_entry(self, screen: Screen) -> None:
        screen.start()  # type: ignore[attr-defined]

    # identity

    def _on_card_model(self, screen: identity.CardModel) -> None:
        if self.member.card_model is None:
            raise Stop(self._fail("identity_needed"))
        screen.choose(self.member.card_model)

    def _on_identity(self, screen: identity.Identity) -> None:
        if reason := self._again_with(screen):
            raise Stop(self._fail(reason))
        member = self.member
        if member.nir is None or member.card_serial is None:
            raise Stop(self._fail("identity_needed"))
        self._typing_secrets()
        screen.fill(
            member.birth_date.isoformat(),
            member.nir.get_secret_value(),
            member.card_serial.get_secret_value(),
        )
        screen.submit()

    def _on_twins_choice(self, screen: identity.TwinsChoice) -> None:
        if not screen.has(self.member.first_name):
            raise Stop(self._fail("twin_not_found"))
        screen.choose(self.member.first_name)

    # codes

    def _on_code_provisoire(self, screen: codes.CodeProvisoire) -> None:
        progress = self.progress
        reason = self._again_with(screen)
        if reason == "locked":
            raise Stop(self._fail(reason))
        fresh = progress.new_code_asked_at is not None and screen.new_code_was_sent()
        if reason is None and fresh and not progress.code_submitted:
            progress.code = self._read_code("provisoire", progress.new_code_asked_at)
        if reason is None and not progress.code_submitted and progress.code is not None:
            progress.code_submitted = True
            self._typing_secrets()
            screen.submit_code(progress.code.get_secret_value())
            return
        # No code, or the one we had was refused: ask the site for a new one, once.
        if progress.new_code_asked_at is None and self._can_read_codes():
            progress.code_submitted = False
            screen.ask_for_a_new_code()
            return
        if reason is not None:
            raise Stop(self._fail(reason))
        raise Stop(self._fail("code_needed", Outcome.NEEDS_HUMAN))

    def _before_code_request(self) -> datetime:
        if self.code_reader is not None:
            self.code_reader.prepare()
        return datetime.now(UTC)

    def _can_read_codes(self) -> bool:
        return self.code_reader is not None

    def _read_code(self, kind: str, asked_at: datetime | None) -> SecretStr:
        assert self.code_reader is not None and asked_at is not None
        request = CodeRequest(
            kind,  # type: ignore[arg-type]
            self.member.channel,
            asked_at,
            self.member.full_name,
        )
        code = self.code_reader.read(request)
        if code is None:
            raise Stop(self._fail("code_unreadable", Outcome.NEEDS_HUMAN))
        return code

    def _on_contact(self, screen: codes.Contact) -> None:
        if reason := self._again_with(screen):
            raise Stop(self._fail(reason))
        channel = self.member.channel
        if not screen.available(channel):
            channel = "email" if channel == "sms" else "sms"
        self.progress.new_code_asked_at = self._before_code_request()
        screen.send(channel)

    # decision

    def _on_representative(self, screen: decision.Representative) -> None:
        screen.certify(self.member.full_name)

    def _on_decision(self, screen: decision.Decision) -> None:
        self._before_irreversible("decision", "confirm_oppose")
        screen.tick_opposition()
        screen.continue_()

    def _before_irreversible(self, screen_name: str, question: str) -> None:
        step = IRREVERSIBLE[screen_name]
        if self.progress.pending == step and self.progress.repeats:
            raise Stop(self._fail("stuck"))
        if self.options.dry_run:
            raise Stop(Result(Outcome.DRY_RUN))
        if not self.options.confirmed:
            asked = messages.text(question, self.options.lang, name=self.member.full_name)
            if self.person is None or not self.person.confirm(asked):
                raise Stop(self._fail("not_confirmed", Outcome.NEEDS_HUMAN))
            self.options.confirmed = True
        try:
            self.journal.intent(self.member.id, step)
        except OSError:
            # Never click the final step without its intent written down.
            raise Stop(self._fail("journal")) from None
        self.progress.pending = step

    def _on_opposition_confirmed(self, screen: decision.OppositionConfirmed) -> None:
        self._finish(Outcome.OPPOSED, screen)

    def _on_already_opposed(self, screen: states.AlreadyOpposed) -> None:
        self._finish(Outcome.ALREADY_OPPOSED, screen)

    def _finish(self, outcome: Outcome, screen: Screen) -> None:
        files = []
        try:
            if isinstance(screen, decision.OppositionConfirmed | states.AlreadyOpposed):
                download = screen.download_attestation(self.options.load_timeout_ms)
                files.append(self.evidence.attestation(download, self.member.full_name))
            # Names and the date of birth are masked; the opposition date and reference stay.
            born = self.member.birth_date
            mask = [self.member.first_name, self.member.last_name, f"{born:%d/%m/%Y}"]
            files.append(self.evidence.screenshot(self.page, outcome.value, mask))
        except (OSError, PlaywrightError) as error:
            self.log.warning("evidence_failed", error=type(error).__name__)
            self._record_result(outcome)
            result = self._fail("evidence")
            result.detail = (
                f"{messages.outcome(outcome.value, self.options.lang)} ; {result.detail}"
            )
            result.outcome = outcome
            raise Stop(result) from None
        self._record_result(outcome)
        raise Stop(Result(outcome, evidence=files))

    def _record_result(self, outcome: Outcome) -> None:
        step = self.progress.pending or (
            "opposition" if outcome in (Outcome.OPPOSED, Outcome.ALREADY_OPPOSED) else "closure"
        )
        try:
            self.journal.result(self.member.id, step, outcome.value)
        except OSError:
            # Done on the site all the same: a re-run finds it done there and says so.
            self.log.warning("journal_result_failed", step=step)
        self.progress.pending = None

    def _on_profile_exists(self, screen: Screen) -> None:
        raise Stop(self._fail("profile_exists"))

    def _on_profile_closed(self, screen: Screen) -> None:
        self._record_result(Outcome.ALREADY_CLOSED)
        raise Stop(Result(Outcome.ALREADY_CLOSED))

    def _on_not_activatable(self, screen: Screen) -> None:
        raise Stop(self._fail("not_activatable"))

    def _on_not_representative(self, screen: Screen) -> None:
        raise Stop(self._fail("not_representative"))

    # flow 2: the account

    def _on_sign_in(self, screen: account.SignIn) -> None:
        if reason := self._again_with(screen):
            raise Stop(self._fail(reason))
        member = self.member
        if member.login is None or member.password is None:
            raise Stop(self._fail("no_login"))
        self.progress.login_code_asked_at = self._before_code_request()
        self._typing_secrets()
        screen.sign_in(member.login, member.password.get_secret_value())

    def _on_second_factor(self, screen: account.SecondFactor) -> None:
        progress = self.progress
        reason = self._again_with(screen)
        if reason == "login_code_expired" and not progress.login_code_resent:
            # An expired code is worth one more: the site sends a new one on request.
            progress.login_code_resent = True
            progress.login_code_asked_at = self._before_code_request()
            screen.resend()
            return
        if reason is not None:
            raise Stop(self._fail(reason))
        if not self._can_read_codes():
            raise Stop(self._fail("code_needed", Outcome.NEEDS_HUMAN))
        code = self._read_code("login", progress.login_code_asked_at)
        self._typing_secrets()
        screen.submit_code(code.get_secret_value())

    def _on_signed_in_home(self, screen: account.SignedInHome) -> None:
        screen.open_settings()

    def _on_settings(self, screen: account.Settings) -> None:
        screen.open_closure()

    # closure

    def _on_closure_choice(self, screen: closure.ClosureChoice) -> None:
        if not screen.has(self.member.full_name):
            raise Stop(self._fail("profile_not_found"))
        screen.choose(self.member.full_name)

    def _on_closure(self, screen: closure.Closure) -> None:
        if screen.names_someone_else(self.member.full_name):
            raise Stop(self._fail("profile_not_found"))
        self._before_irreversible("closure", "confirm_close")
        screen.tick_boxes(self.member.delete_data)
        screen.close()

    def _on_closure_confirmed(self, screen: closure.ClosureConfirmed) -> None:
        self._finish(Outcome.CLOSED, screen)
