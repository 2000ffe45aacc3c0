r"""The input rules of the site contract (screens.md, "Inputs and their rules"), as the
robot applies them: every input is checked before any browser starts.

The mock site has its own implementation (mock_site/rules.py), written separately from
the contract, so that a bug here cannot hide behind the same bug there; one table of
contract cases checks both (tests/test_input_rules.py). Functions return a normalised
value or raise `InputError` with a stable `problem` code; the runtime turns the code
into a sentence that names the field. Never put the rejected value in an error: these
inputs are secrets. Only ASCII digits are digits (`\d` would take « ٨ »).
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

# The fixed prefix printed on a carte Vitale "avec photo": people type the 11 digits after it.
PHOTO_CARD_PREFIX = "8025000002"
CARD_MODELS = ("avec_photo", "sans_photo")

_NIR_SHAPE = re.compile(r"[12][0-9]{2}(0[1-9]|1[0-2])([0-9]{2}|2A|2B)[0-9]{6}[0-9]{2}")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_CODE_CHARS = re.compile(r"[A-Za-z0-9]*")
_DMY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


class Problem(StrEnum):
    EMPTY = "empty"
    LENGTH = "length"
    FORMAT = "format"
    NOT_DIGITS = "not_digits"
    BAD_CHARACTER = "bad_character"
    FUTURE = "future"


class InputError(ValueError):
    """An input that breaks a rule. `problem` says which; the value is never kept."""

    def __init__(self, field: str, problem: Problem) -> None:
        super().__init__(f"{field}: {problem.value}")
        self.field = field
        self.problem = problem


def strip_spaces(text: str) -> str:
    return _SPACES.sub("", text)


def nir_key(first13: str) -> int:
    """Key of a NIR: 97 - (number mod 97), with Corsica's 2A read as 19 and 2B as 18."""
    digits = first13.upper().replace("2A", "19").replace("2B", "18")
    return 97 - int(digits) % 97


def normalize_nir(raw: str) -> str:
    """Return the 15-character NIR (no spaces, 2A/2B upper case) or raise InputError."""
    nir = strip_spaces(raw).upper()
    if not nir:
        raise InputError("nir", Problem.EMPTY)
    if len(nir) != 15:
        raise InputError("nir", Problem.LENGTH)
    if not _NIR_SHAPE.fullmatch(nir) or nir_key(nir[:13]) != int(nir[13:]):
        raise InputError("nir", Problem.FORMAT)
    return nir


def normalize_serial(raw: str, card_model: str) -> str:
    """Return the digits a person types for their card's serial, or raise InputError."""
    serial = strip_spaces(raw)
    if not serial:
        raise InputError("card_serial", Problem.EMPTY)
    if not serial.isascii() or not serial.isdigit():
        raise InputError("card_serial", Problem.NOT_DIGITS)
    if card_model == "avec_photo":
        # People sometimes copy the printed prefix too; the site wants what follows it.
        if len(serial) == 21 and serial.startswith(PHOTO_CARD_PREFIX):
            serial = serial[len(PHOTO_CARD_PREFIX) :]
        if len(serial) != 11:
            raise InputError("card_serial", Problem.LENGTH)
    elif card_model == "sans_photo":
        if not 8 <= len(serial) <= 13:
            raise InputError("card_serial", Problem.LENGTH)
    else:
        raise InputError("card_model", Problem.FORMAT)
    return serial


def parse_birth_date(raw: str, today: date) -> date:
    """Parse jj/mm/aaaa (as typed) or aaaa-mm-jj (a date input's value); never in the future."""
    text = strip_spaces(raw)
    if not text:
        raise InputError("birth_date", Problem.EMPTY)
    if match := _DMY.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise InputError("birth_date", Problem.FORMAT)
    try:
        born = date(year, month, day)
    except ValueError:
        raise InputError("birth_date", Problem.FORMAT) from None
    if born > today:
        raise InputError("birth_date", Problem.FUTURE)
    if year < 1900:
        raise InputError("birth_date", Problem.FORMAT)
    return born


def check_code_provisoire(raw: str) -> str:
    """A code provisoire: exactly 12 letters and digits, case-sensitive."""
    code = raw.strip()
    if not code:
        raise InputError("code", Problem.EMPTY)
    if not code.isascii() or not _CODE_CHARS.fullmatch(code):
        raise InputError("code", Problem.BAD_CHARACTER)
    if len(code) != 12:
        raise InputError("code", Problem.LENGTH)
    return code


def check_login_code(raw: str) -> str:
    """The single-use login code: six digits."""
    code = strip_spaces(raw)
    if not code:
        raise InputError("login_code", Problem.EMPTY)
    if not code.isascii() or not code.isdigit():
        raise InputError("login_code", Problem.NOT_DIGITS)
    if len(code) != 6:
        raise InputError("login_code", Problem.LENGTH)
    return code


def format_nir(nir: str) -> str:
    """The spaced form a person reads on their card: 1 84 03 75 123 456 78."""
    parts = (nir[0], nir[1:3], nir[3:5], nir[5:7], nir[7:10], nir[10:13], nir[13:15])
    return " ".join(parts)


def as_key(answer: str) -> str:
    """A choice as a person writes it (« avec photo », « Avec-Photo ») is its key
    (`avec_photo`): the household file, the command line and init read it alike."""
    return "_".join(answer.strip().lower().replace("-", " ").split())
