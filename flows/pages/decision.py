"""The legal representative (1.7), the decision (1.8) and the opposition confirmed (1.9)."""

from __future__ import annotations

from playwright.sync_api import Download

from flows.pages.base import Screen
from flows.pages.marks import Mark


class Representative(Screen):
    """1.7: « Représentant légal » (for a minor)."""

    name = "representative"

    mark = Mark("heading", "Représentant légal")

    def certify(self, full_name: str) -> None:
        self.tick(self.choice(f"Je certifie être le représentant légal de {full_name}"))
        self.button("Continuer").first.click()


class Decision(Screen):
    """1.8: « Ma décision » (inferred heading): the opposition box and « Continuer »."""

    name = "decision"

    mark = Mark("choice", "Je m'oppose à la création")

    def tick_opposition(self) -> None:
        self.tick(self.choice("Je m'oppose à la création"))

    def continue_(self) -> None:
        self.button("Continuer").first.click()


class OppositionConfirmed(Screen):
    """1.9: « Votre opposition a bien été prise en compte » (inferred), with the proof."""

    name = "opposition_confirmed"

    mark = Mark("heading", "opposition a bien été prise en compte")

    def download_attestation(self, timeout_ms: float) -> Download:
        return self.download("Télécharger l'attestation", timeout_ms)
