"""One run at a time per output folder.

Two runs on one folder would race to the same final clicks and overwrite each other's
report. The lock is an operating-system lock (filelock: fcntl on Unix, msvcrt on
Windows), so the system releases it when its process dies, even by SIGKILL: the next run
simply takes it. The holder's process id sits beside it, for the refusal's sentence.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout

from automation.output.private import refuse_links, write_private

LOCK_NAME = "run.lock"
PID_NAME = "run.pid"


class FolderBusy(Exception):
    def __init__(self, pid: str) -> None:
        super().__init__(f"output folder held by process {pid}")
        self.pid = pid


class OutputLock:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = FileLock(folder / LOCK_NAME, mode=0o600, blocking=False)

    def __enter__(self) -> OutputLock:
        try:
            self._lock.acquire()
        except Timeout:
            raise FolderBusy(self._holder()) from None
        except OSError:
            refuse_links(self.folder / LOCK_NAME)  # filelock refuses a link: say it as one
            raise
        try:
            write_private(self.folder / PID_NAME, str(os.getpid()).encode())
        except BaseException:
            self._lock.release()  # __exit__ is not called when __enter__ fails
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        (self.folder / PID_NAME).unlink(missing_ok=True)
        self._lock.release()

    def _holder(self) -> str:
        try:
            return (self.folder / PID_NAME).read_text(encoding="ascii").strip() or "?"
        except OSError:
            return "?"
