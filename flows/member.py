"""One person to oppose or close for, checked before any browser starts.

Never use the NIR as an identifier: the member's `id` is a short label chosen by the
user, and it is the only thing that names a member in files, logs and reports.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, SecretStr, field_validator, model_validator

from flows.inputs import (
    InputError,
    as_key,
    check_code_provisoire,
    normalize_nir,
    normalize_serial,
    parse_birth_date,
)

Action = Literal["oppose", "close", "auto"]
CardModel = Literal["avec_photo", "sans_photo"]
Channel = Literal["sms", "email"]
# The member's fields that are secrets: never logged, never written in the household
# file (init puts them in the secrets file), typed into the site's own origins only.
SECRET_FIELDS = ("nir", "card_serial", "code", "password")
# Their short names, where one is needed (secrets.toml keys, the demo's variables).
SECRET_NAMES = {"nir": "nir", "card_serial": "serial", "code": "code", "password": "password"}
# A profile is created this long after the invitation, unless the person opposes first.
SIX_WEEKS = timedelta(weeks=6)
LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")


def label_from(name: str, taken: Collection[str] = ()) -> str:
    """A short label from a first name: « Chloé » → chloe, then chloe2 if taken."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:28] or "personne"
    label, number = base, 2
    while label in taken:
        label, number = f"{base}{number}", number + 1
    return label


class Member(BaseModel):
    # Secrets never appear in a validation error: pydantic leaves the input out.
    model_config = ConfigDict(hide_input_in_errors=True, frozen=True, extra="forbid")

    id: str
    first_name: str
    last_name: str
    birth_date: date
    action: Action = "oppose"
    # For a minor: the guardian's NIR and card, with the child's own birth date. Not
    # needed to close with a login (flow 2); needed for everything else.
    card_model: CardModel | None = None
    nir: SecretStr | None = None
    card_serial: SecretStr | None = None
    code: SecretStr | None = None
    channel: Channel = "email"
    login: str | None = None
    password: SecretStr | None = None
    # Whose name the signed-in home shows (the guardian's, when closing a child's profile).
    account_holder: str | None = None
    # The member whose login this is, when it is another's (a guardian's): never in a file.
    account_owner: str | None = None
    delete_data: bool = True
    minor: bool = False
    invited_on: date | None = None

    @property
    def deadline(self) -> date | None:
        """The day the profile is created unless the person opposes: six weeks after the
        invitation, when its date is known."""
        return self.invited_on + SIX_WEEKS if self.invited_on else None

    @property
    def route(self) -> int:
        """Which way through the site (flows/member_flow.py): 1, opposition; 2, closure
        with a login; 3, closure (or opposition) with the carte Vitale and a code."""
        return 1 if self.action == "oppose" else (2 if self.login else 3)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def account(self) -> str:
        """Whose account a sign-in uses: the guardian's for a child closed through it."""
        return self.account_owner or self.id

    @property
    def account_holder_name(self) -> str:
        """Whose account is signed in: the account holder named in the file, or the member."""
        return self.account_holder or self.full_name

    @field_validator("id")
    @classmethod
    def _label(cls, value: str) -> str:
        if not LABEL.fullmatch(value):
            raise ValueError("label")
        return value

    @field_validator("first_name", "last_name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("empty")
        return value

    @field_validator("action", "card_model", "channel", mode="before")
    @classmethod
    def _choice(cls, value: object) -> object:
        return as_key(value) if isinstance(value, str) else value

    @field_validator("birth_date", mode="before")
    @classmethod
    def _birth(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return parse_birth_date(value, date.today())
            except InputError as error:
                raise ValueError(error.problem.value) from None
        return value

    @property
    def needs_identity(self) -> bool:
        """Every way through the site asks for the card, except closing with a login."""
        return self.action == "oppose" or self.login is None

    @field_validator("nir")
    @classmethod
    def _nir(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        try:
            return SecretStr(normalize_nir(value.get_secret_value()))
        except InputError as error:
            raise ValueError(error.problem.value) from None

    @field_validator("code")
    @classmethod
    def _code(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        try:
            return SecretStr(check_code_provisoire(value.get_secret_value()))
        except InputError as error:
            raise ValueError(error.problem.value) from None

    @model_validator(mode="after")
    def _serial_and_login(self) -> Member:
        if self.needs_identity:
            for name in ("card_model", "nir", "card_serial"):
                if getattr(self, name) is None:
                    raise ValueError(f"{name}:missing")
        if self.card_serial is not None:
            if self.card_model is None:
                raise ValueError("card_model:missing")
            try:
                serial = normalize_serial(self.card_serial.get_secret_value(), self.card_model)
            except InputError as error:
                raise ValueError(f"card_serial:{error.problem.value}") from None
            object.__setattr__(self, "card_serial", SecretStr(serial))
        if self.login is not None and self.password is None:
            raise ValueError("password:with_login")
        if self.password is not None and self.login is None:
            raise ValueError("login:with_password")
        return self

    def secrets(self) -> list[str]:
        """Every secret value of this member, for the log redactor."""
        values = [getattr(self, name) for name in SECRET_FIELDS]
        return [v.get_secret_value() for v in values if v is not None]
