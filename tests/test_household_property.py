"""Household files of every shape a person could write (wrong kinds, missing and extra
keys, huge and deep values, odd Unicode): each loads, or is refused with sentences that
say where, never with any other exception; and through the command line, exit 2 with one
line per problem and nothing done on the site."""

from __future__ import annotations

import re
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from automation.cli.demo import demo_environment
from automation.config.household import MEMBER_KEYS, HouseholdError, load_household
from tests.support.cli import run_cli
from tests.support.households import demo_subset, private_file

TODAY = date(2026, 11, 29)
CLOSED_PORT = "http://127.0.0.1:9"  # nothing listens: a run that reached the site would say so
WHERE = re.compile(
    r"(Le fichier |(Les )?[Mm]embres? |Entrée invalide pour |En tête du fichier : |"
    r"Dans le fichier de secrets : |Deux membres |« (code_from|allow_origins) = )"
)

ODD = ["", " ", "\x00", "a\nb", "\u202eRTL", "\u200f", "\u2028", "👪🏽", "e\u0301", "\ufeff",
       "[bold]x[/]", "env:NOPE", "secret:k", "x" * 5000, "1 79 11 2A 004 317 58", "[[[["]  # fmt: skip
texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=20) | st.sampled_from(ODD)
scalars = (
    texts
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.dates()
    | st.datetimes(min_value=datetime(1, 1, 1))
    | st.times()
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)
ADULT: dict[str, Any] = {
    "id": "a", "first_name": "Zoé", "last_name": "Ñandú", "birth_date": date(1984, 3, 12),
    "card_model": "sans_photo", "nir": "1 79 11 2A 004 317 58", "card_serial": "123456789",
}  # fmt: skip
KEYS = [*sorted(MEMBER_KEYS), "colour", "ïd", ""]


@st.composite
def members(draw: st.DrawFn, wrong: bool) -> Any:
    """A right member, then (when `wrong`) some of its keys given other values, removed or
    added, or no table at all."""
    if wrong and draw(st.integers(0, 9)) == 0:
        return draw(values)  # not even a table
    row = dict(ADULT, id=draw(st.sampled_from(["a", "b", "c", "A", "zoe-1"])))
    for key in draw(st.lists(st.sampled_from(KEYS), max_size=3 if wrong else 0)):
        change = draw(st.sampled_from(["value", "remove", "right"]))
        if change == "remove":
            row.pop(key, None)
        elif change == "right" and key == "guardian":
            row[key] = draw(st.sampled_from(["a", "b", "zz"]))
        else:
            row[key] = draw(values)
    return row


@st.composite
def household_texts(draw: st.DrawFn) -> str:
    wrong = draw(st.integers(0, 3)) > 0  # one file in four as it should be, or nearly
    document: dict[str, Any] = {}
    unique = None if wrong else (lambda row: row["id"].lower())
    rows = draw(st.lists(members(wrong), min_size=int(not wrong), max_size=3, unique_by=unique))
    document["member"] = rows if not wrong or draw(st.integers(0, 9)) else draw(values)
    top = ["household", "code_from", "allow_origins", "secrets_file", "hous", "x y"]
    for key in draw(st.lists(st.sampled_from(top), max_size=2 if wrong else 0)):
        document[key] = draw(values | st.sampled_from(["imap", "Foyer", ["https://a.fr"]]))
    try:
        text = tomlkit.dumps(document)
    except (ValueError, TypeError):  # what tomlkit cannot write, a person cannot either
        assume(False)
    # What the TOML writer would never write, but a person (or an editor) may.
    twist = draw(st.sampled_from(["none"] * 4 + ["deep", "huge", "surrogate", "nul", "bom",
                                                 "crlf"]))  # fmt: skip
    if twist == "deep":
        depth = draw(st.integers(10, 5000))
        text += "nest = " + "[" * depth + "]" * depth + "\n"
    elif twist == "huge":
        text += f'household = "{"x" * draw(st.sampled_from([10**5, 2 * 1024**2]))}"\n'
    elif twist == "surrogate":
        text = text.replace('"a"', '"a\\ud800"', 1)
    elif twist == "nul":
        text = text.replace('"Zoé"', '"Zo\\u0000é"', 1)
    elif twist == "bom":
        text = "\ufeff" + text
    elif twist == "crlf":
        text = text.replace("\n", "\r\n")
    return text


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow,
                                                   HealthCheck.data_too_large])  # fmt: skip
@given(household_texts())
def test_any_household_file_loads_or_says_where(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = private_file(Path(folder) / "household.toml", text)
        try:
            household = load_household(path, today=TODAY)
        except HouseholdError as error:
            event(f"refused: {error.problems[0][:45]}")  # --hypothesis-show-statistics
            assert error.problems
            for problem in error.problems:
                # One sentence, on one line, that says where.
                assert len(problem.splitlines()) == 1, problem
                assert WHERE.match(problem), problem
                assert "Traceback" not in problem and 'File "' not in problem
            return
        event("loaded")
        assert household.members and all(m.id for m in household.members)


@pytest.mark.parametrize("case", ["member_text", "guardian_list", "deep"])
def test_a_wrong_file_through_the_command_line(tmp_path: Path, case: str) -> None:
    household = demo_subset(tmp_path, ["alice"])
    text = household.read_text(encoding="utf-8")
    wrong, count = {
        "member_text": ('member = ["x"]\n', 1),
        "guardian_list": (text + 'guardian = ["alice"]\ncolour = "blue"\n', 2),
        "deep": (text + "nest = " + "[" * 5000 + "]" * 5000 + "\n", 1),
    }[case]
    private_file(household, wrong)
    out = tmp_path / "out"
    result = run_cli("run", str(household), "--base-url", CLOSED_PORT, "--yes",
                     "--out", str(out), env=demo_environment(), timeout=60)  # fmt: skip
    said = [line for line in result.stdout.splitlines() if line.strip()]
    assert result.returncode == 2, result.stdout + result.stderr
    assert len(said) == count and all(WHERE.match(line) for line in said), said
    assert "Traceback" not in result.stdout + result.stderr
    assert not out.exists()  # nothing was done on the site, nothing written for it


def test_an_unusable_out_is_said_before_the_site_is_tried(tmp_path: Path) -> None:
    blocker = private_file(tmp_path / "a-file", "not a folder")
    household = demo_subset(tmp_path, ["alice"])
    # No --skip-check: had the site been looked at first, it would be said unreachable.
    result = run_cli("run", str(household), "--base-url", CLOSED_PORT, "--yes",
                     "--out", str(blocker / "out"), env=demo_environment(), timeout=60)  # fmt: skip
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout.startswith(f"Le dossier de sortie {blocker / 'out'} n'est pas utilisable")
    assert "injoignable" not in result.stdout and "Traceback" not in result.stderr
