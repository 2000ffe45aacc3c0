"""What may show up on any screen at any time (screens.md, "Interstitials")."""

from __future__ import annotations

from playwright.sync_api import Locator

from flows.pages.base import Screen
from flows.pages.text import pattern


class CookiePanel(Screen):
    """Dialog « Données de navigation »: the robot always refuses."""

    name = "cookie_panel"

    def signature(self) -> Locator:
        return self.page.get_by_role("dialog", name=pattern("Données de navigation"))

    def refuse(self) -> None:
        self.signature().get_by_role("button", name=pattern("Tout refuser")).first.click()


class Maintenance(Screen):
    """« Service momentanément indisponible » (inferred), HTTP 503."""

    name = "maintenance"

    def signature(self) -> Locator:
        return self.heading("Service momentanément indisponible")


class SessionExpired(Screen):
    """« Votre session a expiré », « Revenir à l'accueil »."""

    name = "session_expired"

    def signature(self) -> Locator:
        return self.text("Votre session a expiré")


class GenericError(Screen):
    """« Une erreur est survenue, veuillez réessayer plus tard »."""

    name = "generic_error"

    def signature(self) -> Locator:
        return self.text("Une erreur est survenue")


class LeaveDialog(Screen):
    """« Quitter la page ? » with « Quitter » / « Rester » (inferred): stay."""

    name = "leave_dialog"

    def signature(self) -> Locator:
        return self.page.get_by_role("dialog", name=pattern("Quitter la page"))

    def stay(self) -> None:
        self.signature().get_by_role("button", name=pattern("Rester")).first.click()


class ConfirmDialog(Screen):
    """A dialog before an irreversible step, « Confirmer » / « Annuler » (inferred)."""

    name = "confirm_dialog"

    def signature(self) -> Locator:
        confirm = self.page.get_by_role("button", name=pattern("Confirmer", whole=True))
        return self.page.get_by_role("dialog").filter(has=confirm)

    def confirm(self) -> None:
        dialog = self.signature().first
        dialog.get_by_role("button", name=pattern("Confirmer", whole=True)).click()

    def cancel(self) -> None:
        dialog = self.signature().first
        dialog.get_by_role("button", name=pattern("Annuler", whole=True)).click()
