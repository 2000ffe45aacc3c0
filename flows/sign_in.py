"""Signing in to an account (flow 2), tried once per account: a sign-in refused in a
wrong password's words is never tried again, neither for the next member closed through
the same account (a child through their guardian's) nor by a later run into the same
folder, unless the person asks for it (--force, a one-person command): each wrong
password counts towards the account's lock. What a refusal means is read, read-only,
through the state look (flows/state_look.py)."""

from __future__ import annotations

from typing import Protocol

import structlog

from flows.code_steps import CodeSteps
from flows.member import Member
from flows.options import FlowOptions, Progress, Stop
from flows.outcome import Outcome, Result
from flows.pages import account
from flows.pages.base import Screen
from flows.ports import Journal
from flows.state_look import StateLook

log = structlog.get_logger("mes_optout.flow")


class SigningInFlow(Protocol):
    """What signing in uses of a member's flow (MemberFlow is one)."""

    member: Member
    options: FlowOptions
    progress: Progress
    codes: CodeSteps
    look: StateLook

    def again_with(self, screen: Screen) -> str | None: ...

    def fail(self, reason: str, outcome: Outcome = Outcome.FAILED) -> Result: ...

    def typing_secrets(self) -> None: ...


class SignInSteps:
    def __init__(self, flow: SigningInFlow, journal: Journal) -> None:
        self.flow = flow
        self.journal = journal
        self.told_accepted = False  # written once per pass

    def on_sign_in(self, screen: account.SignIn) -> None:
        flow, member = self.flow, self.flow.member
        if reason := flow.again_with(screen):
            # In a wrong password's words: a closed profile may be refused so (contract v4).
            if reason == "wrong_password":
                self._tell(accepted=False)
                raise Stop(flow.look.after_refused_sign_in())
            raise Stop(flow.fail(reason))
        if member.login is None or member.password is None:
            raise Stop(flow.fail("no_login"))
        if flow.options.dry_run:  # signing in has the site send the person a one-time code
            raise Stop(Result(Outcome.DRY_RUN, detail="before_sign_in"))
        refused_on = self._refused_on()
        # Refused in this run (a child closed through the account first): never again in
        # it; refused by an earlier one: again only when the person asks (--force).
        again = flow.options.retry_sign_in and not self.journal.sign_in_refused_now(member.account)
        if refused_on is not None and not again:
            raise Stop(flow.look.after_refused_sign_in(refused_on))
        flow.progress.login_code_asked_at = flow.codes.before_code_request()
        flow.typing_secrets()
        screen.sign_in(member.login, member.password.get_secret_value())

    def accepted(self) -> None:
        """The password was taken (the second factor, or the account's home, shows)."""
        if not self.told_accepted:
            self._tell(accepted=True)
            self.told_accepted = True

    def _refused_on(self) -> str | None:
        try:
            return self.journal.sign_in_refused_on(self.flow.member.account)
        except OSError:  # an unreadable journal says nothing either way
            return None

    def _tell(self, accepted: bool) -> None:
        try:
            self.journal.signed_in(self.flow.member.account, accepted)
        except OSError:  # a full disk: this run still tries once; said in the log
            log.warning("journal_sign_in_failed", member=self.flow.member.id)
