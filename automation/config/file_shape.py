"""The household file's shape: sizes, nesting and each value's kind, checked before any
rule reads a value, so that a file a person got wrong gets a sentence, never a crash.

A strict pydantic model of the file as written (TOML's own types: a name is text, not a
number; `delete_data` is true or false, not "yes"), whose error types are put into the
catalogue's sentences by one table (SENTENCE_OF), naming the member (its number, and its
id when it is one) and the key as written in the file.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from automation.messages import text as say

MAX_BYTES = 1024 * 1024  # a household is a few dozen lines; 1 MiB is far beyond any
MAX_DEPTH = 16  # a household nests two levels ([[member]]); tomllib recurses per level
MAX_TEXT = 1000  # no name, label, code or path is this long
SHOWN = 40  # how much of a key or an id a sentence quotes

# Text is one line of printable characters: a control character in a name or a code is
# always a mistake (and NUL is cut short by C libraries).
Text = Annotated[str, Field(max_length=MAX_TEXT, pattern=r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029]*$")]
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")


class _Row(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    id: Text | None = None
    first_name: Text | None = None
    last_name: Text | None = None
    birth_date: date | Text | None = None  # a TOML date, or the text « 12/03/1984 »
    action: Text | None = None
    card_model: Text | None = None
    card_serial: Text | None = None
    nir: Text | None = None
    code: Text | None = None
    channel: Text | None = None
    login: Text | None = None
    password: Text | None = None
    delete_data: bool | None = None
    invited_on: date | Text | None = None
    guardian: Text | None = None
    account_holder: Text | None = None


class _File(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    household: Text | None = None
    secrets_file: Text | None = None
    code_from: Text | None = None
    allow_origins: list[Text] | None = None
    member: list[_Row] | None = None


_SECRETS = TypeAdapter(dict[str, Text], config=ConfigDict(strict=True))

# pydantic's error type -> the catalogue's sentence; any other type gets "file_shape_other",
# which still says where.
_KIND_ERRORS = ("string_type", "bool_type", "date_type", "list_type", "model_type",
                "model_attributes_type", "dict_type")  # fmt: skip
SENTENCE_OF = {
    **dict.fromkeys(_KIND_ERRORS, "file_shape_kind"),
    "extra_forbidden": "file_shape_unknown",
    "string_too_long": "file_shape_too_long",
    "string_pattern_mismatch": "file_shape_control",
}
# What a pydantic type error says was expected, and the kind of value found instead.
EXPECTED = {"string_type": "kind_text", "date_type": "kind_date", "bool_type": "kind_bool",
            "list_type": "kind_list", "model_type": "kind_table",
            "model_attributes_type": "kind_table", "dict_type": "kind_table"}  # fmt: skip


def kind_of(value: Any) -> str:
    for kind, key in ((bool, "kind_boolean"), (str, "kind_text"), (int, "kind_number"),
                      (float, "kind_number"), (datetime, "kind_datetime"), (date, "kind_date"),
                      (time, "kind_time"), (list, "kind_list"), (dict, "kind_table")):  # fmt: skip
        if isinstance(value, kind):
            return key
    return "kind_other"


def shown(value: object) -> str:
    """A value from the file as a sentence can quote it: on one line, what cannot be
    seen made visible (control, bidi and zero-width characters as escapes), cut short."""
    text = "".join(
        ch.encode("unicode_escape", "backslashreplace").decode("ascii")
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")
        else ch
        for ch in str(value)[: SHOWN + 1]
    )
    return text if len(str(value)) <= SHOWN else text[:SHOWN] + "…"


def nesting_depth(text: str) -> int:
    """How deep brackets and braces nest, outside strings and comments: measured on the
    text, because tomllib recurses once per level and would exhaust Python's stack."""
    token = re.compile(
        r'"""(?:\\.|[^\\])*?"""|\'\'\'.*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]',
        re.S,
    )
    depth = deepest = 0
    for found in token.finditer(text):
        mark = found.group()
        if mark in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif mark in ("]", "}"):
            depth = max(0, depth - 1)
    return deepest


def file_problems(data: dict[str, Any], lang: str) -> list[str]:
    """One sentence per value of the wrong kind, unknown key, over-long or unprintable
    text in the household file's contents; none when its shape is right."""
    try:
        _File.model_validate(data)
    except ValidationError as error:
        return sentences(error, data, lang)
    return []


def secrets_problems(data: dict[str, Any], lang: str) -> list[str]:
    try:
        _SECRETS.validate_python(data)
    except ValidationError as error:
        return sentences(error, data, lang, secrets=True)
    return []


def sentences(error: ValidationError, data: Any, lang: str, secrets: bool = False) -> list[str]:
    """One sentence per key in the wrong: a union (a date, or text) reports each type it
    tried, said together; a type that matched but broke a rule (too long) says the rule."""
    found: dict[tuple[str, str], tuple[list[str], Any]] = {}
    for item in error.errors(include_input=False):
        where, key, value = _where(list(item["loc"]), data, lang, secrets)
        found.setdefault((where, key), ([], value))[0].append(item["type"])
    said = []
    for (where, key), (kinds, value) in found.items():
        rules = [kind for kind in kinds if kind not in EXPECTED]
        expected = say("kind_or", lang).join(dict.fromkeys(say(EXPECTED[k], lang) for k in kinds
                                                           if k in EXPECTED))  # fmt: skip
        sentence = SENTENCE_OF.get(rules[0], "file_shape_other") if rules else "file_shape_kind"
        said.append(say(sentence, lang, where=where, key=shown(key), expected=expected,
                        found=say(kind_of(value), lang), limit=MAX_TEXT))  # fmt: skip
    return said


def _where(loc: list[Any], data: Any, lang: str, secrets: bool) -> tuple[str, str, Any]:
    """Who the problem is about (the file's top, the secrets file, or member n°N with its
    id when it is one), the key as written, and the value found there."""
    # Positions only: what follows them names the union's member tried (date, str).
    if secrets:
        return say("where_secrets", lang), str(loc[0]), data.get(loc[0])
    if loc[0] == "member" and len(loc) >= 2 and isinstance(loc[1], int):
        index = loc[1]
        row = data["member"][index]
        ident = row.get("id") if isinstance(row, dict) else None
        where = (say("where_member_id", lang, number=index + 1, id=ident)
                 if isinstance(ident, str) and SAFE_ID.fullmatch(ident)
                 else say("where_member", lang, number=index + 1))  # fmt: skip
        if len(loc) == 2:
            return where, "member", row
        return where, str(loc[2]), row.get(loc[2]) if isinstance(row, dict) else None
    key = str(loc[0])
    value = data.get(key)
    if len(loc) >= 2 and isinstance(loc[1], int) and isinstance(value, list):
        value = value[loc[1]]
    return say("where_top", lang), key, value
