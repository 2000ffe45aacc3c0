"""The one way this program writes anything of a person's: folders only their owner can
enter (0700), files only their owner can read (0600), private from the first byte (a
umask cannot widen them, an older file cannot either).

Never through a link. A file or folder of the robot's that turns out to be a symbolic
link (planted by someone who could write in the folder, pointing at a file of yours) is
refused with LinkRefused, and the file it points to is left as it was. Files are opened
with O_NOFOLLOW where the system has it; elsewhere (Windows) the path is looked at first.

Private the platform's way (automation/output/platform.py): on Windows, where modes mean
little (chmod only flips the read-only flag), a folder of the robot's gets an ACL for the
user alone, which the files written in it inherit; where it cannot, the run goes on.

Written whole. Every file is written to a new temporary file beside it (created
exclusively, 0600), synced, then renamed over the target: a full disk or a crash in the
middle leaves the previous file as it was. A rename replaces a link rather than following
it, so even a link planted after the look leaves its target untouched.

The folder the person names (--out) is theirs: created private when it is missing, left
with its own modes when it exists (`--out /tmp` keeps its sticky bit).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from automation.output import platform

# 0 where the system has no such flag: the path is then looked at before it is opened.
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a planted FIFO must not hang the run
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def _by_descriptor() -> bool:
    """Modes are set on an opened file, not by name (chmod by name follows a link); Windows
    cannot open a folder, nor change a mode through a descriptor before Python 3.13."""
    return not platform.is_windows()


class LinkRefused(OSError):
    """A file or folder the robot would write is a symbolic link: refused, left as it is."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.ELOOP, "is a symbolic link", str(path))
        self.path = path


def refuse_links(*paths: Path) -> None:
    """LinkRefused for the first of `paths` that is a symbolic link."""
    for path in paths:
        if path.is_symlink():
            raise LinkRefused(path)


def output_folder(path: Path) -> Path:
    """The folder the person named: left as it is when it exists (a link to a folder
    included: they named it), created private (0700) when it does not."""
    if path.is_dir():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.mkdir(mode=0o700)
    return _set_mode(path, 0o700, directory=True)


def private_dir(path: Path) -> Path:
    """A folder of the robot's own (a member's proof, a household written by `init`):
    created 0700, or made 0700 again when it exists; never a link."""
    refuse_links(path)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return _set_mode(path, 0o700, directory=True)


def write_private(path: Path, data: bytes | str) -> Path:
    """Write `data` whole to a file only its owner can read: to a temporary file beside
    it, synced, then moved into place (a failed write leaves the previous file)."""
    write_private_together({path: data})
    return path


def write_private_together(files: Mapping[Path, bytes | str]) -> None:
    """Several files that go together (report.json and report.html), each written as
    `write_private` does; none is moved into place until all are written, so a full disk
    leaves the previous set as it was, not half of a new one."""
    refuse_links(*files)
    staged: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            staged[path] = _staged(path, data.encode("utf-8") if isinstance(data, str) else data)
        for path, temporary in staged.items():
            temporary.replace(path)
    except BaseException:
        for temporary in staged.values():
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
        raise
    for folder in {path.parent for path in files}:
        _sync_folder(folder)


def _staged(path: Path, data: bytes) -> Path:
    """`data` in a new file beside `path`, on the disk. mkstemp: O_CREAT | O_EXCL (and
    O_NOFOLLOW), mode 0600, a name nobody could guess or plant a link at."""
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        try:
            _write_all(descriptor, data)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except BaseException:
        temporary.unlink()
        raise
    return temporary


def touch_private(path: Path) -> Path:
    """The file, created empty and private when missing (a journal), kept private when it
    exists; never a link."""
    _open_private(path, os.O_WRONLY | os.O_APPEND).close()
    return path


def append_private(path: Path) -> TextIO:
    """The file opened to add text at its end (a log), created private when missing, made
    private when it exists; never through a link."""
    return _open_private(path, os.O_WRONLY | os.O_APPEND)


def keep_private(path: Path) -> Path:
    """A file written by something else (Playwright's trace, a download): made private."""
    return _set_mode(path, 0o600, directory=False)


def _open_private(path: Path, flags: int) -> TextIO:
    # O_BINARY (Windows): the text layer above turns \n into the line ending, only once.
    descriptor = _open(path, flags | os.O_CREAT | _BINARY, 0o600)
    try:
        _chmod(descriptor, path, 0o600)
        return os.fdopen(descriptor, "a", encoding="utf-8")
    except BaseException:
        os.close(descriptor)
        raise


def _set_mode(path: Path, mode: int, directory: bool) -> Path:
    if not _by_descriptor():
        refuse_links(path)
        if directory:
            platform.make_folder_private(path, mode)
        else:
            path.chmod(mode)  # Windows: keeps it writable; its folder's ACL keeps it private
        return path
    # Changed on the opened file, not on its name: chmod by name would follow a link.
    flags = os.O_RDONLY | _NONBLOCK | (_DIRECTORY if directory else 0)
    descriptor = _open(path, flags)
    try:
        _chmod(descriptor, path, mode)
    finally:
        os.close(descriptor)
    return path


def _open(path: Path, flags: int, mode: int = 0o600) -> int:
    if not NOFOLLOW:
        refuse_links(path)
    try:
        return os.open(path, flags | NOFOLLOW, mode)
    except OSError:
        refuse_links(path)  # ELOOP (EMLINK on BSD) for a link: said as what it is
        raise


def _chmod(descriptor: int, path: Path, mode: int) -> None:
    if _by_descriptor():
        os.fchmod(descriptor, mode)
    else:  # the path was looked at when it was opened
        path.chmod(mode)


def _write_all(descriptor: int, data: bytes) -> None:
    """Every byte of `data`, however few a single write takes (os.write may take part)."""
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _sync_folder(folder: Path) -> None:
    """The rename itself on the disk (a power cut could otherwise undo it). Windows has no
    way to sync a folder, and some file systems refuse to: the rename is done either way."""
    if not _DIRECTORY:
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | _DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
