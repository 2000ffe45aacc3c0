"""What a member's flow is told (FlowOptions), what it remembers while it runs
(Progress), and how it stops with an outcome (Stop)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pydantic import SecretStr

from flows.outcome import Result


@dataclass
class FlowOptions:
    base_url: str
    confirmed: bool = False
    dry_run: bool = False
    load_timeout_ms: float = 30_000
    recognise_timeout_ms: float = 10_000
    member_deadline_s: float = 600
    retries: int = 3
    backoff_s: float = 2.0
    # Origins the person allowed beyond the site's own (--allow-origin): reachable, and
    # acted on; secrets are typed on the site's own site only, never there.
    allowed_origins: tuple[str, ...] = ()
    # Sign in to an account whose last sign-in was refused (--force, a one-person command):
    # otherwise it is not tried again, for a second wrong password counts towards its lock.
    retry_sign_in: bool = False


class Stop(Exception):
    def __init__(self, result: Result) -> None:
        super().__init__(result.outcome.value)
        self.result = result


@dataclass
class Progress:
    """What this attempt has done so far: the flow decides from it and the screen."""

    previous: str | None = None
    repeats: int = 0  # times in a row on the same screen
    unchanged: int = 0  # of those, times the screen looked the same as before: stuck
    looked: tuple[object, ...] = ()  # what the screen showed last time (its nodes)
    said: str = ""  # what the site said in answer to the last action, on the same screen
    code: SecretStr | None = None  # the best code known: the member's, or a fresh one
    code_submitted: bool = False  # in this pass through the site
    code_requests: int = 0  # new codes asked for in this attempt
    new_code_asked_at: datetime | None = None
    new_code_read: bool = True  # the code asked for last has been read (or none was asked)
    # Where the site was told to send the last new code (the member's channel, or the
    # other one when the site offered only that), and whether the code held came from
    # such a request: a code sent minutes ago that the site calls expired was replaced.
    new_code_channel: str | None = None
    code_is_fresh: bool = False
    login_code_asked_at: datetime | None = None
    login_code_resent: bool = False
    pending: str | None = None  # an irreversible step clicked, its result not seen yet
    # Final controls pressed in this pass through the site ("opposition", "closure", and
    # "opposition:confirm"... for a dialog's « Confirmer »): once each. A pass from the
    # home page again forgets them: the site says on the way whether it took the step.
    pressed: set[str] = field(default_factory=set)
    pressed_at: float | None = None  # when the first of them was pressed (monotonic)
    restarts: int = 0
    retries: int = 0
    waits: int = 0  # waits the site asked for (« Veuillez attendre N secondes »), sat out
    waited: bool = False  # the wait on view has been sat out: do the step again
    screens: list[str] = field(default_factory=list)
