"""The ways in: the home page (1.0), the activation welcome (1.1) and the entry of flow 3."""

from __future__ import annotations

from playwright.sync_api import Locator

from flows.pages.base import Screen


class Home(Screen):
    """1.0: « Mon espace santé », with « Activer mon espace santé » and « Se connecter »."""

    name = "home"

    def signature(self) -> Locator:
        return self.link("Activer … espace santé")

    def activate(self) -> None:
        self.link("Activer … espace santé").first.click()

    def sign_in(self) -> None:
        self.link("Se connecter").first.click()


class ActivationWelcome(Screen):
    """1.1: « J'active mon profil Mon espace santé »."""

    name = "activation_welcome"

    def signature(self) -> Locator:
        return self.heading("J'active mon profil")

    def start(self) -> None:
        self.button("Commencer").first.click()

    def close_or_oppose(self) -> None:
        self.link("Je peux aussi clôturer ou m'opposer").first.click()


class CloseOrOpposeEntry(Screen):
    """Flow 3's entry: « Clôturer ou m'opposer à Mon espace santé » (inferred heading)."""

    name = "close_or_oppose_entry"

    def signature(self) -> Locator:
        return self.heading("Clôturer ou m'opposer")

    def start(self) -> None:
        self.button("Commencer").first.click()
