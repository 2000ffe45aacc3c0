"""Flow 2's way to the settings: sign in (2.1), the single-use code (2.2), the signed-in
home and its menu (2.3), and « Paramètres » (2.4)."""

from __future__ import annotations

from flows.pages.base import Screen
from flows.pages.marks import Mark
from flows.pages.text import pattern


class SignIn(Screen):
    """2.1: « Connexion »."""

    name = "sign_in"
    messages = {  # noqa: RUF012
        "wrong_password": "Identifiant ou mot de passe incorrect",
        "locked": "bloqué",
    }

    mark = Mark("field", "Mot de passe")

    def sign_in(self, login: str, password: str) -> None:
        self.field("Identifiant").first.fill(login)
        self.field("Mot de passe").first.fill(password)
        self.button("Se connecter").first.click()


class SecondFactor(Screen):
    """2.2: « Code de sécurité » (inferred): the 6-digit single-use code."""

    name = "second_factor"
    messages = {  # noqa: RUF012
        "locked": "bloqué",
        "rate_limited": "Veuillez attendre 30 secondes",
        # (inferred) the contract says a wrong or expired code is refused, not in which words.
        "login_code_expired": "a expiré",
        "login_code_wrong": "incorrect",
    }

    mark = Mark("field", "Code à usage unique")

    def submit_code(self, code: str) -> None:
        self.field("Code à usage unique").first.fill(code)
        self.button("Valider").first.click()

    def resend(self) -> None:
        self.button("Renvoyer le code").first.click()


class SignedInHome(Screen):
    """2.3: a button with the account holder's name opens a menu with « Paramètres »."""

    name = "signed_in_home"

    def current_mark(self) -> Mark:
        return Mark("button", self.names.account_name, whole=True)

    def open_settings(self) -> None:
        self.signature().first.click()
        name = pattern("Paramètres")
        item = self.page.get_by_role("menuitem", name=name).or_(self.link("Paramètres"))
        item.first.click()


class Settings(Screen):
    """2.4: « Paramètres », with a section « Clôture du profil »."""

    name = "settings"

    mark = Mark("heading", "Paramètres", whole=True)

    def open_closure(self) -> None:
        self.link("Clôture du profil").first.click()
