"""The code provisoire (1.5) and the request of a new one (1.6)."""

from __future__ import annotations

from flows.pages.base import Screen
from flows.pages.marks import Mark

CHANNEL_LABELS = {"sms": "Par SMS", "email": "Par e-mail"}


class CodeProvisoire(Screen):
    """1.5: « Mon code provisoire »."""

    name = "code_provisoire"
    messages = {  # noqa: RUF012
        "code_expired": "Votre code provisoire a expiré",
        "code_used": "Votre code provisoire a déjà été utilisé",
        "locked": "Trop de tentatives",
        "code_length": "Le code doit contenir 12 caractères",
        "code_characters": "Cette saisie contient un caractère non autorisé",
        # (inferred) the contract says a wrong code is refused, not in which words.
        "code_wrong": "code provisoire saisi est incorrect",
    }

    mark = Mark("field", "Saisir le code provisoire")

    def submit_code(self, code: str) -> None:
        self.field("Saisir le code provisoire").first.fill(code)
        self.button("Valider").first.click()

    def ask_for_a_new_code(self) -> None:
        self.link("Je n'ai pas de code provisoire").first.click()

    def new_code_was_sent(self) -> bool:
        return self.text("nouveau code provisoire vous a été envoyé").first.is_visible()


class Contact(Screen):
    """1.6: « Mes coordonnées »: where to send a new code."""

    name = "contact"
    messages = {"rate_limited": "Veuillez attendre 30 secondes"}  # noqa: RUF012

    mark = Mark("heading", "Mes coordonnées")

    def available(self, channel: str) -> bool:
        return self.choice(CHANNEL_LABELS[channel]).count() > 0

    def send(self, channel: str) -> None:
        self.tick(self.choice(CHANNEL_LABELS[channel]))
        self.button("Envoyer le code").first.click()
