"""What the browser's processes offer the rest of the computer during a `--parallel` run:
no listening socket (nothing to connect to and drive a member's page with), and no secret
in their environment (readable in /proc by any program of the same user).

The processes are looked at while the run is under way: once the first member's result
line is out, with members still to do, every worker's browser is up."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from automation.cli.demo import demo_environment
from tests.support.cli import UNCHECKED, command
from tests.support.control import MockControl
from tests.support.households import demo_subset
from tests.support.lines import line_until

pytestmark = pytest.mark.e2e

MEMBERS = ["alice", "chloe", "camille", "lea", "hugo"]
# The robot's own secret variables, set although this run reads its secrets from the
# household file: they are in the environment all the same.
OWN_SECRETS = {
    "MES_NIR": "2840375111222",
    "MES_CARD_SERIAL": "serial-in-env-7431",
    "MES_CODE": "ZK4Q8M2P",
    "MES_PASSWORD": "password-in-env-9922",
    "MES_IMAP_PASSWORD": "imap-password-in-env-5517",
}
LISTEN = "0A"  # the state column of /proc/net/tcp


@dataclass
class BrowserProcess:
    pid: int
    kind: str  # "driver" (Playwright's node) or "chromium"
    environ: bytes | None  # None: not readable (a sandboxed child in its own namespace)
    listening: list[str] = field(default_factory=list)  # "port (inode)" of LISTEN sockets


def parent_of(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])


def descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = parent_of(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue  # gone meanwhile
    found, frontier = [], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def listening_inodes(pid: int) -> dict[str, str]:
    """inode -> local address of every LISTEN TCP socket of the process's network
    namespace."""
    found = {}
    for table in ("tcp", "tcp6"):
        try:
            rows = Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            columns = row.split()
            if columns[3] == LISTEN:
                found[columns[9]] = columns[1]
    return found


def socket_inodes(pid: int) -> set[str]:
    inodes = set()
    try:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = str(fd.readlink())
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    except OSError:
        pass
    return inodes


def browser_processes(root: int) -> list[BrowserProcess]:
    found = []
    for pid in descendants(root):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"run-driver" in cmdline:
            kind = "driver"
        elif b"chrom" in cmdline.lower():
            kind = "chromium"
        else:
            continue
        try:
            environ: bytes | None = Path(f"/proc/{pid}/environ").read_bytes()
        except OSError:
            environ = None
        process = BrowserProcess(pid, kind, environ)
        listening = listening_inodes(pid)
        process.listening = [
            f"{listening[inode]} ({inode})" for inode in socket_inodes(pid) & listening.keys()
        ]
        found.append(process)
    return found


# A member's result line (« alice : opposition enregistrée »), not the run's first line.
RESULT_LINE = tuple(f"{member} : " for member in MEMBERS)


@pytest.fixture(scope="module")
def during_a_parallel_run(
    mock_server: object, tmp_path_factory: pytest.TempPathFactory
) -> tuple[list[BrowserProcess], dict[str, str]]:
    """The browser's processes of a `--parallel 2` run, looked at while it runs; and the
    environment it was started with."""
    from mock_site.server import MockServer

    assert isinstance(mock_server, MockServer)
    mock = MockControl(mock_server.url, mock_server.outbox)
    mock.reset()
    folder = tmp_path_factory.mktemp("parallel")
    path = demo_subset(folder, MEMBERS)
    env = {**os.environ, **demo_environment(), **OWN_SECRETS, "MES_BACKOFF_S": "0.05",
           "MES_RECOGNISE_TIMEOUT_S": "5"}  # fmt: skip
    args = command("run", str(path), "--base-url", mock.base_url, "--yes", "--parallel", "2",
                   "--out", str(folder / "out"), UNCHECKED)  # fmt: skip
    with subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                          cwd=Path(__file__).resolve().parents[2]) as run:  # fmt: skip
        try:
            # A result line: one member done, four to go, both workers' browsers up.
            line_until(run.stdout, lambda line: line.startswith(RESULT_LINE), timeout_s=120)
            seen = browser_processes(run.pid)
        finally:
            assert run.stdout is not None
            run.stdout.read()
            status = run.wait(timeout=180)
    assert status == 0
    return seen, env


def test_no_browser_process_listens_on_a_port(
    during_a_parallel_run: tuple[list[BrowserProcess], dict[str, str]],
) -> None:
    processes, _ = during_a_parallel_run
    looked_at = [p for p in processes if p.kind == "chromium" and p.environ is not None]
    assert looked_at, "no browser process was found during the run"
    assert [(p.pid, p.kind, p.listening) for p in processes if p.listening] == []


def test_no_secret_reaches_the_driver_or_the_browser(
    during_a_parallel_run: tuple[list[BrowserProcess], dict[str, str]],
) -> None:
    processes, env = during_a_parallel_run
    kinds = {p.kind for p in processes if p.environ is not None}
    assert kinds == {"driver", "chromium"}, "the driver and the browser were looked at"
    # The household file's `env:` variables, of its members (the others' are not this
    # run's secrets: the robot cannot tell them from any variable).
    named = tuple(f"DEMO_{member.upper()}_" for member in MEMBERS)
    secrets = {**OWN_SECRETS, **{k: v for k, v in env.items() if k.startswith(named)}}
    assert len(secrets) > len(OWN_SECRETS)
    for process in processes:
        if process.environ is None:
            continue
        variables = dict(
            entry.split(b"=", 1) for entry in process.environ.split(b"\0") if b"=" in entry
        )
        for name, value in secrets.items():
            assert name.encode() not in variables, f"{name} is in a {process.kind}'s environment"
            assert value.encode() not in process.environ, f"{name}'s value is in a {process.kind}'s"
