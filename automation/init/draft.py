"""The household folder `mes-optout init` writes: household.toml (no secret in it) and
secrets.toml (the secrets, by key), both readable by their owner only, in a private folder.

A folder that already has them is opened as it is: the people in it are kept, the person
added or edited is the only change, and comments written by hand stay where they were
(tomlkit edits the document instead of rewriting it). Nothing is written until `save`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT
from tomlkit.toml_document import TOMLDocument

from automation.config.household import HouseholdError, build_household, read_toml
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
        return cls(folder, document, secret_document, secrets)

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
        """Add the person, or replace the one with the same label. `secrets` are the ones
        typed now, by field; a field left out of both keeps what the file had."""
        label = str(row["id"])
        values = dict(row)
        for name, value in secrets.items():
            key = f"{label}_{SECRET_NAMES[name]}"
            self.typed[key] = value
            values[name] = f"secret:{key}"
        table = tomlkit.table()
        for key in sorted(values, key=lambda k: ORDER.index(k) if k in ORDER else len(ORDER)):
            table[key] = values[key]
        if "secrets_file" not in self.document and secrets:
            self.document["secrets_file"] = SECRETS_FILE
        members = self.document.get("member")
        if not isinstance(members, AoT):
            members = tomlkit.aot()
            self.document.append("member", members)
        for index, existing in enumerate(members):
            if existing.get("id") == label:
                members[index] = table
                return
        members.append(table)

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

    def _baseline(self, lang: str, today: date) -> list[str]:
        if not self.rows:
            return []
        return _problems(self.document.unwrap(), self.secrets.unwrap() | self.typed, lang, today)

    def save(self) -> tuple[Path, Path]:
        """Both files, each written whole to a private temporary file then moved into
        place: an interrupted save leaves the previous files as they were."""
        if not self.folder.exists():
            private_dir(self.folder)
        for key, value in self.typed.items():
            self.secrets[key] = value
        if self.typed:
            write_private(self.secrets_path, _with_header(self.secrets, SECRETS_HEADER))
        household_path = self.folder / HOUSEHOLD_FILE
        write_private(household_path, _with_header(self.document, HOUSEHOLD_HEADER))
        self.typed.clear()
        return household_path, self.secrets_path


def _problems(data: dict[str, Any], secrets: dict[str, Any], lang: str, today: date) -> list[str]:
    try:
        build_household(data, secrets, "household", lang, today)
    except HouseholdError as error:
        return error.problems
    return []


HOUSEHOLD_HEADER = (
    "# Written by `mes-optout init` (run it again to add or edit a person).\n"
    "# No secret here: each is a key of secrets.toml, which only you can read.\n"
)
SECRETS_HEADER = (
    "# The household's secrets, written by `mes-optout init`. Only you can read this file\n"
    "# (chmod 600): never send it, never commit it.\n"
)


def _with_header(document: TOMLDocument, header: str) -> str:
    # A blank line before each person, as in household.example.toml.
    text = re.sub(r"(?<=[^\n])\n\[\[member\]\]", "\n\n[[member]]", tomlkit.dumps(document))
    return text if text.startswith("# ") else header + "\n" + text
