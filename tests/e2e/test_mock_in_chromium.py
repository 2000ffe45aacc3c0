"""Flows 1, 2 and 3 walked in a real Chromium using only roles and accessible names, as
the robot will; the mock's state is checked through the control API afterwards."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.support.control import MockControl
from tests.support.seed import code, identity

pytestmark = pytest.mark.e2e


def refuse_cookies(page: Page) -> None:
    page.get_by_role("button", name="Tout refuser").click()
    expect(page.get_by_role("dialog", name="Données de navigation")).to_be_hidden()


def fill_identity(page: Page, person_id: str) -> None:
    who = identity(person_id)
    model = (
        "Carte Vitale avec photo"
        if who["card_model"] == "avec_photo"
        else "Carte Vitale sans photo"
    )
    expect(page.get_by_role("heading", name="Mon identité")).to_be_visible()
    page.get_by_role("radio", name=model).check()
    page.get_by_role("button", name="Suivant").click()
    page.get_by_label("Date de naissance").fill(who["birth_date"])
    page.get_by_label("Mon numéro de sécurité sociale").fill(who["nir"])
    page.get_by_label("Mon numéro de série").fill(who["serial"])
    page.get_by_role("button", name="Valider").click()


def test_flow_1_opposition_in_chromium(page: Page, mock: MockControl, tmp_path: Path) -> None:
    page.goto("/")
    refuse_cookies(page)
    page.get_by_role("link", name="Activer mon espace santé").click()
    expect(page.get_by_role("heading", name="J'active mon profil Mon espace santé")).to_be_visible()
    page.get_by_role("button", name="Commencer").click()
    fill_identity(page, "chloe")
    expect(page.get_by_role("heading", name="Mon code provisoire")).to_be_visible()
    page.get_by_label("Saisir le code provisoire à 12 caractères").fill(code("chloe"))
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_role("heading", name="Représentant légal")).to_be_visible()
    page.get_by_role(
        "radio", name="Je certifie être le représentant légal de Chloé Martin."
    ).check()
    page.get_by_role("button", name="Continuer").click()
    page.get_by_role("checkbox", name="Je m'oppose à la création de Mon espace santé").check()
    page.get_by_role("button", name="Continuer").click()
    expect(
        page.get_by_role("heading", name="Votre opposition a bien été prise en compte")
    ).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger l'attestation").click()
    pdf = tmp_path / "attestation.pdf"
    download_info.value.save_as(pdf)
    assert "Chloé Martin" in PdfReader(pdf).pages[0].extract_text()
    chloe = mock.person("chloe")
    assert chloe["state"] == "opposed"
    assert chloe["submissions"]["opposition"] == 1


def test_flow_2_closure_of_a_child_in_chromium(page: Page, mock: MockControl) -> None:
    mock.faults(confirm_dialogs=True)
    page.goto("/")
    refuse_cookies(page)
    page.get_by_role("link", name="Se connecter").click()
    page.get_by_label("Identifiant").fill("eric.petit")
    page.get_by_label("Mot de passe").fill("Sante-Demo-2026")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Code de sécurité")).to_be_visible()
    found = re.search(r"\b\d{6}\b", mock.last_message_text())
    assert found
    page.get_by_label("Code à usage unique").fill(found.group(0))
    page.get_by_role("button", name="Valider").click()
    page.get_by_role("button", name="Éric Petit").click()
    page.get_by_role("menuitem", name="Paramètres").click()
    expect(page.get_by_role("heading", name="Paramètres")).to_be_visible()
    page.get_by_role("link", name="Clôture du profil").click()
    page.get_by_role("radio", name="Fanny Petit").check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", name="Clôture du profil de Fanny Petit")).to_be_visible()
    close = page.get_by_role("button", name="Clôturer mon profil")
    expect(close).to_be_disabled()
    page.get_by_role(
        "checkbox", name=re.compile("^Je comprends que mon profil sera clôturé")
    ).check()
    page.get_by_role("checkbox", name="Je souhaite que mes données soient supprimées").check()
    expect(close).to_be_enabled()
    close.click()
    dialog = page.get_by_role("dialog", name="Confirmer la clôture ?")
    expect(dialog).to_be_visible()
    assert mock.person("fanny")["state"] == "active"  # nothing happens before « Confirmer »
    dialog.get_by_role("button", name="Confirmer").click()
    expect(page.get_by_role("heading", name="Votre profil a été clôturé")).to_be_visible()
    fanny = mock.person("fanny")
    assert fanny["state"] == "closed"
    assert fanny["deletion_requested"] is True
    assert mock.person("eric")["state"] == "active"


def test_flow_3_closure_without_login_in_chromium(page: Page, mock: MockControl) -> None:
    mock.faults(cookie_panel="late", cookie_delay_ms=300, variants=["apostrophe", "upper"])
    # The panel comes late, on whichever page is on view by then, and covers it: answer it
    # whenever it shows, as the robot does, instead of racing its delay.
    refuse = page.get_by_role("button", name=re.compile("tout refuser", re.I))
    page.add_locator_handler(refuse, lambda button: button.click())
    page.goto("/")
    page.get_by_role("link", name=re.compile("activer mon espace santé", re.I)).click()
    page.get_by_role("link", name=re.compile("clôturer ou m[’']opposer", re.I)).click()
    expect(
        page.get_by_role("heading", name=re.compile("clôturer ou m[’']opposer", re.I))
    ).to_be_visible()
    page.get_by_role("button", name=re.compile("commencer", re.I)).click()
    who = identity("gaelle")
    page.get_by_role("radio", name=re.compile("carte vitale sans photo", re.I)).check()
    page.get_by_role("button", name=re.compile("suivant", re.I)).click()
    page.get_by_label(re.compile("date de naissance", re.I)).fill(who["birth_date"])
    page.get_by_label(re.compile("numéro de sécurité sociale", re.I)).fill(who["nir"])
    page.get_by_label(re.compile("numéro de série", re.I)).fill(who["serial"])
    page.get_by_role("button", name=re.compile("valider", re.I)).click()
    page.get_by_role("link", name=re.compile("je n[’']ai pas de code provisoire", re.I)).click()
    expect(page.get_by_role("heading", name=re.compile("mes coordonnées", re.I))).to_be_visible()
    page.get_by_role("radio", name=re.compile("par e-mail", re.I)).check()
    page.get_by_role("button", name=re.compile("envoyer le code", re.I)).click()
    expect(page.get_by_role("status")).to_contain_text(re.compile("envoyé par e-mail", re.I))
    found = re.search(r"\b[A-Za-z0-9]{12}\b", mock.last_message_text())
    assert found
    page.get_by_label(re.compile("code provisoire à 12 caractères", re.I)).fill(found.group(0))
    page.get_by_role("button", name=re.compile("valider", re.I)).click()
    page.get_by_role("checkbox", name=re.compile("je comprends que mon profil", re.I)).check()
    page.get_by_role("button", name=re.compile("clôturer mon profil", re.I)).click()
    expect(
        page.get_by_role("heading", name=re.compile("votre profil a été clôturé", re.I))
    ).to_be_visible()
    gaelle = mock.person("gaelle")
    assert gaelle["state"] == "closed"
    assert gaelle["deletion_requested"] is False
