"""Ctrl-C that comes while Playwright's own loop is running (dispatching a message from
the driver, running a listener): it must reach the code waiting on the call, and leave
Playwright able to go on and to close. Python's default handler raises it inside the
loop instead: there, in a listener, Playwright logs it as an error in that listener and
the wait goes on to its timeout; elsewhere it can break the loop for good (a run that
never ended after Ctrl-C, once in 30)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import ctrl_c_as_usual

pytestmark = pytest.mark.e2e

# A process of its own: the handler is for the main thread of a process that has
# Python's default SIGINT handler, which a test runner's worker may not have.
SCRIPT = """
import os, signal
from playwright.sync_api import TimeoutError
from automation.browser.session import BrowserSession

with BrowserSession(browser_path=os.environ.get("MES_BROWSER_PATH")) as session:
    page = session.browser.new_page()
    # The listener runs inside Playwright's loop: the signal comes while it runs.
    page.on("console", lambda message: os.kill(os.getpid(), signal.SIGINT))
    page.evaluate("setTimeout(() => console.log('now'), 0)")
    try:
        page.wait_for_event("console", lambda message: False, timeout=8000)
        print("not interrupted")
    except KeyboardInterrupt:
        print("interrupted")
    except TimeoutError:
        print("timed out")
    print(page.evaluate("6 * 7"))
print("closed")
"""


def test_ctrl_c_inside_playwrights_loop_reaches_the_waiting_call() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          timeout=60, cwd=Path(__file__).resolve().parents[2],
                          preexec_fn=ctrl_c_as_usual)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["interrupted", "42", "closed"], done.stdout + done.stderr
    assert "Traceback" not in done.stderr
