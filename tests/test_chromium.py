"""Which Chromium is launched: the headless shell beside the configured one, for headless
runs only (a person watching gets the whole browser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Playwright

from automation.browser.chromium import ChromiumNotFound, chromium_executable


def install(folder: Path, *names: str) -> Path:
    folder.mkdir()
    for name in names:
        (folder / name).write_text("")
    return folder


def test_headless_runs_use_the_shell_beside_the_configured_chromium(
    tmp_path: Path, playwright: Playwright
) -> None:
    folder = install(tmp_path / "with", "chromium", "chromium-headless-shell")
    configured = str(folder / "chromium")
    assert chromium_executable(playwright, configured, headless=True) == str(
        folder / "chromium-headless-shell"
    )
    assert chromium_executable(playwright, configured, headless=False) == configured
    alone = install(tmp_path / "alone", "chromium")
    assert chromium_executable(playwright, str(alone / "chromium"), headless=True) == str(
        alone / "chromium"
    )


def test_a_configured_chromium_that_is_not_there_is_said(
    tmp_path: Path, playwright: Playwright
) -> None:
    with pytest.raises(ChromiumNotFound, match="MES_BROWSER_PATH est introuvable") as raised:
        chromium_executable(playwright, str(tmp_path / "nowhere"), headless=True)
    # and in English to whoever asked for it
    assert raised.value.said("en") == (
        f"The browser MES_BROWSER_PATH points to cannot be found: {tmp_path / 'nowhere'}"
    )
