"""The command line a French family expects: help and errors in French by default,
English with --lang en or MES_LANG=en, and --version."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version


def mes_optout(
    *args: str, lang: str | None = None, retries: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MES_LANG"}
    if lang:
        env["MES_LANG"] = lang
    if retries is not None:
        env["MES_RETRIES"] = retries
    return subprocess.run([sys.executable, "-m", "automation", *args], env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip


def test_help_is_in_french_by_default() -> None:
    shown = mes_optout("--help")
    assert shown.returncode == 0
    assert shown.stdout.startswith("Utilisation : mes-optout")
    assert "Commandes:" in shown.stdout
    assert "Afficher cette aide et quitter." in shown.stdout
    assert "S'opposer à la création de Mon espace santé." in shown.stdout
    run_help = mes_optout("run", "--help").stdout
    assert "FICHIER_FOYER" in run_help
    assert "Confirmer d'avance l'étape définitive" in run_help


def test_help_is_in_english_with_mes_lang_en() -> None:
    shown = mes_optout("oppose", "--help", lang="en")
    assert shown.returncode == 0
    assert shown.stdout.startswith("Usage: mes-optout oppose")
    assert "Refuse the creation of Mon espace santé" in shown.stdout
    assert "Prénom" not in shown.stdout


def test_the_help_speaks_the_language_asked_on_the_command_line() -> None:
    # --lang is read before the help is built: it wins over MES_LANG, either way round
    english = mes_optout("run", "--lang", "en", "--help")
    assert english.stdout.startswith("Usage: mes-optout run"), english.stdout
    assert "Confirm the final step in advance" in english.stdout
    assert "Confirmer d'avance" not in english.stdout
    french = mes_optout("oppose", "--lang=fr", "--help", lang="en")
    assert french.stdout.startswith("Utilisation : mes-optout oppose"), french.stdout


def test_mes_lang_is_read_as_a_person_would_write_it() -> None:
    # « english » or a locale's name, as a shell may hold it: English, and no usage error
    assert mes_optout("oppose", "--help", lang="english").stdout.startswith("Usage:")
    down = mes_optout(
        "check-site", "--base-url", "http://127.0.0.1:9", lang="en_GB.UTF-8", retries="0"
    )  # nothing listens: no backoff to sit out
    assert down.returncode == 4, down.stdout + down.stderr
    assert "Invalid value" not in down.stderr and "Traceback" not in down.stderr
    assert "The site cannot be reached" in down.stdout, down.stdout


def test_a_mistyped_option_is_refused_in_french() -> None:
    refused = mes_optout("oppose", "--yse")
    assert refused.returncode == 2
    assert "Erreur : Option inconnue : '--yse'. Vouliez-vous dire '--yes' ?" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_version() -> None:
    shown = mes_optout("--version")
    assert (shown.returncode, shown.stdout.strip()) == (0, f"mes-optout {version('mes-optout')}")
