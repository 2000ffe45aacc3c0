"""What may show up on any screen at any time (screens.md, "Interstitials")."""

from __future__ import annotations

import contextlib
import re

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from flows.answer import Answer, Aside, Waiter
from flows.pages.base import Names, Screen
from flows.pages.marks import Mark, Node
from flows.pages.text import pattern

REFUSE = "Tout refuser"
ACCEPT = "Tout accepter"
LEAVE = "Quitter la page"


class CookiePanel(Screen):
    """The consent panel: « Tout refuser » beside « Tout accepter », in a dialog
    (« Données de navigation ») or a consent manager's banner (v3: no dialog role, no
    heading, maybe a backdrop), at load, later, or reopened. The robot always refuses."""

    name = "cookie_panel"
    does = "presses « Tout refuser », wherever and whenever it shows"

    mark = Mark("button", REFUSE, whole=True)
    together = (Mark("button", ACCEPT, whole=True),)

    def shows_in(self, nodes: list[Node]) -> bool:
        return super().shows_in(nodes) and all(m.found_in(nodes) for m in self.together)

    def refuse(self) -> None:
        self.press(self._refuse_button(), handled=True)

    def refuse_if_shown(self) -> None:
        """When the panel shows up over a control being acted on (see `answer_over`)."""
        button = self._refuse_button()
        if button.is_visible() and reachable(button):
            button.click()

    def refuse_now(self) -> None:
        """While a step is on its way: straight to the button, past any backdrop check."""
        with contextlib.suppress(PlaywrightError):  # gone meanwhile: nothing to answer
            self._refuse_button().click(force=True, no_wait_after=True, timeout=self.waiter.find_ms)

    def aside(self) -> Aside:
        return Aside(self.name, pattern(REFUSE, whole=True), (pattern(ACCEPT),), self.refuse_now)

    def _refuse_button(self) -> Locator:
        return self.signature().filter(visible=True).first


class Maintenance(Screen):
    """« Service indisponible » or « L'activation d'un profil est indisponible » (v2,
    sourced), « Service momentanément indisponible » (inferred), often HTTP 503."""

    name = "maintenance"
    does = "waits with a growing backoff and reloads; gives up after the retries"

    mark = Mark("heading", "Service indisponible")
    alternatives = (
        Mark("heading", "L'activation d'un profil est indisponible"),
        Mark("heading", "Service momentanément indisponible"),
        Mark("heading", r"\bmaintenance\b", regex=True),
    )


class RateLimited(Screen):
    """« Une erreur est survenue. Veuillez attendre 30 secondes puis réessayez. » (v3, the
    app's MIN_DELAY_ERROR), after « Envoyer le code » and maybe other calls: a wait to sit
    out, then the step again. A page of its own when nothing else shows around it."""

    name = "rate_limited_page"
    does = "sits out the seconds the site asks for (at most twice), then does the step again"

    mark = Mark("text", r"Veuillez\s+attendre\s+\d+\s+secondes", regex=True)
    WAIT = re.compile(r"Veuillez\s+attendre\s+(\d+)\s+secondes", re.IGNORECASE)

    @classmethod
    def seconds_in(cls, texts: list[str]) -> int | None:
        """The wait the site asks for, read from its sentence, if it says one."""
        for text in texts:
            if found := cls.WAIT.search(text):
                return int(found[1])
        return None

    def go_on(self) -> None:
        self.press(self.link("Revenir à l'accueil"))


class SessionExpired(Screen):
    """« Votre session a expiré », « Revenir à l'accueil »."""

    name = "session_expired"
    does = "starts over from the home page (at most the retries)"

    mark = Mark("text", "Votre session a expiré")


class GenericError(Screen):
    """« Une erreur est survenue, veuillez réessayer plus tard »."""

    name = "generic_error"
    does = "starts over from the home page rather than submit again (at most the retries)"

    mark = Mark("text", "Une erreur est survenue")
    unless = (RateLimited.mark,)  # the wait-out sentence begins with the same words


