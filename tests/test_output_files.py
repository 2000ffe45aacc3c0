"""The files the robot writes: never through a link (the file a planted link points to is
left as it was), the person's own --out folder left with its modes, and every file
written whole, so that a full disk keeps the last good report."""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
import structlog

from automation.cli.demo import demo_environment
from automation.output import logs
from automation.output.evidence import EvidenceFolder
from automation.output.journal import Journal
from automation.output.lock import OutputLock
from automation.output.member_report import MemberReport
from automation.output.private import (
    LinkRefused,
    append_private,
    keep_private,
    output_folder,
    private_dir,
    touch_private,
    write_private,
)
from automation.output.report import write_reports
from tests.support.cli import UNCHECKED, run_cli
from tests.support.households import demo_subset

VICTIM = b"a file of yours, that the robot must never touch\n"


def victim(tmp_path: Path) -> Path:
    path = tmp_path / "elsewhere" / "precious.txt"
    path.parent.mkdir()
    path.write_bytes(VICTIM)
    path.chmod(0o644)
    return path


def as_it_is(path: Path) -> tuple[object, int]:
    """A file's bytes (a folder's names) and its mode."""
    content = sorted(p.name for p in path.iterdir()) if path.is_dir() else path.read_bytes()
    return content, stat.S_IMODE(path.stat().st_mode)


def report(out: Path, outcome: str = "opposed") -> tuple[Path, Path]:
    member = MemberReport(id="alice", action="oppose", outcome=outcome, name="Alice Martin")
    return write_reports(out, "les Martin", "2026-07-01T10:00:00+00:00",
                         "2026-07-01T10:05:00+00:00", [member], "fr")  # fmt: skip


def take_the_lock(out: Path) -> None:
    with OutputLock(out):
        pass


# Each writer of automation/output, and the name in the folder it writes.
WRITERS: dict[str, tuple[str, Callable[[Path], object]]] = {
    "write_private": ("receipt.json", lambda out: write_private(out / "receipt.json", "{}")),
    "report.html": ("report.html", lambda out: report(out)),
    "report.json": ("report.json", lambda out: report(out)),
    "journal": ("journal.sqlite", lambda out: Journal(out / "journal.sqlite").close()),
    "journal's WAL": ("journal.sqlite-wal", lambda out: Journal(out / "journal.sqlite").close()),
    "touch_private": ("journal.sqlite", lambda out: touch_private(out / "journal.sqlite")),
    "log": ("mes-optout.log", lambda out: append_private(out / "mes-optout.log").close()),
    "logs.configure": ("mes-optout.log", lambda out: logs.configure(out / "mes-optout.log")),
    "lock": ("run.lock", take_the_lock),
    "lock's pid": ("run.pid", take_the_lock),
    "keep_private": ("trace.zip", lambda out: keep_private(out / "trace.zip")),
    "a member's proof": ("alice", lambda out: EvidenceFolder(out, "alice")),
}


@pytest.mark.parametrize("writer", list(WRITERS))
def test_a_planted_link_is_refused_and_what_it_points_to_is_untouched(
    tmp_path: Path, writer: str
) -> None:
    name, write = WRITERS[writer]
    target = victim(tmp_path)
    if name == "alice":  # a folder: the link points to a folder of the person's
        target = target.parent
    out = output_folder(tmp_path / "out")
    link = out / name
    link.symlink_to(target)
    before = as_it_is(target)
    try:
        with pytest.raises(LinkRefused) as refused:
            write(out)
    finally:
        logs.close()
    assert refused.value.path == link
    assert link.is_symlink() and link.readlink() == target
    assert as_it_is(target) == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_the_robot_says_which_file_is_a_link_and_stops_before_anything_is_done(
    tmp_path: Path,
) -> None:
    target = victim(tmp_path)
    out = output_folder(tmp_path / "out")
    (out / "report.html").symlink_to(target)
    household = demo_subset(tmp_path, ["alice"])
    for lang, sentence in (
        ("fr", "est un lien symbolique : le robot n'écrit jamais à travers un lien"),
        ("en", "is a symbolic link: the robot never writes through a link"),
    ):
        # A local address: even if the refusal failed, nothing would leave this machine.
        result = run_cli("run", str(household), "--yes", "--out", str(out), UNCHECKED,
                         "--base-url", "http://127.0.0.1:9",
                         "--lang", lang, env=demo_environment())  # fmt: skip
        said = result.stdout + result.stderr
        assert result.returncode == 2, said
        assert f"{out / 'report.html'} {sentence}" in " ".join(said.split())
        assert "Traceback" not in said
    assert target.read_bytes() == VICTIM
    assert (out / "report.html").is_symlink()
    assert not (out / "journal.sqlite").exists()  # refused before the journal was opened


def test_an_existing_out_folder_keeps_its_mode_and_a_new_one_is_private(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp: everyone writes, the sticky bit keeps files apart
    assert output_folder(shared) == shared
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    made = output_folder(tmp_path / "new" / "out")
    assert stat.S_IMODE(made.stat().st_mode) == 0o700
    # The robot's own folder, even an older one left open, is private again.
    own = shared / "alice"
    own.mkdir(mode=0o755)
    own.chmod(0o755)
    assert stat.S_IMODE(private_dir(own).stat().st_mode) == 0o700


def full_disk(monkeypatch: pytest.MonkeyPatch, room_for: int) -> None:
    """From now on, `room_for` writes more and not one byte after: the lowest write the
    robot uses says so."""
    write = os.write
    left = room_for

    def filling(descriptor: int, data: bytes) -> int:
        nonlocal left
        if left == 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        left -= 1
        return write(descriptor, data)

    monkeypatch.setattr(os, "write", filling)


# Full from the first byte, or once report.json is written (report.html then does not fit).
@pytest.mark.parametrize("room_for", [0, 1])
def test_a_full_disk_keeps_the_last_report_whole_and_readable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, room_for: int
) -> None:
    out = output_folder(tmp_path / "out")
    json_path, html_path = report(out, "opposed")
    before = json_path.read_bytes(), html_path.read_bytes()
    full_disk(monkeypatch, room_for)
    with pytest.raises(OSError) as error:
        report(out, "failed")
    monkeypatch.undo()
    assert error.value.errno == errno.ENOSPC
    # Both as they were: never a new report.json beside the old report.html.
    assert (json_path.read_bytes(), html_path.read_bytes()) == before
    assert json.loads(json_path.read_text())["members"][0]["outcome"] == "opposed"
    assert "opposition enregistrée" in html_path.read_text()
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json"]  # no .tmp


def test_a_line_logged_after_the_logs_are_closed_goes_nowhere(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # A --parallel worker still finishing after Ctrl-C logs once the run has closed its
    # logs: nothing raw on the person's screen (logging's last resort would print it).
    logs.configure(tmp_path / "mes-optout.log")
    logs.close()
    structlog.get_logger().warning("journal_finish_failed", member="alice")
    assert capfd.readouterr().err == ""
