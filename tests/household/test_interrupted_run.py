"""A household run stopped on its way (Ctrl-C, or the system's SIGTERM) says what became of
every member: done (now or in an earlier run), interrupted (and what is known of where),
or not reached; the deadlines of all not done stay in view; and the next run finishes
each member with one submission. The signal is sent when the run shows the moment
(member k on its first screen; the final step sent, its answer held by the mock)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from datetime import date, timedelta
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from watchfiles import watch

from automation.cli.demo import demo_environment
from tests.support.cli import UNCHECKED, command, ctrl_c_as_usual, run_cli
from tests.support.control import MockControl
from tests.support.households import demo_subset
from tests.support.lines import line_until

pytestmark = pytest.mark.e2e
ENV = {**demo_environment(), "MES_RECOGNISE_TIMEOUT_S": "5", "MES_BACKOFF_S": "0.05"}
# A mother, her daughter and a neighbour, each with her code provisoire, in the order the
# run takes them (a child before her guardian).
ORDER = ["chloe", "alice", "camille"]
TODAY = date.today()
# Invited a month ago, whatever today is: every deadline (six weeks on) is still to come.
INVITED = {"alice": TODAY - timedelta(days=30), "camille": TODAY - timedelta(days=25)}
DEADLINES = {
    "chloe": (INVITED["alice"] + timedelta(weeks=6)).isoformat(),
    "alice": (INVITED["alice"] + timedelta(weeks=6)).isoformat(),
    "camille": (INVITED["camille"] + timedelta(weeks=6)).isoformat(),
}


def household(folder: Path) -> tuple[Path, list[str], dict[str, str]]:
    """The household file, its members in the run's order, and each one's deadline."""
    invited = {"2026-11-02": INVITED["alice"], "2026-11-10": INVITED["camille"]}
    path = demo_subset(folder, ORDER, changes={k: v.isoformat() for k, v in invited.items()})
    return path, ORDER, DEADLINES


def report(out: Path) -> dict[str, Any]:
    return dict(json.loads((out / "report.json").read_text(encoding="utf-8")))


def start(args: tuple[str, ...], ctrl_c_ignored: bool = False) -> subprocess.Popen[str]:
    """The run in a process group of its own; `ctrl_c_ignored`: as a script's `cmd &`
    starts it (SIGINT ignored), else as a terminal does."""
    return subprocess.Popen(command(*args, "--verbose"), env={**os.environ, **ENV}, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, start_new_session=True,
                            preexec_fn=ignore_ctrl_c if ctrl_c_ignored else ctrl_c_as_usual)  # fmt: skip


def ignore_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def stop(process: subprocess.Popen[str], how: signal.Signals, group: bool) -> tuple[int, str, str]:
    """Send the signal, to the run alone (`kill PID`) or to its whole process group, the
    browser and Playwright's driver included, as a terminal's Ctrl-C does; the run's exit
    status, what it printed, and what it logged."""
    try:
        if group:
            os.killpg(process.pid, how)  # the run leads its own group (start_new_session)
        else:
            process.send_signal(how)
        said, logged = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    return process.returncode, said, logged


def submissions(mock: MockControl, member: str) -> int:
    return int(mock.person(member)["submissions"]["opposition"])


def assert_quiet(said: str, logged: str) -> None:
    for noise in ("Traceback", "Future exception was never retrieved", "Task was destroyed"):
        assert noise not in said + logged, said + logged
    assert "Rien à faire" not in said


def ctrl_c_once_at(args: tuple[str, ...], member: str, ctrl_c_ignored: bool = False) -> str:
    """The run started, then Ctrl-C to its whole group as a terminal sends it, as soon as
    its log shows `member` on a screen: what it said; it stopped quietly, with the
    interrupted status."""
    process = start(args, ctrl_c_ignored)
    line_until(process.stderr, lambda line: f"member={member}" in line and "screen=" in line,
               timeout_s=90)  # fmt: skip
    status, said, logged = stop(process, signal.SIGINT, group=True)
    assert status == 130, said + logged
    assert_quiet(said, logged)
    return said


@pytest.mark.parametrize("k", [0, 1, 2])
def test_ctrl_c_at_each_member_reports_everyone(mock: MockControl, tmp_path: Path, k: int) -> None:
    path, order, deadlines = household(tmp_path)
    out = tmp_path / "out"
    args = ("run", str(path), "--base-url", mock.base_url, "--yes", "--out", str(out), UNCHECKED)
    if k > 0:  # the first member was done in an earlier run
        earlier = run_cli(*args, "--only", order[0], env=ENV)
        assert earlier.returncode == 0, earlier.stdout + earlier.stderr

    said = ctrl_c_once_at(args, order[k])
    data = report(out)
    members = {m["id"]: m for m in data["members"]}
    assert sorted(members) == sorted(order)  # every member, none left out
    for i, member in enumerate(order):
        got = members[member]
        if i < k:
            assert got["outcome"] == "opposed"
            assert got["skipped"] == (i == 0)
            assert mock.person(member)["state"] == "opposed"
        elif i == k:
            assert (got["outcome"], got["reason"]) == ("interrupted", "stopped_at")
            assert got["detail"]  # the screen it was on
            assert mock.person(member)["state"] == "invited"
        else:
            assert (got["outcome"], got["reason"]) == ("not_reached", None)
            assert mock.person(member)["state"] == "invited"
        assert got["deadline"] == deadlines[member]
    pending = sorted((deadlines[m], m) for m in order[k:])
    nearest = {"member": pending[0][1], "date": pending[0][0]}
    assert data["summary"]["nearest_deadline"] == nearest
    assert (data["summary"]["interrupted"], data["summary"]["not_reached"]) == (1, 2 - k)
    html = unescape((out / "report.html").read_text(encoding="utf-8"))
    assert "Aucune date limite en attente" not in html
    assert "1 personne interrompue" in html
    for member in order:
        assert f"<h2>{member} (" in html
    # The terminal says it too, a line per member, off a terminal as on one.
    for member in order[k:]:
        line = next(line for line in said.splitlines() if line.startswith(f"{member} : "))
        assert "date limite" in line, said
    assert f"{order[k]} : interrompu" in said

    again = run_cli(*args, env=ENV)
    assert again.returncode == 0, again.stdout + again.stderr
    assert [submissions(mock, member) for member in order] == [1, 1, 1]


def intent_written(out: Path, member: str) -> bool:
    path = out / "journal.sqlite"
    if not path.exists():
        return False
    with sqlite3.connect(path) as journal:
        rows = journal.execute(
            "SELECT kind FROM steps WHERE member = ? ORDER BY id", (member,)
        ).fetchall()
    return rows == [("intent",)]


def test_sigterm_after_the_final_step_says_it_was_sent(mock: MockControl, tmp_path: Path) -> None:
    # The second member's opposition reaches the site, and its answer is held: the run is
    # stopped then, by the system (SIGTERM), with the intent written and no result.
    path, order, _ = household(tmp_path)
    out = tmp_path / "out"
    args = ("run", str(path), "--base-url", mock.base_url, "--yes", "--out", str(out), UNCHECKED)
    process = start(args)
    line_until(process.stderr, lambda line: f"member={order[1]}" in line, timeout_s=90)
    mock.faults(hang_on_step=["confirmation"])  # the next confirmation is held
    deadline = time.monotonic() + 60
    for _ in watch(out, rust_timeout=500, yield_on_timeout=True, debounce=50):
        if submissions(mock, order[1]) == 1 and intent_written(out, order[1]):
            break
        assert process.poll() is None, "the run ended before the final step"
        assert time.monotonic() < deadline, "the run never reached the final step"
    status, said, logged = stop(process, signal.SIGTERM, group=False)
    mock.faults(clear=True)

    assert status == 130, said + logged
    assert_quiet(said, logged)
    members = {m["id"]: m for m in report(out)["members"]}
    assert [members[m]["outcome"] for m in order] == ["opposed", "interrupted", "not_reached"]
    assert (members[order[1]]["reason"], members[order[1]]["detail"]) == (
        "answer_not_seen", "opposition"
    )  # fmt: skip
    assert mock.person(order[1])["state"] == "opposed"  # sent indeed
    html = unescape((out / "report.html").read_text(encoding="utf-8"))
    assert "l'opposition a été envoyée au site, sa réponse n'a pas été vue" in html
    assert "sa réponse n'a pas été vue" in said

    again = run_cli(*args, env=ENV)
    assert again.returncode == 0, again.stdout + again.stderr
    assert [submissions(mock, member) for member in order] == [1, 1, 1]  # never twice
    settled = {m["id"]: m["settled"] for m in report(out)["members"]}
    assert settled == {order[0]: None, order[1]: "opposition", order[2]: None}


def test_ctrl_c_in_a_parallel_run_is_quiet_and_says_everyone(
    mock: MockControl, tmp_path: Path
) -> None:
    # Two workers, each with its own browser: Ctrl-C reaches the main thread while it
    # waits for them, and their browsers die with it.
    path, order, _ = household(tmp_path)
    out = tmp_path / "out"
    args = ("run", str(path), "--base-url", mock.base_url, "--yes", "--out", str(out), UNCHECKED,
            "--parallel", "2")  # fmt: skip
    said = ctrl_c_once_at(args, order[2])
    members = {m["id"]: m for m in report(out)["members"]}
    assert sorted(members) == sorted(order)
    for member in order:
        if members[member]["outcome"] == "opposed":
            assert mock.person(member)["state"] == "opposed"
        lines = [line for line in said.splitlines() if line.startswith(f"{member} : ")]
        assert len(lines) == 1, said  # said once, never contradicted by a late line


def test_a_script_that_sends_sigint_to_a_background_run_stops_it_cleanly(
    mock: MockControl, tmp_path: Path
) -> None:
    # Given a run a script started in the background (`cmd &`: SIGINT ignored), stopped
    # by `kill -INT -- -PGID` while Alice is on her way (Playwright's driver does not
    # ignore it, and closes the browser)
    path, order, _ = household(tmp_path)
    out = tmp_path / "out"
    args = ("run", str(path), "--base-url", mock.base_url, "--yes", "--out", str(out), UNCHECKED)
    said = ctrl_c_once_at(args, order[1], ctrl_c_ignored=True)
    # Then it is an interruption (130), not a browser crash: no member failed
    assert "le navigateur s'est arrêté" not in said
    members = {m["id"]: m for m in report(out)["members"]}
    assert members[order[1]]["outcome"] == "interrupted"
    assert "failed" not in {m["outcome"] for m in members.values()}
