"""Closing a profile: whose (2.5), the form with its consent boxes (2.6), and v2's
deletion as a step of its own in flow 3."""

from __future__ import annotations

from flows.answer import Answer
from flows.pages.base import Screen
from flows.pages.marks import Mark
from flows.pages.shared import CLOSE, DELETION, PASSWORD

# The deletion step's own button is not in the contract: the likely words, in order.
DELETION_STEP_BUTTONS = ("Valider", "Continuer", "Confirmer", "Enregistrer", "Terminer")


class ClosureChoice(Screen):
    """2.5: heading « Clôture du profil », « Quel profil souhaitez-vous clôturer ? »
    (inferred), one choice per profile."""

    name = "closure_choice"
    does = "ticks the member's name, presses « Continuer »"

    mark = Mark("text", "Quel profil souhaitez-vous clôturer")
    alternatives = (Mark("heading", "Clôture du profil", whole=True),)
    unless = (CLOSE, Mark("link", "Clôture du profil", whole=True))

    def has(self, full_name: str) -> bool:
        return self.shows(Mark("choice", full_name, whole=True, literal=True))

    def choose(self, full_name: str) -> None:
        self.tick(self.choice(full_name, whole=True, literal=True))
        self.press(self.button("Continuer"))


class Closure(Screen):
    """2.6: « Clôture du profil de {Prénom Nom} » (weakly sourced): one or two consent
    boxes, perhaps the password again (v2), and « Clôturer mon profil »."""

    name = "closure"
    does = (
        "ticks the acknowledgements (and the deletion box if wanted), types the "
        "password again if asked; presses « Clôturer mon profil » once, after the "
        "intent is journaled"
    )

    mark = CLOSE

    def names_someone_else(self, full_name: str) -> bool:
        """The heading names a profile, and not this one (the heading is inferred: when
        it names nobody, the screen is taken to be for the profile chosen)."""
        named = self.shows(Mark("heading", "Clôture du profil de"))
        return named and not self.shows(
            Mark("heading", f"Clôture du profil de {full_name}", literal=True)
        )

    def asks_for_password(self) -> bool:
        return self.shows(PASSWORD)

    def fill(self, delete_data: bool, password: str | None) -> None:
        """Every acknowledgement box (its wording is inferred: any box that is not the
        deletion one), the deletion box only when deletion is wanted, the password if asked."""
        wanted = DELETION.pattern()
        for box in self.choices():
            if box.role == "checkbox" and not box.checked and not wanted.search(box.name):
                self.tick(self.page.get_by_role("checkbox", name=box.name, exact=True))
        if delete_data and self.shows(DELETION):
            self.tick(self.locate(DELETION))
        if password is not None and self.asks_for_password():
            self.locate(PASSWORD).first.fill(password)

    def close(self) -> Answer:
        return self.press(self.locate(CLOSE))


class DeletionStep(Screen):
    """v2, flow 3: after the closure, whether the data are deleted now, with its own button."""

    name = "deletion_step"
    does = "ticks the deletion box if wanted, presses the step's button"

    mark = DELETION
    unless = (CLOSE,)

    def answer(self, delete_data: bool) -> None:
        if delete_data:
            self.tick(self.locate(DELETION))
        for label in DELETION_STEP_BUTTONS:
            if self.shows(Mark("button", label, whole=True)):
                self.press(self.button(label, whole=True))
                return
        raise LookupError("no button on the deletion step")
