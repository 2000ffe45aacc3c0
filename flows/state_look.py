"""The one read-only look at a member's state, through flow 3's identity screens (the
card, then what the site says of the profile), used where the robot must know before it
judges or acts:

- a sign-in refused in a wrong password's words: a closed profile may be refused in the
  same words (contract v4, flow 2, "after a closure"), so the refusal alone is no outcome;
- a final step whose intent is in the journal and whose result is not (its answer never
  came): settled by the look before anything else is done for the member.

The look changes nothing on the site and sends nothing to the person: it walks as a dry
run does (no code asked for, no final control pressed, a confirmation dialog cancelled)
and stops at the first screen that tells the state. Where learning the state would need a
code, it stops there: a person must check. A sign-in is never tried twice (a second wrong
password would count towards blocking the account).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from flows.member import Member
from flows.options import FlowOptions, Progress, Stop
from flows.outcome import Outcome, Result
from flows.ports import Journal

# Screens of flow 3 that only an existing, open profile leads to: the closure's form (2.6)
# and its v2 second step. The look stops on them before pressing anything.
OPEN_PROFILE_SCREENS = ("closure", "deletion_step")
TOLD = (Outcome.ALREADY_CLOSED, Outcome.ALREADY_OPPOSED)


@dataclass(frozen=True)
class Looked:
    # The site said the member is done (already closed or opposed): their outcome, its
    # evidence taken and its result written in the journal.
    told: Result | None = None
    # The profile exists and is open: the look reached its closure form.
    open: bool = False


class LookingFlow(Protocol):
    """What the look uses of a member's flow (MemberFlow is one)."""

    member: Member
    options: FlowOptions
    progress: Progress
    route: int

    def go_to_start(self) -> None: ...

    def walk(self) -> None:
        """Detect and act until a Stop."""
        ...

    def fail(self, reason: str, outcome: Outcome = Outcome.FAILED) -> Result: ...


def holds_card(member: Member) -> bool:
    return None not in (member.card_model, member.nir, member.card_serial)


class StateLook:
    def __init__(self, flow: LookingFlow, journal: Journal) -> None:
        self.flow = flow
        self.journal = journal  # read for a final step left unanswered, and its day
        self.looked: Looked | None = None  # the member's one look, once taken

    def settle_first(self) -> bool:
        """A final step whose answer never came: looked at before anything else. Stops the
        member when the site tells they are done; True when the look moved the page (the
        member's flow then starts from the home page again)."""
        member = self.flow.member
        if self.journal.interrupted(member.id) is None or not holds_card(member):
            return False
        looked = self._look_once()
        if looked.told is not None:
            raise Stop(looked.told)
        return True

    def after_refused_sign_in(self, earlier: str | None = None) -> Result:
        """The sign-in refused in a wrong password's words, tried once (`earlier`: the day
        it was refused before, and not tried again now): what it means."""
        looked = self._look_once() if holds_card(self.flow.member) else Looked()
        if looked.told is not None:
            return looked.told
        if looked.open:
            return self.flow.fail("wrong_password")
        if earlier is not None:  # not tried now: the person checks the password first
            return Result(Outcome.NEEDS_HUMAN, "sign_in_refused_before", detail=earlier)
        # No card, or a look that could not tell: a closed profile may answer this way too.
        try:
            sent_on = self.journal.sent_on(self.flow.member.id, "closure")
        except OSError:  # the journal unreadable: the sentence goes without the day
            sent_on = None
        return Result(Outcome.NEEDS_HUMAN, "sign_in_refused", detail=sent_on)

    def _look_once(self) -> Looked:
        if self.looked is None:
            self.looked = self._look()
        return self.looked

    def _look(self) -> Looked:
        flow = self.flow
        saved = (flow.route, flow.options.dry_run, flow.progress)
        # Flow 3's way, walked as a dry run: nothing asked for, nothing pressed.
        flow.route, flow.options.dry_run = 3, True
        flow.progress = Progress(code=flow.member.code)
        try:
            flow.go_to_start()
            flow.walk()
            result = flow.fail("unknown_screen", Outcome.NEEDS_HUMAN)  # walk() only stops
        except Stop as stop:
            result = stop.result
        except PlaywrightTimeout:
            result = flow.fail("timeout")
        finally:
            screens = flow.progress.screens
            flow.route, flow.options.dry_run, flow.progress = saved
            flow.progress.screens.extend(screens)
        if result.outcome in TOLD:
            return Looked(told=result)
        reached_form = bool(screens) and screens[-1] in OPEN_PROFILE_SCREENS
        stopped_there = result.outcome is Outcome.DRY_RUN and reached_form
        return Looked(open=result.reason == "profile_exists" or stopped_there)
