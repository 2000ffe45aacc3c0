"""A choice as a person writes it (« avec photo », « Avec-Photo », « SMS ») is read as its
key alike in a household file, on the command line and in init: the same answer is never
accepted in one place and refused in another."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from automation.cli.main import main
from automation.config.household import build_household
from flows.inputs import as_key


@pytest.mark.parametrize(
    ("written", "key"),
    [("avec photo", "avec_photo"), ("Avec-Photo", "avec_photo"), (" sans  photo ", "sans_photo"),
     ("SMS", "sms"), ("Oppose", "oppose")],
)  # fmt: skip
def test_a_choice_as_written_is_its_key(written: str, key: str) -> None:
    assert as_key(written) == key


def test_a_household_file_reads_the_card_model_as_written() -> None:
    member = {"id": "ana", "first_name": "Ana", "last_name": "Martin", "birth_date": "12/03/1984",
              "action": "Oppose", "card_model": "Avec photo", "nir": "284037511200446",
              "card_serial": "12345678901", "channel": "SMS"}  # fmt: skip
    household = build_household({"member": [member]}, None, "foyer", "en")
    (ana,) = household.members
    assert (ana.action, ana.card_model, ana.channel) == ("oppose", "avec_photo", "sms")


def test_the_command_line_reads_the_card_model_as_written(tmp_path: Path) -> None:
    # Taken by the option (no « Invalid value »): the run then stops on the missing NIR.
    said = CliRunner().invoke(
        main, ["oppose", "--card-model", "avec photo", "--channel", "SMS", "--first-name", "Ana",
              "--last-name", "Martin", "--birth-date", "12/03/1984", "--yes",
              "--out", str(tmp_path / "out")],
        env={"MES_LANG": "en", "MES_NIR": "", "MES_CARD_SERIAL": ""},
    )  # fmt: skip
    assert "--card-model" not in said.output and "--channel" not in said.output, said.output
    refused = CliRunner().invoke(main, ["oppose", "--card-model", "photo"], env={"MES_LANG": "en"})
    assert refused.exit_code == 2 and "--card-model" in refused.output
