"""A one-person run without --id names the person by their first name, never
« personne »: in its refusals, and in its label (made as `init` makes one)."""

from __future__ import annotations

from pathlib import Path

from tests.support.cli import run_cli


def test_without_an_id_a_refusal_names_the_first_name(tmp_path: Path) -> None:
    args = ["oppose", "--first-name", "Chloé", "--last-name", "Martin", "--birth-date",
            "14/07/1988", "--card-model", "sans_photo", "--base-url", "http://127.0.0.1:9",
            "--yes", "--headless", "--out", str(tmp_path / "out")]  # fmt: skip
    env = {"MES_BROWSER_PATH": "/nonexistent", "MES_LANG": "fr",
           "MES_NIR": "1 88 07 31 555 123 63", "MES_CARD_SERIAL": "87654321"}  # fmt: skip
    result = run_cli(*args, env=env, timeout=30)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Entrée invalide pour Chloé : le numéro de sécurité sociale" in result.stdout
    assert "personne :" not in result.stdout


def test_the_label_is_made_from_the_first_name() -> None:
    from flows.member import label_from

    assert label_from("Chloé") == "chloe"
    assert label_from("Jean Pierre", {"jean-pierre"}) == "jean-pierre2"
