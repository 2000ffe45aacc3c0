"""Ctrl-C (or SIGTERM) during a run: raised where it cannot break Playwright's event loop.

Playwright's sync API runs an asyncio loop in a greenlet of its own (the dispatcher)
while the robot waits on a call. Python's default handler raises KeyboardInterrupt at
whatever bytecode runs when the signal comes, and inside that loop this can drop the
future the reader of the driver's pipe waits on: the reader task is then garbage, nothing
reads the driver any more, and every later call (closing the browser) waits for ever.
Seen once in 30 interrupted runs ("Task was destroyed but it is pending!
PipeTransport.run()"). The same KeyboardInterrupt raised from a callback of the loop
leaves it between two callbacks, where Playwright hands it to the code waiting on the
call (greenlet_main in playwright/sync_api/_context_manager.py), and the loop stays whole.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

import greenlet

# Set once Ctrl-C came: from then on, what Playwright's loop left unfinished is no news.
INTERRUPTED = threading.Event()


class _QuietAfterCtrlC(logging.Filter):
    """A call of Playwright's cut short by Ctrl-C leaves its task's exception (the driver's
    connection closing) unread, and asyncio says so with a traceback as the task is
    collected, after the run has said « Interrompu »: the person is shown a crash that
    is none. Such lines, once interrupted, are dropped; any other is kept."""

    def filter(self, record: logging.LogRecord) -> bool:
        unread = "exception was never retrieved" in record.getMessage()
        return not (INTERRUPTED.is_set() and unread)


logging.getLogger("asyncio").addFilter(_QuietAfterCtrlC())


def _interrupt() -> None:
    raise KeyboardInterrupt


def _on_stop(signum: int, frame: FrameType | None) -> None:
    INTERRUPTED.set()
    # Only the main greenlet has no parent: anything else is Playwright's dispatcher or
    # a listener it runs, inside the loop.
    if greenlet.getcurrent().parent is not None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            pass
        else:
            loop.call_soon_threadsafe(_interrupt)  # also wakes the loop from its wait
            return
    raise KeyboardInterrupt


# The system's stop (SIGTERM: a shutdown, `kill`, a service manager) is a Ctrl-C too: by
# default it ends the process on the spot, with no report and the journal's attempt open.
Handler = Callable[[int, FrameType | None], object] | signal.Handlers
STOPS: dict[signal.Signals, Handler] = {
    signal.SIGINT: signal.default_int_handler,
    signal.SIGTERM: signal.SIG_DFL,
}


@contextmanager
def ctrl_c_outside_the_loop() -> Iterator[None]:
    """For the length of the block, Ctrl-C (or SIGTERM) is raised, as KeyboardInterrupt,
    in the robot's code or from a callback of Playwright's loop, never in the middle of
    the loop's own work. A no-op outside the main thread; a signal with a handler of its
    own (a test runner's) is left as it is.

    SIGINT ignored (a script's `cmd &` starts it so) is taken too: Playwright's driver
    does not inherit that (node restores its signals), so a SIGINT to the group stops the
    browser under the run; the run had better stop, and say so, than take it for a crash."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {stop: signal.getsignal(stop) for stop in STOPS}
    ignored_ctrl_c = before[signal.SIGINT] is signal.SIG_IGN
    taken = [stop for stop, default in STOPS.items()
             if before[stop] is default or (stop is signal.SIGINT and ignored_ctrl_c)]  # fmt: skip
    for stop in taken:
        signal.signal(stop, _on_stop)
    try:
        yield
    finally:
        for stop in taken:
            handler = before[stop]
            signal.signal(stop, handler if handler is not None else STOPS[stop])
