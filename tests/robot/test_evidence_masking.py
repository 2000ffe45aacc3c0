"""The screenshot kept as proof hides the person: on the image itself, the name, the date
of birth and every text field are solid black boxes, the rest of the page is as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from automation.output.evidence import EvidenceFolder

pytestmark = pytest.mark.e2e
BLACK = "background:#000;color:#000;"


def attestation_page(names_style: str, field_style: str) -> str:
    box = "display:inline-block;padding:0;margin:0;border:0;"
    return f"""<!doctype html><html><body style="font:16px sans-serif;margin:20px">
      <h1>Votre opposition est enregistrée</h1>
      <p>Nom : <span style="{box}{names_style}">Alice</span>
               <span style="{box}{names_style}">Martin</span>,
         née le <span style="{box}{names_style}">12/03/1984</span></p>
      <p>Référence : OPP-2026-0042</p>
      <input style="{box}{field_style}width:200px;height:24px" value="Ab3dE5gH7jK9">
    </body></html>"""


def test_the_kept_screenshot_is_the_page_with_the_person_blacked_out(
    page: Page, tmp_path: Path
) -> None:
    # The page as the robot leaves it, screenshot through the evidence folder with the
    # member's names and date of birth to mask...
    page.set_content(attestation_page("", ""))
    kept = EvidenceFolder(tmp_path, "alice").screenshot(
        page, "opposed", ["Alice", "Martin", "12/03/1984"]
    )
    # ...is, pixel for pixel, the same page with those boxes painted black by hand.
    page.set_content(attestation_page(BLACK, BLACK + "caret-color:#000;"))
    page.locator("input").evaluate("input => input.value = ''")
    expected = page.screenshot(full_page=True)
    assert kept.read_bytes() == expected
    # And not the page as it was (the comparison can tell the two apart).
    page.set_content(attestation_page("", ""))
    assert kept.read_bytes() != page.screenshot(full_page=True)
