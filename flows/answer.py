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
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from playwright.sync_api import ConsoleMessage, Frame, Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

AnswerKind = Literal["moved", "said", "none", "leaving"]

_SHOWN = """(el) => !!el && el.isConnected && el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== 'hidden'"""
_PRESSABLE = (
    'button, a[href], input, select, textarea, summary, [role="button"], [role="link"], '
    '[role="menuitem"], [role="tab"], [role="option"], [role="checkbox"], [role="radio"]'
)
_DIALOGS = 'dialog[open], [role="dialog"], [role="alertdialog"]'
_FIELDS = (
    'input:not([type="hidden"]):not([type="submit"]):not([type="button"]), select, textarea, '
    '[role="textbox"], [role="checkbox"], [role="radio"], [role="combobox"]'
)
# Lines the watcher writes to the page's console, which the robot reads as events.
_SAYS = "mes-optout:"
# The watcher: a script the robot adds to every document of the site. As the pointer goes
# down on a control, before the site's own handlers run, it notes what a person sees (the
# headings and fields of the screen, its text, its step indicator), says « pressed » with
# a token of its own, then looks at the page once a frame until the site answers:
# - busy is no answer: aria-busy, a progress bar without a value or one that came with the
#   press, the pressed control disabled, nameless (its label gave way to a spinner) or
#   holding a spinner, or something else taking the pointer over it;
# - an interstitial of the contract (the consent banner, the leave dialog) that shows up is
#   said as such, for the robot to answer, and the wait goes on: it is not the answer;
# - the answer: the page unloading (« leaving »), a new dialog, the screen changed (its
#   headings or fields), something new said in words (whatever its role, none included),
#   or, short of those, the pressed control gone (said as « control », and watched on).
# It speaks through the console because a page load that has started holds back every call
# into the page until the next document is there (or for ever, if it never comes): the
# robot waits for these lines as events, with its own bound. Nothing is asked of the page
# after a click.
_WATCH = f"""(config) => {{
  const watching = Symbol.for('mes-optout.watching');
  if (window[watching]) return;
  window[watching] = true;
  const say = console.debug.bind(console);  // the site's own scripts may replace it later
  const shown = {_SHOWN};
  const squash = (text) => (text || '').replace(/\\s+/g, ' ').trim();
  const asides = config.asides.map((a) => ({{
    name: a.name, anchor: new RegExp(a.anchor, 'i'), also: a.also.map((r) => new RegExp(r, 'i')),
  }}));
  const nameOf = (el) => squash(el.getAttribute('aria-label') || el.innerText
    || (el.tagName === 'INPUT' ? el.value : '') || el.getAttribute('title') || '');
  // The layer a box sits in: its outermost fixed or sticky ancestor, or its dialog (a
  // banner's text is around its buttons, not between them).
  const layer = (box) => {{
    let found = box.closest('{_DIALOGS}') || box;
    for (let el = box; el && el !== document.body; el = el.parentElement) {{
      const position = getComputedStyle(el).position;
      if (position === 'fixed' || position === 'sticky') found = el;
    }}
    return found;
  }};
  // A control a click would reach (a busy overlay above a panel holds the panel's clicks).
  const onTop = (el) => {{
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (el.contains(hit) || hit.contains(el));
  }};
  // The interstitials on view: the smallest box around an anchor button holding the rest.
  const interstitials = () => {{
    const found = [];
    const buttons = [...document.querySelectorAll(
      'button, a[href], [role="button"], [role="link"]')];
    for (const aside of asides) {{
      for (const button of buttons) {{
        if (!aside.anchor.test(nameOf(button)) || !shown(button)) continue;
        let box = button;
        while (box && !aside.also.every((r) => r.test(box.innerText || ''))) {{
          box = box.parentElement;
        }}
        if (box && box !== document.body && box !== document.documentElement) {{
          found.push({{name: aside.name, box: layer(box), answerable: onTop(button)}});
          break;
        }}
      }}
    }}
    return found;
  }};
  const within = (el, boxes) => boxes.some((box) => box.contains(el));
  const lines = (boxes, pressed) => {{
    // What a person reads, line by line, numbers folded (a countdown is not news).
    const skip = [...boxes, pressed].filter(Boolean).map((b) => squash(b.innerText))
      .filter(Boolean);
    return new Set(squash(document.body.innerText).length ? document.body.innerText.split('\\n')
      .map(squash).filter((l) => l && !skip.some((s) => s.includes(l)))
      .map((l) => l.replace(/\\d+/g, '#')) : []);
  }};
  const view = (boxes) => {{
    const outside = (el) => shown(el) && !el.closest('{_DIALOGS}') && !within(el, boxes);
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')]
      .filter(outside).map((h) => squash(h.innerText));
    const fields = [...document.querySelectorAll('{_FIELDS}')].filter(outside).map((f) => {{
      const label = (f.labels && f.labels.length) ? f.labels[0].innerText
        : (f.getAttribute('aria-label') || f.getAttribute('aria-labelledby') || '');
      return [f.type || f.getAttribute('role'), f.name || '', squash(label)].join(':');
    }});
    return JSON.stringify([headings, fields]);
  }};
  const bars = () => [...document.querySelectorAll('[role="progressbar"], progress')].filter(shown);
  const valued = (bar) => bar.tagName === 'PROGRESS' ? bar.hasAttribute('value')
    : bar.hasAttribute('aria-valuenow');
  const dialogs = (boxes) => [...document.querySelectorAll('{_DIALOGS}')]
    .filter((d) => shown(d) && !within(d, boxes));
  const note = (pressed) => {{
    const boxes = interstitials().map((i) => i.box);
    return {{
      pressed, boxes,
      named: !!nameOf(pressed), enabled: !pressed.disabled
        && pressed.getAttribute('aria-disabled') !== 'true',
      inDialog: !!pressed.closest('{_DIALOGS}'),
      view: view(boxes), lines: lines(boxes, pressed), valued: bars().filter(valued).length,
      dialogs: dialogs(boxes),
    }};
  }};
  const covered = (pressed, boxes, fresh) => {{
    const r = pressed.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return !!hit && !pressed.contains(hit) && !hit.contains(pressed)
      && !fresh.some((d) => d.contains(hit));
  }};
  // Once the screen has changed, only the page itself can still say it is busy: the
  // next screen may come with its own step bar, or a button (the same one) disabled.
  const busy = (before, boxes, fresh, changed) => {{
    const pressed = before.pressed;
    if ([...document.querySelectorAll('[aria-busy="true"]')].some((el) => shown(el)
        && !within(el, boxes))) return true;
    const now = bars();
    if (now.some((bar) => !valued(bar))) return true;
    if (changed) return false;
    if (now.filter(valued).length > before.valued) return true;
    if (!shown(pressed)) return false;
    const off = pressed.disabled || pressed.getAttribute('aria-disabled') === 'true';
    if (before.enabled && off) return true;
    if (before.named && !nameOf(pressed)) return true;
    const spinner = '[role="progressbar"], [role="status"], [aria-busy="true"], progress';
    if (pressed.querySelector(spinner)) return true;
    return covered(pressed, boxes, fresh);
  }};
  // What the page shows now, against what it showed at the press: the answer, or null.
  const answer = (before, found) => {{
    const boxes = found.map((i) => i.box);
    const fresh = dialogs(boxes).filter((d) => !before.dialogs.includes(d));
    const changed = view(boxes) !== before.view;
    if (busy(before, boxes, fresh, changed)) return null;
    const added = [...lines(boxes, before.pressed)].filter((l) => !before.lines.has(l));
    const text = fresh.length ? fresh.map((d) => squash(d.innerText)).join('\\n')
      : added.join('\\n');
    if (fresh.length) return {{kind: 'said', by: 'dialog', text}};
    if (changed) return {{kind: 'moved', by: 'screen', text}};
    if (added.length) return {{kind: 'said', by: 'words', text}};
    if (!shown(before.pressed)) return {{kind: 'moved', by: 'control', text}};
    return null;
  }};
  let current = null;  // the watch of the last step pressed
  const watch = (before, token, aside) => {{
    let done = false, answered = false;
    const told = new Set();
    const end = (value, last) => {{
      if (done) return;
      say('{_SAYS}answer:' + token + ':' + JSON.stringify(value));
      answered = true;
      if (last) done = true;
    }};
    const onFrame = () => {{
      if (done) return;
      if (aside) {{
        if (!shown(before.pressed)) return end({{kind: 'moved', by: 'control', text: ''}}, true);
        return requestAnimationFrame(onFrame);
      }}
      // Said once each time it shows and a click would reach it (said again if reopened).
      const found = interstitials();
      const ready = found.filter((i) => i.answerable).map((i) => i.name);
      for (const name of ready) {{
        if (!told.has(name)) say('{_SAYS}aside:' + token + ':' + name);
      }}
      told.clear();
      ready.forEach((name) => told.add(name));
      const value = answer(before, found);
      if (value && !(value.by === 'control' && answered)) end(value, value.by !== 'control');
      requestAnimationFrame(onFrame);
    }};
    requestAnimationFrame(onFrame);
    setTimeout(() => {{ done = true; }}, config.timeoutMs);  // the robot has stopped waiting
    return {{stop: () => {{ done = true; }}, done: () => done,
             leave: () => end({{kind: 'leaving', by: 'load', text: ''}}, true)}};
  }};
  window.addEventListener('pointerdown', (event) => {{
    if (!event.isTrusted || !(event.target instanceof Element)) return;
    const control = event.target.closest('{_PRESSABLE}');
    // A click that lands on no control (an overlay) while a step is on its way presses
    // nothing: the step's watch goes on.
    if (!control && current && !current.done()) return;
    const pressed = control || event.target;
    const token = Math.random().toString(36).slice(2);
    // A press inside an interstitial is an aside: the step's own watch goes on.
    const aside = within(pressed, interstitials().map((i) => i.box));
    say('{_SAYS}pressed:' + token + ':' + (aside ? 'aside' : 'step'));
    if (aside) {{
      watch({{pressed}}, token, true);
      return;
    }}
    if (current) current.stop();
    current = watch(note(pressed), token, false);
  }}, true);
  window.addEventListener('beforeunload', () => {{ if (current) current.leave(); }});
}}"""


