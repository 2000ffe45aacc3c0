"""Closing a profile: whose (2.5), the form with its consent boxes (2.6), and v2's
deletion as a step of its own in flow 3."""

from __future__ import annotations

from flows.answer import Answer
from flows.pages.base import Screen
from flows.pages.marks import Mark

DELETION = "Je souhaite que mes données soient supprimées"
CLOSE = "Clôturer mon profil"
# The deletion step's own button is not in the contract: the likely words, in order.
DELETION_STEP_BUTTONS = ("Valider", "Continuer", "Confirmer", "Enregistrer", "Terminer")


class ClosureChoice(Screen):
    """2.5: heading « Clôture du profil », « Quel profil souhaitez-vous clôturer ? »
    (inferred), one choice per profile."""

    name = "closure_choice"

    mark = Mark("text", "Quel profil souhaitez-vous clôturer")
    alternatives = (Mark("heading", "Clôture du profil", whole=True),)
    unless = (Mark("button", CLOSE), Mark("link", "Clôture du profil", whole=True))

    def has(self, full_name: str) -> bool:
        return self.shows(Mark("choice", full_name, whole=True))

    def choose(self, full_name: str) -> None:
        self.tick(self.choice(full_name, whole=True))
        self.press(self.button("Continuer"))


class Closure(Screen):
    """2.6: « Clôture du profil de {Prénom Nom} » (weakly sourced): one or two consent
    boxes, perhaps the password again (v2), and « Clôturer mon profil »."""

    name = "closure"

    mark = Mark("button", CLOSE)

    def names_someone_else(self, full_name: str) -> bool:
        """The heading names a profile, and not this one (the heading is inferred: when
        it names nobody, the screen is taken to be for the profile chosen)."""
        named = self.shows(Mark("heading", "Clôture du profil de"))
        return named and not self.shows(Mark("heading", f"Clôture du profil de {full_name}"))

    def asks_for_password(self) -> bool:
        return self.shows(Mark("field", "Mot de passe"))

    def fill(self, delete_data: bool, password: str | None) -> None:
        """Every acknowledgement box (its wording is inferred: any box that is not the
        deletion one), the deletion box only when deletion is wanted, the password if asked."""
        deletion = Mark("choice", DELETION)
        wanted = deletion.pattern()
        for box in self.choices():
            if box.role == "checkbox" and not box.checked and not wanted.search(box.name):
                self.tick(self.page.get_by_role("checkbox", name=box.name, exact=True))
        if delete_data and self.shows(deletion):
            self.tick(self.choice(DELETION))
        if password is not None and self.asks_for_password():
            self.field("Mot de passe").first.fill(password)

    def close(self) -> Answer:
        return self.press(self.button(CLOSE))


class DeletionStep(Screen):
    """v2, flow 3: after the closure, whether the data are deleted now, with its own button."""

    name = "deletion_step"

    mark = Mark("choice", DELETION)
    unless = (Mark("button", CLOSE),)

    def answer(self, delete_data: bool) -> None:
        if delete_data:
            self.tick(self.choice(DELETION))
        for label in DELETION_STEP_BUTTONS:
            if self.shows(Mark("button", label, whole=True)):
                self.press(self.button(label, whole=True))
                return
        raise LookupError("no button on the deletion step")
