"""The mock site's state and the site's rules that act on it.

Routes stay thin: they read forms and render pages; what the site decides (who is this,
is the code good, may they oppose, lock them out) lives here, on the mock's clock.
"""

from __future__ import annotations

import json
import secrets
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from mes_optout_fixtures import fixture

from mock_site import messages
from mock_site.clock import PARIS, MockClock
from mock_site.expiry import Expiries, Expiry
from mock_site.faults import Faults, checked_personality
from mock_site.outbox import Outbox
from mock_site.people import (
    SIX_WEEKS,
    IssuedCode,
    Person,
    PersonError,
    new_code_provisoire,
    new_login_code,
    opposition_reference,
    person_from_json,
)

LOGIN_CODE_VALIDITY = timedelta(minutes=15)
SESSION_IDLE = timedelta(minutes=30)
MAX_WRONG_CODES = 5
MAX_WRONG_PASSWORDS = 3
CODE_LOCK = timedelta(minutes=60)
LOGIN_LOCK = timedelta(minutes=30)
DEFAULT_SEED = fixture("mock_seed.json")  # shipped in the wheel, read wherever it is installed


class SeedError(ValueError):
    """The file of people the mock starts with cannot be read: says which and why."""

    def __init__(self, source: object, why: str) -> None:
        super().__init__(f"{source}: {why}")
        self.source = str(source)
        self.why = why


def read_seed(source: Path | Traversable) -> dict[str, Any]:
    try:
        seed = json.loads(source.read_text(encoding="utf-8"))
    except OSError as error:
        raise SeedError(source, error.strerror or type(error).__name__) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SeedError(source, f"not JSON ({error})") from None
    if not isinstance(seed, dict) or not isinstance(seed.get("people", []), list):
        raise SeedError(source, "expected an object with a list of people")
    return seed


