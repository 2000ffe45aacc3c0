"""A whole run and the folder it writes in: the person's --out folder keeps its own modes
(a shared, sticky folder stays one) while the robot's files in it are private; and a disk
that fills up as the report is written leaves the last report whole, said in a sentence."""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from automation.cli.demo import demo_environment
from automation.run import path as run_path
from automation.run.context import RunRequest
from automation.run.exit_status import ExitStatus
from tests.support.cli import UNCHECKED, run_cli
from tests.support.control import MockControl
from tests.support.households import demo_subset

pytestmark = pytest.mark.e2e
ENV = {**demo_environment(), "MES_RECOGNISE_TIMEOUT_S": "5", "MES_BACKOFF_S": "0.05"}


def test_a_sticky_out_folder_keeps_its_mode_and_the_robots_files_are_private(
    mock: MockControl, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    household = demo_subset(tmp_path, ["alice"])
    result = run_cli("run", str(household), "--base-url", mock.base_url, "--dry-run",
                     "--out", str(shared), UNCHECKED, env=ENV)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    written = list(shared.rglob("*"))
    assert {"report.json", "report.html", "journal.sqlite", "alice"} <= {p.name for p in written}
    for path in written:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def run_alice(out: Path, household: Path, base_url: str) -> tuple[ExitStatus, str]:
    """The run in-process (its writes can be faulted here), on a thread of its own: the
    run starts its own Playwright, which a thread where the session's browser runs (a
    worker that ran a browser test before) would refuse."""
    said = StringIO()
    console = Console(file=said, width=400, highlight=False, soft_wrap=True)
    request = RunRequest(base_url=base_url, dry_run=True, out=out, skip_check=True)
    with ThreadPoolExecutor(max_workers=1) as thread:
        status = thread.submit(run_path.run_household, household, request, console).result()
    return status, said.getvalue()


def test_a_full_disk_as_the_report_is_written_keeps_the_last_one_and_says_so(
    mock: MockControl, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    out = tmp_path / "out"
    household = demo_subset(tmp_path, ["alice"])
    status, said = run_alice(out, household, mock.base_url)
    assert status is ExitStatus.DONE, said
    before = (out / "report.json").read_bytes(), (out / "report.html").read_bytes()

    # The disk fills up as the second run writes its report: the lowest write it uses
    # says so (only then: the browser and the journal must not see it).
    write_reports = run_path.write_reports

    def on_a_full_disk(*args: Any, **kwargs: Any) -> Any:
        def no_space(descriptor: int, data: object) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        with monkeypatch.context() as patch:
            patch.setattr(os, "write", no_space)
            return write_reports(*args, **kwargs)

    writer: Callable[..., Any] = on_a_full_disk
    monkeypatch.setattr(run_path, "write_reports", writer)
    # The first run took the secrets out of this process's environment before it started
    # its browser (they reach no child): given again, as a person's new run would have them.
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    status, said = run_alice(out, household, mock.base_url)
    assert status is ExitStatus.FAILED, said
    assert "Traceback" not in said
    assert f"Le rapport n'a pas pu être écrit dans {out} (No space left on device)" in said
    assert f"Le rapport précédent est resté intact et lisible : {out / 'report.html'}" in said
    assert "alice : essai à blanc" in said  # what was done is said all the same
    assert ((out / "report.json").read_bytes(), (out / "report.html").read_bytes()) == before
    assert json.loads(before[0])["members"][0]["outcome"] == "dry_run"
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
