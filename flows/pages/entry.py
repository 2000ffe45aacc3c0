"""The ways in: the home page (1.0), the activation welcome (1.1) and the entry of flow 3."""

from __future__ import annotations

from flows.pages.base import Screen
from flows.pages.marks import Mark


class Home(Screen):
    """1.0: « Mon espace santé », with « Activer mon espace santé » and « Se connecter »."""

    name = "home"

    mark = Mark("link", "Activer … espace santé")

    def activate(self) -> None:
        self.link("Activer … espace santé").first.click()

    def sign_in(self) -> None:
        self.link("Se connecter").first.click()


class ActivationWelcome(Screen):
    """1.1: « J'active mon profil Mon espace santé »."""

    name = "activation_welcome"

    mark = Mark("heading", "J'active mon profil")

    def start(self) -> None:
        self.button("Commencer").first.click()

    def close_or_oppose(self) -> None:
        self.link("Je peux aussi clôturer ou m'opposer").first.click()


class CloseOrOpposeEntry(Screen):
    """Flow 3's entry: « Clôturer ou m'opposer à Mon espace santé » (inferred heading)."""

    name = "close_or_oppose_entry"

    mark = Mark("heading", "Clôturer ou m'opposer")

    def start(self) -> None:
        self.button("Commencer").first.click()
