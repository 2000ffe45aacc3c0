"""The household file: everyone described once, checked before any browser starts.

TOML, one `[[member]]` table each (see fixtures/household.example.toml). Secrets are
references: `env:NAME` (an environment variable) or `secret:KEY` (a key of the separate
secrets file named by `secrets_file`, which only its owner may read); a literal secret is
accepted with a warning. A minor names their `guardian` and uses the guardian's NIR and
carte Vitale. Every error names the member and the field, in the user's language.

`code_from` may name any source of codes but a program (`command:`): a program runs with
the person's rights, so only the person starts one (--code-from, MES_CODE_FROM), never a
file that may have come from someone else.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import SecretStr, ValidationError

from automation import messages
from automation.codes.source import parse
from automation.config import file_shape
from automation.messages import text as say
from automation.messages.system_words import not_utf8, os_words, toml_words
from automation.output import platform
from flows.inputs import InputError, parse_birth_date
from flows.member import SECRET_FIELDS, Member

MEMBER_KEYS = {
    "id", "first_name", "last_name", "birth_date", "action", "card_model", "card_serial", "nir",
    "code", "channel", "login", "password", "delete_data", "invited_on", "guardian",
    "account_holder",
}  # fmt: skip
TOP_KEYS = {"household", "secrets_file", "code_from", "allow_origins", "member"}
ADULT_AGE = 18


class HouseholdError(ValueError):
    """The household cannot be used; `problems` are sentences for the user."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Household:
    name: str
    members: list[Member]
    guardians: dict[str, str] = field(default_factory=dict)  # member id -> guardian id
    warnings: list[str] = field(default_factory=list)
    # Where the robot reads the codes the site sends (`--code-from`'s values), when the
    # file says; the command line's --code-from wins.
    code_from: str | None = None
    # Origins beyond the site's own the site needs, allowed by the person (--allow-origin).
    allow_origins: tuple[str, ...] = ()

    def ordered(self) -> list[Member]:
        """Children before their guardian (closing a guardian's account first would lose
        the way to the children's profiles); otherwise the file's order."""
        children = [m for m in self.members if m.id in self.guardians]
        return children + [m for m in self.members if m.id not in self.guardians]

    def secrets(self) -> list[str]:
        return [value for member in self.members for value in member.secrets()]


def field_name(name: str, lang: str) -> str:
    return messages.pick(messages.FIELDS[name], lang) if name in messages.FIELDS else name


def read_toml(
    path: Path, lang: str, private: bool, warnings: list[str] | None = None
) -> dict[str, Any]:
    try:
        if private:
            _check_private(path, lang, warnings)
        return tomllib.loads(_bounded_text(path, lang))
    except RecursionError:  # the depth measured first makes this a last resort
        raise HouseholdError([_too_deep(path, lang)]) from None
    except OSError as error:
        raise HouseholdError(
            [say("file_unreadable", lang, path=path, why=os_words(error, lang))]
        ) from None
    except UnicodeDecodeError:
        raise HouseholdError(
            [say("file_unreadable", lang, path=path, why=not_utf8(lang))]
        ) from None
    except tomllib.TOMLDecodeError as error:
        where, why = toml_words(str(error), lang)
        raise HouseholdError([say("file_toml", lang, path=path, where=where, why=why)]) from None


def _check_private(path: Path, lang: str, warnings: list[str] | None) -> None:
    """Refused when someone else can read it, the platform's way (mode bits, or Windows'
    ACL); where the system cannot say, a warning: a refusal would stop every run there."""
    found = platform.privacy(path)
    if found is platform.Privacy.SHARED:
        key = "file_open_acl" if platform.is_windows() else "file_open_perms"
        user = os.environ.get("USERNAME", "%USERNAME%")  # Windows' own, for icacls
        raise HouseholdError([say(key, lang, path=path, user=user)])
    if found is platform.Privacy.UNKNOWN and warnings is not None:
        warnings.append(say("file_privacy_unknown", lang, path=path))


def _bounded_text(path: Path, lang: str) -> str:
    """The file's text, refused before parsing when too big or nested too deep."""
    with path.open("rb") as stream:
        raw = stream.read(file_shape.MAX_BYTES + 1)
    if len(raw) > file_shape.MAX_BYTES:
        raise HouseholdError([say("file_too_big", lang, path=path, limit=file_shape.MAX_BYTES)])
    # utf-8-sig: a BOM (Notepad's) is not part of the file; CRLF reads as LF.
    text = raw.decode("utf-8-sig")
    if file_shape.nesting_depth(text) > file_shape.MAX_DEPTH:
        raise HouseholdError([_too_deep(path, lang)])
    return text


def _too_deep(path: Path, lang: str) -> str:
    return say("file_too_deep", lang, path=path, limit=file_shape.MAX_DEPTH)


