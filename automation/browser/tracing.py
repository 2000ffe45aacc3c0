"""Playwright traces, only when asked for (`--trace`), with secrets typed outside them.

A trace holds DOM snapshots (with the values of fields), screencast frames, and the
requests sent (with their bodies). So recording stops before a secret is typed and starts
again only once the next screen shows: the fields are gone and the form's request is
answered by then. Stopping, not pausing a chunk: the network log of a trace spans all its
chunks. Each stretch is its own zip (trace-1.zip, trace-2.zip, ...), opened with
`playwright show-trace`.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import BrowserContext

from automation.output.private import keep_private


class Tracer:
    def __init__(self, context: BrowserContext, folder: Path) -> None:
        self.context = context
        self.folder = folder
        self.parts = 0
        self.recording = False
        self.resume()

    def pause(self) -> None:
        if self.recording:
            self.parts += 1
            path = self.folder / f"trace-{self.parts}.zip"
            self.context.tracing.stop(path=path)
            keep_private(path)
            self.recording = False

    def resume(self) -> None:
        if not self.recording:
            self.context.tracing.start(screenshots=True, snapshots=True, sources=False)
            self.recording = True

    def close(self) -> None:
        self.pause()
