"""Which message carries which code: the official sender, the shapes of a code provisoire
and of a sign-in code, and how a message's text is read. Shared by every reader.

A code is read from the text a person sees in the message, never from its markup: an
HTML-only mail is turned into its visible text first (tags, attributes, <style>, <script>
and image addresses dropped), so a tracking pixel's `?id=AB12CD34EF56` is never a code.
"""

from __future__ import annotations

import re
from email.message import EmailMessage
from html.parser import HTMLParser

OFFICIAL_SENDER = "assurance-maladie@info.ameli.fr"
# The Assurance Maladie's own domain. Its subdomains are accepted too: every name under
# ameli.fr is the Assurance Maladie's (ameli.fr is the registrable domain, the Public
# Suffix List's unit of ownership), so a mail from another of its mailing hosts is no less
# official than one from info.ameli.fr, and a code refused for its host would cost the
# family a person's time. A lookalike (`evil-ameli.fr`, `ameli.fr.evil.example`) is not
# under it and is refused. A From header is not proof of anything: this rule keeps other
# senders' mail out of the reading, it does not authenticate.
OFFICIAL_DOMAIN = "ameli.fr"
# A code mail is a few kilobytes; a bigger one is not a code mail, and parsing it would
# cost memory and time for nothing. Bigger messages are skipped with a warning in the log.
MAX_MESSAGE_BYTES = 1024 * 1024
# A code provisoire: 12 letters and digits standing alone. Codes of letters only exist,
# so a token is not required to hold a digit; one that follows a colon, or holds one, wins.
_TOKEN_12 = re.compile(r"(?<![\w-])[A-Za-z0-9]{12}(?![\w-])")
_LOGIN_CODE = re.compile(r"(?<![0-9])[0-9]{6}(?![0-9])")


class CodeSourceError(ValueError):
    """A --code-from that does not say where codes come from."""


def is_official_sender(address: str, sender: str = OFFICIAL_SENDER) -> bool:
    """The exact address `sender`, or an address at the official domain or under it."""
    address = address.strip().lower()
    if address == sender.lower():
        return True
    local, at, domain = address.rpartition("@")
    if not (local and at):
        return False
    return domain == OFFICIAL_DOMAIN or domain.endswith("." + OFFICIAL_DOMAIN)


def find_code(kind: str, text: str) -> str | None:
    if kind == "login":
        found = _LOGIN_CODE.search(text)
        return found.group(0) if found else None

    def score(match: re.Match[str]) -> int:
        after_colon = text[: match.start()].rstrip().endswith(":")
        has_digit = any(char.isdigit() for char in match.group(0))
        return 2 * after_colon + has_digit

    tokens = list(_TOKEN_12.finditer(text))
    best = max(tokens, key=score, default=None)
    return best.group(0) if best is not None and score(best) > 0 else None


def program_code(kind: str, output: str) -> str | None:
    """The code a user's program printed: its whole output when that is a code of the
    kind (a code provisoire may be all letters: no digit, no colon to tell it by), else
    the code found in what it printed."""
    printed = output.strip()
    shape = _LOGIN_CODE if kind == "login" else _TOKEN_12
    if shape.fullmatch(printed):
        return printed
    return find_code(kind, output)


# Tags that end a line where a person reads one: without a break, two cells' words would
# run together into one token (a false code).
_BREAKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
    "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
_HIDDEN = {"head", "script", "style", "template", "title", "noscript"}


class _VisibleText(HTMLParser):
    """The words of an HTML document a person sees: text nodes only, outside the tags
    that are never shown. Attributes (an image's address, a link's) are never read."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BREAKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def message_text(message: EmailMessage) -> str:
    """What a person reads in the message: its plain text, else its HTML as shown."""
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    content = str(body.get_content())
    return visible_text(content) if body.get_content_type() == "text/html" else content
