"""The contract's input rules (screens.md, "Inputs and their rules"), one table of cases
checked against both implementations: the robot's (flows/inputs.py) and the mock site's
(mock_site/rules.py). They are written apart so that neither can hide the other's bug;
this table is where they must agree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from flows import inputs as robot
from mock_site import rules as site

TODAY = date(2026, 11, 29)
# One adapter per rule and side: (value typed, card model) -> normalised value, or raises.
RULES: dict[str, dict[str, Callable[[str, str], Any]]] = {
    "nir": {"robot": lambda raw, _: robot.normalize_nir(raw), "site": lambda raw, _: site.nir(raw)},
    "serial": {"robot": robot.normalize_serial, "site": site.serial},
    "birth_date": {"robot": lambda raw, _: robot.parse_birth_date(raw, TODAY),
                   "site": lambda raw, _: site.birth_date(raw, TODAY)},
    "code": {"robot": lambda raw, _: robot.check_code_provisoire(raw),
             "site": lambda raw, _: site.code_provisoire(raw)},
    "login_code": {"robot": lambda raw, _: robot.check_login_code(raw),
                   "site": lambda raw, _: site.login_code(raw)},
}  # fmt: skip


@dataclass(frozen=True)
class Case:
    rule: str
    typed: str
    expected: Any  # the normalised value, or the problem's key ("length", "format"...)
    model: str = ""
    why: str = ""


CASES = [
    # NIR: 15 characters with the key, with or without spaces; 2A/2B read as 19/18.
    Case("nir", "284037511200446", "284037511200446"),
    Case("nir", "2 84 03 75 112 004 46", "284037511200446", why="spaced as on the card"),
    Case("nir", "2\u00a084 03\u202f75 112 004 46", "284037511200446", why="no-break spaces"),
    Case("nir", "1 79 11 2A 004 317 58", "179112A00431758", why="Corsica 2A"),
    Case("nir", "1 79 11 2a 004 317 58", "179112A00431758", why="2a in lower case"),
    Case("nir", "290022B03301842", "290022B03301842", why="Corsica 2B"),
    Case("nir", "", "empty"),
    Case("nir", "   ", "empty"),
    Case("nir", "28403751120044", "length"),
    Case("nir", "2840375112004466", "length"),
    Case("nir", "284037511200447", "format", why="wrong key"),
    Case("nir", "384037511200446", "format", why="first digit 3"),
    Case("nir", "284137511200446", "format", why="month 13"),
    Case("nir", "284007511200446", "format", why="month 00"),
    Case("nir", "2840375112004AB", "format", why="letters in the key"),
    Case("nir", "179112C00431758", "format", why="2C is no department"),
    Case("nir", "179112B00431758", "format", why="2A's number with 2B's key"),
    Case("nir", "٢84037511200446", "format", why="an Arabic-Indic digit"),
    Case("nir", "２84037511200446", "format", why="a full-width digit"),
    Case("nir", "2840375112004٤6", "format", why="an Arabic-Indic digit in the key"),
    Case("nir", "28403٧511200446", "format", why="an Arabic-Indic digit in the department"),
    # Serial: avec photo, the 11 digits after the printed prefix; sans photo, 8 to 13.
    Case("serial", "12345678901", "12345678901", "avec_photo"),
    Case("serial", "123 456 789 01", "12345678901", "avec_photo"),
    Case("serial", "12345678", "12345678", "sans_photo"),
    Case("serial", "1234567890123", "1234567890123", "sans_photo"),
    Case("serial", "", "empty", "avec_photo"),
    Case("serial", "1234567890", "length", "avec_photo"),
    Case("serial", "123456789012", "length", "avec_photo"),
    Case("serial", "12345A78901", "not_digits", "avec_photo"),
    Case("serial", "1234567", "length", "sans_photo"),
    Case("serial", "12345678901234", "length", "sans_photo"),
    Case("serial", "١٢٣٤٥٦٧٨", "not_digits", "sans_photo", why="Arabic-Indic digits"),
    Case("serial", "1234567٨", "not_digits", "sans_photo", why="one non-ASCII digit"),
    # Date of birth: jj/mm/aaaa (or a date field's aaaa-mm-jj), not in the future.
    Case("birth_date", "12/03/1984", date(1984, 3, 12)),
    Case("birth_date", "1/3/1984", date(1984, 3, 1)),
    Case("birth_date", "1984-03-12", date(1984, 3, 12)),
    Case("birth_date", "29/11/2026", TODAY, why="today is not the future"),
    Case("birth_date", "", "empty"),
    Case("birth_date", "31/02/2000", "format"),
    Case("birth_date", "12-03-1984", "format"),
    Case("birth_date", "12/03/84", "format"),
    Case("birth_date", "12/03/١٩٨٤", "format", why="Arabic-Indic digits"),
    Case("birth_date", "٠١/03/1984", "format", why="Arabic-Indic digits"),
    Case("birth_date", "30/11/2026", "future"),
    # Code provisoire: exactly 12 letters and digits, case kept.
    Case("code", " Ab3dE5gH7jK9 ", "Ab3dE5gH7jK9"),
    Case("code", "", "empty"),
    Case("code", "Ab3dE5gH7jK", "length"),
    Case("code", "Ab3dE5gH7jK!", "bad_character"),
    Case("code", "Ab3dE5gH7jKé", "bad_character"),
    Case("code", "Ab3dE5gH7jK٩", "bad_character", why="an Arabic-Indic digit"),
    # Login code: six digits.
    Case("login_code", "123456", "123456"),
    Case("login_code", "123 456", "123456"),
    Case("login_code", "", "empty"),
    Case("login_code", "12345", "length"),
    Case("login_code", "12345a", "not_digits"),
    Case("login_code", "12345٦", "not_digits", why="an Arabic-Indic digit"),
]


@pytest.mark.parametrize("side", ["robot", "site"])
@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{c.typed!r}-{c.why}" for c in CASES])
def test_contract_case(case: Case, side: str) -> None:
    check = RULES[case.rule][side]
    if isinstance(case.expected, str) and case.expected in {p.value for p in robot.Problem}:
        errors = (robot.InputError, site.InputError)
        with pytest.raises(errors) as caught:
            check(case.typed, case.model)
        assert caught.value.problem.value == case.expected  # type: ignore[attr-defined]
        assert case.typed.strip() == "" or case.typed not in str(caught.value)
    else:
        assert check(case.typed, case.model) == case.expected


def test_both_sides_name_the_same_problems() -> None:
    assert {p.value for p in robot.Problem} == {p.value for p in site.Problem}


# -- the robot's own conveniences, beyond what the site accepts -----------------------


def test_the_robot_drops_a_copied_card_prefix_that_the_site_would_refuse() -> None:
    typed = "802500000212345678901"  # the printed prefix copied too
    assert robot.normalize_serial(typed, "avec_photo") == "12345678901"
    with pytest.raises(site.InputError):
        site.serial(typed, "avec_photo")
    assert site.serial(robot.normalize_serial(typed, "avec_photo"), "avec_photo") == "12345678901"


def test_key_is_97_minus_the_number_mod_97() -> None:
    # Computed by hand: 2840375112004 mod 97 = 51, so the key is 46.
    assert 2840375112004 % 97 == 51
    assert robot.nir_key("2840375112004") == 46


@pytest.mark.parametrize(
    ("first13", "as_number"),
    [("179112A004317", 1791119004317), ("290022B033018", 2900218033018)],
)
def test_corsica_reads_2a_as_19_and_2b_as_18(first13: str, as_number: int) -> None:
    assert robot.nir_key(first13) == 97 - as_number % 97


def test_format_nir_spaces_it_as_on_the_card() -> None:
    assert robot.format_nir("284037511200446") == "2 84 03 75 112 004 46"
