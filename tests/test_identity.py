"""The contract's input rules (screens.md, "Inputs and their rules")."""

from __future__ import annotations

from datetime import date

import pytest

from flows.inputs import (
    InputError,
    Problem,
    check_code_provisoire,
    check_login_code,
    format_nir,
    nir_key,
    normalize_nir,
    normalize_serial,
    parse_birth_date,
)

TODAY = date(2026, 11, 29)


def test_key_is_97_minus_the_number_mod_97() -> None:
    # Computed by hand: 2840375112004 mod 97 = 51, so the key is 46.
    assert 2840375112004 % 97 == 51
    assert nir_key("2840375112004") == 46


@pytest.mark.parametrize(
    ("first13", "as_number"),
    [("179112A004317", 1791119004317), ("290022B033018", 2900218033018)],
)
def test_corsica_reads_2a_as_19_and_2b_as_18(first13: str, as_number: int) -> None:
    assert nir_key(first13) == 97 - as_number % 97


@pytest.mark.parametrize(
    "typed",
    [
        "284037511200446",
        "2 84 03 75 112 004 46",
        "2\u00a084 03\u202f75 112 004 46",
        " 284037511200446 ",
    ],
)
def test_a_nir_is_accepted_with_or_without_spaces(typed: str) -> None:
    assert normalize_nir(typed) == "284037511200446"


def test_corsican_nir_in_lower_case_is_accepted() -> None:
    assert normalize_nir("1 79 11 2a 004 317 58") == "179112A00431758"


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", Problem.EMPTY),
        ("   ", Problem.EMPTY),
        ("28403751120044", Problem.LENGTH),
        ("2840375112004466", Problem.LENGTH),
        ("284037511200447", Problem.FORMAT),  # wrong key
        ("384037511200446", Problem.FORMAT),  # first digit 3
        ("284137511200446", Problem.FORMAT),  # month 13
        ("284007511200446", Problem.FORMAT),  # month 00
        ("2840375112004AB", Problem.FORMAT),
        ("179112C00431758", Problem.FORMAT),  # 2C is no department
    ],
)
def test_a_bad_nir_says_what_is_wrong(typed: str, problem: Problem) -> None:
    with pytest.raises(InputError) as caught:
        normalize_nir(typed)
    assert caught.value.problem is problem
    assert caught.value.field == "nir"


def test_an_error_never_carries_the_value() -> None:
    with pytest.raises(InputError) as caught:
        normalize_nir("284037511200447")
    assert "28403751120044" not in str(caught.value)


def test_format_nir_spaces_it_as_on_the_card() -> None:
    assert format_nir("284037511200446") == "2 84 03 75 112 004 46"


@pytest.mark.parametrize(
    ("model", "typed", "expected"),
    [
        ("avec_photo", "12345678901", "12345678901"),
        ("avec_photo", "123 456 789 01", "12345678901"),
        ("avec_photo", "802500000212345678901", "12345678901"),  # the printed prefix copied too
        ("sans_photo", "12345678", "12345678"),
        ("sans_photo", "1234567890123", "1234567890123"),
    ],
)
def test_serials_by_card_model(model: str, typed: str, expected: str) -> None:
    assert normalize_serial(typed, model) == expected


@pytest.mark.parametrize(
    ("model", "typed", "problem"),
    [
        ("avec_photo", "", Problem.EMPTY),
        ("avec_photo", "1234567890", Problem.LENGTH),
        ("avec_photo", "123456789012", Problem.LENGTH),
        ("avec_photo", "12345A78901", Problem.NOT_DIGITS),
        ("sans_photo", "1234567", Problem.LENGTH),
        ("sans_photo", "12345678901234", Problem.LENGTH),
        ("sans_photo", "١٢٣٤٥٦٧٨", Problem.NOT_DIGITS),  # digits, but not ASCII ones
    ],
)
def test_bad_serials(model: str, typed: str, problem: Problem) -> None:
    with pytest.raises(InputError) as caught:
        normalize_serial(typed, model)
    assert caught.value.problem is problem


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12/03/1984", date(1984, 3, 12)),
        ("1/3/1984", date(1984, 3, 1)),
        ("1984-03-12", date(1984, 3, 12)),
    ],
)
def test_birth_dates(typed: str, expected: date) -> None:
    assert parse_birth_date(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", Problem.EMPTY),
        ("31/02/2000", Problem.FORMAT),
        ("12-03-1984", Problem.FORMAT),
        ("12/03/84", Problem.FORMAT),
        ("30/11/2026", Problem.FUTURE),
    ],
)
def test_bad_birth_dates(typed: str, problem: Problem) -> None:
    with pytest.raises(InputError) as caught:
        parse_birth_date(typed, TODAY)
    assert caught.value.problem is problem


def test_codes() -> None:
    assert check_code_provisoire(" Ab3dE5gH7jK9 ") == "Ab3dE5gH7jK9"
    assert check_login_code("123 456") == "123456"
    for typed, problem in [
        ("", Problem.EMPTY),
        ("Ab3dE5gH7jK", Problem.LENGTH),
        ("Ab3dE5gH7jK!", Problem.BAD_CHARACTER),
        ("Ab3dE5gH7jKé", Problem.BAD_CHARACTER),
    ]:
        with pytest.raises(InputError) as caught:
            check_code_provisoire(typed)
        assert caught.value.problem is problem
    for typed, problem in [("12345", Problem.LENGTH), ("12345a", Problem.NOT_DIGITS)]:
        with pytest.raises(InputError) as caught:
            check_login_code(typed)
        assert caught.value.problem is problem
