"""What a flow asks of the world around it, as small protocols: the person at the
keyboard (if any), a code reader, the journal and the evidence folder. The runtime in
automation/ provides them; tests can provide their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal, Protocol

from playwright.sync_api import Page
from pydantic import SecretStr

CodeKind = Literal["provisoire", "login"]


@dataclass(frozen=True)
class CodeRequest:
    kind: CodeKind
    channel: str  # "sms" or "email"
    asked_at: datetime  # UTC: only a message that arrived after this can carry the code
    member_name: str
    # The how-manieth new code this attempt asked for: each one voids those before it
    # (the letter's included), so a person is told which one to type.
    number: int = 1


class CodeUnavailable(Exception):
    """A reader that can say why it has no code raises this; `detail` is a fact for the
    report (« exit status 1 »), never the code nor a secret."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class CodeReader(Protocol):
    def prepare(self) -> None:
        """Called just before the site is asked to send a code: note where the mailbox is."""
        ...

    def read(self, request: CodeRequest) -> SecretStr | None:
        """The code, or None when none could be read in time (or CodeUnavailable)."""
        ...


class Person(Protocol):
    """Someone watching the browser. None in an unattended run."""

    def hand_over(self, task: str) -> bool:
        """Ask them to do `task` (a key: "unknown_screen") in the browser; True once they
        say it is done."""
        ...

    def confirm(self, question: str, name: str) -> bool:
        """Ask `question` (a key: "confirm_oppose", "confirm_close") about the person `name`."""
        ...


class Journal(Protocol):
    def intent(self, member_id: str, step: str) -> None:
        """Written before an irreversible click."""
        ...

    def result(self, member_id: str, step: str, outcome: str) -> None: ...

    def interrupted(self, member_id: str) -> str | None:
        """The step whose intent has no result after it (its answer never came)."""
        ...

    def sent_on(self, member_id: str, step: str) -> str | None:
        """The day (YYYY-MM-DD) the member's last `step` was sent, if one was."""
        ...

    def signed_in(self, account: str, accepted: bool) -> None:
        """A sign-in to this account (its holder's member id) was accepted or refused."""
        ...

    def sign_in_refused_now(self, account: str) -> bool:
        """A sign-in to this account was refused in this run."""
        ...

    def sign_in_refused_on(self, account: str) -> str | None:
        """The day (YYYY-MM-DD) a sign-in to this account was refused, if none was
        accepted since: in this run (a child closed through it) or an earlier one."""
        ...


class Evidence(Protocol):
    def attestation(self, data: bytes, full_name: str) -> Path:
        """Keeps the file the site served, checked to be a PDF naming the person."""
        ...

    def screenshot(self, page: Page, name: str, mask_names: list[str]) -> Path: ...

    def diagnostic(self, page: Page, mask_names: list[str]) -> list[Path]: ...


class Recorder(Protocol):
    """A trace being recorded: paused while secrets are typed."""

    def pause(self) -> None: ...

    def resume(self) -> None: ...


class NoJournal:
    def intent(self, member_id: str, step: str) -> None:
        return None

    def result(self, member_id: str, step: str, outcome: str) -> None:
        return None

    def interrupted(self, member_id: str) -> str | None:
        return None

    def sent_on(self, member_id: str, step: str) -> str | None:
        return None

    def signed_in(self, account: str, accepted: bool) -> None:
        return None

    def sign_in_refused_now(self, account: str) -> bool:
        return False

    def sign_in_refused_on(self, account: str) -> str | None:
        return None
