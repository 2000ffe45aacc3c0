"""Which Chromium to drive: the one the user names, else Playwright's own (the build the
pinned driver was made for), else the system's (Debian's `chromium` package)."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Playwright

from automation import messages

# Debian's /usr/bin/chromium is a shell wrapper that adds flags of its own; drive the binary.
SYSTEM_CANDIDATES = (
    "/usr/lib/chromium/chromium",
    "/usr/lib/chromium-browser/chromium-browser",
    "/snap/bin/chromium",
)
HEADLESS_SHELLS = ("chromium-headless-shell", "chrome-headless-shell")
SYSTEM_COMMANDS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Quiet Chromium's own background traffic: the robot talks to the site and nothing else.
QUIET_FLAGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)


class ChromiumNotFound(RuntimeError):
    """No browser to drive; `key` and `values` are the sentence that says what to do (see
    automation/messages/), in the person's language."""

    def __init__(self, key: str, **values: str) -> None:
        super().__init__(messages.text(key, "fr", **values))
        self.key = key
        self.values = values

    def said(self, lang: str) -> str:
        return messages.text(self.key, lang, **self.values)


def system_chromium() -> str | None:
    for candidate in SYSTEM_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    for command in SYSTEM_COMMANDS:
        if found := shutil.which(command):
            return found
    return None


def headless_shell_beside(executable: str) -> str | None:
    """The headless shell installed beside a Chromium (Debian's `chromium-headless-shell`
    package, Google's `chrome-headless-shell`): the same engine without the desktop
    browser around it, which Playwright also prefers for its own headless runs. Here it
    made twenty fresh contexts with a screenshot 2.5 times faster."""
    folder = Path(executable).parent
    for name in HEADLESS_SHELLS:
        if (folder / name).is_file():
            return str(folder / name)
    return None


def chromium_executable(
    playwright: Playwright, configured: str | None = None, headless: bool = False
) -> str | None:
    """The executable to launch, or None to let Playwright launch its own build (which
    picks its headless shell by itself)."""
    if configured:
        if not Path(configured).is_file():
            raise ChromiumNotFound("browser_path_missing", path=configured)
        return (headless and headless_shell_beside(configured)) or configured
    if Path(playwright.chromium.executable_path).is_file():
        return None
    if found := system_chromium():
        return (headless and headless_shell_beside(found)) or found
    raise ChromiumNotFound("no_chromium")
