"""The rules that differ between the computers a family has (Linux, macOS, Windows), in
one place, so that each can be tested here with the platform faked (`SYSTEM`).

- Who can read a file. POSIX (Linux, macOS): its mode bits, group and others having none.
  Windows keeps no mode bits: its ACL says, read as SDDL; where it cannot be read, the
  answer is UNKNOWN (a warning for the person, never a refusal).
- Making a folder private. POSIX: chmod. Windows: chmod only flips the read-only flag, so a
  folder of the robot's gets an ACL of its own (the user, SYSTEM, Administrators), which
  the files made in it inherit; where that cannot be set, the folder is left as it is.
- Which names a file may have. A household file moves between computers, so a member's id
  (the name of their evidence folder) follows Windows' rules everywhere: case does not tell
  two names apart, device names and some characters are not names at all.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import re
import stat
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Any

# "windows", "darwin" (macOS) or anything else (POSIX): monkeypatched by tests.
SYSTEM = "windows" if sys.platform == "win32" else sys.platform


class Privacy(Enum):
    PRIVATE = "private"
    SHARED = "shared"  # someone else may read it
    UNKNOWN = "unknown"  # the system did not say (a warning, not a refusal)


def is_windows() -> bool:
    return SYSTEM == "windows"


def privacy(path: Path) -> Privacy:
    """Whether only the user can read `path`, the platform's way (OSError when it cannot
    be looked at at all, as for reading it)."""
    if not is_windows():
        shared = path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO)
        return Privacy.SHARED if shared else Privacy.PRIVATE
    path.stat()  # a missing file is said as missing, not as unknown
    sddl, user = windows_acl(path), windows_user()
    if sddl is None or user is None:
        return Privacy.UNKNOWN
    readers = sddl_readers(sddl)
    if readers is None:
        return Privacy.UNKNOWN
    # SDDL writes the machine's built-in Administrator account (RID 500) as LA, not its SID.
    you = {user, "LA"} if user.endswith("-500") else {user}
    return Privacy.PRIVATE if readers <= you | TRUSTED_ALIASES else Privacy.SHARED


# --- Windows: reading an ACL -------------------------------------------------------------

# SYSTEM, Administrators, the owner's rights: not "someone else" (an administrator can
# take any file anyway). Their SDDL aliases and SIDs.
TRUSTED_ALIASES = {"SY", "BA", "OW", "S-1-5-18", "S-1-5-32-544", "S-1-3-4"}
# Rights that let a holder read the file's content (SDDL letters, then mask bits).
READ_LETTERS = {"GA", "GR", "FA", "FR"}
READ_BITS = 0x1 | 0x80000000 | 0x10000000  # FILE_READ_DATA, GENERIC_READ, GENERIC_ALL
_ACE = re.compile(r"\(([^;()]*);([^;()]*);([^;()]*);[^;()]*;[^;()]*;([^;()]*)(?:;[^()]*)?\)")


def sddl_readers(sddl: str) -> set[str] | None:
    """Who the DACL of an SDDL string lets read (SIDs or SDDL aliases such as WD, BU, AU),
    or None when the string holds no DACL. A null DACL lets everyone (WD) read."""
    if "D:" not in sddl:
        return None
    dacl = sddl.split("D:", 1)[1].split("S:", 1)[0]
    if dacl.startswith("NO_ACCESS_CONTROL"):
        return {"WD"}
    allowed: set[str] = set()
    denied: set[str] = set()
    for kind, flags, rights, sid in _ACE.findall(dacl):
        if "IO" in re.findall("..", flags) or not _reads(rights):
            continue  # inherit-only: for what is created inside, not this file
        if kind == "A":
            allowed.add(sid)
        elif kind == "D":
            denied.add(sid)
    return allowed - denied


def _reads(rights: str) -> bool:
    if rights.lower().startswith("0x"):
        return bool(int(rights, 16) & READ_BITS)
    return bool(READ_LETTERS & set(re.findall("..", rights)))


# Windows' security calls, through ctypes (no dependency for two calls). On any other system
# ctypes has no WinDLL (AttributeError); a call refused comes back as one of the others.
_CALL_FAILED = (AttributeError, OSError, ValueError, ctypes.ArgumentError)
_SE_FILE_OBJECT = 1
_SDDL_REVISION_1 = 1
_OWNER_AND_DACL = ctypes.c_uint32(0x1 | 0x4)  # OWNER_, DACL_SECURITY_INFORMATION
_PROTECTED_DACL = ctypes.c_uint32(0x4 | 0x80000000)  # DACL_, PROTECTED_DACL_ (no inheriting)


def _windows_dlls() -> tuple[Any, Any]:
    load = ctypes.WinDLL  # type: ignore[attr-defined, unused-ignore]
    return load("advapi32"), load("kernel32")


def windows_acl(path: Path) -> str | None:
    """The SDDL of `path`'s owner and DACL, or None where the system gives none (not
    Windows, a call that fails)."""
    try:
        advapi32, kernel32 = _windows_dlls()
        descriptor, text = ctypes.c_void_p(), ctypes.c_wchar_p()
        if advapi32.GetNamedSecurityInfoW(
            ctypes.c_wchar_p(str(path)), _SE_FILE_OBJECT, _OWNER_AND_DACL,
            None, None, None, None, ctypes.byref(descriptor),
        ):  # fmt: skip
            return None  # a Windows error code; ERROR_SUCCESS is 0
        try:
            if not advapi32.ConvertSecurityDescriptorToStringSecurityDescriptorW(
                descriptor, _SDDL_REVISION_1, _OWNER_AND_DACL, ctypes.byref(text), None
            ):
                return None
            return text.value
        finally:
            kernel32.LocalFree(text)
            kernel32.LocalFree(descriptor)
    except _CALL_FAILED:
        return None


@functools.cache  # asked once a run: it is a program started each time
def windows_user() -> str | None:
    """The SID of the user running the robot (`whoami /user`), or None."""
    # Windows' own whoami, not whatever a folder in PATH calls so.
    whoami = Path(os.environ.get("SYSTEMROOT", r"C:\Windows"), "System32", "whoami.exe")
    try:
        said = subprocess.run(  # noqa: S603 - Windows' own program, fixed arguments
            [str(whoami), "/user", "/fo", "csv", "/nh"], capture_output=True, timeout=10, check=True
        ).stdout.decode("ascii", "replace")
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"S-1-[0-9-]+", said)
    return found.group(0) if found else None


# --- Making a folder private -------------------------------------------------------------


def make_folder_private(path: Path, mode: int) -> None:
    """POSIX: `mode` by name (the caller has made sure it is no link). Windows: an ACL of
    its own for the user (inherited by what is made inside), best effort: a folder whose
    ACL cannot be set stays as its parent made it, and the run goes on."""
    if not is_windows():
        path.chmod(mode)
        return
    user = windows_user()
    if user is None:
        return
    inherited = "OICI"  # by the files and folders made inside
    sddl = "D:P" + "".join(f"(A;{inherited};FA;;;{who})" for who in (user, "SY", "BA"))
    with contextlib.suppress(*_CALL_FAILED):
        advapi32, kernel32 = _windows_dlls()
        descriptor = ctypes.c_void_p()
        if not advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW(
            ctypes.c_wchar_p(sddl), _SDDL_REVISION_1, ctypes.byref(descriptor), None
        ):
            return
        try:
            dacl, present, defaulted = ctypes.c_void_p(), ctypes.c_int(), ctypes.c_int()
            if advapi32.GetSecurityDescriptorDacl(
                descriptor, ctypes.byref(present), ctypes.byref(dacl), ctypes.byref(defaulted)
            ):
                advapi32.SetNamedSecurityInfoW(
                    ctypes.c_wchar_p(str(path)), _SE_FILE_OBJECT, _PROTECTED_DACL,
                    None, None, dacl, None,
                )  # fmt: skip
        finally:
            kernel32.LocalFree(descriptor)


# --- Names a file may have ---------------------------------------------------------------

DEVICE_NAMES = re.compile(r"(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?", re.IGNORECASE)
NOT_IN_A_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f]|[. ]$')


def name_problem(name: str) -> str | None:
    """Why `name` cannot be a file name on Windows ("device" or "character"), or None."""
    if DEVICE_NAMES.fullmatch(name):
        return "device"
    if NOT_IN_A_NAME.search(name):
        return "character"
    return None


def same_name(name: str) -> str:
    """What two file names are compared by: Windows and macOS ignore case (`Ana` and
    `ana` are one evidence folder there)."""
    return name.casefold()