@dataclass(frozen=True)
class Aside:
    """An interstitial the watcher tells apart on its own while a step is on its way, by
    what a person sees: a button (`anchor`) in a box that also says `also`. `answer` is
    what the robot does about it; the wait for the step's own answer then goes on."""

    name: str
    anchor: re.Pattern[str]
    also: tuple[re.Pattern[str], ...]
    answer: Callable[[], None]


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
        # Interstitials answered while a step is on its way; set before the first press.
        self.asides: list[Aside] = []
        self._watching = False

    def press(self, control: Locator, handled: bool = False, screen: bool = False) -> Answer:
        """`handled`: the control is in a panel that a locator handler of the page also
        answers (the cookie panel, the leave dialog). Playwright runs such a handler before
        any click while the panel shows, so the click goes straight to the control instead:
        otherwise the handler closes the panel first and the click waits for a control
        that is gone. `screen`: only the screen beneath answers (a confirmation dialog
        that closes is not yet the answer to the step it confirms)."""
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
            answer = self._answer(_Heard(lines, "aside" if handled else "step", screen), navigated)
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
        config = {
            "timeoutMs": self.timeout_ms,
            "asides": [
                {"name": a.name, "anchor": a.anchor.pattern, "also": [r.pattern for r in a.also]}
                for a in self.asides
            ],
        }
        self.page.add_init_script(script=f"({_WATCH})({json.dumps(config)})")
        self.page.evaluate(_WATCH, config)  # the document already open
        self._watching = True

    def _answer(self, heard: _Heard, navigated: list[bool]) -> Answer:
        """The watcher's answer to this click. Interstitials it says showed up meanwhile
        are answered, and the wait goes on within the same bound."""
        deadline = time.monotonic() + self.timeout_ms / 1000
        while True:
            answer = heard.answer()
            if answer is not None:
                return answer
            for name in heard.asides():
                self._aside(name)
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

    def _aside(self, name: str) -> None:
        for aside in self.asides:
            if aside.name == name:
                aside.answer()

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


