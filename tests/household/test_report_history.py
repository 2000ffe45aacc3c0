"""What was done stays on record: runs into one folder add to one report. A forced run
keeps the first proof (its date, attestation and receipt, files untouched) with the new
check beside it; a one-person run into a household's folder adds that person to it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from automation.cli.demo import demo_environment
from tests.support.cli import UNCHECKED, run_cli
from tests.support.control import MockControl
from tests.support.households import alice_alone, demo_subset

pytestmark = pytest.mark.e2e
ENV = {**demo_environment(), "MES_RECOGNISE_TIMEOUT_S": "5", "MES_CODE_TIMEOUT_S": "10",
       "MES_BACKOFF_S": "0.05"}  # fmt: skip


def members(out: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((out / "report.json").read_text())
    return {m["id"]: m for m in data["members"]}


def html_text(out: Path) -> str:
    soup = BeautifulSoup((out / "report.html").read_text(), "html.parser")
    return re.sub(r"\s+", " ", soup.get_text(" "))


def test_a_forced_run_keeps_the_first_proof_and_adds_its_check(
    mock: MockControl, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    path = demo_subset(tmp_path, ["alice"])
    args = ("run", str(path), "--base-url", mock.base_url, "--yes", "--out", str(out),
            "--force", UNCHECKED)  # fmt: skip
    first = run_cli(*args, env=ENV)
    assert first.returncode == 0, first.stdout + first.stderr
    opposed = members(out)["alice"]
    assert opposed["outcome"] == "opposed"
    assert opposed["first_proof"]["evidence"] == opposed["evidence"]
    assert opposed["checks"] == []
    proof = {file: (out / file).read_bytes() for file in opposed["evidence"]}
    assert any(f.endswith("attestation.pdf") for f in proof)
    assert any(f.endswith("receipt.json") for f in proof)

    again = run_cli(*args, env=ENV)
    assert again.returncode == 0, again.stdout + again.stderr
    alice = members(out)["alice"]
    assert alice["outcome"] == "already_opposed"  # the existing key: this run's view
    assert alice["first_proof"] == opposed["first_proof"]  # its date, its files
    assert [c["outcome"] for c in alice["checks"]] == ["already_opposed"]
    assert alice["checks"][0]["date"] > opposed["first_proof"]["date"]
    # The first run's files are still there, byte for byte.
    assert {file: (out / file).read_bytes() for file in proof} == proof
    said = html_text(out)
    assert "Première preuve opposition enregistrée, le " in said
    assert said.index("Première preuve") < said.index("déjà opposé(e), vérifié le ")
    assert "data:application/pdf;base64," in (out / "report.html").read_text()


def test_a_one_person_run_into_the_households_folder_adds_to_its_report(
    mock: MockControl, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    path = demo_subset(tmp_path, ["bruno"])
    household = run_cli("run", str(path), "--base-url", mock.base_url, "--yes", "--out", str(out),
                        "--code-from", f"maildir:{mock.outbox}", UNCHECKED, env=ENV)  # fmt: skip
    assert household.returncode == 0, household.stdout + household.stderr
    bruno = members(out)["bruno"]

    args, env = alice_alone("oppose", tmp_path, mock.base_url, out, ENV)
    alone = run_cli(*args, env=env)
    assert alone.returncode == 0, alone.stdout + alone.stderr
    got = members(out)
    assert set(got) == {"alice", "bruno"}
    assert got["alice"]["outcome"] == "opposed"
    assert got["bruno"]["outcome"] == "opposed"
    assert got["bruno"]["name"] == bruno["name"]  # kept from the report before
    assert got["bruno"]["first_proof"] == bruno["first_proof"]
    assert json.loads((out / "report.json").read_text())["summary"]["done"] == 2
    assert bruno["name"] in html_text(out)
