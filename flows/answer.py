"""Act, then wait for the site to answer.

The real site is a single-page application: after a click the same screen may stay on view
for a while (a spinner, a disabled button, an overlay, `aria-busy`), then change, with or
without a page load, or say something in place. Looking again too early sees the old screen
and acts twice. So every final click of an action goes through `Waiter.press`, which waits,
bounded, until the screen acted on is gone (a page load, or the pressed control redrawn or
hidden) or the site says something new, and reports which.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Literal

from playwright.sync_api import ConsoleMessage, Frame, Locator, Page
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
# What a control pressed looks like to the page, and what counts as the site's answer.
# Busy is not an answer: aria-busy, a progress bar or spinner, the pressed control disabled.
_ANSWER = f"""(pressed, seen) => {{
  const shown = {_SHOWN};
  const busy = [...document.querySelectorAll('[aria-busy="true"], [role="progressbar"]')]
    .some(shown)
    || (shown(pressed)
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
_PRESSABLE = (
    'button, a[href], input, select, textarea, summary, [role="button"], [role="link"], '
    '[role="menuitem"], [role="tab"], [role="option"], [role="checkbox"], [role="radio"]'
)
# Lines the watcher writes to the page's console, which the robot reads as events.
_SAYS = "mes-optout:"
# The watcher: a script the robot adds to every document of the site. As the pointer goes
# down on a control, before the site's own handlers run, it notes the control and the
# notices already shown, says « pressed » with a token of its own, then looks at the page
# once a frame and says the answer once: what the site did, or « leaving »
# when a page load starts. It speaks through the console because a page load that has
# started holds back every call into the page until the next document is there (or for
# ever, if it never comes): the robot waits for these lines, and for the next document,
# as events with its own bound. Nothing is asked of the page after a click.
_WATCH = f"""(timeoutMs) => {{
  const watching = Symbol.for('mes-optout.watching');
  if (window[watching]) return;
  window[watching] = true;
  const say = console.debug.bind(console);  // the site's own scripts may replace it later
  const shown = {_SHOWN};
  const answer = {_ANSWER};
  let watch = null;
  const start = (pressed, seen, token) => {{
    let done = false;
    const stop = () => {{ done = true; }};
    const end = (value) => {{
      if (done) return;
      stop();
      say('{_SAYS}answer:' + token + ':' + JSON.stringify(value));
    }};
    // Looked at once a frame, not on every change: a dialog that closes and then submits
    // its form hides the control pressed a moment before the page load starts, and that
    // is no answer drawn in place.
    const onFrame = () => {{
      if (done) return;
      const value = answer(pressed, seen);
      if (value) end(value);
      else requestAnimationFrame(onFrame);
    }};
    requestAnimationFrame(onFrame);
    setTimeout(stop, timeoutMs);  // the robot has stopped waiting by then
    return {{stop, leave: () => end({{kind: 'leaving', text: ''}})}};
  }};
  window.addEventListener('pointerdown', (event) => {{
    if (!event.isTrusted || !(event.target instanceof Element)) return;
    if (watch) watch.stop();
    const token = Math.random().toString(36).slice(2);
    const pressed = event.target.closest('{_PRESSABLE}') || event.target;
    const seen = [...document.querySelectorAll('{_SAYING}')].filter(shown);
    say('{_SAYS}pressed:' + token);
    watch = start(pressed, seen, token);
  }}, true);
  window.addEventListener('beforeunload', () => {{ if (watch) watch.leave(); }});
}}"""


@dataclass(frozen=True)
class Answer:
    kind: AnswerKind
    text: str = ""  # what the site said, when it said something in place
    in_place: bool = False  # seen in the page acted on (no page load came with it)


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
        self._watching = False

    def press(self, control: Locator, handled: bool = False) -> Answer:
        """`handled`: the control is in a panel that a locator handler of the page also
        answers (the cookie panel, the leave dialog). Playwright runs such a handler before
        any click while the panel shows, so the click goes straight to the control instead:
        otherwise the handler closes the panel first and the click waits for a control
        that is gone."""
        page = self.page
        self._watch()
        navigated: list[bool] = []
        lines: list[str] = []

        def on_navigation(frame: Frame) -> None:
            if frame == page.main_frame:
                navigated.append(True)

        def on_console(message: ConsoleMessage) -> None:
            if message.text.startswith(_SAYS):
                lines.append(message.text[len(_SAYS) :])

        page.on("framenavigated", on_navigation)
        page.on("console", on_console)
        try:
            # Not Playwright's own wait for a navigation to commit: ours (below) also sees
            # an answer drawn in place, and a page load whose answer comes late is no error.
            # Bounded like finding a control on a screen already recognised: a label the
            # site renamed is not coming, say so rather than wait as for a slow site.
            control.first.click(timeout=self.find_ms, no_wait_after=True, force=handled)
            answer = self._answer(lines, navigated)
            if answer.kind == "leaving":
                answer = self._arrival(navigated)
        finally:
            page.remove_listener("framenavigated", on_navigation)
            page.remove_listener("console", on_console)
        self.last = answer
        return answer

    def _watch(self) -> None:
        """From now on every document of the page watches what is pressed (see _WATCH)."""
        if self._watching:
            return
        self.page.add_init_script(script=f"({_WATCH})({self.timeout_ms})")
        self.page.evaluate(_WATCH, self.timeout_ms)  # the document already open
        self._watching = True

    def _answer(self, lines: list[str], navigated: list[bool]) -> Answer:
        """The watcher's answer to this click: the answer that follows the last « pressed »
        (a locator handler may have pressed something else first, within the same click)."""
        deadline = time.monotonic() + self.timeout_ms / 1000
        while True:
            answer = _answer_in(lines)
            if answer is not None:
                return answer
            left_ms = (deadline - time.monotonic()) * 1000
            if left_ms <= 0:
                break
            try:
                self.page.wait_for_event(
                    "console", lambda message: message.text.startswith(_SAYS), timeout=left_ms
                )
            except PlaywrightTimeout:
                break
        # No word from the watcher: a document came that it could not speak from, or none.
        return Answer("moved") if navigated else Answer("none")

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


def _answer_in(lines: list[str]) -> Answer | None:
    pressed = [line.split(":", 1)[1] for line in lines if line.startswith("pressed:")]
    if not pressed:
        return None
    mine = f"answer:{pressed[-1]}:"
    for line in lines:
        if line.startswith(mine):
            value = json.loads(line[len(mine) :])
            kind = value["kind"]
            return Answer(kind, value.get("text", ""), in_place=kind != "leaving")
    return None
