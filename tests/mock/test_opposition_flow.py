"""Flow 1 of the contract through an HTTP client: every screen, message and transition,
with the mock's state checked through the control API afterwards."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests.support.control import MockControl
from tests.support.pages import Page, SiteClient
from tests.support.seed import code, identity


def identify(visitor: SiteClient, person_id: str, mode: str = "activation") -> Page:
    return visitor.identify(mode=mode, **identity(person_id))


def oppose(visitor: SiteClient) -> Page:
    return visitor.post("/parcours/decision", action="oppose", oppose="yes")


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_home_offers_activation_and_sign_in(visitor: SiteClient) -> None:
    page = visitor.get("/")
    assert page.heading == "Mon espace santé"
    assert "Activer mon espace santé" in page.links()
    assert "Se connecter" in page.links()


def test_activation_welcome_says_what_is_needed(visitor: SiteClient) -> None:
    page = visitor.get("/activer")
    assert page.heading == "J'active mon profil Mon espace santé"
    assert "numéro de sécurité sociale" in page.main_text
    assert "numéro de série de votre carte Vitale" in page.main_text
    assert "Commencer" in page.buttons()
    assert "Je peux aussi clôturer ou m'opposer à Mon espace santé" in page.links()


def test_card_model_screen_needs_a_choice(visitor: SiteClient) -> None:
    page = visitor.start()
    assert page.heading == "Mon identité"
    assert "Je renseigne le modèle de ma carte Vitale." in page.main_text
    assert {"Carte Vitale sans photo", "Carte Vitale avec photo"} <= set(page.labels())
    assert "Suivant" in page.buttons()
    page = visitor.post("/parcours/carte")
    assert page.heading == "Mon identité"
    assert "Sélectionner un modèle de carte Vitale" in page.alerts()  # the contract's words


def test_identity_screen_has_the_three_fields(visitor: SiteClient) -> None:
    visitor.start()
    page = visitor.post("/parcours/carte", card_model="avec_photo")
    assert page.heading == "Mon identité"
    assert {"Date de naissance", "Mon numéro de sécurité sociale", "Mon numéro de série"} <= set(
        page.labels()
    )
    assert "Valider" in page.buttons()
    assert "8025000002" in page.main_text  # the printed prefix the person does not type


GOOD = {"birth_date": "12/03/1984", "nir": "284037511200446", "serial": "12345678901"}


@pytest.mark.parametrize(
    ("model", "field", "typed", "message"),
    [
        ("avec_photo", "nir", "", "Saisir le numéro de sécurité sociale"),
        ("avec_photo", "nir", "2840375112004", "Le numéro de sécurité sociale doit contenir 15 caractères"),
        ("avec_photo", "nir", "284037511200447", "Format invalide, vérifier le format du numéro de sécurité sociale"),
        ("avec_photo", "nir", "2 84 13 75 112 004 46", "Format invalide, vérifier le format du numéro de sécurité sociale"),
        ("avec_photo", "birth_date", "", "Saisir la date de naissance"),
        ("avec_photo", "birth_date", "31/02/1984", "Format invalide, saisir la date de naissance au format jj/mm/aaaa"),
        ("avec_photo", "birth_date", "01/01/2099", "La date de naissance ne peut pas être dans le futur"),
        ("avec_photo", "serial", "", "Saisir le numéro de série"),
        ("avec_photo", "serial", "1234567890A", "Saisir uniquement des chiffres"),
        ("avec_photo", "serial", "1234567890", "Format invalide, le numéro de série doit contenir 11 chiffres"),
        ("sans_photo", "serial", "1234567", "Format invalide, le numéro de série doit contenir entre 8 et 13 chiffres"),
    ],
)  # fmt: skip
def test_identity_validation_messages(
    visitor: SiteClient, mock: MockControl, model: str, field: str, typed: str, message: str
) -> None:
    page = visitor.identify(card_model=model, **{**GOOD, field: typed})
    assert page.heading == "Mon identité"
    assert page.field_error(field) == message
    assert mock.person("alice")["state"] == "invited"


def test_identity_screen_never_echoes_the_nir_or_serial(visitor: SiteClient) -> None:
    page = visitor.identify(card_model="avec_photo", **{**GOOD, "birth_date": ""})
    assert GOOD["nir"] not in page.response.text
    assert GOOD["serial"] not in page.response.text


def test_unknown_identity_is_refused(visitor: SiteClient) -> None:
    page = visitor.identify(card_model="avec_photo", **{**GOOD, "birth_date": "13/03/1984"})
    assert (
        "Nous n'avons pas réussi à vous identifier. Veuillez vérifier votre saisie."
        in page.alerts()
    )


def test_opposition_with_a_code_provisoire(visitor: SiteClient, mock: MockControl) -> None:
    page = identify(visitor, "alice")
    assert page.heading == "Mon code provisoire"
    assert "Saisir le code provisoire à 12 caractères" in page.labels()
    assert "Je n'ai pas de code provisoire" in page.links()
    page = visitor.post("/parcours/code", code=code("alice"))
    assert page.heading == "Ma décision"
    assert "Je m'oppose à la création de Mon espace santé" in page.labels()
    assert (
        "J'accepte les Conditions Générales d'Utilisation et la Politique de protection des "
        "données personnelles." in page.labels()
    )
    assert {"Continuer", "Activer mon profil"} <= set(page.buttons())
    page = oppose(visitor)
    assert page.heading == "Votre opposition a bien été prise en compte"
    today = mock.clock()["today"]
    day = "/".join(reversed(today.split("-")))
    assert f"Date de l'opposition : {day}" in page.main_text
    assert "Télécharger l'attestation" in page.links()

    alice = mock.person("alice")
    assert alice["state"] == "opposed"
    assert alice["opposed_on"] == today
    assert alice["submissions"]["opposition"] == 1

    pdf = visitor.http.get("/parcours/attestation")
    assert pdf.headers["content-type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "Alice Martin" in text
    assert day in text
    assert alice["opposition_ref"] in text
    assert "284037511200446" not in re.sub(r"\s", "", text)


def test_decision_needs_the_box_ticked(visitor: SiteClient, mock: MockControl) -> None:
    identify(visitor, "alice")
    visitor.post("/parcours/code", code=code("alice"))
    page = visitor.post("/parcours/decision", action="oppose")
    assert page.heading == "Ma décision"
    assert "Cochez la case pour indiquer votre choix." in page.alerts()
    assert mock.person("alice")["state"] == "invited"


def test_activating_instead_creates_the_profile(visitor: SiteClient, mock: MockControl) -> None:
    identify(visitor, "alice")
    visitor.post("/parcours/code", code=code("alice"))
    page = visitor.post("/parcours/decision", action="activate", accept="yes")
    assert page.heading == "Votre profil est activé"
    assert mock.person("alice")["state"] == "active"


def test_a_minor_needs_the_legal_representative(visitor: SiteClient, mock: MockControl) -> None:
    page = identify(visitor, "chloe")
    assert page.heading == "Mon code provisoire"
    page = visitor.post("/parcours/code", code=code("chloe"))
    assert page.heading == "Représentant légal"
    assert "Je certifie être le représentant légal de Chloé Martin." in page.labels()
    assert "Je ne suis pas le représentant légal de Chloé Martin." in page.labels()
    assert "Continuer" in page.buttons()
    page = visitor.post("/parcours/representant", representative="yes")
    assert page.heading == "Ma décision"
    oppose(visitor)
    assert mock.person("chloe")["state"] == "opposed"
    assert mock.person("alice")["state"] == "invited"


def test_not_the_legal_representative(visitor: SiteClient, mock: MockControl) -> None:
    identify(visitor, "chloe")
    visitor.post("/parcours/code", code=code("chloe"))
    page = visitor.post("/parcours/representant", representative="no")
    assert "Je ne peux pas accéder au profil de Chloé Martin" in page.alerts()
    assert mock.person("chloe")["state"] == "invited"


def test_a_guardian_the_site_no_longer_recognises(visitor: SiteClient, mock: MockControl) -> None:
    mock.add_person(id="zoe", first_name="Zoé", last_name="Martin", birth_date="2017-01-05",
                    guardian="alice", invited_on="2026-11-10", code="Zoe4Martin56",
                    legal_representative=False)  # fmt: skip
    visitor.identify(card_model="avec_photo", birth_date="05/01/2017", nir=GOOD["nir"],
                     serial=GOOD["serial"])  # fmt: skip
    visitor.post("/parcours/code", code="Zoe4Martin56")
    page = visitor.post("/parcours/representant", representative="yes")
    assert "Je ne peux pas accéder au profil de Zoé Martin" in page.alerts()
    assert mock.person("zoe")["state"] == "invited"


def test_twins_choose_by_first_name(visitor: SiteClient, mock: MockControl) -> None:
    page = identify(visitor, "hugo")
    assert page.heading == "Je choisis pour qui j'active le profil"
    assert {"Léa", "Hugo"} <= set(page.labels())
    assert "Suivant" in page.buttons()
    index = page.labels().index("Hugo") + 1
    page = visitor.post("/parcours/choix", person=str(index))
    assert page.heading == "Mon code provisoire"
    visitor.post("/parcours/code", code=code("hugo"))
    visitor.post("/parcours/representant", representative="yes")
    oppose(visitor)
    assert mock.person("hugo")["state"] == "opposed"
    assert mock.person("lea")["state"] == "invited"


def test_already_opposed(visitor: SiteClient, mock: MockControl) -> None:
    page = identify(visitor, "denise")
    expected = "Vous vous êtes déjà opposé(e) à la création de Mon espace santé le 15/10/2026."
    assert expected in page.alerts()
    assert "Télécharger l'attestation" in page.links()
    pdf = visitor.http.get("/parcours/attestation")
    assert "Denise Roux" in pdf_text(pdf.content)
    assert mock.person("denise")["submissions"]["opposition"] == 0


def test_a_profile_created_automatically_cannot_be_opposed(
    visitor: SiteClient, mock: MockControl
) -> None:
    page = identify(visitor, "gaelle")
    assert "Un profil a déjà été créé pour cette personne." in page.alerts()
    gaelle = mock.person("gaelle")
    assert gaelle["state"] == "active"
    assert gaelle["auto_created"] is True


def test_closed_profile(visitor: SiteClient) -> None:
    page = identify(visitor, "ines")
    assert "Ce profil a été clôturé le 01/10/2026." in page.alerts()


def test_deceased_person_is_not_activatable(visitor: SiteClient) -> None:
    page = identify(visitor, "henri")
    assert "Ce profil ne peut pas être activé" in page.alerts()
    assert "3422" in page.main_text


def test_six_weeks_after_the_invitation_the_profile_exists(mock: MockControl) -> None:
    # Alice was invited on 2026-11-02: her profile is created on 2026-12-14.
    mock.clock(today="2026-12-13")
    assert mock.person("alice")["state"] == "invited"
    mock.clock(today="2026-12-14")
    alice = mock.person("alice")
    assert alice["state"] == "active"
    assert alice["auto_created"] is True
    assert alice["activated_on"] == "2026-12-14"


def test_the_deadline_passing_during_the_decision(visitor: SiteClient, mock: MockControl) -> None:
    mock.clock(now="2026-12-13T23:55:00+01:00")
    identify(visitor, "alice")
    visitor.post("/parcours/code", code=code("alice"))
    mock.clock(advance_seconds=600)  # midnight passes while Alice reads the page
    page = oppose(visitor)
    assert "Un profil a déjà été créé pour cette personne." in page.alerts()
    alice = mock.person("alice")
    assert alice["state"] == "active"
    # Submitted once, and refused: every submission counts, taken or not.
    assert alice["submissions"]["opposition"] == 1
