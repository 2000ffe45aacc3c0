"""`mes-optout oppose|close|auto` as a person runs it: a real `mes-optout mock-site`
process, the identity in the environment, codes from the mock's Maildir. Then every byte
the run wrote, and what it printed, is searched for the secrets it was given."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

pytestmark = pytest.mark.e2e

NIR = "1 88 07 31 555 123 62"  # made up, valid key
SERIAL = "87654321"
PASSWORD = "Jules-Demo-Secret-9"


def add_jules(url: str, **extra: object) -> None:
    httpx.post(f"{url}/__mock__/reset", json={}, timeout=10).raise_for_status()
    person = {"id": "jules", "first_name": "Jules", "last_name": "Faure",
              "birth_date": "1988-07-14", "nir": NIR, "card_model": "sans_photo",
              "card_serial": SERIAL, "email": "jules.faure@example.org",
              "invited_on": "2026-11-10", **extra}  # fmt: skip
    httpx.post(f"{url}/__mock__/people", json=person, timeout=10).raise_for_status()


def run_cli(
    args: list[str], env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "automation", *args],
        env={**os.environ, **env}, capture_output=True, text=True, timeout=timeout,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip


IDENTITY = ["--id", "jules", "--first-name", "Jules", "--last-name", "Faure",
            "--birth-date", "14/07/1988", "--card-model", "sans_photo"]  # fmt: skip


def forms(secret: str) -> set[str]:
    compact = secret.replace(" ", "")
    found = {secret, compact, compact.lower(), compact.upper(), quote(secret), quote(compact),
             json.dumps(secret)[1:-1]}  # fmt: skip
    return {form for form in found if len(form) >= 6}


def leaks(secrets: list[str], folder: Path, printed: str) -> list[str]:
    hits = []
    for secret in secrets:
        for form in forms(secret):
            if form in printed:
                hits.append(f"terminal: {form!r}")
            for path in folder.rglob("*"):
                if path.is_file() and form.encode() in path.read_bytes():
                    hits.append(f"{path.name}: {form!r}")
    return hits


def test_oppose_from_the_command_line_then_no_secret_left(
    mock_site_process: tuple[str, Path], tmp_path: Path
) -> None:
    url, outbox = mock_site_process
    add_jules(url)
    out = tmp_path / "out"
    env = {"MES_NIR": NIR, "MES_CARD_SERIAL": SERIAL}
    args = ["oppose", *IDENTITY, "--base-url", url, "--yes", "--headless", "--verbose",
            "--code-from", f"maildir:{outbox}", "--out", str(out)]  # fmt: skip
    result = run_cli(args, env)
    assert result.returncode == 0, result.stderr
    assert "jules : opposition enregistrée" in result.stdout
    state = httpx.get(f"{url}/__mock__/people/jules", timeout=10).json()
    assert state["state"] == "opposed"
    assert state["submissions"]["opposition"] == 1

    message = BytesParser(policy=policy.default).parsebytes(
        next((outbox / "new").iterdir()).read_bytes()
    )
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    found = re.search(r" : ([A-Za-z0-9]{12})\b", str(body.get_content()))
    assert found, "the mock's message carries the code after a colon"
    code = found.group(1)
    assert leaks([NIR, SERIAL, code], out, result.stdout + result.stderr) == []
    receipt = json.loads(next(out.rglob("receipt.json")).read_text())
    assert receipt["outcome"] == "opposed"
    assert set(receipt["files"]) == {"attestation.pdf", "opposed.png"}
    assert (out.stat().st_mode & 0o777) == 0o700
    assert all((p.stat().st_mode & 0o777) in (0o600, 0o700) for p in out.rglob("*"))
    # A second run finds the opposition already made, and says so.
    again = run_cli(args, env)
    assert again.returncode == 0
    assert "déjà opposé(e)" in again.stdout


def test_close_with_a_login_in_english(mock_site_process: tuple[str, Path], tmp_path: Path) -> None:
    url, outbox = mock_site_process
    add_jules(url, state="active", login="jules", password=PASSWORD)
    env = {"MES_NIR": NIR, "MES_CARD_SERIAL": SERIAL, "MES_PASSWORD": PASSWORD}
    out = tmp_path / "out"
    args = ["close", *IDENTITY, "--login", "jules", "--base-url", url, "--yes", "--headless",
            "--code-from", f"maildir:{outbox}", "--out", str(out), "--lang", "en", "--keep-data"]  # fmt: skip
    result = run_cli(args, env)
    assert result.returncode == 0, result.stderr
    assert "jules: profile closed" in result.stdout
    state = httpx.get(f"{url}/__mock__/people/jules", timeout=10).json()
    assert (state["state"], state["deletion_requested"]) == ("closed", False)
    assert leaks([NIR, SERIAL, PASSWORD], out, result.stdout + result.stderr) == []


def test_a_failure_exits_1_and_says_why(
    mock_site_process: tuple[str, Path], tmp_path: Path
) -> None:
    url, _ = mock_site_process
    add_jules(url)
    env = {"MES_NIR": NIR, "MES_CARD_SERIAL": "11111111", "MES_RECOGNISE_TIMEOUT_S": "3"}
    args = ["oppose", *IDENTITY, "--base-url", url, "--yes", "--headless", "--out", str(tmp_path)]
    result = run_cli(args, env)
    assert result.returncode == 1
    assert "le site n'a pas reconnu cette identité" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_unattended_without_a_code_needs_a_person(
    mock_site_process: tuple[str, Path], tmp_path: Path
) -> None:
    url, _ = mock_site_process
    add_jules(url)
    env = {"MES_NIR": NIR, "MES_CARD_SERIAL": SERIAL}
    args = ["oppose", *IDENTITY, "--base-url", url, "--yes", "--headless", "--out", str(tmp_path)]
    result = run_cli(args, env)
    assert result.returncode == 3
    assert "une personne doit intervenir" in result.stdout
    assert httpx.get(f"{url}/__mock__/people/jules", timeout=10).json()["state"] == "invited"


@pytest.mark.parametrize(
    ("env", "extra", "says"),
    [
        ({"MES_NIR": "1 88 07 31 555 123 63", "MES_CARD_SERIAL": SERIAL}, [],
         "Entrée invalide pour jules : le numéro de sécurité sociale (NIR) n'est pas valide"),
        ({"MES_NIR": "1880731555", "MES_CARD_SERIAL": SERIAL}, [],
         "le numéro de sécurité sociale (NIR) doit contenir 15 caractères"),
        ({"MES_NIR": NIR, "MES_CARD_SERIAL": "12"}, [],
         "le numéro de série de la carte Vitale n'a pas la bonne longueur"),
        ({"MES_NIR": NIR, "MES_CARD_SERIAL": SERIAL, "MES_CODE": "abc!"}, [],
         "le code provisoire contient un caractère non autorisé"),
        ({"MES_NIR": NIR}, [], "le numéro de série de la carte Vitale manque"),
        ({"MES_NIR": NIR, "MES_CARD_SERIAL": SERIAL}, ["--code-from", "maildir:/nonexistent"],
         "--code-from"),
        ({"MES_NIR": NIR, "MES_CARD_SERIAL": SERIAL}, ["--birth-date", "31/02/1988"],
         "la date de naissance n'est pas une date qui existe, écrite jj/mm/aaaa"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_before_any_browser(
    tmp_path: Path, env: dict[str, str], extra: list[str], says: str
) -> None:
    args = ["oppose", *IDENTITY, *extra, "--base-url", "http://127.0.0.1:9", "--yes", "--headless",
            "--out", str(tmp_path / "out")]  # fmt: skip
    result = run_cli(args, {"MES_BROWSER_PATH": "/nonexistent", **env}, timeout=30)
    assert result.returncode == 2, result.stdout + result.stderr
    assert says in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    for secret in env.values():
        assert secret not in result.stdout + result.stderr or len(secret) < 4
    assert not (tmp_path / "out").exists()
