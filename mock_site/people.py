"""The people the mock knows, their profile states and the codes issued to them.

A profile moves: invited -> opposed, or invited -> active (activated, or created
automatically six weeks after the invitation) -> closed; deceased people are never
activatable. The six-week rule is applied lazily, on the mock's clock, whenever a
person is read (`refresh`).
"""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from mock_site import rules

SIX_WEEKS = timedelta(weeks=6)
STATES = ("invited", "opposed", "active", "closed", "deceased")
_CODE_ALPHABET = string.ascii_uppercase + string.ascii_lowercase + string.digits


class PersonError(ValueError):
    """A person given to the control API that does not hold together."""


@dataclass
class IssuedCode:
    value: str
    issued_at: datetime
    valid_for: timedelta
    used: bool = False
    sent: bool = False  # sent by SMS or e-mail on request, not printed in the letter

    def expired(self, now: datetime) -> bool:
        return now >= self.issued_at + self.valid_for


@dataclass
class Person:
    id: str
    first_name: str
    last_name: str
    birth_date: date
    state: str = "invited"
    nir: str | None = None
    card_model: str | None = None
    card_serial: str | None = None
    email: str | None = None
    phone: str | None = None
    invited_on: date | None = None
    guardian: str | None = None
    # A child whose listed guardian may no longer act for them (the site refuses them).
    legal_representative: bool = True
    login: str | None = None
    password: str | None = None
    opposed_on: date | None = None
    activated_on: date | None = None
    auto_created: bool = False
    closed_on: date | None = None
    deletion_requested: bool | None = None
    opposition_ref: str | None = None
    codes: list[IssuedCode] = field(default_factory=list)
    login_codes: list[IssuedCode] = field(default_factory=list)
    last_code_request: datetime | None = None
    wrong_codes: int = 0
    wrong_passwords: int = 0
    wrong_login_codes: int = 0
    # Every sign-in tried with this person's login, taken or refused: a robot that tries a
    # refused password again (and gets the account blocked) shows here.
    sign_ins: int = 0
    locked_until: datetime | None = None
    # How many times each irreversible step was submitted: proof of "never twice".
    submissions: dict[str, int] = field(default_factory=lambda: {"opposition": 0, "closure": 0})
    # Every post of a final form (by step: decision, cloture), taken or refused, and every
    # press of a final control the page told the site of ("oppose-dialog:step",
    # "close-dialog:confirm"...): a robot that presses or sends twice shows here.
    final_posts: dict[str, int] = field(default_factory=dict)
    presses: dict[str, int] = field(default_factory=dict)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_minor_profile(self) -> bool:
        return self.guardian is not None

    def refresh(self, today: date) -> None:
        """Apply the six-week rule: an invitation nobody answered becomes a profile."""
        if self.state == "invited" and self.invited_on and today >= self.invited_on + SIX_WEEKS:
            self.state = "active"
            self.activated_on = self.invited_on + SIX_WEEKS
            self.auto_created = True

    def deadline(self) -> date | None:
        return self.invited_on + SIX_WEEKS if self.invited_on else None

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def public_view(self, now: datetime) -> dict[str, Any]:
        """What the control API tells tests. Secrets stay out: tests know what they set."""

        def iso(value: date | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "id": self.id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "birth_date": self.birth_date.isoformat(),
            "state": self.state,
            "guardian": self.guardian,
            "invited_on": iso(self.invited_on),
            "deadline": iso(self.deadline()),
            "opposed_on": iso(self.opposed_on),
            "activated_on": iso(self.activated_on),
            "auto_created": self.auto_created,
            "closed_on": iso(self.closed_on),
            "deletion_requested": self.deletion_requested,
            "opposition_ref": self.opposition_ref,
            "codes_issued": len(self.codes),
            "login_codes_issued": len(self.login_codes),
            "locked": self.locked(now),
            "sign_ins": self.sign_ins,
            "submissions": dict(self.submissions),
            "final_posts": dict(self.final_posts),
            "presses": dict(self.presses),
        }


