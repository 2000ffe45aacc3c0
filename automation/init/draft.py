"""The household folder `mes-optout init` writes: household.toml (no secret in it) and
secrets.toml (the secrets, by key), both readable by their owner only, in a private folder.

A folder that already has them is opened as it is: the people in it are kept, the person
added, changed or removed is the only change, and comments written by hand stay where
they were (tomlkit edits the document instead of rewriting it); a removed person's
secrets leave secrets.toml. Nothing is written until `save`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table
from tomlkit.toml_document import TOMLDocument

from automation.config.household import HouseholdError, birth_of, build_household, read_toml
from automation.messages import text as say
from automation.output.private import private_dir, write_private
from flows.member import SECRET_NAMES

HOUSEHOLD_FILE = "household.toml"
SECRETS_FILE = "secrets.toml"
# The order of household.example.toml: who, then what to do, then how.
ORDER = ["id", "guardian", "first_name", "last_name", "birth_date", "action", "card_model",
         "nir", "card_serial", "code", "channel", "login", "password", "delete_data",
         "invited_on"]  # fmt: skip


@dataclass
class HouseholdDraft:
    folder: Path
    document: TOMLDocument
    secrets: TOMLDocument
    secrets_path: Path
    # Secrets typed in this conversation: written to secrets.toml only by `save`.
    typed: dict[str, str] = field(default_factory=dict)
    # The secrets.toml keys the people referred to when the folder was opened: those no
    # one refers to any more (a person removed, a secret moved) leave it at `save`.
    referred: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, folder: Path, lang: str) -> HouseholdDraft:
        """The folder's files as they are (HouseholdError when one cannot be read), or
        empty documents for a new household."""
        household = folder / HOUSEHOLD_FILE
        document, secret_document = tomlkit.document(), tomlkit.document()
        if household.exists():
            read_toml(household, lang, private=True)  # the loader's own reasons to refuse
            document = tomlkit.parse(household.read_text(encoding="utf-8"))
        # A file written by hand may keep its secrets elsewhere: they go where it says.
        secrets = (folder / str(document.get("secrets_file", SECRETS_FILE))).expanduser()
        if secrets.exists():
            read_toml(secrets, lang, private=True)
            secret_document = tomlkit.parse(secrets.read_text(encoding="utf-8"))
        draft = cls(folder, document, secret_document, secrets)
        draft.referred = draft.secret_keys()
        return draft

    @property
    def rows(self) -> list[dict[str, Any]]:
        members = self.document.unwrap().get("member")
        return [dict(row) for row in members] if isinstance(members, list) else []

    @property
    def name(self) -> str | None:
        value = self.document.get("household")
        return str(value) if value is not None else None

    def set_top(self, key: str, value: str) -> None:
        self.document[key] = value

    def put(self, row: dict[str, Any], secrets: dict[str, str]) -> None:
        """Add the person, or change the one with the same label. `secrets` are the ones
        typed now, by field; a field left out of both keeps what the file had."""
        label = str(row["id"])
        values = dict(row)
        for name, value in secrets.items():
            key = f"{label}_{SECRET_NAMES[name]}"
            self.typed[key] = value
            values[name] = f"secret:{key}"
        if "secrets_file" not in self.document and secrets:
            self.document["secrets_file"] = SECRETS_FILE
        members = self.document.get("member")
        if not isinstance(members, AoT):
            members = tomlkit.aot()
            self.document.append("member", members)
        for existing in members:
            if existing.get("id") == label:
                _change(existing, values)
                return
        table = tomlkit.table()
        for key in sorted(values, key=_rank):
            table[key] = values[key]
        members.append(table)

    def remove(self, label: str) -> None:
        """The person's [[member]] table goes, with the comments inside it; the comments
        after its last value (those above the next person, or the file's last words) stay.
        Their secrets leave secrets.toml at `save`, when nobody else refers to them."""
        members = self.document.get("member")
        if not isinstance(members, AoT):
            return
        index = next((i for i, t in enumerate(members) if t.get("id") == label), None)
        if index is None:
            return
        table = members[index]
        body = table.value.body
        last = max((i for i, (key, _) in enumerate(body) if key is not None), default=-1)
        kept = "".join(item.as_string() for _, item in body[last + 1 :])
        # tomlkit keeps a comment before a table inside the table above it: the text is
        # cut where the removed table starts and ends, so nothing else moves.
        text = self.document.as_string()
        header = r"^(?:[ \t]*#[^\n]*\n)*[ \t]*\[\[\s*member\s*\]\][^\n]*\n"
        whole = re.compile(header + re.escape(table.as_string()), re.M)
        found = list(whole.finditer(text))
        if len(found) == 1:
            before, after = text[: found[0].start()], text[found[0].end() :]
            if before.endswith("\n\n") and kept.startswith("\n"):
                kept = kept[1:]  # one blank line between what was around it, not two
            self.document = tomlkit.parse(before + kept + after)
        else:  # not found as written (never seen): the table goes, its trailing comments too
            del members[index]
        if not self.rows and "member" in self.document:
            del self.document["member"]

    def children_of(self, label: str) -> list[str]:
        return [str(row.get("id")) for row in self.rows if row.get("guardian") == label]

    def current_secret(self, reference: Any) -> str | None:
        """The value a secret field refers to now (a typed one, secrets.toml's, or a
        literal), to show masked; None for a variable or a key not found."""
        text = str(reference or "")
        if text.startswith("secret:"):
            value = self.typed.get(text[7:], self.secrets.get(text[7:]))
            return None if value is None else str(value)
        return None if text.startswith("env:") or not text else text

    def problems_with(
        self, row: dict[str, Any], secrets: dict[str, str], lang: str, today: date
    ) -> list[str]:
        """What the loader would say of the household with this person added (or edited),
        beyond what it already says of the file as it is."""
        data = self.document.unwrap()
        others = [r for r in self.rows if r.get("id") != row["id"]]
        data["member"] = [*others, row | secrets]
        known = self.secrets.unwrap() | self.typed
        already = self._baseline(lang, today)
        return [p for p in _problems(data, known, lang, today) if p not in already]

    def remaining_problems(self, lang: str, today: date) -> list[str]:
        """What the loader would say of the household as it stands (a hand-edited file may
        hold problems no question of init's touched): `run` refuses it until they go."""
        return self._baseline(lang, today)

    def _baseline(self, lang: str, today: date) -> list[str]:
        if not self.rows:
            return []
        return _problems(self.document.unwrap(), self.secrets.unwrap() | self.typed, lang, today)

    def save(self, lang: str = "fr") -> tuple[Path, Path]:
        """Both files, each written whole to a private temporary file then moved into
        place: an interrupted save leaves the previous files as they were."""
        if not self.folder.exists():
            private_dir(self.folder)
        referred = self.secret_keys()
        for key, value in self.typed.items():
            if key in referred:  # not one typed for a person removed since
                self.secrets[key] = value
        dropped = [key for key in self.referred - referred if key in self.secrets]
        for key in dropped:
            del self.secrets[key]
        if self.typed or dropped:
            write_private(
                self.secrets_path, _with_header(self.secrets, say("init_file_secrets_header", lang))
            )
        household_path = self.folder / HOUSEHOLD_FILE
        write_private(
            household_path, _with_header(self.document, say("init_file_household_header", lang))
        )
        self.typed.clear()
        self.referred = self.secret_keys()
        return household_path, self.secrets_path

    def secret_keys(self) -> set[str]:
        """The secrets.toml keys the people refer to (`secret:KEY`)."""
        return {str(value)[7:] for row in self.rows for name, value in row.items()
                if name in SECRET_NAMES and str(value).startswith("secret:")}  # fmt: skip


def _rank(key: str) -> int:
    return ORDER.index(key) if key in ORDER else len(ORDER)


def _change(table: Table, values: dict[str, Any]) -> None:
    """The person's table changed in place: a value kept stays as written (its comment,
    a date written as text), a value changed keeps the comment beside it, a field no
    longer asked goes, and a new one comes after the last value, before the comments
    that belong to what follows."""
    for key in [key for key in table if key not in values]:
        del table[key]
    for key in sorted(values, key=_rank):
        value = values[key]
        if key in table:
            if not _same(table[key], value):
                table[key] = value
            continue
        body = table.value.body
        last = max((i for i, (name, _) in enumerate(body) if name is not None), default=-1)
        if last + 1 < len(body):
            table.value._insert_at(last + 1, key, value)
        else:
            table[key] = value


def _same(old: Any, new: Any) -> bool:
    if isinstance(new, date):  # a date may be written as text: « 12/03/1984 »
        return birth_of(old, date.max) == new
    return bool(old == new)


def _problems(data: dict[str, Any], secrets: dict[str, Any], lang: str, today: date) -> list[str]:
    try:
        build_household(data, secrets, "household", lang, today)
    except HouseholdError as error:
        return error.problems
    return []


def _with_header(document: TOMLDocument, header: str) -> str:
    # A blank line before each person, as in household.example.toml.
    text = re.sub(r"(?<=[^\n])\n\[\[member\]\]", "\n\n[[member]]", tomlkit.dumps(document))
    return text if text.startswith("# ") else header + "\n" + text
