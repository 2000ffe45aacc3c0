"""The code provisoire (1.5) and the request of a new one (1.6)."""

from __future__ import annotations

from flows.pages.base import Screen
from flows.pages.marks import Mark

CHANNEL_LABELS = {"sms": "Par SMS", "email": "Par e-mail"}


class CodeProvisoire(Screen):
    """1.5: « Mon code provisoire »."""

    name = "code_provisoire"
    does = (
        "types the member's code provisoire (a secret), or follows « Je n'ai pas de "
        "code provisoire » to ask for one"
    )
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
        self.press(self.button("Valider"))

    def ask_for_a_new_code(self) -> None:
        self.press(self.link("Je n'ai pas de code provisoire"))


class Contact(Screen):
    """1.6: « Mes coordonnées »: where to send a new code."""

    name = "contact"
    does = (
        "chooses the member's channel (SMS or e-mail), presses « Envoyer le code », "
        "then reads the code"
    )
    # « Veuillez attendre N secondes » is waited out by the flow, whatever the screen.

    mark = Mark("heading", "Mes coordonnées")

    def available(self, channel: str) -> bool:
        return self.shows(Mark("choice", CHANNEL_LABELS[channel]))

    def send(self, channel: str) -> None:
        self.tick(self.choice(CHANNEL_LABELS[channel]))
        self.press(self.button("Envoyer le code"))


class NoContactDetails(Screen):
    """1.6b (v2): « Nous avons besoin de vos coordonnées »: the caisse holds no phone and
    no e-mail, so no code can be sent. A person must act (the letter's code, or 3422)."""

    name = "no_contact_details"
    does = "stops: needs a person (the site has no way to send a code)"

    mark = Mark("text", "Nous avons besoin de vos coordonnées")


class CodeExpiredPage(Screen):
    """v2: « Votre code provisoire a expiré » as a page of its own, with « Vérifier mon
    identité » (a code that was sent) or « Revenir à l'accueil » (the letter's code)."""

    name = "code_expired_page"
    does = "forgets the code, goes on to ask for a new one (at most twice)"

    mark = Mark("text", "Votre code provisoire a expiré")
    unless = (Mark("field", "Saisir le code provisoire"),)

    def go_on(self) -> None:
        verify = Mark("button", "Vérifier mon identité")
        label = verify.label if self.shows(verify) else "Revenir à l'accueil"
        self.press(self.button(label))


class CodeUsedPage(Screen):
    """v2: « Votre code provisoire a déjà été utilisé » as a page of its own."""

    name = "code_used_page"
    does = "forgets the code, starts over to ask for a new one (at most twice)"

    mark = Mark("text", "Votre code provisoire a déjà été utilisé")
    unless = (Mark("field", "Saisir le code provisoire"),)
