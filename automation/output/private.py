"""The one way this program writes anything of a person's: folders only their owner can
enter (0700), files only their owner can read (0600), private from the first byte (a
umask cannot widen them, an older file cannot either)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(0o700)
    return path


def write_private(path: Path, data: bytes | str, atomic: bool = False) -> Path:
    """Write `data` to a file only its owner can read. `atomic`: written whole to a
    temporary file beside it, synced, then moved into place (an interrupted write leaves
    the previous file as it was)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    target = path.with_name(f".{path.name}.{os.getpid()}.tmp") if atomic else path
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(raw)
            if atomic:
                handle.flush()
                os.fsync(handle.fileno())
        target.chmod(0o600)
        if atomic:
            target.replace(path)
    except BaseException:
        if atomic:
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
        raise
    return path


def touch_private(path: Path) -> Path:
    """The file, created empty and private when missing (a log, a journal), kept private
    when it exists."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.close(descriptor)
    return keep_private(path)


def keep_private(path: Path) -> Path:
    """A file written by something else (Playwright's trace, a copy): made private."""
    path.chmod(0o600)
    return path
