"""Secrets go to the real site or to this machine, nowhere else, unless the person
vouches for the address with --site-non-officiel."""

from __future__ import annotations

from pathlib import Path

import pytest

from automation.cli.demo import demo_environment
from automation.config.site_address import is_acceptable_origin, is_allowed
from automation.output.report import write_reports
from flows.outcome import Outcome
from tests.support.cli import run_cli
from tests.support.households import demo_subset
from tests.support.robot import Robot, member_for
from tests.support.seed import identity, seed_people


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://www.monespacesante.fr", True),
        ("https://www.monespacesante.fr/", True),
        ("https://www.monespacesante.fr:443/parcours", True),
        ("http://127.0.0.1:8000", True),
        ("http://127.1.2.3", True),
        ("http://localhost:8000", True),
        ("http://[::1]:8000", True),
        ("http://www.monespacesante.fr", False),  # not over https
        ("https://www.monespacesante.fr:8443", False),
        ("https://monespacesante.fr", False),
        ("https://www.monespacesante.fr.example.org", False),
        ("https://www.monespacesante.fr@example.org", False),
        ("https://example.org", False),
        ("http://192.168.1.10:8000", False),
        ("ftp://127.0.0.1", False),
        ("127.0.0.1:8000", False),
        ("http://127.0.0.1:99999", False),
        ("", False),
    ],
)
def test_only_the_real_site_or_this_machine(url: str, allowed: bool) -> None:
    assert is_allowed(url) is allowed


@pytest.mark.parametrize("command", ["run", "oppose"])
def test_another_address_is_refused_before_any_browser(tmp_path: Path, command: str) -> None:
    who, alice = identity("alice"), seed_people()["alice"]
    target = [str(demo_subset(tmp_path, ["alice"]))] if command == "run" else [
        "--first-name", "Alice", "--last-name", "Martin", "--birth-date", who["birth_date"],
        "--card-model", who["card_model"]]  # fmt: skip
    # No browser can start here: had the run gone that far, it would fail differently.
    env = {**demo_environment(), "MES_BROWSER_PATH": str(tmp_path / "no-browser"),
           "MES_NIR": who["nir"], "MES_CARD_SERIAL": who["serial"], "MES_CODE": alice["code"],
           "MES_LANG": "fr"}  # fmt: skip
    result = run_cli(command, *target, "--base-url", "https://example.org", "--yes",
                     "--out", str(tmp_path / "out"), env=env)  # fmt: skip
    said = result.stdout + result.stderr
    assert result.returncode == 2, said
    assert "L'adresse https://example.org n'est ni le site officiel" in said
    assert "ajoutez --site-non-officiel" in said
    assert "Traceback" not in said


@pytest.mark.e2e
def test_a_site_vouched_for_is_named_on_every_member(robot: Robot, tmp_path: Path) -> None:
    # The run itself is the same; what changes is that the family is told, per member.
    run = robot.run(member_for("alice"), unofficial_site="https://exemple.invalid")
    assert run.result.outcome is Outcome.OPPOSED
    assert run.said.endswith("— site non officiel : https://exemple.invalid")
    _, html = write_reports(robot.out, "test", "2026-11-29T10:00:00+00:00",
                            "2026-11-29T10:01:00+00:00", [run.report])  # fmt: skip
    assert "Site non officiel, utilisé à votre demande" in html.read_text()


@pytest.mark.parametrize(
    ("origin", "acceptable"),
    [
        ("https://cdn.example.fr", True),
        ("https://cdn.example.fr/", True),
        ("https://cdn.example.fr:8443", True),
        ("http://127.0.0.2:8000", True),  # a mock's other address: this machine
        ("http://localhost:8000", True),
        ("http://[::1]:8000", True),
        ("http://cdn.example.fr", False),  # plain http off this machine
        ("https://cdn.example.fr/scripts", False),  # a path: the rule is by origin
        ("https://cdn.example.fr/?q=1", False),
        ("https://user@cdn.example.fr", False),
        ("https://cdn.example.fr:99999", False),
        ("wss://cdn.example.fr", False),
        ("cdn.example.fr", False),
        ("https://", False),
        ("", False),
    ],
)
def test_an_allowed_origin_is_https_or_this_machine(origin: str, acceptable: bool) -> None:
    assert is_acceptable_origin(origin) is acceptable


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [("fr", "« http://cdn.example.fr » ne peut pas être autorisée (--allow-origin"),
     ("en", "« http://cdn.example.fr » cannot be allowed (--allow-origin")],
)  # fmt: skip
def test_an_origin_not_acceptable_is_refused_before_any_browser(
    tmp_path: Path, lang: str, sentence: str
) -> None:
    top = 'allow_origins = ["http://cdn2.example.fr"]\nhousehold = "'
    household = demo_subset(tmp_path, ["alice"], changes={'household = "': top})
    env = {**demo_environment(), "MES_BROWSER_PATH": str(tmp_path / "no-browser"), "MES_LANG": lang}
    result = run_cli("run", str(household), "--base-url", "http://127.0.0.1:9", "--yes",
                     "--allow-origin", "http://cdn.example.fr", "--allow-origin", "https://ok.fr",
                     "--out", str(tmp_path / "out"), env=env)  # fmt: skip
    said = result.stdout + result.stderr
    assert result.returncode == 2, said
    assert sentence in said
    assert "« http://cdn2.example.fr »" in said  # the household file's, said too
    assert "https://ok.fr" not in said
    assert "Traceback" not in said
