"""The identity screens: card model (1.2), identity (1.3) and the twins' choice (1.4)."""

from __future__ import annotations

from flows.pages.base import Screen
from flows.pages.marks import Mark

CARD_MODEL_LABELS = {
    "avec_photo": "Carte Vitale avec photo",
    "sans_photo": "Carte Vitale sans photo",
}


class CardModel(Screen):
    """1.2: « Je renseigne le modèle de ma carte Vitale. »"""

    name = "card_model"
    does = "ticks the member's card model, presses « Suivant »"
    messages = {"card_model_empty": "Sélectionner un modèle de carte Vitale"}  # noqa: RUF012

    MODELS = {model: Mark("choice", label) for model, label in CARD_MODEL_LABELS.items()}  # noqa: RUF012
    NEXT = Mark("button", "Suivant")
    mark = MODELS["avec_photo"]
    relies_on = (*MODELS.values(), NEXT)

    def choose(self, card_model: str) -> None:
        self.tick(self.locate(self.MODELS[card_model]))
        self.press(self.locate(self.NEXT))


class Identity(Screen):
    """1.3: date of birth, NIR and card serial."""

    name = "identity"
    messages = {  # noqa: RUF012
        "identity_not_found": "Nous n'avons pas réussi à vous identifier",
        "nir_empty": "Saisir le numéro de sécurité sociale",
        "nir_length": "Le numéro de sécurité sociale doit contenir 15 caractères",
        "nir_format": "Format invalide, vérifier le format du numéro de sécurité sociale",
        "birth_date_empty": "Saisir la date de naissance",
        "serial_empty": "Saisir le numéro de série",
        "serial_digits": "Saisir uniquement des chiffres",
        "serial_format": "Format invalide, le numéro de série doit contenir",
        "card_model_empty": "Sélectionner un modèle de carte Vitale",
    }

    does = "types the birth date, the NIR and the card's serial (secrets), presses « Valider »"

    BIRTH_DATE = Mark("field", "Date de naissance")
    NIR = Mark("field", "numéro de sécurité sociale")
    SERIAL = Mark("field", "numéro de série")
    VALIDATE = Mark("button", "Valider")
    mark = NIR
    relies_on = (BIRTH_DATE, NIR, SERIAL, VALIDATE)

    def fill(self, birth_date: str, nir: str, serial: str) -> None:
        """`birth_date` as aaaa-mm-jj; NIR and serial as the person would type them."""
        year, month, day = birth_date.split("-")
        self.fill_date(self.locate(self.BIRTH_DATE), day, month, year)
        self.locate(self.NIR).first.fill(nir)
        self.locate(self.SERIAL).first.fill(serial)

    def submit(self) -> None:
        self.press(self.locate(self.VALIDATE))


class TwinsChoice(Screen):
    """1.4: « Je choisis pour qui j'active le profil » (when the identity fits several)."""

    name = "twins_choice"
    does = "ticks the member's first name, presses « Suivant »"

    mark = Mark("heading", "Je choisis pour qui")

    def has(self, first_name: str) -> bool:
        return self.shows(Mark("choice", first_name, whole=True, literal=True))

    def choose(self, first_name: str) -> None:
        self.tick(self.choice(first_name, whole=True, literal=True))
        self.press(self.locate(CardModel.NEXT))