@dataclass
class _Heard:
    """What the watcher said during one press, read for that press's own token: the last
    press of its kind (a locator handler may have pressed an interstitial first, within the
    same click; the robot may answer one while it waits)."""

    lines: list[str]
    kind: str  # "step" or "aside": which press is this one
    screen: bool = False  # only the screen beneath answers, not the control going
    read: int = 0  # lines already looked through for interstitials

    def token(self) -> str | None:
        tokens = [
            line.split(":")[1]
            for line in self.lines
            if line.startswith("pressed:") and line.endswith(f":{self.kind}")
        ]
        return tokens[-1] if tokens else None

    def answer(self) -> Answer | None:
        token = self.token()
        if token is None:
            return None
        mine = f"answer:{token}:"
        for line in self.lines:
            if line.startswith(mine):
                value = json.loads(line[len(mine) :])
                if self.screen and value.get("by") == "control":
                    continue
                kind = value["kind"]
                return Answer(kind, value.get("text", ""), in_place=kind != "leaving")
        return None

    def asides(self) -> list[str]:
        """Interstitials newly said to be on view while this step is on its way."""
        token = self.token()
        new, self.read = self.lines[self.read :], len(self.lines)
        return [line.rsplit(":", 1)[1] for line in new if line.startswith(f"aside:{token}:")]
