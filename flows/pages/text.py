"""The one helper that turns a label of the contract into a pattern the site will match
however it spells it today: any letter case, any run of white space (including U+00A0 and
U+202F), ' or ’, and white space or none before : ; ? !. A `…` in a label stands for
words that may come and go around the stable core (« Activer … espace santé »).

A person's name is not a label: `literal` keeps the same tolerance of case, white space
and apostrophes but takes every character as itself, « … » included, so a name that
holds one matches that name only, never a profile it merely resembles.

Playwright passes the pattern to the browser as a JavaScript regular expression, so only
syntax both languages read the same way is used here.
"""

from __future__ import annotations

import functools
import re

_APOSTROPHES = "'’"


@functools.cache  # the same few dozen labels, asked for at every screen
def pattern(label: str, whole: bool = False, literal: bool = False) -> re.Pattern[str]:
    """A case-insensitive pattern for `label`; `whole` anchors it to the entire text;
    `literal` for text that holds a person's name (no « … » stands for anything there)."""
    parts: list[str] = []
    for char in label.strip():
        if char == "…" and not literal:
            parts.append(".*")
        elif char in _APOSTROPHES:
            parts.append("['’]")
        elif char.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif char in ":;?!":
            if parts and parts[-1] == r"\s+":
                parts[-1] = r"\s*"
            parts.append(re.escape(char))
        else:
            parts.append(re.escape(char))
    body = "".join(parts).replace(r"\s+.*\s+", r"\s.*")
    if whole:
        body = rf"^\s*{body}\s*$"
    return re.compile(body, re.IGNORECASE)


def squash(text: str) -> str:
    """Text as read on a page, folded for comparison: one space, ’ as ', lower case."""
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()
