"""`mes-optout run` on a household after a closure, on a site where a closed profile's
sign-in is refused in a wrong password's words (contract v4, flow 2, "after a closure";
the mock's `closed_refuses`): every member gets their true state, read without a second
sign-in, without a code sent and without a final post; a person is needed only where the
state cannot be read (no card in the household file)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import UNCHECKED, run_cli
from tests.support.control import MockControl
from tests.support.households import demo_subset

pytestmark = pytest.mark.e2e

ENV = {"MES_RECOGNISE_TIMEOUT_S": "5", "MES_CODE_TIMEOUT_S": "10", "MES_BACKOFF_S": "0.05",
       "JULES_PASSWORD": "Jules-2026"}  # fmt: skip
# Éric with his card in the file: his state can be read through flow 3.
ERIC_WITH_CARD = {
    'password = "env:DEMO_ERIC_PASSWORD"\n': 'password = "env:DEMO_ERIC_PASSWORD"\n'
    'card_model = "avec_photo"\nnir = "env:DEMO_ERIC_NIR"\ncard_serial = "env:DEMO_ERIC_SERIAL"\n'
}
# Jules closes with his login alone: no card in the file.
JULES = """
[[member]]
id = "jules"
first_name = "Jules"
last_name = "Blanc"
birth_date = 1970-01-15
action = "close"
login = "jules.blanc"
password = "env:JULES_PASSWORD"
"""
REFUSED = "un profil clôturé est refusé de la même façon"
COUNTERS = ("sign_ins", "final_posts", "codes_issued", "presses")


def add_jules(mock: MockControl) -> None:
    mock.add_person(id="jules", first_name="Jules", last_name="Blanc", birth_date="1970-01-15",
                    nir="1 70 01 75 123 456 65", card_model="sans_photo", card_serial="24681357",
                    email="jules.blanc@example.org", state="active", login="jules.blanc",
                    password="Jules-2026")  # fmt: skip


def report(out: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((out / "report.json").read_text())
    return {m["id"]: m for m in data["members"]}


def counters(mock: MockControl, members: list[str]) -> dict[str, dict[str, Any]]:
    return {m: {key: mock.person(m)[key] for key in COUNTERS} for m in members}


def command(path: Path, mock: MockControl, out: Path) -> tuple[str, ...]:
    return ("run", str(path), "--base-url", mock.base_url, "--yes", "--code-from",
            f"maildir:{mock.outbox}", "--out", str(out), UNCHECKED)  # fmt: skip


def env() -> dict[str, str]:
    from automation.cli.demo import demo_environment

    return {**demo_environment(), **ENV}


def test_a_household_done_then_run_again_from_a_fresh_folder(
    mock: MockControl, tmp_path: Path
) -> None:
    # Given a household done once, on a site that refuses a closed profile's sign-in
    mock.faults(personality="closed_refuses")
    add_jules(mock)
    members = ["alice", "gaelle", "eric", "jules"]
    path = demo_subset(tmp_path, members[:3], extra=JULES, changes=ERIC_WITH_CARD)
    first = run_cli(*command(path, mock, tmp_path / "first"), env=env())
    assert first.returncode == 0, first.stdout + first.stderr
    assert {m: r["outcome"] for m, r in report(tmp_path / "first").items()} == {
        "alice": "opposed", "gaelle": "closed", "eric": "closed", "jules": "closed"}  # fmt: skip
    before = counters(mock, members)

    # When it is run again from a fresh output folder (a journal that knows nothing)
    again = run_cli(*command(path, mock, tmp_path / "again"), env=env())

    # Then every member has their true state; a person only for Jules, whose card is unknown
    assert again.returncode == 3, again.stdout + again.stderr
    got = report(tmp_path / "again")
    assert {m: (r["outcome"], r["reason"]) for m, r in got.items()} == {
        "alice": ("already_opposed", None), "gaelle": ("already_closed", None),
        "eric": ("already_closed", None), "jules": ("needs_human", "sign_in_refused")}  # fmt: skip
    jules_line = next(line for line in again.stdout.splitlines() if line.startswith("jules"))
    assert REFUSED in jules_line and "envoyée" not in jules_line  # this journal knows no day
    # No final post, no code sent, and exactly one sign-in try for each refused member
    after = counters(mock, members)
    for member in members:
        wanted = {**before[member], "sign_ins": before[member]["sign_ins"] + 1}
        assert after[member] == (wanted if member in ("eric", "jules") else before[member])


def test_a_closure_whose_answer_never_came_is_settled_by_the_look(
    mock: MockControl, tmp_path: Path
) -> None:
    # Given two closures sent whose answer never came (the confirmation page hangs)
    mock.faults(personality="closed_refuses", hang_on_step=["cloture_confirmee"] * 2)
    add_jules(mock)
    path = demo_subset(tmp_path, ["eric"], extra=JULES, changes=ERIC_WITH_CARD)
    out = tmp_path / "out"
    first = run_cli(*command(path, mock, out), env={**env(), "MES_LOAD_TIMEOUT_S": "3"})
    assert first.returncode == 1, first.stdout + first.stderr
    assert {r["reason"] for r in report(out).values()} == {"no_answer"}
    assert mock.person("eric")["state"] == mock.person("jules")["state"] == "closed"
    mock.faults(clear=True)  # the personality stays
    before = counters(mock, ["eric", "jules"])

    # When the household is run again on the same folder
    again = run_cli(*command(path, mock, out), env=env())

    # Then Éric is settled by the look, before any sign-in; Jules (no card) needs a person,
    # told the day his closure was sent
    assert again.returncode == 3, again.stdout + again.stderr
    got = report(out)
    assert (got["eric"]["outcome"], got["eric"]["settled"]) == ("already_closed", "closure")
    assert (got["jules"]["outcome"], got["jules"]["reason"]) == ("needs_human", "sign_in_refused")
    jules_line = next(line for line in again.stdout.splitlines() if line.startswith("jules"))
    assert REFUSED in jules_line
    assert f"une clôture a été envoyée le {date.today():%d/%m/%Y}" in jules_line
    assert "état vérifié sur le site" not in jules_line  # it could not be
    eric_line = next(line for line in again.stdout.splitlines() if line.startswith("eric"))
    assert "interrompu la dernière fois : état vérifié sur le site" in eric_line
    after = counters(mock, ["eric", "jules"])
    assert after["eric"] == before["eric"]  # not even a sign-in: the look came first
    assert after["jules"] == {**before["jules"], "sign_ins": before["jules"]["sign_ins"] + 1}
