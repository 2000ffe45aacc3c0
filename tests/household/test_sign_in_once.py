"""A refused sign-in is not tried again (found by a new-user try: two members closed
through one account, then a second run, locked it): not for the next member closed
through the same account, not by the next run into the same folder; --force tries once
more, and only once per run. The mock counts every sign-in submitted to the account."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from automation.cli.demo import demo_environment
from tests.support.cli import UNCHECKED, run_cli
from tests.support.control import MockControl
from tests.support.households import demo_subset

pytestmark = pytest.mark.e2e

# Éric's password as the family mistyped it; Fanny, his daughter, is closed through his
# account, and goes first (children before their guardian).
ENV = {**demo_environment(), "DEMO_ERIC_PASSWORD": "Mauvais-2026", "MES_RECOGNISE_TIMEOUT_S": "5",
       "MES_BACKOFF_S": "0.05"}  # fmt: skip


def reasons(out: Path) -> dict[str, Any]:
    members = json.loads((out / "report.json").read_text())["members"]
    return {m["id"]: (m["outcome"], m["reason"]) for m in members}


def test_a_refused_account_is_signed_in_once_per_run_and_not_again(
    mock: MockControl, tmp_path: Path
) -> None:
    path = demo_subset(tmp_path, ["eric", "fanny"])
    out = tmp_path / "out"
    run = ("run", str(path), "--base-url", mock.base_url, "--yes", "--out", str(out), UNCHECKED)

    first = run_cli(*run, env=ENV)
    said = first.stdout + first.stderr
    # Then Fanny's sign-in was the one tried; Éric's was not tried again
    assert first.returncode == 3, said
    assert mock.person("eric")["sign_ins"] == 1
    assert reasons(out) == {"fanny": ("needs_human", "sign_in_refused"),
                            "eric": ("needs_human", "sign_in_refused_before")}  # fmt: skip
    assert "connexion non retentée" in said and "--force" in said

    # When the same household runs again into the same folder: no sign-in at all
    again = run_cli(*run, env=ENV)
    assert again.returncode == 3, again.stdout + again.stderr
    assert mock.person("eric")["sign_ins"] == 1
    assert {r for _, r in reasons(out).values()} == {"sign_in_refused_before"}

    # When the family asks for it (--force): one try more, for the whole run
    forced = run_cli(*run, "--force", env=ENV)
    assert forced.returncode == 3, forced.stdout + forced.stderr
    assert mock.person("eric")["sign_ins"] == 2
    assert mock.person("eric")["state"] != "closed"
