"""Getting codes: the code provisoire (1.5), asking for a new one (1.6), the code's states
shown as pages (v2), and the sign-in code of flow 2 (2.2).

The flow keeps track of what it did (asked for a code, read it, typed it) rather than
rely on what the site says about it: the site's « a code was sent » sentence is not in
the contract.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import SecretStr

from flows.options import Stop
from flows.outcome import Outcome, Result
from flows.pages import account, codes
from flows.ports import CodeKind, CodeReader, CodeRequest, CodeUnavailable
from flows.step_context import StepContext

# New codes asked for in one attempt: one, and one more after a code state page (v2).
MAX_CODE_REQUESTS = 2
REFUSED_CODES = ("code_expired", "code_used", "code_wrong")


class CodeSteps:
    def __init__(self, flow: StepContext, reader: CodeReader | None) -> None:
        self.flow = flow
        self.reader = reader

    @property
    def can_read(self) -> bool:
        return self.reader is not None

    def before_code_request(self) -> datetime:
        if self.reader is not None:
            self.reader.prepare()
        return datetime.now(UTC)

    def read(self, kind: CodeKind, asked_at: datetime | None) -> SecretStr:
        assert self.reader is not None and asked_at is not None
        member, progress = self.flow.member, self.flow.progress
        if kind == "provisoire":
            channel = progress.new_code_channel or member.channel
            request = CodeRequest(kind, channel, asked_at, member.full_name,
                                  number=max(progress.code_requests, 1))  # fmt: skip
        else:
            request = CodeRequest(kind, member.channel, asked_at, member.full_name)
        try:
            code = self.reader.read(request)
        except CodeUnavailable as why:
            raise Stop(Result(Outcome.NEEDS_HUMAN, "code_unreadable", detail=why.detail)) from None
        if code is None:
            raise Stop(self.flow.fail("code_unreadable", Outcome.NEEDS_HUMAN))
        return code

    # 1.5

    def on_code_provisoire(self, screen: codes.CodeProvisoire) -> None:
        flow, progress = self.flow, self.flow.progress
        reason = flow.again_with(screen)
        if reason == "locked":
            raise Stop(flow.fail(reason))
        if not progress.new_code_read:
            # We asked the site for a code and it moved on to 1.5: the code is on its way.
            progress.code = self.read("provisoire", progress.new_code_asked_at)
            progress.code_is_fresh = True
            progress.new_code_read = True
            progress.code_submitted = False
            reason = None
        if reason is None and not progress.code_submitted and progress.code is not None:
            progress.code_submitted = True
            flow.typing_secrets()
            screen.submit_code(progress.code.get_secret_value())
            return
        # No code, or the one we had was refused: ask the site for a new one.
        if self._may_ask() and (reason is None or reason in REFUSED_CODES):
            progress.code = None
            progress.code_is_fresh = False
            progress.code_submitted = False
            screen.ask_for_a_new_code()
            return
        if reason is not None:
            raise Stop(flow.fail(self._told_apart(reason)))
        raise Stop(flow.fail("code_needed", Outcome.NEEDS_HUMAN))

    def _may_ask(self) -> bool:
        return self.can_read and self.flow.progress.code_requests < MAX_CODE_REQUESTS

    def _told_apart(self, reason: str) -> str:
        """The site says « expiré » of a code that was replaced too (screens.md). One the
        robot had sent during this run cannot be six weeks old: a newer request replaced
        it (the person typed an earlier message's code), and saying so tells them which
        code to look for."""
        if reason == "code_expired" and self.flow.progress.code_is_fresh:
            return "code_replaced"
        return reason

    # 1.6

    def on_contact(self, screen: codes.Contact) -> None:
        flow, progress = self.flow, self.flow.progress
        if reason := flow.again_with(screen):
            raise Stop(flow.fail(reason))
        if not self._may_ask():
            # v2 shows 1.6 first: without a way to read a code, a person must type it.
            raise Stop(flow.fail("code_needed", Outcome.NEEDS_HUMAN))
        if flow.options.dry_run:
            # Sending would land a message in the person's mailbox and void the code they
            # hold (the letter's included): a dry run stops here, and says so.
            raise Stop(Result(Outcome.DRY_RUN, detail="before_code_request"))
        channel = flow.member.channel
        if not screen.available(channel):
            channel = "email" if channel == "sms" else "sms"
        progress.new_code_asked_at = self.before_code_request()
        progress.new_code_channel = channel
        progress.code_requests += 1
        progress.new_code_read = False
        screen.send(channel)

    # v2: « Votre code provisoire a expiré » / « … a déjà été utilisé » as pages

    def on_code_state_page(self, screen: codes.CodeExpiredPage | codes.CodeUsedPage) -> None:
        flow, progress = self.flow, self.flow.progress
        if not self._may_ask():
            reason = "code_expired" if isinstance(screen, codes.CodeExpiredPage) else "code_used"
            raise Stop(flow.fail(self._told_apart(reason)))
        # The code we had is spent: forget it, so that the way back asks for a new one.
        progress.code = None
        progress.code_is_fresh = False
        progress.code_submitted = False
        progress.new_code_read = True
        if isinstance(screen, codes.CodeExpiredPage):
            screen.go_on()
        else:
            flow.go_to_start()

    # 2.2

    def on_second_factor(self, screen: account.SecondFactor) -> None:
        flow, progress = self.flow, self.flow.progress
        reason = flow.again_with(screen)
        if reason == "login_code_expired" and not progress.login_code_resent:
            # An expired code is worth one more: the site sends a new one on request.
            progress.login_code_resent = True
            progress.login_code_asked_at = self.before_code_request()
            screen.resend()
            return
        if reason is not None:
            raise Stop(flow.fail(reason))
        if not self.can_read:
            raise Stop(flow.fail("code_needed", Outcome.NEEDS_HUMAN))
        code = self.read("login", progress.login_code_asked_at)
        flow.typing_secrets()
        screen.submit_code(code.get_secret_value())
