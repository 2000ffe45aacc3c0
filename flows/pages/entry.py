"""The ways in: the home page (1.0), the activation welcome (1.1) and the entry of flow 3."""

from __future__ import annotations

from flows.pages.base import Screen
from flows.pages.marks import Mark


class Home(Screen):
    """1.0: « Mon espace santé », with « Activer mon espace santé » and « Se connecter »."""

    name = "home"

    mark = Mark("link", "Activer … espace santé")

    def activate(self) -> None:
        self.press(self.link("Activer … espace santé"))

    def sign_in(self) -> None:
        self.press(self.link("Se connecter"))


class ActivationWelcome(Screen):
    """1.1: « J'active mon profil Mon espace santé »; v2 may offer FranceConnect+ first
    (« J'active mon profil avec FranceConnect+ »), never taken: it needs the person's own
    digital identity."""

    name = "activation_welcome"

    mark = Mark("heading", "J'active mon profil")

    def start(self) -> None:
        self.press(self.button("Commencer", whole=True))

    def close_or_oppose(self) -> None:
        # v2: only « clôturer ou m'opposer » is the link, inside the sentence.
        self.press(self.link("clôturer ou m'opposer"))


class CloseOrOpposeEntry(Screen):
    """Flow 3's entry: « Clôturer ou m'opposer à Mon espace santé » (inferred heading), and
    « Commencer ». The heading being inferred, « Commencer » on a page that is not 1.1
    tells it apart as well."""

    name = "close_or_oppose_entry"

    mark = Mark("heading", "Clôturer ou m'opposer")
    alternatives = (Mark("button", "Commencer", whole=True),)
    unless = (Mark("heading", "J'active mon profil"),)

    def start(self) -> None:
        self.press(self.button("Commencer", whole=True))
