"""Outcomes are data: what happened to one member, and why when it did not go well."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Literal, get_args


class Outcome(StrEnum):
    OPPOSED = "opposed"
    ALREADY_OPPOSED = "already_opposed"
    CLOSED = "closed"
    ALREADY_CLOSED = "already_closed"
    DRY_RUN = "dry_run"
    NEEDS_HUMAN = "needs_human"
    FAILED = "failed"

    @property
    def done(self) -> bool:
        """Nothing more to do for this member (a dry run counts: it did what was asked)."""
        return self not in (Outcome.NEEDS_HUMAN, Outcome.FAILED)

    @property
    def achieved(self) -> bool:
        """The member's opposition or closure holds on the site, done now or before (a dry
        run did nothing there): what a re-run skips and a deadline no longer threatens."""
        return self.value in ACHIEVED


ACHIEVED = frozenset({"opposed", "already_opposed", "closed", "already_closed"})


# Why a member did not come to its outcome, or what went wrong around it: stable keys for
# machines (journal, report.json). Flows speak only in these keys; the runtime turns each
# into a sentence in the person's language (automation/messages/ has one per key).
Reason = Literal[
    "identity_not_found",
    "code_expired",
    # A code the robot had sent during this run was refused as expired: a newer one it
    # asked for afterwards replaced it (six weeks cannot have passed).
    "code_replaced",
    "code_used",
    "code_wrong",
    "code_unreadable",
    "code_needed",
    "rate_limited",
    "locked",
    "wrong_password",
    "login_code_wrong",
    "login_code_expired",
    "not_activatable",
    "not_representative",
    "profile_exists",
    "profile_not_found",
    "twin_not_found",
    "site_unavailable",
    "session_expired",
    "unknown_screen",
    "timeout",
    "stuck",
    "not_confirmed",
    "identity_needed",
    "no_login",
    "network",
    "browser",
    "journal",
    "evidence",
    "no_contact_details",
    "no_answer",
    # A final step's click never reached its button (something opened over it as it went
    # down): not made again; the next run looks at the site.
    "press_lost",
    "login_code_invalid",
    "login_code_refused",
    "card_model_empty",
    "password_needed",
    # The site sent the browser to an origin that is not its own (nothing typed there).
    "foreign_origin",
    # The look before the run found a screen this member's way through the site needs
    # changed: held, the others done.
    "site_changed",
    # A sign-in refused in a wrong password's words, and nothing to tell a wrong password
    # from a closed profile (no card to look with, or a look that needs a code): a person
    # checks. Detail: the day a closure was sent, when the journal knows it.
    "sign_in_refused",
    # The same account's sign-in was refused before (by an earlier run, or for a child
    # closed through it in this one) and none accepted since: not tried again, for each
    # wrong password counts towards the account's lock. Detail: the day it was refused.
    "sign_in_refused_before",
    # The site refused a field the robot had checked by the contract's rules.
    "nir_empty",
    "nir_length",
    "nir_format",
    "birth_date_empty",
    "serial_empty",
    "serial_digits",
    "serial_format",
    "code_length",
    "code_characters",
]
REASONS: frozenset[str] = frozenset(get_args(Reason))


@dataclass
class Result:
    outcome: Outcome
    # One of REASONS (a page object's message table gives its key as a plain string).
    reason: str | None = None
    # A fact to add to the reason, never a sentence: the screen the flow was stuck on.
    detail: str | None = None
    evidence: list[Path] = field(default_factory=list)
    screens: list[str] = field(default_factory=list)
    # An unknown screen's masked snapshot and screenshot, to share to update the contract.
    diagnostic: list[Path] = field(default_factory=list)
