"""Closing a profile: whose (2.5), the two consent boxes (2.6), and the confirmation (2.7)."""

from __future__ import annotations

from flows.pages.base import Screen
from flows.pages.marks import Mark

ACKNOWLEDGEMENT = "Je comprends que … clôturé"
DELETION = "Je souhaite que mes données soient supprimées"


class ClosureChoice(Screen):
    """2.5: « Quel profil souhaitez-vous clôturer ? » (inferred), one choice per profile."""

    name = "closure_choice"

    mark = Mark("text", "Quel profil souhaitez-vous clôturer")

    def has(self, full_name: str) -> bool:
        return self.choice(full_name, whole=True).count() > 0

    def choose(self, full_name: str) -> None:
        self.tick(self.choice(full_name, whole=True))
        self.button("Continuer").first.click()


class Closure(Screen):
    """2.6: « Clôture du profil de {Prénom Nom} » (inferred), two consent boxes."""

    name = "closure"

    mark = Mark("choice", DELETION)

    def names_someone_else(self, full_name: str) -> bool:
        """The heading names a profile, and not this one (the heading is inferred: when
        it names nobody, the screen is taken to be for the profile chosen)."""
        named = self.heading("Clôture du profil de").count() > 0
        return named and self.heading(f"Clôture du profil de {full_name}").count() == 0

    def tick_boxes(self, delete_data: bool) -> None:
        self.tick(self.choice(ACKNOWLEDGEMENT))
        if delete_data:
            self.tick(self.choice(DELETION))

    def close(self) -> None:
        self.button("Clôturer mon profil").first.click()


class ClosureConfirmed(Screen):
    """2.7: « Votre profil a été clôturé » (inferred)."""

    name = "closure_confirmed"

    mark = Mark("heading", "profil a été clôturé")
