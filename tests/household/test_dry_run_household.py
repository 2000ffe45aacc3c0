"""`mes-optout run --dry-run` on the whole demo household: nothing reaches a person or the
site (no code provisoire, no sign-in code, no final post), and every member's line says
where the dry run stopped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from automation.cli.demo import DEMO_HOUSEHOLD, demo_environment, private_copy
from tests.support.cli import UNCHECKED, run_cli
from tests.support.control import MockControl

pytestmark = pytest.mark.e2e
MEMBERS = ["alice", "chloe", "bruno", "camille", "lea", "hugo", "denise", "gaelle", "eric", "fanny"]
COUNTERS = ("state", "codes_issued", "login_codes_issued", "final_posts", "submissions")
ENV = {**demo_environment(), "MES_RECOGNISE_TIMEOUT_S": "5", "MES_CODE_TIMEOUT_S": "10",
       "MES_BACKOFF_S": "0.05", "MES_LANG": "fr"}  # fmt: skip


def counters(mock: MockControl) -> dict[str, dict[str, object]]:
    return {m: {k: mock.person(m)[k] for k in COUNTERS} for m in MEMBERS}


def test_a_dry_run_of_the_demo_household_sends_nothing(mock: MockControl, tmp_path: Path) -> None:
    before = counters(mock)
    out = tmp_path / "out"
    dry = run_cli("run", str(private_copy(DEMO_HOUSEHOLD, tmp_path)), "--base-url", mock.base_url,
                  "--code-from", f"maildir:{mock.outbox}", "--out", str(out), "--dry-run",
                  UNCHECKED, env=ENV)  # fmt: skip
    said = dry.stdout + dry.stderr
    assert dry.returncode == 0, said
    assert counters(mock) == before
    outcomes = {
        m["id"]: m["outcome"] for m in json.loads((out / "report.json").read_text())["members"]
    }
    stopped = {m for m, outcome in outcomes.items() if outcome == "dry_run"}
    # Denise is opposed already: the site says so before anything is sent.
    assert stopped == set(MEMBERS) - {"denise"} and outcomes["denise"] == "already_opposed"
    lines = {m: line for m in stopped for line in said.splitlines() if line.startswith(f"{m} :")}
    assert set(lines) == stopped, said
    assert all("essai à blanc : arrêté" in line and "la vraie exécution" in line
               for line in lines.values())  # fmt: skip
    assert "avant de demander un code provisoire" in lines["bruno"]
    assert "avant de se connecter" in lines["eric"]
