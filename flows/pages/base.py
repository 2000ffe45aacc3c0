"""What every page object shares: finding controls by role and accessible name through
`pattern`, whatever control the site uses this time (a button or a link styled as one, a
checkbox or a radio button, a <label> or an aria-label), and reading known messages.

Page objects find, read and act. They never assert and never decide: flows decide.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Download, Locator, Page

from flows.pages.marks import Mark, Node
from flows.pages.text import pattern


@dataclass(frozen=True)
class Names:
    """The names a screen may need to recognise or choose: the member's and the account's."""

    first_name: str = ""
    last_name: str = ""
    account_name: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Screen:
    """One screen of the contract. Subclasses set `mark`: what tells it apart."""

    name = "screen"
    mark = Mark("heading", "")
    # Messages this screen may print, by the reason a flow gives them (see flows/outcome.py).
    messages: dict[str, str] = {}  # noqa: RUF012 - read-only table shared by instances

    def __init__(self, page: Page, names: Names | None = None) -> None:
        self.page = page
        self.names = names or Names()

    def current_mark(self) -> Mark:
        """The mark to look for; a screen whose mark depends on names overrides this."""
        return self.mark

    def signature(self) -> Locator:
        mark = self.current_mark()
        finders = {
            "heading": lambda: self.heading(mark.label, mark.whole),
            "button": lambda: self.button(mark.label, mark.whole),
            "link": lambda: self.link(mark.label),
            "choice": lambda: self.choice(mark.label, mark.whole),
            "field": lambda: self.field(mark.label),
            "dialog": lambda: self.page.get_by_role("dialog", name=pattern(mark.label, mark.whole)),
            "text": lambda: self.text(mark.label),
        }
        return finders[mark.kind]()

    def shows_in(self, nodes: list[Node]) -> bool:
        """True when the page's accessibility snapshot carries this screen's mark."""
        return self.current_mark().found_in(nodes)

    # -- finding -------------------------------------------------------------------------

    def heading(self, label: str, whole: bool = False) -> Locator:
        return self.page.get_by_role("heading", name=pattern(label, whole))

    def button(self, label: str, whole: bool = False) -> Locator:
        """A button, or a link styled as one: the contract allows both."""
        name = pattern(label, whole)
        return self.page.get_by_role("button", name=name).or_(
            self.page.get_by_role("link", name=name)
        )

    def link(self, label: str) -> Locator:
        name = pattern(label)
        return self.page.get_by_role("link", name=name).or_(
            self.page.get_by_role("button", name=name)
        )

    def choice(self, label: str, whole: bool = False) -> Locator:
        """A checkbox or a radio button: the contract allows both."""
        name = pattern(label, whole)
        return self.page.get_by_role("checkbox", name=name).or_(
            self.page.get_by_role("radio", name=name)
        )

    def field(self, label: str) -> Locator:
        # get_by_label covers <label>, aria-label and aria-labelledby alike.
        return self.page.get_by_label(pattern(label))

    def text(self, label: str) -> Locator:
        return self.page.get_by_text(pattern(label))

    # -- acting ----------------------------------------------------------------------------

    def tick(self, control: Locator) -> None:
        control.first.check()

    def fill_date(self, control: Locator, day: str, month: str, year: str) -> None:
        """A date is typed jj/mm/aaaa, or set as aaaa-mm-jj in a date input."""
        if control.first.get_attribute("type") == "date":
            control.first.fill(f"{year}-{month}-{day}")
        else:
            control.first.fill(f"{day}/{month}/{year}")

    def download(self, label: str, timeout_ms: float) -> Download:
        """Click a link that downloads a file, and wait for the file."""
        with self.page.expect_download(timeout=timeout_ms) as download:
            self.link(label).first.click()
        return download.value

    # -- reading ---------------------------------------------------------------------------

    def shown_message(self) -> str | None:
        """The reason key of the first of this screen's known messages that is visible."""
        for reason, message in self.messages.items():
            if self.text(message).first.is_visible():
                return reason
        return None