def new_code_provisoire() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))


def new_login_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def _date(data: dict[str, Any], key: str, required: bool = False) -> date | None:
    value = data.get(key)
    if value is None:
        if required:
            raise PersonError(f"'{key}' is required")
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise PersonError(f"'{key}' must be a date YYYY-MM-DD, got {value!r}") from None


def _text(data: dict[str, Any], key: str, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise PersonError(f"'{key}' is required")
        return None
    if not isinstance(value, str):
        raise PersonError(f"'{key}' must be a string")
    return value


_KNOWN_KEYS = {
    "_comment",
    "id", "first_name", "last_name", "birth_date", "nir", "card_model", "card_serial",
    "email", "phone", "invited_on", "code", "state", "guardian", "login", "password",
    "opposed_on", "closed_on", "activated_on", "deletion_requested", "legal_representative",
}  # fmt: skip


def person_from_json(data: Any, people: dict[str, Person], now: datetime) -> Person:
    """Build a Person from the control API's JSON, or raise PersonError saying why."""
    if not isinstance(data, dict):
        raise PersonError("a person must be a JSON object")
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise PersonError(f"unknown keys: {', '.join(unknown)}")
    state = _text(data, "state") or "invited"
    if state not in STATES:
        raise PersonError(f"'state' must be one of {', '.join(STATES)}")
    person = Person(
        id=_text(data, "id", required=True) or "",
        first_name=_text(data, "first_name", required=True) or "",
        last_name=_text(data, "last_name", required=True) or "",
        birth_date=_date(data, "birth_date", required=True) or date.min,
        state=state,
        email=_text(data, "email"),
        phone=_text(data, "phone"),
        invited_on=_date(data, "invited_on"),
        guardian=_text(data, "guardian"),
        login=_text(data, "login"),
        password=_text(data, "password"),
        legal_representative=bool(data.get("legal_representative", True)),
    )
    if person.guardian is not None:
        if person.guardian not in people:
            raise PersonError(f"guardian '{person.guardian}' is not a known person")
        if people[person.guardian].guardian is not None:
            raise PersonError("a guardian cannot be a minor")
        if any(data.get(key) for key in ("nir", "card_model", "card_serial")):
            raise PersonError("a minor has no NIR or card of their own: the guardian's are used")
    else:
        model = _text(data, "card_model", required=True) or ""
        try:
            person.nir = rules.nir(_text(data, "nir", required=True) or "")
            person.card_serial = rules.serial(_text(data, "card_serial") or "", model)
        except rules.InputError as error:
            raise PersonError(f"'{error.field}' is not valid ({error.problem.value})") from None
        person.card_model = model
    code = _text(data, "code")
    if code is not None:
        if len(code) != 12 or not code.isalnum() or not code.isascii():
            raise PersonError("'code' must be 12 letters and digits")
        issued = datetime.combine(person.invited_on or now.date(), now.timetz())
        person.codes.append(IssuedCode(code, issued, SIX_WEEKS))
    if (person.login is None) != (person.password is None):
        raise PersonError("'login' and 'password' go together")
    person.opposed_on = _date(data, "opposed_on")
    person.closed_on = _date(data, "closed_on")
    person.activated_on = _date(data, "activated_on")
    if state == "opposed":
        person.opposed_on = person.opposed_on or now.date()
        person.opposition_ref = opposition_reference()
    if state == "closed":
        person.closed_on = person.closed_on or now.date()
        person.deletion_requested = bool(data.get("deletion_requested", True))
    if state == "active":
        person.activated_on = person.activated_on or now.date()
    return person


def opposition_reference() -> str:
    alphabet = string.digits + string.ascii_uppercase
    return "OPP-" + "".join(secrets.choice(alphabet) for _ in range(10))
