"""The lines a run ends with on a terminal: those who need the family first, as in the
report, so that the one to help is not lost at the bottom of a long household."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from automation.cli.demo import demo_environment
from automation.output.member_report import MemberReport
from automation.run import path as run_path
from automation.run.context import RunRequest
from tests.support.households import demo_subset


class RunInRunOrder:
    """Stands for the browser run: alice done first, bruno who needs a person last."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.reports: dict[str, MemberReport] = {}

    def run(self) -> list[MemberReport]:
        return [MemberReport(id="alice", action="oppose", outcome="opposed"),
                MemberReport(id="bruno", action="oppose", outcome="needs_human")]  # fmt: skip


def test_the_lines_a_run_ends_with_show_who_needs_the_family_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in demo_environment().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(run_path, "HouseholdRunner", RunInRunOrder)
    household = demo_subset(tmp_path, ["alice", "bruno"])
    said = StringIO()
    console = Console(file=said, width=400, force_terminal=True, color_system=None)
    request = RunRequest(dry_run=True, out=tmp_path / "out", skip_check=True)
    run_path.run_household(household, request, console)
    # What follows the live progress lines (ended by showing the cursor again)
    after = said.getvalue().rpartition("\x1b[?25h")[2]
    lines = [line for line in after.splitlines() if line.startswith(("alice", "bruno"))]
    assert [line.split()[0] for line in lines] == ["bruno", "alice"], said.getvalue()
