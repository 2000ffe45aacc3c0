"""A program of the user's (`--code-from command:PROG`) runs only by the person's own
hand (issue 27): a household file naming one is refused at load time, before anything is
done on the site, and a dry run or `check-site` never starts one. Each program here
leaves a mark when it runs; the mark must never appear."""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pytest

from automation.codes.readers import CommandReader, ProgramNotRun, PromptReader
from automation.codes.source import code_reader_from
from tests.support.cli import UNCHECKED, run_cli

NIR = "1 88 07 31 555 123 62"  # made up, valid key
SERIAL = "87654321"
IDENTITY = ["--id", "jules", "--first-name", "Jules", "--last-name", "Faure",
            "--birth-date", "14/07/1988", "--card-model", "sans_photo"]  # fmt: skip


def marking_program(tmp_path: Path) -> tuple[str, Path]:
    """`command:…` for a program that leaves a mark, then prints a code; and the mark."""
    mark = tmp_path / "the-program-ran"
    program = tmp_path / "get_code.py"
    program.write_text(
        f"from pathlib import Path\nPath({str(mark)!r}).touch()\nprint('AB12CD34EF56')\n"
    )
    return f"command:{sys.executable} {program}", mark


def test_in_a_dry_run_the_person_types_the_code_or_the_member_waits() -> None:
    def ask(question: str) -> str:
        return ""

    source = "command:get-code"
    assert isinstance(code_reader_from(source, ask), CommandReader)
    assert isinstance(code_reader_from(source, ask, dry_run=True), PromptReader)
    assert isinstance(code_reader_from(source, None, dry_run=True), ProgramNotRun)


def test_a_household_file_naming_a_program_is_refused_before_the_site(tmp_path: Path) -> None:
    source, mark = marking_program(tmp_path)
    household = tmp_path / "household.toml"
    household.write_text(f"code_from = {source!r}\n\n[[member]]\nid = \"eric\"\n"
                         "first_name = \"Éric\"\nlast_name = \"Petit\"\nbirth_date = 1982-05-27\n"
                         "action = \"close\"\nlogin = \"eric.petit\"\npassword = \"env:ERIC_PW\"\n")  # fmt: skip
    household.chmod(0o600)
    # No browser can start and no site answers there: the refusal comes before either.
    result = run_cli("run", str(household), "--base-url", "http://127.0.0.1:9", "--yes",
                     "--out", str(tmp_path / "out"),
                     env={"MES_BROWSER_PATH": "/nonexistent", "ERIC_PW": "x", "MES_LANG": "fr"},
                     timeout=60)  # fmt: skip
    assert result.returncode == 2, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1 and "ne peut pas lancer de programme" in lines[0], lines
    assert "--code-from" in lines[0] and "MES_CODE_FROM" in lines[0]
    assert "Traceback" not in result.stdout + result.stderr
    assert not mark.exists()
    assert not (tmp_path / "out").exists()


@pytest.mark.e2e
def test_a_dry_run_never_starts_the_program(
    mock_site_process: tuple[str, Path], tmp_path: Path
) -> None:
    url, _ = mock_site_process
    httpx.post(f"{url}/__mock__/reset", json={}, timeout=10).raise_for_status()
    person = {"id": "jules", "first_name": "Jules", "last_name": "Faure",
              "birth_date": "1988-07-14", "nir": NIR, "card_model": "sans_photo",
              "card_serial": SERIAL, "email": "jules.faure@example.org"}  # fmt: skip
    httpx.post(f"{url}/__mock__/people", json=person, timeout=10).raise_for_status()
    source, mark = marking_program(tmp_path)
    # Jules has no code provisoire: the dry run stops before asking the site for one, so
    # before any code would be read.
    result = run_cli("oppose", *IDENTITY, "--base-url", url, "--dry-run", "--headless",
                     "--code-from", source, UNCHECKED, "--out", str(tmp_path / "out"),
                     env={"MES_NIR": NIR, "MES_CARD_SERIAL": SERIAL, "MES_LANG": "fr"})  # fmt: skip
    assert not mark.exists(), result.stdout
    assert "essai à blanc : arrêté avant de demander un code provisoire" in result.stdout
    assert result.returncode == 0, result.stdout + result.stderr
    jules = httpx.get(f"{url}/__mock__/people/jules", timeout=10).json()
    assert (jules["state"], jules["codes_issued"]) == ("invited", 0)


@pytest.mark.e2e
def test_check_site_never_starts_the_program(
    mock_site_process: tuple[str, Path], tmp_path: Path
) -> None:
    url, _ = mock_site_process
    source, mark = marking_program(tmp_path)
    result = run_cli("check-site", "--base-url", url, "--out", str(tmp_path / "out"),
                     env={"MES_CODE_FROM": source})  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert not mark.exists()


def test_the_prompt_without_anyone_at_the_keyboard_is_no_reader() -> None:
    # `init` writes code_from = "prompt"; the same file run by a scheduler has no one to
    # ask: no reader (a member who needs a new code says so), never a refusal of the run.
    assert code_reader_from("prompt", None) is None
    assert isinstance(code_reader_from("prompt", lambda _: "x"), PromptReader)


def test_a_household_file_saying_prompt_runs_without_a_terminal(tmp_path: Path) -> None:
    household = tmp_path / "household.toml"
    household.write_text('code_from = "prompt"\n\n[[member]]\nid = "eric"\n'
                         "first_name = \"Éric\"\nlast_name = \"Petit\"\nbirth_date = 1982-05-27\n"
                         "action = \"close\"\nlogin = \"eric.petit\"\npassword = \"env:ERIC_PW\"\n")  # fmt: skip
    household.chmod(0o600)
    # As far as the site: where nothing listens, after one look (exit 4), not refused
    # for its code source (exit 2).
    result = run_cli("run", str(household), "--base-url", "http://127.0.0.1:9", "--dry-run",
                     "--out", str(tmp_path / "out"),
                     env={"ERIC_PW": "x", "MES_LANG": "fr", "MES_RETRIES": "0"}, timeout=60)  # fmt: skip
    said = result.stdout + result.stderr
    assert result.returncode == 4, said
    assert "--code-from" not in said and "Traceback" not in said
