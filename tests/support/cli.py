"""Running `mes-optout` as a person would: another process, its own browser."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

# For runs whose test is about something else: the look at the site before the first
# member (~2 s a run) is tested on its own (robot/test_check_site.py), in the whole
# household's run and in the leak hunt; everywhere else it only made the suite slower.
UNCHECKED = "--skip-check"


def ctrl_c_as_usual() -> None:
    """For a child the test sends Ctrl-C to: Python's own handling of it, even when the
    tests were started with SIGINT ignored (a background job of a shell, some CI
    runners): an ignored SIGINT is inherited, and the child would never see it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "automation", *args]


def run_cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(*args),
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        cwd=Path(__file__).resolve().parents[2],
    )
