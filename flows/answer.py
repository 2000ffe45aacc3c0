"""Act, then wait for the site to answer.

The real site is a single-page application: after a click the same screen may stay on view
for a while (a spinner, a disabled button, an overlay, `aria-busy`), then change, with or
without a page load, or say something in place. Looking again too early sees the old screen
and acts twice. So every final click of an action goes through `Waiter.press`, which waits,
bounded, until the screen acted on is gone (a page load, or the pressed control redrawn or
hidden) or the site says something new, and reports which.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Literal

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Frame, Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

AnswerKind = Literal["moved", "said", "none", "leaving"]

# Where a site says something: notices, dialogs, fields it marks invalid. Roles and ARIA
# states, as the contract describes them, never the site's classes or ids.
_SAYING = (
    '[role="alert"], [role="status"], [role="alertdialog"], [role="dialog"], dialog[open], '
    '[aria-invalid="true"]'
)
_SHOWN = """(el) => !!el && el.isConnected && el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== 'hidden'"""
# What was on view when the action started, kept on the page's window under a symbol (no
# name the site could collide with): element handles cannot be passed to a wait that
# outlives their document, and a page load must end the wait at once. One round trip:
# it runs on the control about to be pressed.
_REMEMBER = f"""(pressed) => {{
  const shown = {_SHOWN};
  const acted = {{
    pressed,
    seen: [...document.querySelectorAll('{_SAYING}')].filter(shown),
    leaving: false,
  }};
  window[Symbol.for('mes-optout.acted')] = acted;
  // A page load on its way: the next document is what to wait for, not this one.
  window.addEventListener('beforeunload', () => {{ acted.leaving = true; }}, {{once: true}});
  return performance.timeOrigin;
}}"""
# Busy is not an answer: aria-busy, a progress bar or spinner, the pressed control disabled.
_ANSWER = f"""(origin) => {{
  const acted = window[Symbol.for('mes-optout.acted')];
  // Another document than the one acted on (a page load): the screen is gone.
  if (performance.timeOrigin !== origin || !acted) return {{kind: 'moved', text: ''}};
  const {{pressed, seen, leaving}} = acted;
  if (leaving) return {{kind: 'leaving', text: ''}};
  const shown = {_SHOWN};
  const busy = [...document.querySelectorAll('[aria-busy="true"], [role="progressbar"]')]
    .some(shown)
    || (pressed && shown(pressed)
        && (pressed.disabled || pressed.getAttribute('aria-disabled') === 'true'));
  if (busy) return false;
  const said = [...document.querySelectorAll('{_SAYING}')]
    .filter(shown).filter((el) => !seen.includes(el) && (el.innerText || '').trim());
  // The control pressed is gone or hidden: the screen was redrawn in place (or a dialog or
  // panel closed). What it says now is kept: a notice may go away before it is read.
  if (!shown(pressed)) {{
    return {{kind: 'moved', text: said.map((el) => el.innerText).join('\\n')}};
  }}
  if (said.length) return {{kind: 'said', text: said.map((el) => el.innerText).join('\\n')}};
  return false;
}}"""


@dataclass(frozen=True)
class Answer:
    kind: AnswerKind
    text: str = ""  # what the site said, when it said something in place


class Waiter:
    """Presses a screen's final control and waits for the site's answer."""

    def __init__(self, page: Page, timeout_ms: float, find_ms: float | None = None) -> None:
        """`timeout_ms` bounds the wait for the site's answer; `find_ms` the wait for the
        control on a screen already recognised (a label the site renamed is not coming:
        say so quickly rather than wait as for a slow site)."""
        self.page = page
        self.timeout_ms = timeout_ms
        self.find_ms = find_ms if find_ms is not None else timeout_ms
        self.last: Answer | None = None

    def press(self, control: Locator) -> Answer:
        page = self.page
        # Found once (a role and a name are worth finding once), remembered, then clicked.
        pressed = control.first.element_handle(timeout=self.find_ms)
        navigated: list[bool] = []

        def on_navigation(frame: Frame) -> None:
            if frame == page.main_frame:
                navigated.append(True)

        origin = pressed.evaluate(_REMEMBER)
        page.on("framenavigated", on_navigation)
        try:
            # Not Playwright's own wait for a navigation to commit: ours (below) also sees
            # an answer drawn in place, and a page load whose answer comes late is no error.
            pressed.click(timeout=self.timeout_ms, no_wait_after=True)
            # One look straight away: most answers are a page load already on its way, and
            # a wait on the page would then last until the next document is ready.
            answer = self._now(origin) or self._wait(origin)
            if answer.kind == "leaving":
                answer = self._arrival(navigated)
        finally:
            page.remove_listener("framenavigated", on_navigation)
        # Not in `finally`: no call to the browser while an interruption (Ctrl-C) unwinds.
        with contextlib.suppress(PlaywrightError):  # its document may be gone
            pressed.dispose()
        self.last = answer
        return answer

    def _now(self, origin: float) -> Answer | None:
        # On the document's root element, not page.evaluate: that one waits, unbounded,
        # for a page load on its way to commit; this one is bounded by the timeout.
        try:
            value = self.page.locator(":root").evaluate(
                f"(root, origin) => ({_ANSWER})(origin)", origin, timeout=self.timeout_ms
            )
        except PlaywrightTimeout:
            return Answer("none")  # a page load that never comes
        except PlaywrightError:
            return Answer("moved")  # the document acted on is gone already: a page load
        return Answer(value["kind"], value.get("text", "")) if value else None

    def _wait(self, origin: float) -> Answer:
        try:
            result = self.page.wait_for_function(
                _ANSWER, arg=origin, timeout=self.timeout_ms, polling="raf"
            )
            value = result.json_value()
            return Answer(value["kind"], value.get("text", ""))
        except PlaywrightTimeout:
            return Answer("none")
        except PlaywrightError:
            # The document was replaced while the answer was being read: a page load.
            return Answer("moved")

    def _arrival(self, navigated: list[bool]) -> Answer:
        """A page load has started: the answer is the next document, once it is there."""
        if navigated:
            return Answer("moved")
        try:
            self.page.wait_for_event(
                "framenavigated",
                lambda frame: frame == self.page.main_frame,
                timeout=self.timeout_ms,
            )
        except PlaywrightTimeout:
            return Answer("none")  # the load never came (a download, or no answer)
        return Answer("moved")
