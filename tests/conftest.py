"""One mock site and one browser for the whole session; a clean mock for every test."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from playwright.sync_api import Browser, Playwright

from automation.browser.chromium import QUIET_FLAGS, chromium_executable
from mock_site.server import MockServer
from tests.support.control import MockControl
from tests.support.lines import line_until
from tests.support.pages import SiteClient
from tests.support.robot import Robot

# Property tests: no per-example deadline (a loaded two-core CI machine is slow, not
# wrong), and under CI the same examples every run, so that a red is a real one.
settings.register_profile("mes-optout", deadline=None, derandomize=bool(os.environ.get("CI")))
settings.load_profile("mes-optout")


@pytest.fixture(scope="session")
def mock_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockServer]:
    # The slow personality at 120 ms a submit (240 for the final steps) instead of 200-800,
    # the loader's layer 150 ms (300) instead of 0.3-2 s: the same busy states, a fraction
    # of the wait; the demo in CI keeps the real delays.
    outbox = tmp_path_factory.mktemp("outbox")
    with MockServer(outbox=outbox, slow_ms=120, loader_ms=150) as server:
        yield server


@pytest.fixture(scope="session")
def base_url(mock_server: MockServer) -> str:
    """pytest-playwright opens relative URLs against the mock."""
    return mock_server.url


@pytest.fixture(scope="session")
def mock_site_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A real `mes-optout mock-site` process, as a person would start it: (url, outbox)."""
    outbox = tmp_path_factory.mktemp("process-outbox")
    process = subprocess.Popen(
        [sys.executable, "-m", "automation", "mock-site", "--port", "0", "--outbox", str(outbox),
         "--seed", str(seed_file())],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    first = line_until(process.stdout, lambda line: True, timeout_s=60)  # once it listens
    url = first.strip().rsplit(" ", 1)[-1]
    try:
        yield url, outbox
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def mock(mock_server: MockServer) -> MockControl:
    """The mock, back to its seed, with no faults: each test starts from the same site."""
    control = MockControl(mock_server.url, mock_server.outbox)
    control.reset()
    return control


@pytest.fixture
def visitor(mock: MockControl) -> SiteClient:
    return SiteClient(mock.base_url)


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], playwright: Playwright, pytestconfig: pytest.Config
) -> dict[str, Any]:
    headless = not pytestconfig.getoption("--headed")
    executable = chromium_executable(playwright, os.environ.get("MES_BROWSER_PATH"), headless)
    args = [*browser_type_launch_args.get("args", []), *QUIET_FLAGS]
    launch = {**browser_type_launch_args, "args": args}
    if executable:
        launch["executable_path"] = executable
    return launch


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "fr-FR", "timezone_id": "Europe/Paris"}


def seed_file() -> Path:
    return Path(__file__).resolve().parent.parent / "fixtures" / "mock_seed.json"


@pytest.fixture
def robot(browser: Browser, mock: MockControl, tmp_path: Path) -> Robot:
    """The robot's flow, in a fresh context of the session's one browser."""
    return Robot(browser, mock.base_url, mock.outbox, tmp_path / "out")
