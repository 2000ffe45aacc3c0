"""After Ctrl-C, a call of Playwright's cut short leaves its task's exception unread, and
asyncio reports it with a traceback when the task is collected: after « Interrompu », a
person would read a crash that is none. Those lines go once a run is interrupted; every
other line of asyncio's stays."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from automation.browser.interrupt import INTERRUPTED


@pytest.fixture
def asyncio_said(caplog: pytest.LogCaptureFixture) -> Iterator[list[str]]:
    # caplog's handler sits on the root logger: asyncio's own filter decides first.
    caplog.set_level(logging.ERROR, logger="asyncio")
    said: list[str] = []
    yield said
    INTERRUPTED.clear()


def log_unread_and_other(caplog: pytest.LogCaptureFixture) -> list[str]:
    logger = logging.getLogger("asyncio")
    logger.error("Task exception was never retrieved\nfuture: <Task finished ...>")
    logger.error("Exception in callback Loop.run()")
    return [r.getMessage().splitlines()[0] for r in caplog.records]


def test_before_ctrl_c_asyncio_says_everything(
    caplog: pytest.LogCaptureFixture, asyncio_said: list[str]
) -> None:
    assert log_unread_and_other(caplog) == [
        "Task exception was never retrieved",
        "Exception in callback Loop.run()",
    ]


def test_after_ctrl_c_an_unread_exception_is_no_news(
    caplog: pytest.LogCaptureFixture, asyncio_said: list[str]
) -> None:
    INTERRUPTED.set()
    assert log_unread_and_other(caplog) == ["Exception in callback Loop.run()"]