class Refusal(Exception):
    """The site says no, with the message a person reads."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Session:
    id: str
    csrf: str
    last_seen: datetime
    journey: dict[str, Any] = field(default_factory=dict)
    account: dict[str, Any] = field(default_factory=dict)
    cookies_answered: bool = False
    expiry: Expiry | None = None  # the expiring personality's, drawn at the first step
    banner_reopened: bool = False  # the banner personality reopens its banner once


def display_date(day: date) -> str:
    return f"{day:%d/%m/%Y}"


class SiteState:
    def __init__(
        self,
        outbox_dir: Path,
        seed_file: Path | Traversable | None = None,
        personality: str = "classic",
        slow_ms: int | None = None,
        loader_ms: int | None = None,
    ) -> None:
        # How the site is after every reset (`mock-site --personality`); tests may change it.
        self.personality = checked_personality(personality)
        self.slow_ms = slow_ms  # kept across resets, as the personality is
        self.loader_ms = loader_ms
        # Where the site is served: its own origin, a second one of the same site (a back
        # end), and a foreign-looking one (set by the server that serves it).
        self.origins: dict[str, str] = {"site": "", "backend": "", "elsewhere": ""}
        self.seed_file = seed_file or DEFAULT_SEED
        seed = read_seed(self.seed_file)
        start = datetime.fromisoformat(seed["start"]) if seed.get("start") else None
        self.clock = MockClock(start)
        self._seed_people: list[dict[str, Any]] = seed.get("people", [])
        self.outbox = Outbox(outbox_dir)
        self.faults = Faults()
        self.people: dict[str, Person] = {}
        self.sessions: dict[str, Session] = {}
        self.reset()

    # -- control ---------------------------------------------------------------------

    def reset(self, empty: bool = False) -> None:
        self.clock.reset()
        self.faults = Faults(
            personality=self.personality, slow_ms=self.slow_ms, loader_ms=self.loader_ms
        )
        self.franceconnect_visits = 0
        self.expiries = Expiries()
        self.posts: list[dict[str, Any]] = []  # forms posted since the reset: field names only
        self.sessions.clear()
        self.people.clear()
        for sub in ("new", "cur"):
            for path in (self.outbox.folder / sub).iterdir():
                path.unlink() if path.is_file() else shutil.rmtree(path)
        if not empty:
            for data in self._seed_people:
                self.add_person(data)

    def add_person(self, data: Any) -> Person:
        person = person_from_json(data, self.people, self.clock.now())
        is_guardian = any(p.guardian == person.id for p in self.people.values())
        if is_guardian and person.guardian is not None:
            raise PersonError(f"'{person.id}' is a guardian and cannot become a minor")
        self.people[person.id] = person
        return person

    def person(self, person_id: str) -> Person:
        person = self.people[person_id]
        person.refresh(self.clock.today())
        return person

    # -- sessions --------------------------------------------------------------------

    def session(self, session_id: str | None) -> tuple[Session, bool]:
        """The caller's session, or a new one; the flag says an old one had expired."""
        now = self.clock.now()
        current = self.sessions.get(session_id or "")
        expired = False
        if current is not None and now - current.last_seen > SESSION_IDLE:
            del self.sessions[current.id]
            current, expired = None, True
        if current is None:
            current = Session(secrets.token_urlsafe(16), secrets.token_urlsafe(16), now)
            self.sessions[current.id] = current
        current.last_seen = now
        return current, expired

    def end_session(self, session: Session) -> Session:
        """Forget everything the session knew (expiry, forged posts); keep cookie answers."""
        self.sessions.pop(session.id, None)
        fresh, _ = self.session(None)
        fresh.cookies_answered = session.cookies_answered
        fresh.expiry = session.expiry  # the same lineage: it expired once already
        return fresh

    def expires_now(self, session: Session, step: str, method: str) -> bool:
        """The expiring personality: this session's drawn step is this one."""
        if not self.faults.is_("expiring"):
            return False
        if session.expiry is None:
            session.expiry = self.expiries.draw(self.faults.expiry_seed)
        return self.expiries.due(session.expiry, step, method)

    # -- identity --------------------------------------------------------------------

    def holder(self, person: Person) -> Person:
        """Whose card and contact details serve this profile: the guardian for a minor."""
        return self.people[person.guardian] if person.guardian else person

    def find_identity(self, card_model: str, nir: str, serial: str, born: date) -> list[Person]:
        found = []
        for person in self.people.values():
            holder = self.holder(person)
            if (
                holder.nir == nir
                and holder.card_model == card_model
                and holder.card_serial == serial
                and person.birth_date == born
            ):
                person.refresh(self.clock.today())
                found.append(person)
        return found

    # -- codes -----------------------------------------------------------------------

    def _check_lock(self, person: Person) -> None:
        if person.locked(self.clock.now()):
            raise Refusal(messages.LOCKED.format(minutes=self._lock_minutes(person)))

    def _lock_minutes(self, person: Person) -> int:
        left = (person.locked_until or self.clock.now()) - self.clock.now()
        return max(1, int(left.total_seconds() // 60) + (left.total_seconds() % 60 > 0))

    def _lock(self, person: Person, length: timedelta) -> None:
        person.locked_until = self.clock.now() + length
        raise Refusal(messages.LOCKED.format(minutes=int(length.total_seconds() // 60)))

    def _throttle(self, person: Person) -> None:
        """At most one code request per `rate_limit_s` (30 s on the real site); and, as a
        fault, the next `rate_limit` requests refused, each such refusal starting the
        interval again (asking again without waiting is refused too)."""
        now, faults = self.clock.now(), self.faults
        interval = timedelta(seconds=faults.rate_limit_s)
        if faults.rate_limit > 0:
            faults.rate_limit -= 1
            person.last_code_request = now
        elif person.last_code_request is None or now - person.last_code_request >= interval:
            person.last_code_request = now
            return
        raise Refusal(messages.RATE_LIMITED.format(seconds=faults.rate_limit_s))

    def has_contact_details(self, person: Person) -> bool:
        holder = self.holder(person)
        return bool(holder.phone or holder.email)

    def contact(self, person: Person, channel: str) -> str | None:
        holder = self.holder(person)
        return holder.phone if channel == "sms" else holder.email

    def send_code_provisoire(self, person: Person, channel: str) -> None:
        self._check_lock(person)
        to = self.contact(person, channel)
        if to is None:
            raise Refusal(messages.CHOICE_MISSING)
        self._throttle(person)
        code = new_code_provisoire()
        person.codes.append(IssuedCode(code, self.clock.now(), SIX_WEEKS, sent=True))
        until = display_date((self.clock.now() + SIX_WEEKS).astimezone(PARIS).date())
        self.outbox.deliver(
            channel,
            to,
            "Votre code provisoire Mon espace santé",
            f"Bonjour,\n\nVoici le code provisoire pour le profil Mon espace santé de "
            f"{person.full_name} : {code}\n\nIl est valable jusqu'au {until}.\n\n"
            "L'Assurance Maladie\n",
        )

    def check_code_provisoire(self, person: Person, code: str) -> IssuedCode:
        """Accept the current code (not yet spent: it is spent by the decision itself)."""
        self._check_lock(person)
        issued = next((c for c in reversed(person.codes) if c.value == code), None)
        if issued is None:
            person.wrong_codes += 1
            if person.wrong_codes >= MAX_WRONG_CODES:
                person.wrong_codes = 0
                self._lock(person, CODE_LOCK)
            raise Refusal(messages.CODE_WRONG)
        if issued.used:
            raise Refusal(messages.CODE_USED)
        if issued.expired(self.clock.now()) or issued is not person.codes[-1]:
            raise Refusal(messages.CODE_EXPIRED)
        person.wrong_codes = 0
        return issued

    # -- the irreversible steps ------------------------------------------------------

    def oppose(self, person: Person) -> None:
        person.refresh(self.clock.today())
        # Every submission counts, taken or refused: a robot that clicks twice shows here.
        person.submissions["opposition"] += 1
        if person.state != "invited":
            raise Refusal(messages.PROFILE_EXISTS)
        person.state = "opposed"
        person.opposed_on = self.clock.today()
        person.opposition_ref = opposition_reference()
        self._spend_code(person)

    def activate(self, person: Person) -> None:
        person.refresh(self.clock.today())
        if person.state != "invited":
            raise Refusal(messages.PROFILE_EXISTS)
        person.state = "active"
        person.activated_on = self.clock.today()
        self._spend_code(person)

    def close(self, person: Person, delete_data: bool) -> None:
        person.refresh(self.clock.today())
        person.submissions["closure"] += 1  # taken or refused, as for the opposition
        if person.state == "closed" and person.closed_on:
            raise Refusal(messages.CLOSED.format(date=display_date(person.closed_on)))
        if person.state != "active":
            raise Refusal(messages.GENERIC_ERROR)
        person.state = "closed"
        person.closed_on = self.clock.today()
        person.deletion_requested = delete_data
        self._spend_code(person)

    def request_deletion(self, person: Person, delete: bool) -> None:
        """v2's second step of a closure: the data deleted now, or kept ten years."""
        if person.state == "closed":
            person.deletion_requested = delete

    def password_matches(self, person: Person, password: str) -> bool:
        return secrets.compare_digest(person.password or "", password)

    def _spend_code(self, person: Person) -> None:
        if person.codes:
            person.codes[-1].used = True

    # -- the account (flow 2) --------------------------------------------------------

    def sign_in(self, login: str, password: str) -> Person:
        person = next((p for p in self.people.values() if p.login and p.login == login), None)
        if person is None:
            raise Refusal(messages.LOGIN_WRONG)
        person.refresh(self.clock.today())
        person.sign_ins += 1
        self._check_lock(person)
        if person.state == "closed" and self.faults.is_("closed_refuses"):
            # v4: a closed profile may no longer sign in, refused in a wrong password's
            # words; not counted towards a lock (there is no account left to protect).
            raise Refusal(messages.LOGIN_WRONG)
        if not secrets.compare_digest(person.password or "", password):
            person.wrong_passwords += 1
            if person.wrong_passwords >= MAX_WRONG_PASSWORDS:
                person.wrong_passwords = 0
                self._lock(person, LOGIN_LOCK)
            raise Refusal(messages.LOGIN_WRONG)
        person.wrong_passwords = 0
        if person.state == "closed" and person.closed_on:
            raise Refusal(messages.CLOSED.format(date=display_date(person.closed_on)))
        return person

    def login_channel(self, person: Person) -> str:
        return "email" if person.email else "sms"

    def send_login_code(self, person: Person, resend: bool) -> None:
        """Send a 6-digit code on each sign-in; « Renvoyer le code » at most every 30 s."""
        now = self.clock.now()
        if resend:
            self._throttle(person)
        person.last_code_request = now
        code = new_login_code()
        person.login_codes.append(IssuedCode(code, now, LOGIN_CODE_VALIDITY))
        channel = self.login_channel(person)
        self.outbox.deliver(
            channel,
            self.contact(person, channel) or "",
            "Votre code de connexion Mon espace santé",
            f"Votre code à usage unique pour vous connecter à Mon espace santé : {code}\n"
            "Il est valable 15 minutes.\n",
        )

    def check_login_code(self, person: Person, code: str) -> None:
        self._check_lock(person)
        issued = next((c for c in reversed(person.login_codes) if c.value == code), None)
        if issued is None or issued.used:
            person.wrong_login_codes += 1
            if person.wrong_login_codes >= MAX_WRONG_CODES:
                person.wrong_login_codes = 0
                self._lock(person, LOGIN_LOCK)
            raise Refusal(messages.LOGIN_CODE_WRONG)
        if issued.expired(self.clock.now()):
            raise Refusal(messages.LOGIN_CODE_EXPIRED)
        issued.used = True
        person.wrong_login_codes = 0

    def managed_profiles(self, holder: Person) -> list[Person]:
        """The profiles an account can close: its own and its children's that exist."""
        children = [self.person(p.id) for p in self.people.values() if p.guardian == holder.id]
        return [holder] + [c for c in children if c.state in ("active", "closed")]
