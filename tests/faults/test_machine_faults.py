"""What the machine does to a run: the browser killed, Ctrl-C, a full disk, an output
folder that cannot be used. Each run is a real `mes-optout run` process."""

from __future__ import annotations

import errno
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
from watchfiles import watch

from automation.cli.demo import demo_environment
from tests.support.cli import UNCHECKED, command, ctrl_c_as_usual, run_cli
from tests.support.control import MockControl
from tests.support.households import alice_alone, demo_subset
from tests.support.lines import line_until

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


def reasons(out: Path) -> list[str | None]:
    with sqlite3.connect(out / "journal.sqlite") as db:
        return [row[0] for row in db.execute("SELECT reason FROM attempts ORDER BY id")]


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
def run_until_screen(
    args: tuple[str, ...], screen: str, env: dict[str, str] = ENV
) -> Iterator[subprocess.Popen[str]]:
    """Start a run and return once it shows `screen` (its --verbose log says so)."""
    process = subprocess.Popen(command(*args, "--verbose"), env={**os.environ, **env},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               stdin=subprocess.DEVNULL, preexec_fn=ctrl_c_as_usual)  # fmt: skip
    try:
        line_until(process.stderr, lambda line: f"screen={screen}" in line, timeout_s=90)
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def test_the_browser_killed_mid_flow(mock: MockControl, tmp_path: Path) -> None:
    # Alice, then Denise (opposed long ago): the browser is killed on Alice's way.
    mock.faults(hang_on_step=["decision"])  # holds the run on its way to the decision
    out = tmp_path / "out"
    household = demo_subset(tmp_path, ["alice", "denise"])
    args = ("run", str(household), "--base-url", mock.base_url, "--yes", "--out", str(out),
            UNCHECKED, "--only", "alice,denise")  # fmt: skip
    with run_until_screen(args, "code_provisoire") as process:
        browsers = [p for p in descendants(process.pid)
                    if "chrom" in Path(f"/proc/{p}/comm").read_text()]  # fmt: skip
        assert browsers, "no browser process found"
        os.kill(browsers[0], signal.SIGKILL)
        mock.faults(clear=True)
        assert process.wait(timeout=60) == 1
        assert process.stderr is not None
        assert "Traceback" not in process.stderr.read()
    # Alice fails with the browser; Denise is still done, in a browser started anew
    assert (attempts(out), reasons(out)) == (["failed", "already_opposed"], ["browser", None])
    assert mock.person("alice")["state"] == "invited"
    again = run_cli("run", str(alice_household(tmp_path)), "--base-url", mock.base_url, "--yes",
                    "--out", str(out), UNCHECKED, env=ENV)  # fmt: skip
    assert again.returncode == 0, again.stdout + again.stderr
    assert mock.person("alice")["submissions"]["opposition"] == 1


@pytest.mark.parametrize("how", ["run", "oppose"])
def test_ctrl_c_stops_cleanly_and_the_journal_resumes(
    mock: MockControl, tmp_path: Path, how: str
) -> None:
    mock.faults(hang_on_step=["decision"])
    out = tmp_path / "out"
    args, env = alice_alone(how, tmp_path, mock.base_url, out, ENV)
    with run_until_screen(args, "code_provisoire", env) as process:
        process.send_signal(signal.SIGINT)
        status = process.wait(timeout=60)
        assert process.stderr is not None
        said = process.stderr.read()
        assert status == 130, said
    assert "Traceback" not in said
    assert attempts(out) == ["interrupted"]
    mock.faults(clear=True)
    assert mock.person("alice")["state"] == "invited"
    again = run_cli(*args, env=env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert mock.person("alice")["submissions"]["opposition"] == 1


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "small"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs",
                              str(folder)], capture_output=True, check=False)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"no tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def fill(folder: Path) -> Path:
    """Write into `folder` until its disk has no byte left; the filler, to free it later."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as handle:  # unbuffered: nothing left to flush
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError as error:
            assert error.errno == errno.ENOSPC, error
    return filler


def test_a_full_disk_loses_proof_never_what_was_done(mock: MockControl, tmp_path: Path,
                                                     small_disk: Path) -> None:  # fmt: skip
    # The disk fills up at a known moment: the opposition submitted, its answer held by
    # the site, and then not one byte left for the proof, the result or the report.
    mock.faults(hang_on_step=["confirmation"])
    out = small_disk / "out"
    args = ("run", str(alice_household(tmp_path)), "--base-url", mock.base_url, "--yes",
            "--out", str(out), UNCHECKED)  # fmt: skip
    process = subprocess.Popen(command(*args), env={**os.environ, **ENV}, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL)  # fmt: skip
    try:
        for _ in watch(small_disk, rust_timeout=500, yield_on_timeout=True, debounce=50):
            if mock.person("alice")["submissions"]["opposition"] == 1 and steps(out):
                break
            assert process.poll() is None, "the run ended before the final click"
        filler = fill(small_disk)
        mock.faults(clear=True)  # the site answers now
        said_out, said_err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    said = said_out + said_err
    assert "Traceback" not in said
    # Done on the site, and said so; the proof and the report could not be kept, and the
    # run says that too (exit 1), rather than pretend all went well.
    assert process.returncode == 1, said
    assert "Le rapport n'a pas pu être écrit" in said_out
    assert "alice : opposition enregistrée (la preuve n'a pas pu être enregistrée)" in said_out
    assert mock.person("alice")["state"] == "opposed"
    # The journal never claims more than was written: the intent is there, the rest is not.
    assert steps(out) == [("opposition", "intent")]
    # Space is freed: the re-run settles it from the site, with no second submission.
    filler.unlink()
    again = run_cli(*args, env=ENV)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "interrompu la dernière fois" in again.stdout
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
