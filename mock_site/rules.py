"""The site's input rules, written from the contract (screens.md, "Inputs and their
rules") for the mock alone.

The robot has its own implementation (flows/inputs.py). They are kept apart on purpose,
and written differently (this one character by character, that one with patterns), so
that a bug in one cannot hide behind the same bug in the other: one table of contract
cases checks both (tests/test_input_rules.py). A digit is one of 0-9 and nothing else.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

DIGITS = frozenset("0123456789")
LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
# People type numbers the way they are printed: in groups, with any kind of space.
SPACES = frozenset(" \t\u00a0\u202f")
PHOTO_CARD_PREFIX = "8025000002"  # printed on the card; people type what follows it
CARD_MODELS = ("avec_photo", "sans_photo")
CORSICA = {"2A": "19", "2B": "18"}  # how the NIR's key reads Corsica's departments


class Problem(StrEnum):
    EMPTY = "empty"
    LENGTH = "length"
    FORMAT = "format"
    NOT_DIGITS = "not_digits"
    BAD_CHARACTER = "bad_character"
    FUTURE = "future"


class InputError(ValueError):
    def __init__(self, field: str, problem: Problem) -> None:
        super().__init__(f"{field}: {problem.value}")
        self.field = field
        self.problem = problem


def _without_spaces(raw: str) -> str:
    return "".join(char for char in raw if char not in SPACES)


def _digits(text: str) -> bool:
    return text != "" and all(char in DIGITS for char in text)


def nir(raw: str) -> str:
    """15 characters with the key: sex 1|2, year, month 01-12, department (2 digits,
    2A or 2B), commune and order (6 digits), key = 97 - (first 13 mod 97)."""
    value = _without_spaces(raw).upper()
    if value == "":
        raise InputError("nir", Problem.EMPTY)
    if len(value) != 15:
        raise InputError("nir", Problem.LENGTH)
    sex, year, month, department = value[0], value[1:3], value[3:5], value[5:7]
    order, key = value[7:13], value[13:15]
    department = CORSICA.get(department, department)
    if not all(_digits(part) for part in (sex, year, month, department, order, key)):
        raise InputError("nir", Problem.FORMAT)
    if sex not in ("1", "2") or not 1 <= int(month) <= 12:
        raise InputError("nir", Problem.FORMAT)
    number = int(sex + year + month + department + order)
    if 97 - number % 97 != int(key):
        raise InputError("nir", Problem.FORMAT)
    return value


def serial(raw: str, card_model: str) -> str:
    """Avec photo: the 11 digits after the printed prefix. Sans photo: 8 to 13 digits."""
    value = _without_spaces(raw)
    if value == "":
        raise InputError("card_serial", Problem.EMPTY)
    if not _digits(value):
        raise InputError("card_serial", Problem.NOT_DIGITS)
    wanted = range(11, 12) if card_model == "avec_photo" else range(8, 14)
    if len(value) not in wanted:
        raise InputError("card_serial", Problem.LENGTH)
    return value


def birth_date(raw: str, today: date) -> date:
    """jj/mm/aaaa as typed, or aaaa-mm-jj as a date field sends it; not in the future."""
    value = _without_spaces(raw)
    if value == "":
        raise InputError("birth_date", Problem.EMPTY)
    if value.count("/") == 2:
        day, month, year = value.split("/")
        parts_ok = len(day) in (1, 2) and len(month) in (1, 2) and len(year) == 4
    elif value.count("-") == 2:
        year, month, day = value.split("-")
        parts_ok = len(year) == 4 and len(month) == 2 and len(day) == 2
    else:
        raise InputError("birth_date", Problem.FORMAT)
    if not parts_ok or not all(_digits(part) for part in (day, month, year)):
        raise InputError("birth_date", Problem.FORMAT)
    try:
        born = date(int(year), int(month), int(day))
    except ValueError:
        raise InputError("birth_date", Problem.FORMAT) from None
    if born > today:
        raise InputError("birth_date", Problem.FUTURE)
    if born.year < 1900:
        raise InputError("birth_date", Problem.FORMAT)
    return born


def code_provisoire(raw: str) -> str:
    """Exactly 12 letters and digits, case-sensitive."""
    value = raw.strip()
    if value == "":
        raise InputError("code", Problem.EMPTY)
    if any(char not in DIGITS and char not in LETTERS for char in value):
        raise InputError("code", Problem.BAD_CHARACTER)
    if len(value) != 12:
        raise InputError("code", Problem.LENGTH)
    return value


def login_code(raw: str) -> str:
    """The single-use sign-in code: 6 digits."""
    value = _without_spaces(raw)
    if value == "":
        raise InputError("login_code", Problem.EMPTY)
    if not _digits(value):
        raise InputError("login_code", Problem.NOT_DIGITS)
    if len(value) != 6:
        raise InputError("login_code", Problem.LENGTH)
    return value
