"""Which message carries which code: the official sender, the shapes of a code provisoire
and of a sign-in code, and how a message's text is read. Shared by every reader."""

from __future__ import annotations

import re
from email.message import EmailMessage

OFFICIAL_SENDER = "assurance-maladie@info.ameli.fr"
# A code provisoire: 12 letters and digits standing alone. Codes of letters only exist,
# so a token is not required to hold a digit; one that follows a colon, or holds one, wins.
_TOKEN_12 = re.compile(r"(?<![\w-])[A-Za-z0-9]{12}(?![\w-])")
_LOGIN_CODE = re.compile(r"(?<![0-9])[0-9]{6}(?![0-9])")


class CodeSourceError(ValueError):
    """A --code-from that does not say where codes come from."""


def find_code(kind: str, text: str) -> str | None:
    if kind == "login":
        found = _LOGIN_CODE.search(text)
        return found.group(0) if found else None

    def score(match: re.Match[str]) -> int:
        after_colon = text[: match.start()].rstrip().endswith(":")
        has_digit = any(char.isdigit() for char in match.group(0))
        return 2 * after_colon + has_digit

    tokens = list(_TOKEN_12.finditer(text))
    best = max(tokens, key=score, default=None)
    return best.group(0) if best is not None and score(best) > 0 else None


def program_code(kind: str, output: str) -> str | None:
    """The code a user's program printed: its whole output when that is a code of the
    kind (a code provisoire may be all letters: no digit, no colon to tell it by), else
    the code found in what it printed."""
    printed = output.strip()
    shape = _LOGIN_CODE if kind == "login" else _TOKEN_12
    if shape.fullmatch(printed):
        return printed
    return find_code(kind, output)


def message_text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    return str(body.get_content()) if body is not None else ""