class _Resolver:
    """Turns `env:NAME` and `secret:KEY` into SecretStr, collecting problems."""

    def __init__(self, secrets: dict[str, Any] | None, lang: str) -> None:
        self.secrets = secrets
        self.lang = lang
        self.problems: list[str] = []
        self.warnings: list[str] = []

    def __call__(self, who: str, name: str, value: Any) -> SecretStr | None:
        text = str(value)
        label = field_name(name, self.lang)
        if text.startswith("env:"):
            variable = text[4:]
            if variable not in os.environ:
                self.problems.append(
                    say("file_env_unset", self.lang, who=who, field=label, name=variable)
                )
                return None
            return SecretStr(os.environ[variable])
        if text.startswith("secret:"):
            key = text[7:]
            if self.secrets is None:
                self.problems.append(say("file_no_secrets_file", self.lang, who=who, field=label))
                return None
            if key not in self.secrets:
                self.problems.append(
                    say("file_secret_missing", self.lang, who=who, field=label, key=key)
                )
                return None
            return SecretStr(str(self.secrets[key]))
        self.warnings.append(say("file_literal", self.lang, who=who, field=label))
        return SecretStr(text)


def age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def load_household(path: Path, lang: str = "fr", today: date | None = None) -> Household:
    # Refused when others can read it: it names a family, and may hold literal secrets.
    warnings: list[str] = []
    data = read_toml(path, lang, private=True, warnings=warnings)
    # The shape before `secrets_file` is opened (a NUL in a path is a ValueError), and
    # again by build_household, which init calls too.
    if shape := file_shape.file_problems(data, lang):
        raise HouseholdError(shape)
    secrets = None
    if "secrets_file" in data:
        secrets_path = (path.parent / str(data["secrets_file"])).expanduser()
        secrets = read_toml(secrets_path, lang, private=True, warnings=warnings)
        if shape := file_shape.secrets_problems(secrets, lang):
            raise HouseholdError(shape)
    household = build_household(data, secrets, path.stem, lang, today)
    household.warnings[:0] = warnings
    kind, folder = parse(household.code_from or "") or ("", "")
    if kind == "maildir":  # a folder written in the file is relative to the file
        household.code_from = f"maildir:{path.parent / Path(folder).expanduser()}"
    return household


def build_household(
    data: dict[str, Any],
    secrets: dict[str, Any] | None,
    default_name: str,
    lang: str = "fr",
    today: date | None = None,
) -> Household:
    """The household a file's contents describe, or every problem with it: the one set of
    rules, for the loader and for `mes-optout init` checking a person as it is entered."""
    # Each value's kind first: the rules below read values as the kinds they expect.
    if shape := file_shape.file_problems(data, lang):
        raise HouseholdError(shape)
    today = today or date.today()
    problems = [say("file_top_unknown", lang, key=key) for key in sorted(set(data) - TOP_KEYS)]
    rows = data.get("member", [])
    if not isinstance(rows, list) or not rows:
        raise HouseholdError([*problems, say("file_no_members", lang)])
    resolve = _Resolver(secrets, lang)
    raw: dict[str, dict[str, Any]] = {}
    named = _Names(lang)
    for index, row in enumerate(rows, start=1):
        who = _who(index, row)
        problems += [
            say("file_unknown_key", lang, who=who, key=k) for k in sorted(set(row) - MEMBER_KEYS)
        ]
        ident = row.get("id")
        # The id as written (`who` may stand in for one that is not a label).
        if problem := named.problem(ident if isinstance(ident, str) else who, index):
            problems.append(problem)
            continue
        raw[who] = dict(row)
    _guardians_as_named(raw)
    problems += _check_guardians(raw, lang, today)
    # A minor said to lack a guardian is not also told their card is missing: the
    # guardian's card is theirs, once the guardian is named.
    orphans = {who for who, row in raw.items() if _minor_without_guardian(row, today)}
    members: list[Member] = []
    guardians: dict[str, str] = {}
    for who, row in raw.items():
        unresolved = len(resolve.problems)
        values = _member_values(who, row, raw, resolve, lang)
        if values is None or len(resolve.problems) > unresolved:
            continue  # already said why; checking further would only repeat it
        if row.get("guardian"):
            guardians[who] = str(row["guardian"])
        try:
            members.append(Member(**values))
        except ValidationError as error:
            if not (who in orphans and _only_the_card_missing(error)):
                problems += messages.explain_validation(error, who, lang)
    problems += resolve.problems
    code_from = data.get("code_from")
    source = parse(str(code_from)) if code_from is not None else ("", "")
    if source is None:
        problems.append(say("file_code_from", lang, value=file_shape.shown(code_from)))
    elif source[0] == "command":
        # A program only by the person's own hand (see the module's docstring).
        problems.append(say("file_code_from_command", lang, value=code_from))
    allowed = data.get("allow_origins", [])
    if not isinstance(allowed, list) or not all(_is_origin(str(o)) for o in allowed):
        problems.append(say("file_allow_origins", lang, value=file_shape.shown(allowed)))
        allowed = []
    if problems:
        raise HouseholdError(problems)
    name = str(data.get("household", default_name))
    return Household(name, members, guardians, resolve.warnings,
                     str(code_from) if code_from is not None else None,
                     tuple(str(o) for o in allowed))  # fmt: skip


