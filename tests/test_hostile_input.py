"""Hostile input: whatever is typed or written, the input rules and the household loader
give a value or a clear error, never a traceback."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from automation.config.household import HouseholdError, load_household
from flows.inputs import (
    InputError,
    Problem,
    check_code_provisoire,
    nir_key,
    normalize_nir,
    normalize_serial,
    parse_birth_date,
)

TODAY = date(2026, 11, 29)
anything = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)


@given(anything)
def test_any_nir_gives_a_value_or_a_clear_error(typed: str) -> None:
    try:
        nir = normalize_nir(typed)
    except InputError as error:
        # What the error is, and nothing else: its text is made of the field and the
        # problem only, so the value typed cannot be in it.
        assert error.field == "nir"
        assert error.problem in (Problem.EMPTY, Problem.LENGTH, Problem.FORMAT)
        assert str(error) == f"nir: {error.problem.value}"
        return
    assert len(nir) == 15 and nir_key(nir[:13]) == int(nir[13:])


@st.composite
def valid_nirs(draw: st.DrawFn) -> tuple[str, str]:
    sex = draw(st.sampled_from("12"))
    year = draw(st.integers(0, 99))
    month = draw(st.integers(1, 12))
    department = draw(st.sampled_from(["75", "69", "2A", "2B", "13", "01", "99"]))
    rest = draw(st.integers(0, 999_999))
    first13 = f"{sex}{year:02d}{month:02d}{department}{rest:06d}"
    return first13, f"{nir_key(first13):02d}"


@given(valid_nirs(), st.sampled_from(["", " ", "\u00a0", "\u202f"]))
def test_every_valid_nir_is_accepted_however_spaced(nir: tuple[str, str], space: str) -> None:
    first13, key = nir
    spaced = space.join([first13[0], first13[1:3], first13[3:5], first13[5:7], first13[7:10],
                         first13[10:13], key])  # fmt: skip
    assert normalize_nir(spaced) == first13 + key
    wrong = f"{(int(key) % 97) + 1:02d}"
    try:
        normalize_nir(first13 + wrong)
    except InputError:
        return
    raise AssertionError("a wrong key was accepted")


@given(anything, st.sampled_from(["avec_photo", "sans_photo", "bleue"]))
def test_any_serial_gives_a_value_or_a_clear_error(typed: str, model: str) -> None:
    try:
        serial = normalize_serial(typed, model)
    except InputError as error:
        assert error.field in ("card_serial", "card_model")
        return
    assert serial.isdigit() and serial.isascii()
    assert len(serial) == 11 if model == "avec_photo" else 8 <= len(serial) <= 13


@given(anything)
def test_any_birth_date_gives_a_date_or_a_clear_error(typed: str) -> None:
    try:
        born = parse_birth_date(typed, TODAY)
    except InputError as error:
        assert error.field == "birth_date"
        return
    assert date(1900, 1, 1) <= born <= TODAY


@given(anything)
def test_any_code_gives_a_value_or_a_clear_error(typed: str) -> None:
    try:
        code = check_code_provisoire(typed)
    except InputError as error:
        assert error.field == "code"
        return
    assert len(code) == 12 and code.isalnum() and code.isascii()


WHERE = re.compile(
    r"(Le fichier |Membres? |Entrée invalide pour |En tête du fichier|Dans le fichier de secrets"
    r"|Les membres )"
)
PYTHON_FRAME = re.compile(r'File "[^"]*", line \d+')

# The household loader, fed TOML-looking text and member tables full of odd values.
toml_fragments = st.lists(
    st.sampled_from(
        [
            "[[member]]\n",
            'id = "a"\n',
            'id = "b"\n',
            'guardian = "a"\n',
            'guardian = "zz"\n',
            'first_name = "Zoé-Marie d’Arc"\n',
            'last_name = "Ñandú O\'Brien"\n',
            "birth_date = 1984-03-12\n",
            'birth_date = "31/02/2000"\n',
            "birth_date = 2020-01-01\n",
            'card_model = "avec_photo"\n',
            'nir = "2 84 03 75 112 004 46"\n',
            'nir = "env:NOPE"\n',
            'card_serial = "12345678901"\n',
            'code = "secret:x"\n',
            'action = "close"\n',
            'login = "a"\n',
            "delete_data = 3\n",
            'household = "x"\n',
            "= broken\n",
            '"\n',
            'secrets_file = "missing.toml"\n',
            "[member]\n",
            "[[other]]\n",
            "x = [1, 2\n",
        ]
    ),
    max_size=14,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(toml_fragments, anything)
def test_any_household_file_loads_or_says_why(fragments: list[str], noise: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "household.toml"
        path.write_text("".join(fragments) + f"# {noise}\n", encoding="utf-8")
        path.chmod(0o600)
        try:
            household = load_household(path, today=TODAY)
        except HouseholdError as error:
            # Sentences, not a crash: each one line that names where the problem is (the
            # file's line, a member, or the file as a whole), none a Python frame.
            assert error.problems
            for problem in error.problems:
                assert problem and "\n" not in problem
                assert WHERE.match(problem), problem
                assert not PYTHON_FRAME.search(problem), problem
            return
        assert household.members
