"""Household files for tests: members taken from the demo household, kept private
(the loader refuses a household file other users can read)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from automation.cli.demo import DEMO_HOUSEHOLD
from automation.config.household import HouseholdError, load_household
from tests.support.cli import UNCHECKED
from tests.support.seed import identity, seed_people

# One adult member, its label to fill in (`ADULT.format(id="a")`): every field valid.
ADULT = """
[[member]]
id = "{id}"
first_name = "A"
last_name = "B"
birth_date = 1980-01-01
card_model = "sans_photo"
nir = "1 79 11 2A 004 317 58"
card_serial = "123456789"
"""


def refusals(path: Path, today: date, lang: str = "fr") -> list[str]:
    """What the loader says of a household file it refuses (it must refuse it)."""
    with pytest.raises(HouseholdError) as caught:
        load_household(path, lang, today)
    return caught.value.problems


def private_file(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def demo_subset(
    folder: Path, members: list[str], extra: str = "", changes: dict[str, str] | None = None
) -> Path:
    """A household file with these members of the demo's, and `extra` TOML after them."""
    head, *blocks = DEMO_HOUSEHOLD.read_text(encoding="utf-8").split("[[member]]")
    kept = [b for b in blocks if any(f'id = "{m}"' in b for m in members)]
    body = head + "".join("[[member]]" + b for b in kept) + extra
    for old, new in (changes or {}).items():
        body = body.replace(old, new)
    return private_file(folder / "household.toml", body)


def alice_alone(
    how: str, folder: Path, base_url: str, out: Path, env: dict[str, str]
) -> tuple[tuple[str, ...], dict[str, str]]:
    """The same person, as a household of one in a file (`run`), or with the one-person
    command (`oppose`, secrets in MES_* variables): the command line and its environment."""
    if how == "run":
        path = demo_subset(folder, ["alice"])
        run = ("run", str(path), "--base-url", base_url, "--yes", "--out", str(out), UNCHECKED)
        return run, env
    who, person = identity("alice"), seed_people()["alice"]
    args = ("oppose", "--id", "alice", "--first-name", person["first_name"],
            "--last-name", person["last_name"], "--birth-date", who["birth_date"],
            "--card-model", who["card_model"], "--base-url", base_url, "--yes", "--headless",
            "--out", str(out), UNCHECKED)  # fmt: skip
    secrets = {"MES_NIR": who["nir"], "MES_CARD_SERIAL": who["serial"], "MES_CODE": person["code"]}
    return args, {**env, **secrets}