class LeaveDialog(Screen):
    """« Quitter la page ? » with « Quitter » / « Rester » (inferred): stay."""

    name = "leave_dialog"
    does = "presses « Rester » in it, wherever it shows"

    mark = Mark("dialog", LEAVE)

    def stay(self) -> None:
        self.press(self._stay_button(self.signature()), handled=True)

    def stay_if_shown(self) -> None:
        """When the dialog shows up over a control being acted on (see `answer_over`)."""
        dialog = self.signature().filter(visible=True)
        if dialog.first.is_visible() and reachable(button := self._stay_button(dialog)):
            button.click()

    def stay_now(self) -> None:
        """While a step is on its way: stay, straight to the button."""
        with contextlib.suppress(PlaywrightError):  # gone meanwhile: nothing to answer
            self._stay_button(self.signature()).click(
                force=True, no_wait_after=True, timeout=self.waiter.find_ms
            )

    def aside(self) -> Aside:
        return Aside(self.name, pattern("Quitter", whole=True), (pattern(LEAVE),), self.stay_now)

    def _stay_button(self, dialog: Locator) -> Locator:
        return dialog.first.get_by_role("button", name=pattern("Rester"))


class ConfirmDialog(Screen):
    """A dialog before an irreversible step, « Confirmer » / « Annuler » (inferred)."""

    name = "confirm_dialog"
    does = "presses « Confirmer » once: the final step it confirms"

    # « Confirmer » alone is a button of such a dialog only.
    mark = Mark("button", "Confirmer", whole=True)

    def _dialog(self) -> Locator:
        return self.page.get_by_role("dialog").filter(has=self.signature())

    def confirm_step(self) -> Answer:
        """« Confirmer », answered by the screen beneath: the dialog closing is not yet
        the answer to the step it confirms (a site may close it first, send a moment later)."""
        return self.press(
            self._dialog().first.get_by_role("button", name=pattern("Confirmer", whole=True)),
            screen=True,
        )

    def cancel(self) -> None:
        self.press(self._dialog().first.get_by_role("button", name=pattern("Annuler", whole=True)))


# True when a click at the middle of the element would reach it (down into shadow roots):
# not when something else is over it, such as a modal dialog the site opened above it.
_REACHABLE = """(el) => {
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  let hit = document.elementFromPoint(x, y);
  while (hit && hit.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return !!hit && (hit === el || el.contains(hit));
}"""


def reachable(control: Locator) -> bool:
    """Whether a person could press `control` now. A banner that shows up beneath a modal
    dialog (a confirmation the robot is about to answer) cannot be, and need not be yet:
    the dialog is answered first, the banner after it."""
    try:
        control.first.scroll_into_view_if_needed(timeout=1_000)
        return bool(control.first.evaluate(_REACHABLE, timeout=1_000))
    except PlaywrightError:  # gone meanwhile: nothing to answer
        return False


def answer_over(page: Page, names: Names, waiter: Waiter, leave: bool = True) -> Locator:
    """The consent panel (and, with `leave`, the leave dialog) answered whenever it shows
    up over a control the robot is about to act on; returns the handler's key, for
    `Page.remove_locator_handler`. Playwright asks the page whether a handler's locator is
    visible before every action, one query per handler: one handler, found by text, costs
    ~3 ms an action where one by role per interstitial cost ~9 (~0.1 s a member). The text
    only wakes the handler; what it does is decided by role, and only when a person could
    press it, so words shown elsewhere than in an interstitial, or an interstitial beneath
    a modal dialog, do nothing (hence no wait for the words to go either)."""
    cookies = CookiePanel(page, names, waiter)
    stay = LeaveDialog(page, names, waiter)
    trigger = page.get_by_text(pattern(REFUSE, whole=True))
    if leave:
        trigger = trigger.or_(page.get_by_text(pattern(LEAVE)))

    def answer(_: Locator) -> None:
        cookies.refuse_if_shown()
        if leave:
            stay.stay_if_shown()

    key = trigger.first
    page.add_locator_handler(key, answer, no_wait_after=True)
    return key
