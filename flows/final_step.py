"""The irreversible steps (the opposition, the closure), and what they leave: the journal's
intent before the click and result after it, the evidence, the diagnostic of a screen the
robot does not know.

Each irreversible step is clicked once per attempt. When the site does not answer it, the
flow does not click again: the member ends with the intent written and no result, and the
next run settles it by looking at the site.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

from flows.answer import Answer
from flows.options import Stop
from flows.outcome import Outcome, Result
from flows.pages import closure, decision, interstitials, states
from flows.pages.base import Screen
from flows.ports import Journal
from flows.step_context import StepContext

OPPOSITION = "opposition"
CLOSURE = "closure"


class FinalStep:
    def __init__(self, flow: StepContext, journal: Journal) -> None:
        self.flow = flow
        self.journal = journal

    # -- the decision (1.8) and the closure (2.6) -------------------------------------

    def on_decision(self, screen: decision.Decision) -> None:
        self._before(OPPOSITION, "confirm_oppose")
        screen.tick_opposition()
        with self.flow.waiter.pressed_once():
            self._after(screen.continue_())

    def on_closure(self, screen: closure.Closure) -> None:
        flow, member = self.flow, self.flow.member
        if screen.names_someone_else(member.full_name):
            raise Stop(flow.fail("profile_not_found"))
        password = None
        if screen.asks_for_password():
            # v2: the closure form asks the account's password again (flow 2 only).
            if member.password is None:
                raise Stop(flow.fail("password_needed", Outcome.NEEDS_HUMAN))
            password = member.password.get_secret_value()
        self._before(CLOSURE, "confirm_close")
        flow.typing_secrets()
        screen.fill(member.delete_data, password)
        with self.flow.waiter.pressed_once():
            self._after(screen.close())

    def on_confirm_dialog(self, screen: interstitials.ConfirmDialog) -> None:
        if self.flow.progress.pending and self.flow.options.confirmed:
            with self.flow.waiter.pressed_once():
                self._after(screen.confirm_step())
        else:
            screen.cancel()

    def _before(self, step: str, question: str) -> None:
        flow, progress, options = self.flow, self.flow.progress, self.flow.options
        if step in progress.clicked:
            # The step is on view again after its click: never click it a second time.
            raise Stop(flow.stuck(flow.progress.previous or step))
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
        progress.clicked.add(step)

    def _after(self, answer: Answer) -> None:
        if answer.kind == "none":
            # Clicked once, and the site said nothing: settle from the site next time. A
            # click that never reached the button (something opened over it) says so.
            raise Stop(self.flow.fail("press_lost" if answer.lost else "no_answer"))

    # -- what the site says after (or instead of) the final step -----------------------

    def on_attestation(self, screen: decision.Attestation) -> None:
        # 1.9 after our own click, or « déjà opposé(e) » when we clicked nothing.
        done = OPPOSITION in self.flow.progress.clicked
        self._finish(Outcome.OPPOSED if done else Outcome.ALREADY_OPPOSED, screen)

    def on_profile_closed(self, screen: states.ProfileClosed) -> None:
        done = CLOSURE in self.flow.progress.clicked
        self._finish(Outcome.CLOSED if done else Outcome.ALREADY_CLOSED, screen)

    def _finish(self, outcome: Outcome, screen: Screen) -> None:
        flow = self.flow
        files: list[Path] = []
        try:
            if isinstance(screen, decision.Attestation):
                download = screen.download_attestation(flow.options.load_timeout_ms)
                files.append(flow.evidence.attestation(download, flow.member.full_name))
            files.append(flow.evidence.screenshot(flow.page, outcome.value, self._masked()))
        except (OSError, PlaywrightError) as error:
            flow.log.warning("evidence_failed", error=type(error).__name__)
            self._record_result(outcome)
            # Done on the site, proof missing: the outcome stands, the reason says so.
            raise Stop(Result(outcome, reason="evidence")) from None
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