class _Names:
    """Each member's id is the name of their evidence folder, on any computer the file
    moves to: one that Windows could not name, or that only case tells from another's
    (one folder on Windows and macOS), is refused with the member and the id."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.seen: dict[str, tuple[int, str]] = {}  # the name as compared -> (n°, id)

    def problem(self, who: str, index: int) -> str | None:
        why = platform.name_problem(who)
        if why is not None:
            return say(f"file_id_{why}", self.lang, index=index, id=who)
        first = self.seen.setdefault(platform.same_name(who), (index, who))
        if first[1] == who and first[0] != index:
            return say("file_duplicate_at", self.lang, first_index=first[0], index=index, id=who)
        if first[1] != who:
            return say("file_duplicate_case", self.lang, first_index=first[0], first=first[1],
                       index=index, id=who)  # fmt: skip
        return None


def _who(index: int, row: dict[str, Any]) -> str:
    """How sentences name a member: its id, when it is one (a label can be quoted
    safely), else its place in the file; a wrong id is said by the member's own check."""
    ident = row.get("id")
    if isinstance(ident, str) and file_shape.SAFE_ID.fullmatch(ident):
        return ident
    return f"n°{index}"


def _is_origin(value: str) -> bool:
    """scheme://host[:port], http or https, nothing after it."""
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and parts.path in ("", "/")


def _guardians_as_named(raw: dict[str, dict[str, Any]]) -> None:
    """Ids are compared without case (« Ana » is « ana », one folder on Windows): a
    guardian named in another case is that member."""
    by_fold = {who.casefold(): who for who in raw}
    for row in raw.values():
        if isinstance(row.get("guardian"), str):
            row["guardian"] = by_fold.get(row["guardian"].casefold(), row["guardian"])


def _minor_without_guardian(row: dict[str, Any], today: date) -> bool:
    born = birth_of(row.get("birth_date"), today)
    return row.get("guardian") is None and born is not None and age(born, today) < ADULT_AGE


def _only_the_card_missing(error: ValidationError) -> bool:
    said = [str(item.get("msg", "")).removeprefix("Value error, ") for item in error.errors()]
    return all(m in ("card_model:missing", "nir:missing", "card_serial:missing") for m in said)


def _check_guardians(raw: dict[str, dict[str, Any]], lang: str, today: date) -> list[str]:
    problems = []
    for who, row in raw.items():
        guardian = row.get("guardian")
        if guardian is None:
            if _minor_without_guardian(row, today):
                problems.append(say("file_minor_without_guardian", lang, who=who))
            continue
        if guardian not in raw:
            shown = file_shape.shown(guardian)
            problems.append(say("file_unknown_guardian", lang, who=who, guardian=shown))
        elif raw[guardian].get("guardian") is not None:
            loop = _loop(raw, who)
            if loop:
                problems.append(say("file_guardian_cycle", lang, who=", ".join(loop)))
            else:
                problems.append(say("file_guardian_minor", lang, who=who, guardian=guardian))
        for name in ("nir", "card_serial", "card_model"):
            if name in row:
                problems.append(say("file_own_card", lang, who=who, field=name))
    return sorted(set(problems), key=problems.index)


def _loop(raw: dict[str, dict[str, Any]], start: str) -> list[str]:
    seen = [start]
    current = raw[start].get("guardian")
    while current in raw:
        if current in seen:
            return sorted(seen[seen.index(current) :])
        seen.append(current)
        current = raw[current].get("guardian")
    return []


def birth_of(value: Any, today: date) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return parse_birth_date(str(value), today) if value else None
    except InputError:
        return None


def _member_values(
    who: str,
    row: dict[str, Any],
    raw: dict[str, dict[str, Any]],
    resolve: _Resolver,
    lang: str,
) -> dict[str, Any] | None:
    values = {k: v for k, v in row.items() if k in MEMBER_KEYS and k != "guardian"}
    guardian_id = row.get("guardian")
    if guardian_id is not None:
        guardian = raw.get(str(guardian_id))
        if guardian is None or any(name in row for name in ("nir", "card_serial", "card_model")):
            return None
        values["minor"] = True
        for name in ("nir", "card_serial", "card_model"):
            if name in guardian:
                values[name] = guardian[name]
        if "login" not in row and "login" in guardian:
            values["login"] = guardian["login"]
            values["password"] = guardian.get("password")
            values["account_owner"] = str(guardian_id)
            guardian_name = f"{guardian.get('first_name', '')} {guardian.get('last_name', '')}"
            values.setdefault("account_holder", guardian_name.strip())
    for name in SECRET_FIELDS:
        if values.get(name) is not None:
            values[name] = resolve(who, name, values[name])
    if isinstance(values.get("birth_date"), date):
        values["birth_date"] = values["birth_date"].isoformat()
    return values
