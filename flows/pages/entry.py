"""The ways in: the home page (1.0), the activation welcome (1.1) and the entry of flow 3."""

from __future__ import annotations

from flows.pages.base import Screen
from flows.pages.marks import Mark


class Home(Screen):
    """1.0: « Mon espace santé », with « Activer mon espace santé » and « Se connecter »."""

    name = "home"
    does = "follows « Activer mon espace santé » (flows 1 and 3) or « Se connecter » (flow 2)"

    ACTIVATE = Mark("link", "Activer … espace santé")
    SIGN_IN = Mark("link", "Se connecter")
    mark = ACTIVATE
    relies_on = (ACTIVATE, SIGN_IN)

    def activate(self) -> None:
        self.press(self.locate(self.ACTIVATE))

    def sign_in(self) -> None:
        self.press(self.locate(self.SIGN_IN))


class ActivationWelcome(Screen):
    """1.1: « J'active mon profil Mon espace santé »; v2 may offer FranceConnect+ first
    (« J'active mon profil avec FranceConnect+ »), never taken: it needs the person's own
    digital identity."""

    name = "activation_welcome"
    does = "presses « Commencer » (flow 1), or follows « clôturer ou m'opposer » (flow 3)"

    START = Mark("button", "Commencer", whole=True)
    # v2: only « clôturer ou m'opposer » is the link, inside the sentence.
    CLOSE_OR_OPPOSE = Mark("link", "clôturer ou m'opposer")
    mark = Mark("heading", "J'active mon profil")
    relies_on = (START, CLOSE_OR_OPPOSE)

    def start(self) -> None:
        self.press(self.locate(self.START))

    def close_or_oppose(self) -> None:
        self.press(self.locate(self.CLOSE_OR_OPPOSE))


class CloseOrOpposeEntry(Screen):
    """Flow 3's entry: « Clôturer ou m'opposer à Mon espace santé » (inferred heading), and
    « Commencer ». The heading being inferred, « Commencer » on a page that is not 1.1
    tells it apart as well."""

    name = "close_or_oppose_entry"
    does = "presses « Commencer »"

    mark = Mark("heading", "Clôturer ou m'opposer")
    alternatives = (ActivationWelcome.START,)
    unless = (ActivationWelcome.mark,)
    relies_on = (ActivationWelcome.START,)

    def start(self) -> None:
        self.press(self.locate(ActivationWelcome.START))
