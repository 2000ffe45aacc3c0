"""Any terminal: what the console cannot encode is written in plain characters, never a crash.

French sentences, « … », ✓ and — are fine on a UTF-8 terminal; a server's C locale (ASCII), a
Windows console or a pipe in cp1252 cannot encode some of them, and Python then raises
UnicodeEncodeError in the middle of a run. The rule lives here, once, on the process's own
stdout and stderr (an error handler of their encoder), so every writer goes through it: rich,
click, logging and Python's own messages alike. Only what the console cannot encode is
changed: a cp1252 console keeps « é » and « … » and loses only ✓.

Colours and the live progress line need nothing here: rich draws them only on a terminal
(`Console.is_terminal`), and the run shows plain lines elsewhere (run/progress.py).
"""

from __future__ import annotations

import codecs
import io
import sys
import unicodedata

import click.exceptions
import click.utils

ERRORS = "mes-optout-plain"

# Characters a decomposition does not bring to ASCII, by their plain stand-in. ✓ becomes
# « OK » rather than « v »: it reads as meant in French and in English, a « v » reads as a typo.
PLAIN = {
    **dict.fromkeys("«»“”„‟", '"'),
    **dict.fromkeys("‘’‚‛′", "'"),
    **dict.fromkeys("—–‐‑‒−", "-"),
    **dict.fromkeys("✓✔☑", "OK"),
    **dict.fromkeys("✗✘", "x"),
    "…": "...",
    "→": "->",
    "←": "<-",
    "•": "*",
    "€": "EUR",
    "œ": "oe",
    "Œ": "OE",
    "æ": "ae",
    "Æ": "AE",
    "ß": "ss",
    # Letters of their own that NFKD leaves whole (names: Łukasz, Øyvind, Đorđe).
    "Ł": "L",
    "ł": "l",
    "Ø": "O",
    "ø": "o",
    "Đ": "D",
    "đ": "d",
    "ı": "i",
}


def plain(text: str) -> str:
    """`text` in ASCII: the table above, else the letters of its decomposition (« é » is
    « e » with an accent, the accent dropped), else « ? »."""
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
        elif char in PLAIN:
            out.append(PLAIN[char])
        else:
            letters = "".join(
                c for c in unicodedata.normalize("NFKD", char) if c.isascii() and c.isprintable()
            )
            out.append(letters or "?")
    return "".join(out)


def _degrade(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return plain(error.object[error.start : error.end]), error.end


codecs.register_error(ERRORS, _degrade)


def fit(text: str, encoding: str) -> str:
    """`text` as a console in `encoding` shows it."""
    return text.encode(encoding, errors=ERRORS).decode(encoding)


def _speaks_utf(stream: object) -> bool:
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name.startswith("utf")
    except LookupError:
        return False


def plain_where_needed() -> None:
    """Stdout and stderr degrade what they cannot encode; click writes to them as well.

    Click would wrap an ASCII stream in its own UTF-8 writer (and keep the others): its
    messages, errors included, are handed our streams instead, so one rule holds for all."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and not _speaks_utf(stream):
            stream.reconfigure(errors=ERRORS)
    click.utils._default_text_stdout = lambda: sys.stdout
    click.utils._default_text_stderr = lambda: sys.stderr
    click.exceptions.get_text_stderr = lambda encoding=None, errors=None: sys.stderr
