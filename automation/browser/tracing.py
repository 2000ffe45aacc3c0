"""Playwright traces, only when asked for (`--trace`), with secrets typed outside them.

A trace holds DOM snapshots (with the values of fields), screencast frames, and the
requests sent (with their bodies). So recording stops before a secret is typed, and
starts again only once no page of the member's context shows one any more: no field
holds a typed value (a code read from a mailbox is typed too, and the robot cannot tell
it from other text), and no page's text shows one of the member's secrets (a site that
echoes the NIR back). That is checked whenever the flow sees a screen; until it holds,
nothing is recorded. A screen that keeps the form filled while it waits for the site
(a busy overlay), or refuses it and keeps it filled, is not recorded.

Stopping, not pausing a chunk: the network log of a trace spans all its chunks. Each
stretch is its own zip (trace-1.zip, trace-2.zip, ...), opened with `playwright show-trace`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from playwright.sync_api import BrowserContext
from playwright.sync_api import Error as PlaywrightError

from automation.output.private import keep_private

# What a page shows that a secret could be in: the value of every field a person types in
# (not a box, a choice or a hidden token), and the text, shadow roots included. Read out of
# the page and compared here: the secrets are never sent into a page.
_SHOWN = """() => {
  const kept = new Set(['hidden', 'checkbox', 'radio', 'submit', 'button', 'reset', 'image',
                        'file', 'range', 'color']);
  const values = [], texts = [];
  const walk = (root) => {
    for (const field of root.querySelectorAll('input, textarea')) {
      if (!kept.has(field.type) && field.value) values.push(field.value);
    }
    for (const element of root.querySelectorAll('*')) {
      if (!element.shadowRoot) continue;
      texts.push(element.shadowRoot.textContent || '');
      walk(element.shadowRoot);
    }
  };
  walk(document);
  texts.push(document.documentElement ? document.documentElement.textContent || '' : '');
  return {values, texts};
}"""


def _canonical(text: str) -> str:
    return re.sub(r"[\s.\-\u00a0\u202f]", "", text).casefold()


class Tracer:
    def __init__(self, context: BrowserContext, folder: Path, secrets: Iterable[str] = ()) -> None:
        """`secrets`: the member's, looked for in the pages' text before recording again."""
        self.context = context
        self.folder = folder
        self.secrets = [_canonical(s) for s in secrets if s.strip()]
        self.parts = 0
        self.recording = False
        self.secret_typed = False
        self.resume()

    def pause(self) -> None:
        """Before a secret is typed."""
        self.secret_typed = True
        self._stop()

    def _stop(self) -> None:
        if self.recording:
            self.parts += 1
            path = self.folder / f"trace-{self.parts}.zip"
            self.context.tracing.stop(path=path)
            keep_private(path)
            self.recording = False

    def resume(self) -> None:
        """When a screen shows: recording again, unless a secret may still be on view."""
        if self.recording or (self.secret_typed and self.secret_on_view()):
            return
        self.secret_typed = False
        self.context.tracing.start(screenshots=True, snapshots=True, sources=False)
        self.recording = True

    def secret_on_view(self) -> bool:
        """A typed value in a field, or a secret in the text, of any frame of any page.
        A frame that cannot be read (going away under a navigation) may show one."""
        for page in self.context.pages:
            for frame in page.frames:
                try:
                    shown = frame.evaluate(_SHOWN)
                except PlaywrightError:
                    return True
                if shown["values"]:
                    return True
                text = _canonical(" ".join(shown["texts"]))
                if any(secret in text for secret in self.secrets):
                    return True
        return False

    def close(self) -> None:
        self._stop()
