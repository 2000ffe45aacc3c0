"""Reads the mock's HTML as a person sees it: heading, messages, labels, buttons, links.

Tests of the mock itself use the form field names of the mock's markup to post; what
they assert is what a person reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import httpx
from bs4 import BeautifulSoup, Tag

from tests.support.control import TLS

_SPACE = re.compile(r"\s+")


def text_of(node: Tag) -> str:
    return _SPACE.sub(" ", node.get_text(" ", strip=True)).strip()


@dataclass
class Page:
    response: httpx.Response

    def __post_init__(self) -> None:
        self.soup = BeautifulSoup(self.response.text, "html.parser")

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def path(self) -> str:
        return self.response.url.path

    @property
    def heading(self) -> str:
        h1 = self.soup.find("h1")
        return text_of(h1) if isinstance(h1, Tag) else ""

    @property
    def main_text(self) -> str:
        main = self.soup.find("main")
        return text_of(main) if isinstance(main, Tag) else ""

    def alerts(self) -> list[str]:
        return [text_of(n) for n in self.soup.select("main [role=alert], main .error")]

    def labels(self) -> list[str]:
        found = [text_of(n) for n in self.soup.select("main label")]
        found += [str(n["aria-label"]) for n in self.soup.select("main [aria-label]")]
        return found

    def buttons(self) -> list[str]:
        return [text_of(n) for n in self.soup.select("main button, main a.btn")]

    def links(self) -> list[str]:
        return [text_of(n) for n in self.soup.select("main a")]

    def csrf(self) -> str:
        field = self.soup.find("input", attrs={"name": "csrf"})
        assert isinstance(field, Tag), "no form on this page"
        return str(field["value"])

    def field_error(self, name: str) -> str:
        node = self.soup.find(id=f"{name}-error")
        return text_of(node) if isinstance(node, Tag) else ""

    def has_cookie_panel(self) -> bool:
        return self.soup.find(id="cookie-panel") is not None


class SiteClient:
    """A visitor with its own cookies, following redirects like a browser."""

    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=base_url, follow_redirects=True, timeout=10, verify=TLS)
        self.page: Page | None = None

    def get(self, path: str) -> Page:
        self.page = Page(self.http.get(path))
        return self.page

    def post(self, path: str, **data: Any) -> Page:
        """Post a form; the CSRF token of the page last seen is added unless given."""
        if "csrf" not in data:
            assert self.page is not None, "load a page before posting"
            data["csrf"] = self.page.csrf()
        self.page = Page(self.http.post(path, data=data))
        return self.page

    # A few walks that many tests start from.

    def start(self, mode: str = "activation") -> Page:
        path = "/activer" if mode == "activation" else "/cloturer-ou-s-opposer"
        self.get(path)
        return self.post(path)

    def identify(
        self, card_model: str, birth_date: str, nir: str, serial: str, mode: str = "activation"
    ) -> Page:
        self.start(mode)
        self.post("/parcours/carte", card_model=card_model)
        return self.post("/parcours/identite", birth_date=birth_date, nir=nir, serial=serial)
