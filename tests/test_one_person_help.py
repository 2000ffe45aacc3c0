"""`oppose`, `close` and `auto --help` name every MES_* variable the robot reads, in both
languages: secrets are never options, so the help is where a person learns MES_NIR,
MES_CARD_SERIAL and MES_CODE exist. The list is computed from the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from automation.codes.imap import ImapSettings
from automation.config.settings import Settings
from tests.support.cli import run_cli

ROOT = Path(__file__).resolve().parents[1]
# What the robot gives a program of the user's (`command:PROG`): written, never read.
GIVEN_TO_A_PROGRAM = {"MES_CODE_KIND", "MES_CODE_CHANNEL", "MES_CODE_SINCE", "MES_MEMBER_NAME"}
SET_BY_DEV_SH = {"MES_CALLED_AS"}  # how the person calls the robot, for its advice


def variables_read() -> set[str]:
    named = {
        name
        for package in ("automation", "flows")
        for path in (ROOT / package).rglob("*.py")
        for name in re.findall(r"MES_[A-Z_]*[A-Z]", path.read_text(encoding="utf-8"))
    }
    named |= {f"MES_{field.upper()}" for field in Settings.model_fields}
    named |= {f"MES_IMAP_{field.upper()}" for field in ImapSettings.model_fields}
    return named - GIVEN_TO_A_PROGRAM - SET_BY_DEV_SH - {"MES_IMAP"}  # "MES_IMAP": the prefix


def test_the_list_is_the_codes() -> None:
    found = variables_read()
    assert {"MES_NIR", "MES_CARD_SERIAL", "MES_CODE", "MES_LANG", "MES_IMAP_PASSWORD",
            "MES_CODE_TIMEOUT_S"} <= found  # fmt: skip
    assert not found & GIVEN_TO_A_PROGRAM


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("command", ["oppose", "close", "auto"])
def test_the_help_of_a_one_person_command_names_every_variable(command: str, lang: str) -> None:
    shown = run_cli(command, "--help", env={"MES_LANG": lang}, timeout=60).stdout
    missing = sorted(name for name in variables_read() if not re.search(rf"\b{name}\b", shown))
    assert missing == [], shown
