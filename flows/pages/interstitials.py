"""What may show up on any screen at any time (screens.md, "Interstitials")."""

from __future__ import annotations

from playwright.sync_api import Locator

from flows.answer import Answer
from flows.pages.base import Screen
from flows.pages.marks import Mark
from flows.pages.text import pattern


class CookiePanel(Screen):
    """Dialog « Données de navigation »: the robot always refuses."""

    name = "cookie_panel"

    mark = Mark("dialog", "Données de navigation")

    def refuse(self) -> None:
        self.press(self._refuse_button(self.signature()), handled=True)

    def refuse_over(self, panel: Locator) -> None:
        """Called by Playwright when the panel shows up over a control being acted on."""
        self._refuse_button(panel).click()

    def _refuse_button(self, panel: Locator) -> Locator:
        return panel.first.get_by_role("button", name=pattern("Tout refuser"))


class Maintenance(Screen):
    """« Service indisponible » or « L'activation d'un profil est indisponible » (v2,
    sourced), « Service momentanément indisponible » (inferred), often HTTP 503."""

    name = "maintenance"

    mark = Mark("heading", "Service indisponible")
    alternatives = (
        Mark("heading", "L'activation d'un profil est indisponible"),
        Mark("heading", "Service momentanément indisponible"),
        Mark("heading", r"\bmaintenance\b", regex=True),
    )


class SessionExpired(Screen):
    """« Votre session a expiré », « Revenir à l'accueil »."""

    name = "session_expired"

    mark = Mark("text", "Votre session a expiré")


class GenericError(Screen):
    """« Une erreur est survenue, veuillez réessayer plus tard »."""

    name = "generic_error"

    mark = Mark("text", "Une erreur est survenue")


class LeaveDialog(Screen):
    """« Quitter la page ? » with « Quitter » / « Rester » (inferred): stay."""

    name = "leave_dialog"

    mark = Mark("dialog", "Quitter la page")

    def stay(self) -> None:
        self.press(self._stay_button(self.signature()), handled=True)

    def stay_over(self, dialog: Locator) -> None:
        """Called by Playwright when the dialog shows up over a control being acted on."""
        self._stay_button(dialog).click()

    def _stay_button(self, dialog: Locator) -> Locator:
        return dialog.first.get_by_role("button", name=pattern("Rester"))


class ConfirmDialog(Screen):
    """A dialog before an irreversible step, « Confirmer » / « Annuler » (inferred)."""

    name = "confirm_dialog"

    # « Confirmer » alone is a button of such a dialog only.
    mark = Mark("button", "Confirmer", whole=True)

    def _dialog(self) -> Locator:
        return self.page.get_by_role("dialog").filter(has=self.signature())

    def confirm(self) -> Answer:
        return self.press(
            self._dialog().first.get_by_role("button", name=pattern("Confirmer", whole=True))
        )

    def cancel(self) -> None:
        self.press(self._dialog().first.get_by_role("button", name=pattern("Annuler", whole=True)))
