"""`mes-optout run` on a household against the running mock: outcomes, report, journal,
re-runs, --only, --dry-run, --parallel, and a crash between intent and result."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from watchfiles import watch

from automation.cli.demo import DEMO_HOUSEHOLD, demo_environment, private_copy
from tests.support.cli import UNCHECKED, command, run_cli
from tests.support.control import MockControl
from tests.support.households import alice_alone, demo_subset, private_file

pytestmark = pytest.mark.e2e
# What the demo household must come to: from fixtures/, not from the product's code.
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
EXPECTED = {
    member: (wanted["outcome"], wanted["state"])
    for member, wanted in json.loads((FIXTURES / "demo-expected.json").read_text())[
        "members"
    ].items()
}
ENV = {**demo_environment(), "MES_RECOGNISE_TIMEOUT_S": "5", "MES_CODE_TIMEOUT_S": "10",
       "MES_BACKOFF_S": "0.05"}  # fmt: skip


def household(tmp_path: Path, members: list[str]) -> Path:
    return demo_subset(tmp_path, members)


def report(out: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((out / "report.json").read_text())
    return {m["id"]: m for m in data["members"]}


def test_a_whole_household_then_a_second_run_does_nothing(
    mock_site_process: tuple[str, Path], tmp_path: Path
) -> None:
    # Against a real `mes-optout mock-site` process, as a family would try it first.
    mock = MockControl(*mock_site_process)
    mock.reset()
    members = list(EXPECTED)
    out = tmp_path / "out"
    args = ("run", str(private_copy(DEMO_HOUSEHOLD, tmp_path)), "--base-url", mock.base_url, "--yes",
            "--code-from", f"maildir:{mock.outbox}", "--out", str(out))  # fmt: skip
    result = run_cli(*args, env=ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    got = report(out)
    assert list(got) == ["chloe", "lea", "hugo", "fanny", "alice", "bruno", "camille",
                         "denise", "gaelle", "eric"]  # children first  # fmt: skip
    for member in members:
        outcome, state = EXPECTED[member]
        assert got[member]["outcome"] == outcome
        person = mock.person(member)
        assert person["state"] == state  # the mock agrees with the report
        key = "closure" if state == "closed" else "opposition"
        assert person["submissions"][key] == (0 if outcome.startswith("already") else 1)
        for file in got[member]["evidence"]:
            assert (out / file).is_file()
    assert got["alice"]["deadline"] == "2026-12-14"
    html = (out / "report.html").read_text()
    assert html.count("data:application/pdf;base64,") == 7  # six oppositions + Denise's
    assert "Famille" not in html and "les Martin, les Dubois" in html
    journal = sqlite3.connect(out / "journal.sqlite")
    steps = journal.execute("SELECT member, step, kind FROM steps ORDER BY id").fetchall()
    assert ("alice", "opposition", "intent") in steps
    assert steps.index(("alice", "opposition", "intent")) < steps.index(
        ("alice", "opposition", "result")
    )

    again = run_cli(*args, env=ENV)
    assert again.returncode == 0
    assert "Rien à faire" in again.stdout
    assert "déjà fait lors d'un passage précédent" in again.stdout
    assert all(mock.person(m)["submissions"]["opposition"] <= 1 for m in members)


def test_dry_run_then_only_one_member(mock: MockControl, tmp_path: Path) -> None:
    path = household(tmp_path, ["alice", "bruno"])
    out = tmp_path / "out"
    base = ("run", str(path), "--base-url", mock.base_url, "--code-from",
            f"maildir:{mock.outbox}", "--out", str(out), UNCHECKED)  # fmt: skip
    dry = run_cli(*base, "--dry-run", env=ENV)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert {m["outcome"] for m in report(out).values()} == {"dry_run"}
    assert mock.person("alice")["state"] == mock.person("bruno")["state"] == "invited"
    assert mock.person("bruno")["codes_issued"] == 0  # stopped before asking for a code
    only = run_cli(*base, "--yes", "--only", "bruno", env=ENV)
    assert only.returncode == 0, only.stdout
    # Bruno's run adds to the folder's report: Alice stays in it as the dry run left her.
    assert list(report(out)) == ["bruno", "alice"]
    assert (report(out)["alice"]["outcome"], report(out)["alice"]["skipped"]) == ("dry_run", True)
    assert mock.person("bruno")["state"] == "opposed"
    assert mock.person("alice")["state"] == "invited"


def test_only_two_members_then_force_one_again(mock: MockControl, tmp_path: Path) -> None:
    path = household(tmp_path, ["alice", "chloe", "denise"])
    out = tmp_path / "out"
    base = ("run", str(path), "--base-url", mock.base_url, "--yes", "--out", str(out), UNCHECKED)
    two = run_cli(*base, "--only", "alice,denise", env=ENV)
    assert two.returncode == 0, two.stdout + two.stderr
    assert {m: r["outcome"] for m, r in report(out).items()} == {
        "alice": "opposed", "denise": "already_opposed"}  # fmt: skip
    assert mock.person("chloe")["state"] == "invited"  # not asked for
    # Done members are skipped on the journal's word, unless --force: then the site says.
    again = run_cli(*base, "--only", "alice", "--force", env=ENV)
    assert again.returncode == 0, again.stdout + again.stderr
    alice = report(out)["alice"]
    assert (alice["outcome"], alice["skipped"]) == ("already_opposed", False)
    assert mock.person("alice")["submissions"]["opposition"] == 1


def test_a_wrong_code_fails_one_member_and_not_the_others(
    mock: MockControl, tmp_path: Path
) -> None:
    path = household(tmp_path, ["alice", "camille", "lea"])
    out = tmp_path / "out"
    env = {**ENV, "DEMO_CAMILLE_CODE": "WrongCode123"}
    result = run_cli("run", str(path), "--base-url", mock.base_url, "--yes", "--out", str(out),
                     UNCHECKED, env=env)  # fmt: skip
    assert result.returncode == 1
    got = report(out)
    assert (got["camille"]["outcome"], got["camille"]["reason"]) == ("failed", "code_wrong")
    assert "camille : échec (le code provisoire a été refusé)" in result.stdout
    assert got["alice"]["outcome"] == got["lea"]["outcome"] == "opposed"
    assert mock.person("camille")["state"] == "invited"


def test_parallel_members_in_one_browser(mock: MockControl, tmp_path: Path) -> None:
    path = household(tmp_path, ["alice", "chloe", "camille", "lea", "hugo"])
    out = tmp_path / "out"
    result = run_cli("run", str(path), "--base-url", mock.base_url, "--yes", "--parallel", "2",
                     "--out", str(out), UNCHECKED, env=ENV)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert {m["outcome"] for m in report(out).values()} == {"opposed"}
    for member in ("alice", "chloe", "camille", "lea", "hugo"):
        person = mock.person(member)
        assert (person["state"], person["submissions"]["opposition"]) == ("opposed", 1)
    # Two at once, and still no guardian's final step before each of their children's
    # result: Camille waits for both twins even when a worker is free earlier.
    with sqlite3.connect(out / "journal.sqlite") as journal:
        order = journal.execute("SELECT member, kind FROM steps ORDER BY id").fetchall()
    for guardian, children in {"alice": ["chloe"], "camille": ["lea", "hugo"]}.items():
        for child in children:
            assert order.index((child, "result")) < order.index((guardian, "intent"))


def test_bad_household_input_exits_2_with_a_sentence(tmp_path: Path) -> None:
    path = private_file(
        tmp_path / "h.toml",
        '[[member]]\nid = "x"\nguardian = "nobody"\nfirst_name = "X"\nlast_name = "Y"\nbirth_date = 2015-01-01\n',
    )
    out = tmp_path / "out"
    out.mkdir()
    result = run_cli(
        "run", str(path), "--yes", "--out", str(out), env={"MES_BROWSER_PATH": "/nonexistent"}
    )
    assert result.returncode == 2
    assert (
        "Membre x : le représentant légal « nobody » n'est pas un membre du foyer." in result.stdout
    )
    assert "Traceback" not in result.stdout + result.stderr
    rows = (
        sqlite3.connect(out / "journal.sqlite").execute("SELECT outcome FROM attempts").fetchall()
    )
    assert rows == [("bad_input",)]


def test_unattended_without_yes_is_refused(tmp_path: Path) -> None:
    result = run_cli(
        "run", str(private_copy(DEMO_HOUSEHOLD, tmp_path)), "--out", str(tmp_path / "out"), env=ENV
    )
    assert result.returncode == 2
    assert "ajoutez --yes" in result.stdout


@pytest.mark.parametrize("how", ["run", "oppose"])
def test_a_crash_between_intent_and_result_is_settled_by_the_site(
    mock: MockControl, tmp_path: Path, how: str
) -> None:
    # The site records the opposition, then its confirmation page never comes: the robot
    # has written its intent, not its result, when it is killed. The household run and
    # the one-person command go through the same runner, so the same must hold for both.
    mock.faults(hang_on_step=["confirmation"])
    out = tmp_path / "out"
    args, env = alice_alone(how, tmp_path, mock.base_url, out, ENV)
    process = subprocess.Popen(command(*args), env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 60
    try:
        # Look again on every change in the output folder, and at least twice a second.
        for _ in watch(tmp_path, rust_timeout=500, yield_on_timeout=True, debounce=50):
            if mock.person("alice")["submissions"]["opposition"] == 1 and intent_written(out):
                break
            assert process.poll() is None, "the run ended before the crash"
            assert time.monotonic() < deadline, "the run never reached the final click"
        # A second run on the same folder meanwhile refuses at once, naming the first.
        second = run_cli(*args, env=env, timeout=60)
        assert second.returncode == 2, second.stdout + second.stderr
        assert (
            f"Une autre exécution (processus {process.pid}) utilise déjà le dossier"
            in second.stdout
        )
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    mock.faults(clear=True)
    journal = sqlite3.connect(out / "journal.sqlite")
    assert journal.execute("SELECT kind FROM steps WHERE member = 'alice'").fetchall() == [
        ("intent",)
    ]
    journal.close()

    # The lock died with its process: the next run takes it over and finishes.
    again = run_cli(*args, env=env)
    assert again.returncode == 0, again.stdout + again.stderr
    alice = report(out)["alice"]
    assert alice["outcome"] == "already_opposed"
    assert alice["settled"] == "opposition"
    assert "interrompu la dernière fois" in again.stdout
    assert mock.person("alice")["submissions"]["opposition"] == 1  # never clicked twice
    assert not (out / "run.pid").exists()


def intent_written(out: Path) -> bool:
    path = out / "journal.sqlite"
    if not path.exists():
        return False
    with sqlite3.connect(path) as db:
        try:
            return bool(db.execute("SELECT 1 FROM steps WHERE kind = 'intent'").fetchall())
        except sqlite3.OperationalError:
            return False


def test_odd_unicode_names_work_end_to_end(mock: MockControl, tmp_path: Path) -> None:
    first = "Zoé-Marie Ñandú"
    last = "d’Arc de la Tour-Éléonore " + "Longuenomdefamille-" * 8 + "Fin"
    mock.add_person(id="zoe", first_name=first, last_name=last, birth_date="1990-02-21",
                    nir="2 90 02 2B 033 018 42", card_model="sans_photo", card_serial="55443322",
                    invited_on="2026-11-10", code="Z0eMarieCode")  # fmt: skip
    path = private_file(
        tmp_path / "household.toml",
        'household = "Famille d’Arc – « accents », apostrophes\' et tirets"\n\n[[member]]\n'
        f'id = "zoe"\nfirst_name = "{first}"\nlast_name = "{last}"\nbirth_date = 1990-02-21\n'
        'card_model = "sans_photo"\nnir = "env:ZOE_NIR"\ncard_serial = "env:ZOE_SERIAL"\n'
        'code = "env:ZOE_CODE"\n',
    )
    out = tmp_path / "out"
    env = {
        **ENV,
        "ZOE_NIR": "2 90 02 2B 033 018 42",
        "ZOE_SERIAL": "55443322",
        "ZOE_CODE": "Z0eMarieCode",
    }
    result = run_cli("run", str(path), "--base-url", mock.base_url, "--yes", "--out", str(out),
                     UNCHECKED, env=env)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert report(out)["zoe"]["outcome"] == "opposed"
    assert mock.person("zoe")["state"] == "opposed"
    assert "Famille d’Arc – « accents »" in (out / "report.html").read_text()
