"""What tells a screen apart, as data: a role and a label of the contract (a `Mark`).

The same mark gives both a Playwright locator (to wait on, to act) and a test against an
accessibility snapshot of the page (`page.aria_snapshot()`), so that detection asks the
browser once per screen instead of once per known screen.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from flows.pages.text import pattern

# The snapshot roles each kind of mark accepts: the contract allows a button to be a link,
# a choice to be a checkbox or a radio button, a field to be any kind of text input.
ROLES = {
    "heading": {"heading"},
    "button": {"button", "link"},
    "link": {"link", "button"},
    "choice": {"checkbox", "radio"},
    "field": {"textbox", "searchbox", "spinbutton", "combobox"},
    "dialog": {"dialog", "alertdialog"},
}
_LINE = re.compile(
    r"^\s*-\s+(?P<role>[a-z]+)"  # "- heading"
    r'(?: "(?P<name>(?:[^"\\]|\\.)*)")?'  # "Mon identité" (JSON-escaped)
    r"(?: \[[^\]]*\])*"  # [level=1] [checked]
    r"(?::\s*(?P<text>.*))?$"  # : text content
)


@dataclass(frozen=True)
class Mark:
    kind: str  # heading | button | link | choice | field | dialog | text
    label: str
    whole: bool = False
    # The label is a regular expression (both Python's and JavaScript's): for a stable
    # core of an inferred sentence (« clôturé »), not for a whole label of the contract.
    regex: bool = False
    # The label holds a person's name: « … » in it is a character, not « any words ».
    literal: bool = False

    def pattern(self) -> re.Pattern[str]:
        if self.regex:
            return re.compile(self.label, re.IGNORECASE)
        return pattern(self.label, self.whole, self.literal)

    def found_in(self, nodes: list[Node]) -> bool:
        wanted = self.pattern()
        if self.kind == "text":
            return any(wanted.search(node.name) or wanted.search(node.text) for node in nodes)
        roles = ROLES[self.kind]
        return any(node.role in roles and wanted.search(node.name) for node in nodes)


@dataclass(frozen=True)
class Node:
    role: str
    name: str
    text: str
    checked: bool = False


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            return str(json.loads(value))
        except json.JSONDecodeError:
            return value[1:-1]
    return value


def parse_snapshot(snapshot: str) -> list[Node]:
    """The nodes of a Playwright ARIA snapshot (YAML), as (role, name, text)."""
    nodes = []
    for line in snapshot.splitlines():
        match = _LINE.match(line)
        if match is None:
            continue
        name = _unquote(f'"{match["name"]}"') if match["name"] is not None else ""
        checked = "[checked]" in line.split('"')[-1]  # after the name: the node's states
        nodes.append(Node(match["role"], name, _unquote(match["text"] or ""), checked))
    return nodes
