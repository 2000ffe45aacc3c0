"""The legal representative (1.7), the decision (1.8) and the opposition confirmed (1.9)."""

from __future__ import annotations

from playwright.sync_api import Locator

from flows.answer import Answer
from flows.pages.base import Screen
from flows.pages.marks import Mark


class Representative(Screen):
    """1.7: « Représentant légal » (for a minor)."""

    name = "representative"
    does = "ticks « Je certifie être le représentant légal », presses « Continuer »"

    mark = Mark("heading", "Représentant légal")

    def certify(self, full_name: str) -> None:
        certify = f"Je certifie être le représentant légal de {full_name}"
        self.tick(self.choice(certify, literal=True))
        self.press(self.button("Continuer"))


class Decision(Screen):
    """1.8: « Ma décision » (inferred heading): the opposition box and « Continuer »."""

    name = "decision"
    does = (
        "ticks « Je m'oppose », presses « Continuer » once, after the intent is "
        "journaled (confirmed first, if a person watches)"
    )

    mark = Mark("choice", "Je m'oppose à la création")

    def tick_opposition(self) -> None:
        self.tick(self.choice("Je m'oppose à la création"))

    def continue_(self) -> Answer:
        return self.press(self.button("Continuer"))


class Attestation(Screen):
    """1.9, or « Vous vous êtes déjà opposé(e) … le {date} » : both inferred, both with
    « Télécharger l'attestation » (sourced). Which of the two it is, the flow knows: it
    clicked the decision itself, or it did not."""

    name = "attestation"
    does = (
        "downloads the attestation (checked to be a PDF naming the member) and keeps a screenshot"
    )

    mark = Mark("link", "Télécharger l'attestation")

    def attestation_link(self) -> Locator:
        """The link itself: how the file comes after it, flows/attestation.py listens for."""
        return self.link("Télécharger l'attestation")
