"""What the machine does to a run: the browser killed, Ctrl-C, a full disk, an output
folder that cannot be used. Each run is a real `mes-optout run` process."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from automation.demo import demo_environment
from tests.support.cli import command, run_cli
from tests.support.control import MockControl
from tests.support.households import demo_subset

pytestmark = pytest.mark.e2e
ENV = {**demo_environment(), "MES_BACKOFF_S": "0.05", "MES_RECOGNISE_TIMEOUT_S": "5"}


def alice_household(folder: Path) -> Path:
    return demo_subset(folder, ["alice"])


def steps(out: Path) -> list[tuple[str, str]]:
    # Read a copy: on a full disk SQLite could not even open the file to read it.
    copy = Path(tempfile.mkdtemp())
    for path in out.glob("journal.sqlite*"):
        shutil.copy(path, copy / path.name)
    with sqlite3.connect(copy / "journal.sqlite") as db:
        return db.execute(
            "SELECT step, kind FROM steps WHERE member = 'alice' ORDER BY id"
        ).fetchall()


def attempts(out: Path) -> list[str]:
    with sqlite3.connect(out / "journal.sqlite") as db:
        return [row[0] for row in db.execute("SELECT outcome FROM attempts ORDER BY id")]


def descendants(pid: int) -> list[int]:
    """Every process started, directly or not, by `pid` (read from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@contextmanager
def run_until_screen(args: tuple[str, ...], screen: str) -> Iterator[subprocess.Popen[str]]:
    """Start a run and return once it shows `screen` (its --verbose log says so)."""
    process = subprocess.Popen(command(*args, "--verbose"), env={**os.environ, **ENV},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               stdin=subprocess.DEVNULL)  # fmt: skip
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if f"screen={screen}" in line:
                break
        else:
            pytest.fail(f"the run ended before reaching {screen}")
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def test_the_browser_killed_mid_flow(mock: MockControl, tmp_path: Path) -> None:
    mock.faults(hang_on_step=["decision"])  # holds the run on its way to the decision
    out = tmp_path / "out"
    args = ("run", str(alice_household(tmp_path)), "--base-url", mock.base_url, "--yes",
            "--out", str(out))  # fmt: skip
    with run_until_screen(args, "code_provisoire") as process:
        browsers = [p for p in descendants(process.pid)
                    if "chrom" in Path(f"/proc/{p}/comm").read_text()]  # fmt: skip
        assert browsers, "no browser process found"
        os.kill(browsers[0], signal.SIGKILL)
        mock.faults(clear=True)
        assert process.wait(timeout=60) == 1
    assert attempts(out) == ["failed"]
    assert mock.person("alice")["state"] == "invited"
    again = run_cli(*args, env=ENV)
    assert again.returncode == 0, again.stdout + again.stderr
    assert mock.person("alice")["submissions"]["opposition"] == 1


def test_ctrl_c_stops_cleanly_and_the_journal_resumes(mock: MockControl, tmp_path: Path) -> None:
    mock.faults(hang_on_step=["decision"])
    out = tmp_path / "out"
    args = ("run", str(alice_household(tmp_path)), "--base-url", mock.base_url, "--yes",
            "--out", str(out))  # fmt: skip
    with run_until_screen(args, "code_provisoire") as process:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 130
        assert process.stderr is not None
        said = process.stderr.read()
    assert "Traceback" not in said
    assert attempts(out) == ["interrupted"]
    mock.faults(clear=True)
    assert mock.person("alice")["state"] == "invited"
    again = run_cli(*args, env=ENV)
    assert again.returncode == 0, again.stdout + again.stderr
    assert mock.person("alice")["submissions"]["opposition"] == 1


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "small"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=100k,mode=0700", "tmpfs",
                              str(folder)], capture_output=True, check=False)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"no tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_full_disk_loses_proof_never_what_was_done(mock: MockControl, tmp_path: Path,
                                                     small_disk: Path) -> None:  # fmt: skip
    out = small_disk / "out"
    household = alice_household(tmp_path)
    first = run_cli("run", str(household), "--base-url", mock.base_url, "--yes", "--out", str(out),
                    env=ENV)  # fmt: skip
    said = first.stdout + first.stderr
    assert "Traceback" not in said
    assert first.returncode in (0, 1, 2), said
    journal = steps(out)
    opposed = mock.person("alice")["state"] == "opposed"
    # The journal never claims more than the site did, and nothing final without an intent.
    assert journal in (
        [],
        [("opposition", "intent")],
        [("opposition", "intent"), ("opposition", "result")],
    )
    if opposed:
        assert ("opposition", "intent") in journal  # never the final click without it
    if ("opposition", "result") in journal:
        assert opposed
    # Space is freed (the folder moves to a roomy disk): the re-run finishes the job.
    roomy = tmp_path / "roomy"
    shutil.copytree(out, roomy)
    again = run_cli("run", str(household), "--base-url", mock.base_url, "--yes", "--out", str(roomy),
                    env=ENV)  # fmt: skip
    assert again.returncode == 0, again.stdout + again.stderr
    alice = mock.person("alice")
    assert (alice["state"], alice["submissions"]["opposition"]) == ("opposed", 1)


def test_an_output_folder_that_cannot_be_used(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_cli("run", str(alice_household(tmp_path)), "--yes", "--out", str(blocker / "out"),
                     env=ENV)  # fmt: skip
    assert result.returncode == 2
    assert "Le dossier de sortie" in result.stdout and "n'est pas utilisable" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
