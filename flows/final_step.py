"""The irreversible steps (the opposition, the closure), and what they leave: the journal's
intent before the click and result after it, the evidence, the diagnostic of a screen the
robot does not know.

Every control whose press sends an irreversible step (the decision's « Continuer », the
closure's button, a confirmation dialog's « Confirmer ») goes through one guard,
`_press_once`: pressed at most once per pass through the site (a pass from the home
page again, after the site's own error or an expired session, learns on the way whether
the step was taken: « déjà opposé(e) », « clôturé »). The same step's screen or dialog seen
again after its press is the site still working on it: the flow waits for it to go, up to
the load bound counted from the press, and never presses again. When the site does not
answer in time, the member ends with the intent written and no result, and the next run
settles it by looking at the site.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from flows.answer import Answer
from flows.attestation import AttestationFetch, NoAttestation
from flows.options import Stop
from flows.outcome import Outcome, Result
from flows.pages import closure, decision, interstitials, states
from flows.pages.base import Screen
from flows.ports import Journal
from flows.site_family import SiteFamily
from flows.step_context import StepContext

OPPOSITION = "opposition"
CLOSURE = "closure"
# Ends that are not the site's word on a final step already pressed: while that step is
# on its way, the flow waits for its answer before it leaves the member.
UNANSWERED = ("stuck", "unknown_screen", "timeout")


class FinalStep:
    def __init__(self, flow: StepContext, journal: Journal) -> None:
        self.flow = flow
        self.journal = journal

    # -- the decision (1.8) and the closure (2.6) -------------------------------------

    def on_decision(self, screen: decision.Decision) -> None:
        def prepare() -> None:
            self._before(OPPOSITION, "confirm_oppose")
            screen.tick_opposition()

        self._press_once(OPPOSITION, screen, screen.continue_, prepare)

    def on_closure(self, screen: closure.Closure) -> None:
        flow, member = self.flow, self.flow.member

        def prepare() -> None:
            if screen.names_someone_else(member.full_name):
                raise Stop(flow.fail("profile_not_found"))
            password = None
            if screen.asks_for_password():
                # v2: the closure form asks the account's password again (flow 2 only).
                if member.password is None:
                    raise Stop(flow.fail("password_needed", Outcome.NEEDS_HUMAN))
                password = member.password.get_secret_value()
            flow.typing_secrets()
            self._before(CLOSURE, "confirm_close")
            screen.fill(member.delete_data, password)

        self._press_once(CLOSURE, screen, screen.close, prepare)

    def on_confirm_dialog(self, screen: interstitials.ConfirmDialog) -> None:
        pending = self.flow.progress.pending
        if pending and self.flow.options.confirmed:
            self._press_once(f"{pending}:confirm", screen, screen.confirm_step)
        else:
            screen.cancel()

    def _press_once(
        self,
        control: str,
        screen: Screen,
        press: Callable[[], Answer],
        prepare: Callable[[], None] | None = None,
    ) -> None:
        """The one guard of every final press: `control` pressed at most once per pass.
        Seen again after its press, its screen (or dialog) is the site still working on the
        step: wait for it to go, never press again."""
        progress = self.flow.progress
        if control in progress.pressed:
            self._await_answer(screen)
            return
        if prepare is not None:
            prepare()
        progress.pressed.add(control)
        if progress.pressed_at is None:
            progress.pressed_at = time.monotonic()
        with self.flow.waiter.pressed_once():
            self._after(press())

    def _await_answer(self, screen: Screen) -> None:
        """The screen of a step already pressed is on view: wait until it goes, up to the
        load bound counted from the first final press; past it, the member ends with the
        intent written and no result (the next run looks at the site)."""
        progress, options = self.flow.progress, self.flow.options
        started = progress.pressed_at if progress.pressed_at is not None else time.monotonic()
        left_ms = (started - time.monotonic()) * 1000 + options.load_timeout_ms
        self.flow.log.info("final_step_on_its_way", screen=screen.name)
        try:
            if left_ms <= 0:
                raise PlaywrightTimeout("the bound has passed")
            screen.signature().first.wait_for(state="hidden", timeout=left_ms)
        except PlaywrightTimeout:
            raise Stop(self.flow.fail("no_answer")) from None

    def answer_before_leaving(
        self, result: Result, told: Locator, act: Callable[[], None]
    ) -> Result:
        """A member is not left while its final step is on its way: ended without the
        site's word on that step (stuck, a screen it does not know, a timeout) before the
        load bound from the press has passed, the flow waits, up to that bound, for a
        screen that tells the outcome (`told`), and takes it (`act`: look, act on it).
        Otherwise the result stands, with the intent written: the next run settles it."""
        progress = self.flow.progress
        if progress.pending is None or progress.pressed_at is None:
            return result
        if result.reason not in UNANSWERED:
            return result
        left_ms = (progress.pressed_at - time.monotonic()) * 1000
        left_ms += self.flow.options.load_timeout_ms
        if left_ms <= 0:
            return result
        self.flow.log.info("final_step_awaited", reason=result.reason)
        try:
            told.first.wait_for(state="visible", timeout=left_ms)
            act()
        except Stop as stop:
            return stop.result
        except PlaywrightError:  # the bound passed (a timeout), or the page went
            pass
        return result

    def _before(self, step: str, question: str) -> None:
        flow, progress, options = self.flow, self.flow.progress, self.flow.options
        if options.dry_run:
            raise Stop(Result(Outcome.DRY_RUN))
        if not options.confirmed:
            if flow.person is None or not flow.person.confirm(question, flow.member.full_name):
                raise Stop(flow.fail("not_confirmed", Outcome.NEEDS_HUMAN))
            options.confirmed = True
        try:
            self.journal.intent(flow.member.id, step)
        except OSError:
            # Never click the final step without its intent written down.
            raise Stop(flow.fail("journal")) from None
        progress.pending = step

    def _after(self, answer: Answer) -> None:
        if answer.kind == "none":
            # Clicked once, and the site said nothing: settle from the site next time. A
            # click that never reached the button (something opened over it) says so.
            raise Stop(self.flow.fail("press_lost" if answer.lost else "no_answer"))

    # -- what the site says after (or instead of) the final step -----------------------

    def on_attestation(self, screen: decision.Attestation) -> None:
        # 1.9 after our own click, or « déjà opposé(e) » when we clicked nothing.
        done = OPPOSITION in self.flow.progress.pressed
        self._finish(Outcome.OPPOSED if done else Outcome.ALREADY_OPPOSED, screen)

    def on_profile_closed(self, screen: states.ProfileClosed) -> None:
        done = CLOSURE in self.flow.progress.pressed
        self._finish(Outcome.CLOSED if done else Outcome.ALREADY_CLOSED, screen)

    def _finish(self, outcome: Outcome, screen: Screen) -> None:
        flow = self.flow
        files: list[Path] = []
        try:
            # The answer on screen first: whatever becomes of the file, it is kept.
            files.append(flow.evidence.screenshot(flow.page, outcome.value, self._masked()))
            if isinstance(screen, decision.Attestation):
                options = flow.options
                fetch = AttestationFetch(
                    flow.page, SiteFamily(options.base_url), options.load_timeout_ms,
                    options.retries, options.backoff_s,
                )  # fmt: skip
                data = fetch.fetch(screen.attestation_link())
                files.append(flow.evidence.attestation(data, flow.member.full_name))
        except (OSError, PlaywrightError, NoAttestation) as error:
            flow.log.warning("evidence_failed", error=type(error).__name__)
            self._record_result(outcome)
            # Done on the site, proof missing: the outcome stands, the reason says so (the
            # next run fetches it again), and what was kept is kept.
            raise Stop(Result(outcome, reason="evidence", evidence=files)) from None
        self._record_result(outcome)
        raise Stop(Result(outcome, evidence=files))

    def _masked(self) -> list[str]:
        # Names and the date of birth are masked; the opposition date and reference stay.
        member = self.flow.member
        return [member.first_name, member.last_name, f"{member.birth_date:%d/%m/%Y}"]

    def _record_result(self, outcome: Outcome) -> None:
        step = self.flow.progress.pending or (
            OPPOSITION if outcome in (Outcome.OPPOSED, Outcome.ALREADY_OPPOSED) else CLOSURE
        )
        try:
            self.journal.result(self.flow.member.id, step, outcome.value)
        except OSError:
            # Done on the site all the same: a re-run finds it done there and says so.
            self.flow.log.warning("journal_result_failed", step=step)
        self.flow.progress.pending = None

    # -- a screen the robot does not know --------------------------------------------

    def diagnostic(self) -> list[Path]:
        """The unknown screen's accessibility snapshot and screenshot, personal data masked,
        kept to be shared so that the contract can be updated. Nothing is done on the site."""
        try:
            return self.flow.evidence.diagnostic(self.flow.page, self._masked())
        except (OSError, PlaywrightError) as error:
            self.flow.log.warning("diagnostic_failed", error=type(error).__name__)
            return []
