"""`./dev.sh mes-optout …` works where the person stands, not inside the checkout, and what
the examples write (household folders, output folders) is ignored by git: a family's
secrets never end up in the checkout's history."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "dev.sh"


def dev(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "MES_LANG": "en", **env}
    return subprocess.run(["bash", str(DEV), "mes-optout", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip


def test_dev_sh_runs_the_command_from_any_folder(tmp_path: Path) -> None:
    result = dev(tmp_path, "check-site", "--help")
    assert result.returncode == 0, result.stderr
    assert "--base-url" in result.stdout


def test_dev_sh_reads_a_household_file_in_the_callers_folder(tmp_path: Path) -> None:
    # Found where the person stands (read, then refused for its content): from the
    # checkout, the file would not be found at all.
    household = tmp_path / "household.toml"
    household.write_text("not = = toml\n", encoding="utf-8")
    household.chmod(0o600)
    result = dev(tmp_path, "run", "household.toml")
    said = result.stdout + result.stderr
    assert result.returncode == 2, said
    assert "household.toml" in said and "No such file" not in said
    assert "Traceback" not in said


@pytest.mark.skipif(not os.environ.get("MES_BROWSER_PATH") and not shutil.which("chromium"),
                    reason="starts a browser")  # fmt: skip
def test_dev_sh_writes_the_default_output_folder_in_the_callers_folder(tmp_path: Path) -> None:
    # check-site's default folder, ./mes-optout-resultats, on a port where nothing listens:
    # one short browser start, no retry, exit 4 (the site cannot be reached).
    before = set(ROOT.iterdir())
    result = dev(tmp_path, "check-site", "--base-url", "http://127.0.0.1:9", MES_RETRIES="0")
    assert result.returncode == 4, result.stdout + result.stderr
    assert (tmp_path / "mes-optout-resultats").is_dir()
    assert set(ROOT.iterdir()) == before


@pytest.mark.skipif(not (ROOT / ".git").exists() or not shutil.which("git"),
                    reason="not a git checkout")  # fmt: skip
@pytest.mark.parametrize(
    "path",
    [
        "mes-optout-foyer/household.toml",  # init's default folder
        "mon-foyer/household.toml",  # the README's init example
        "mon-foyer/secrets.toml",
        "household.toml",  # the README's run examples
        "foyer.toml",
        "secrets.toml",
        "mes-optout-resultats/report.html",  # run's and check-site's default output
        "resultats/report.html",  # the README's --out example
        "mes-optout-demo-20260101T000000/report.html",  # the demo's default output
    ],
)
def test_what_the_examples_write_is_ignored_by_git(path: str) -> None:
    ignored = subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=ROOT,
                             check=False)  # fmt: skip
    assert ignored.returncode == 0, f"{path} is not ignored by git"
