"""Act, then wait for the site to answer.

The real site is a single-page application: after a click the same screen may stay on view
for a while (a spinner, a disabled button, an overlay, `aria-busy`), then change, with or
without a page load, or say something in place. Looking again too early sees the old screen
and acts twice. So every final click of an action goes through `Waiter.press`, which waits,
bounded, until the screen acted on is gone (a page load, or the pressed control redrawn or
hidden) or the site says something new, and reports which. A press whose click never
reached its control (a banner opened over it as the pointer went down) is pressed again,
unless it is a final step's: those are pressed once, whatever happens.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from typing import Literal

from playwright.sync_api import ConsoleMessage, Frame, Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

AnswerKind = Literal["moved", "said", "none", "leaving", "lost"]

# How many times a press that never reached its control is made again.
AGAIN = 2
# Lines the watcher writes to the page's console, which the robot reads as events.
_SAYS = "mes-optout:"
# The watcher: a script the robot adds to every document of the site. flows/watch.js says
# what it does; its leading comment is left out of what is sent to the page.
_WATCH = "".join(
    line
    for line in resources.files("flows")
    .joinpath("watch.js")
    .read_text(encoding="utf-8")
    .splitlines(keepends=True)
    if not line.startswith("//")
)


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
    lost: bool = False  # the click never reached the control (a press made once only)


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
        self._once = False  # the press under way is a final step's: never made again
        # What each press under way hears: the watcher's lines, and main-frame navigations.
        # The page's listeners stay on from the first press (adding and removing them at
        # every press cost two round trips to the browser each time).
        self._hearing: list[tuple[list[str], list[bool]]] = []

    def press(self, control: Locator, handled: bool = False, screen: bool = False) -> Answer:
        """`handled`: the control is in a panel that a locator handler of the page also
        answers (the cookie panel, the leave dialog). Playwright runs such a handler before
        any click while the panel shows, so the click goes straight to the control instead:
        otherwise the handler closes the panel first and the click waits for a control
        that is gone. `screen`: only the screen beneath answers (a confirmation dialog
        that closes is not yet the answer to the step it confirms)."""
        self.watch()
        navigated: list[bool] = []
        lines: list[str] = []
        self._hearing.append((lines, navigated))
        try:
            # Not Playwright's own wait for a navigation to commit: ours (below) also sees
            # an answer drawn in place, and a page load whose answer comes late is no error.
            # Bounded like finding a control on a screen already recognised: a label the
            # site renamed is not coming, say so rather than wait as for a slow site.
            for _ in range(1 + AGAIN):
                control.first.click(timeout=self.find_ms, no_wait_after=True, force=handled)
                kind = "aside" if handled else "step"
                answer = self._answer(_Heard(lines, kind, screen, again=not self._once), navigated)
                if answer.kind != "lost":
                    break
                # The site never had that click, and nothing has changed since: the same
                # press again (this press's ears cleared, so its old token is not read).
                del lines[:]
            if answer.kind == "leaving":
                answer = self._arrival(navigated)
        finally:
            # This press's own ears, by identity (another's may hold the same lines).
            self._hearing = [h for h in self._hearing if h[0] is not lines]
        self.last = answer
        return answer

    @contextmanager
    def pressed_once(self) -> Iterator[None]:
        """The presses within are a final step's: made once, even one that never reached
        its control (the site might have taken it some other way: the next run looks)."""
        self._once = True
        try:
            yield
        finally:
            self._once = False

    def watch(self) -> None:
        """From now on every document of the page watches what is pressed (see _WATCH).
        Called before the page's first document where it can be (the flow's and the look's
        pages, fresh): the watcher's listeners then come before those of Playwright's own
        script, which stop every event of a click whose pointer lands elsewhere than on the
        control clicked (a banner come in between) and, the click made without waiting
        after it, say nothing of it: the watcher still sees where that press went."""
        if self._watching:
            return
        config = {
            "timeoutMs": self.timeout_ms,
            "says": _SAYS,
            "asides": [
                {"name": a.name, "anchor": a.anchor.pattern, "also": [r.pattern for r in a.also]}
                for a in self.asides
            ],
        }
        self.page.add_init_script(script=f"({_WATCH})({json.dumps(config)})")
        self.page.evaluate(_WATCH, config)  # the document already open
        self.page.on("framenavigated", self._on_navigation)
        self.page.on("console", self._on_console)
        self._watching = True

    def _on_navigation(self, frame: Frame) -> None:
        if frame == self.page.main_frame:
            for _, navigated in self._hearing:
                navigated.append(True)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.text.startswith(_SAYS):
            for lines, _ in self._hearing:
                lines.append(message.text[len(_SAYS) :])

    def close(self) -> None:
        """The page's listeners off (the page goes on with another waiter)."""
        if self._watching:
            self.page.remove_listener("framenavigated", self._on_navigation)
            self.page.remove_listener("console", self._on_console)

    def _answer(self, heard: _Heard, navigated: list[bool]) -> Answer:
        """The watcher's answer to this click. Interstitials it says showed up meanwhile
        are answered, and the wait goes on within the same bound."""
        deadline = time.monotonic() + self.timeout_ms / 1000
        while True:
            answer = heard.answer()
            if answer is not None:
                return answer
            left_ms = (deadline - time.monotonic()) * 1000
            if left_ms <= 0:
                break
            asides = heard.asides()
            for name in asides:
                self._aside(name)
            if asides:
                # What the watcher said while the robot was answering (the step's answer,
                # or « lost ») is in the lines already: look again before waiting for more.
                continue
            try:
                self.page.wait_for_event(
                    "console", lambda message: message.text.startswith(_SAYS), timeout=left_ms
                )
            except PlaywrightTimeout:
                break
        # No word from the watcher: a document came that it could not speak from, or none.
        return Answer("moved") if navigated else Answer("none", lost=heard.lost)

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
    again: bool = True  # a press that never reached its control is the answer (made again)
    read: int = 0  # lines already looked through for interstitials
    lost: bool = False  # the watcher said the click never reached the control

    def token(self) -> str | None:
        """The watch of this press: its control's, or, when the pointer went down on no
        control (an interstitial's backdrop, come between the look and the press), that."""
        for kind in (self.kind, "stray") if self.kind == "step" else (self.kind,):
            tokens = [
                line.split(":")[1]
                for line in self.lines
                if line.startswith("pressed:") and line.endswith(f":{kind}")
            ]
            if tokens:
                return tokens[-1]
        return None

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
                # Lost « by nothing »: no control had any of the press, so even a final
                # step's may be made again; lost after its control went down may not.
                if value["kind"] == "lost" and value["by"] != "nothing" and not self.again:
                    self.lost = True  # waited on: only the site's own answer ends this press
                    continue
                kind = value["kind"]
                return Answer(kind, value.get("text", ""), in_place=kind != "leaving")
        return None

    def asides(self) -> list[str]:
        """Interstitials newly said to be on view while this step is on its way."""
        token = self.token()
        new, self.read = self.lines[self.read :], len(self.lines)
        return [line.rsplit(":", 1)[1] for line in new if line.startswith(f"aside:{token}:")]
