"""Proof of what was done, per member and attempt: the attestation PDF (checked to be a
PDF that names the person), a screenshot with every personal field masked, and a receipt
with the SHA-256 of each file. Folders are 0700 and files 0600: they hold personal data.

Folders are named by the member's label and the attempt's UTC time, never by the NIR.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from automation.output.private import private_dir, write_private
from flows.pages.text import pattern


class EvidenceError(OSError):
    pass


# What personal data looks like on a page, whoever it belongs to.
PERSONAL_SHAPES = (
    re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}"),  # dates
    re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),  # e-mail addresses
    re.compile(r"\d[\d\s.]{3,}\d"),  # NIR, serials, phone numbers, codes of digits
    re.compile(r"\b(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{12}\b"),  # codes provisoires
)
_TYPED_VALUE = re.compile(r"^(\s*- (?:textbox|searchbox|spinbutton|combobox)\b[^:]*:).*$", re.M)


def mask_personal(text: str, names: list[str]) -> str:
    """`text` with every typed value, name and shape of personal data replaced by •••."""
    text = _TYPED_VALUE.sub(r"\1 •••", text)
    for name in names:
        if name:
            text = pattern(name).sub("•••", text)
    for shape in PERSONAL_SHAPES:
        text = shape.sub("•••", text)
    return text


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def pdf_names(path: Path, full_name: str) -> bool:
    """True when `path` is a PDF whose text names the person (accents and case aside)."""
    from pypdf import PdfReader  # loaded when an attestation is checked, not at start-up
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        text = " ".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, OSError):
        return False
    return all(_fold(part) in _fold(text) for part in full_name.split())


class EvidenceFolder:
    def __init__(self, root: Path, member_id: str) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        self.folder = private_dir(private_dir(root / member_id) / stamp)
        self.files: list[Path] = []
        # Origins blocked so far by the request filter of the context this proof comes from
        # (set by whoever opened it): named in a diagnostic.
        self.blocked: Mapping[str, int] = {}

    def attestation(self, data: bytes, full_name: str) -> Path:
        """The file the site served, kept only when it is a PDF that names the person."""
        target = self.folder / "attestation.pdf"
        staging = write_private(self.folder / ".attestation.part", data)
        if not pdf_names(staging, full_name):
            staging.unlink(missing_ok=True)
            raise EvidenceError("the attestation is not a PDF naming the person")
        staging.replace(target)
        self.files.append(target)
        return target

    def screenshot(self, page: Page, name: str, mask_names: list[str]) -> Path:
        # Every text field, and every text naming the person, under a solid mask.
        masks = [page.get_by_role("textbox")]
        masks += [page.get_by_text(pattern(part)) for part in mask_names if part]
        image = page.screenshot(full_page=True, mask=masks, mask_color="#000000")
        path = write_private(self.folder / f"{name}.png", image)
        self.files.append(path)
        return path

    def diagnostic(self, page: Page, mask_names: list[str]) -> list[Path]:
        """An unknown screen, to share so the contract can be updated: its accessibility
        snapshot and a screenshot, with names, dates, numbers, codes, e-mail addresses and
        every typed value masked."""
        snapshot = mask_personal(page.locator("body").aria_snapshot(), mask_names)
        if self.blocked:
            # What the site asked for and the robot refused: a screen may be broken by it.
            origins = ", ".join(sorted(self.blocked))
            snapshot += f"\n# origins the site asked for, blocked by the robot: {origins}\n"
        text = write_private(self.folder / "unknown-screen.txt", snapshot.encode())
        masks = [page.get_by_role("textbox")]
        masks += [page.get_by_text(pattern(part)) for part in mask_names if part]
        masks += [page.get_by_text(shape) for shape in PERSONAL_SHAPES]
        image = page.screenshot(full_page=True, mask=masks, mask_color="#000000")
        picture = write_private(self.folder / "unknown-screen.png", image)
        self.files += [text, picture]
        return [text, picture]

    def receipt(self, data: dict[str, Any]) -> Path:
        files = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in self.files}
        body = json.dumps({**data, "files": files}, ensure_ascii=False, indent=2)
        return write_private(self.folder / "receipt.json", body.encode())
