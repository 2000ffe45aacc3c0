"""What every page object shares: finding controls by role and accessible name through
`pattern`, whatever control the site uses this time (a button or a link styled as one, a
checkbox or a radio button, a <label> or an aria-label), and reading known messages.

Page objects find, read and act. They never assert and never decide: flows decide.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator, Page

from flows.answer import Answer, Waiter
from flows.pages.marks import Mark, Node
from flows.pages.text import pattern


@dataclass(frozen=True)
class Names:
    """The names a screen may need to recognise or choose: the member's and the account's."""

    first_name: str = ""
    last_name: str = ""
    account_holder: str = ""  # whose account is signed in (flow 2)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Screen:
    """One screen of the contract. Subclasses set `mark` (what tells it apart), and may add
    `alternatives` (other marks that tell it apart as well: other sourced wordings) and
    `unless` (marks of another screen that, when present, mean it is not this one)."""

    name = "screen"
    mark = Mark("heading", "")
    alternatives: tuple[Mark, ...] = ()
    unless: tuple[Mark, ...] = ()
    # Messages this screen may print, by the reason a flow gives them (see flows/outcome.py).
    messages: dict[str, str] = {}  # noqa: RUF012 - read-only table shared by instances
    # The labels the robot acts on here beyond `mark`, each used by the screen's own methods:
    # what check-site looks for before anyone's data is typed, what docs/screens.md lists.
    relies_on: tuple[Mark, ...] = ()
    # What the robot does when it meets this screen, in a line (docs/screens.md).
    does = ""

    def __init__(
        self, page: Page, names: Names | None = None, waiter: Waiter | None = None
    ) -> None:
        # The accessibility snapshot the screen was recognised in (set by the detector).
        self.nodes: list[Node] = []
        self.page = page
        self.names = names or Names()
        self.waiter = waiter or Waiter(page, 30_000)

    def current_marks(self) -> tuple[Mark, ...]:
        """The marks to look for; a screen whose mark depends on names overrides this."""
        return (self.mark, *self.alternatives)

    def locate(self, mark: Mark) -> Locator:
        wanted = mark.pattern()
        roles = {
            "heading": ("heading",),
            "button": ("button", "link"),
            "link": ("link", "button"),
            "choice": ("checkbox", "radio"),
            "dialog": ("dialog", "alertdialog"),
        }
        if mark.kind == "field":
            return self.page.get_by_label(wanted)
        if mark.kind == "text":
            return self.page.get_by_text(wanted)
        first, *others = roles[mark.kind]
        found = self.page.get_by_role(first, name=wanted)  # type: ignore[arg-type]
        for role in others:
            found = found.or_(self.page.get_by_role(role, name=wanted))  # type: ignore[arg-type]
        return found

    def signature(self) -> Locator:
        first, *others = self.current_marks()
        found = self.locate(first)
        for mark in others:
            found = found.or_(self.locate(mark))
        return found

    def shows_in(self, nodes: list[Node]) -> bool:
        """True when the page's accessibility snapshot carries one of this screen's marks
        and none of the marks that would make it another screen."""
        if not any(mark.found_in(nodes) for mark in self.current_marks()):
            return False
        return not any(mark.found_in(nodes) for mark in self.unless)

    def press(self, control: Locator, handled: bool = False, screen: bool = False) -> Answer:
        """The action's final click, and the site's answer to it (see flows/answer.py)."""
        return self.waiter.press(control, handled, screen)

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

    def choice(self, label: str, whole: bool = False, literal: bool = False) -> Locator:
        """A checkbox or a radio button: the contract allows both. `literal` when the
        label holds a person's name (see text.pattern)."""
        name = pattern(label, whole, literal)
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

    # -- reading ---------------------------------------------------------------------------

    def shown_message(self, said: str = "") -> str | None:
        """The reason key of the first of this screen's known messages that is visible, or
        that the site said in answer to the last action (a notice may be gone by now)."""
        for reason, message in self.messages.items():
            if pattern(message).search(said) or self.text(message).first.is_visible():
                return reason
        return None

    def shows(self, mark: Mark) -> bool:
        """True when the screen, as recognised, carries `mark` (no new query to the page)."""
        return mark.found_in(self.nodes) if self.nodes else self.locate(mark).count() > 0

    def choices(self) -> list[Node]:
        """The checkboxes and radio buttons the screen showed, with their state."""
        return [n for n in self.nodes if n.role in ("checkbox", "radio")]
