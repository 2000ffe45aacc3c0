"""Flow 2's way to the closure: sign in (2.1), the single-use code (2.2), the signed-in
home and its menu (2.3), « Paramètres » (2.4) or, v2, « Gérer le profil » (2.4b)."""

from __future__ import annotations

from playwright.sync_api import Locator

from flows.pages.base import Screen
from flows.pages.marks import Mark
from flows.pages.shared import CLOSE, PASSWORD
from flows.pages.text import pattern

MANAGE = "Gérer le profil"
# Finds, for each « Gérer le profil » control, the text of the smallest block around it
# that holds no other such control: the profile it belongs to.
_OWNER_TEXT = """(controls) => controls.map((control) => {
  let block = control;
  while (block.parentElement
         && controls.filter((c) => block.parentElement.contains(c)).length === 1) {
    block = block.parentElement;
  }
  return block.innerText || '';
})"""


class SignIn(Screen):
    """2.1: « Connexion »."""

    name = "sign_in"
    messages = {  # noqa: RUF012
        "wrong_password": "Identifiant ou mot de passe incorrect",
        "locked": "bloqué",
    }

    does = "types the login and the password (a secret), presses « Se connecter »"

    LOGIN = Mark("field", "Identifiant")
    SIGN_IN = Mark("button", "Se connecter")
    mark = PASSWORD
    unless = (CLOSE,)  # v2's closure form asks for the password again
    relies_on = (LOGIN, PASSWORD, SIGN_IN)

    def sign_in(self, login: str, password: str) -> None:
        self.locate(self.LOGIN).first.fill(login)
        self.locate(PASSWORD).first.fill(password)
        self.press(self.locate(self.SIGN_IN))


class SecondFactor(Screen):
    """2.2: « Code de sécurité » (inferred): the 6-digit single-use code."""

    name = "second_factor"
    does = (
        "types the single-use code from the code reader (a secret), presses « Valider "
        "»; asks for a new one once if it expired"
    )
    messages = {  # noqa: RUF012
        "locked": "bloqué",
        # (inferred) the contract says a wrong or expired code is refused, not in which words.
        "login_code_expired": "a expiré",
        "login_code_wrong": "incorrect",
        # sourced
        "login_code_invalid": "Saisir un code valide",
        "login_code_refused": "Vérifier le code à usage unique et réessayer",
    }

    mark = Mark("field", "Code à usage unique")

    def submit_code(self, code: str) -> None:
        self.field("Code à usage unique").first.fill(code)
        self.press(self.button("Valider"))

    def resend(self) -> None:
        self.press(self.button("Renvoyer le code"))


class SignedInHome(Screen):
    """2.3: a button with the account holder's name opens a menu with « Paramètres » or,
    in the newer layout, the account's profiles each with « Gérer le profil »."""

    name = "signed_in_home"
    does = "opens the account menu and « Paramètres », or the member's « Gérer le profil »"

    def current_marks(self) -> tuple[Mark, ...]:
        return (Mark("button", self.names.account_holder, whole=True, literal=True),)

    def open_closure_way(self, member_name: str, timeout_ms: float) -> bool:
        """Open the menu and follow the way to the member's closure; False when the menu
        offers neither « Paramètres » nor the member's « Gérer le profil »."""
        self.signature().first.click()
        settings = self.menu_item("Paramètres")
        manage = self.menu_item(MANAGE)
        try:
            settings.or_(manage).first.wait_for(state="visible", timeout=timeout_ms)
        except Exception:
            return False
        mine = self._manage_for(manage, member_name)
        if mine is not None:
            self.press(mine)
            return True
        if settings.count() > 0:
            self.press(settings)
            return True
        return False

    def menu_item(self, label: str) -> Locator:
        name = pattern(label)
        return (
            self.page.get_by_role("menuitem", name=name).or_(self.link(label)).filter(visible=True)
        )

    def _manage_for(self, manage: Locator, member_name: str) -> Locator | None:
        controls = manage.all()
        if not controls:
            return None
        owners: list[str] = manage.evaluate_all(_OWNER_TEXT)
        wanted = pattern(member_name, literal=True)
        for control, owner in zip(controls, owners, strict=False):
            if wanted.search(owner):
                return control
        return None


class SettingsPage(Screen):
    """2.4: « Paramètres », with a section « Clôture du profil »; v2's « Gérer le profil »
    page of one profile is acted on the same way."""

    name = "settings"
    does = "follows « Clôture du profil »"

    mark = Mark("heading", "Paramètres", whole=True)
    alternatives = (Mark("link", "Clôture du profil", whole=True),)

    def open_closure(self) -> None:
        self.press(self.link("Clôture du profil").filter(visible=True))
