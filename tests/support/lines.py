"""Reading a child process's output with a deadline: a child that hangs must fail its
test, not hang the whole suite."""

from __future__ import annotations

import os
import selectors
import time
from collections.abc import Callable
from typing import IO, Any


def line_until(stream: IO[Any] | None, wanted: Callable[[str], bool], timeout_s: float) -> str:
    """The first line of `stream` for which `wanted` is true. Fails at the deadline, or
    when the child closes its output first. Reads the file descriptor itself, so no line
    can wait unseen in a Python buffer."""
    assert stream is not None, "the child's output is not a pipe"
    descriptor = stream.fileno()
    deadline = time.monotonic() + timeout_s
    pending = b""
    with selectors.DefaultSelector() as selector:
        selector.register(descriptor, selectors.EVENT_READ)
        while True:
            while b"\n" in pending:
                raw, pending = pending.split(b"\n", 1)
                line = raw.decode("utf-8", errors="replace")
                if wanted(line):
                    return line
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                raise AssertionError(f"the expected line did not come within {timeout_s} s")
            chunk = os.read(descriptor, 65536)
            if not chunk:
                raise AssertionError("the process closed its output before the expected line")
            pending += chunk
