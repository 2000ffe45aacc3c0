"""Flow 2 (closure with a login) and flow 3 (closure without one) through an HTTP client."""

from __future__ import annotations

import re

import pytest

from tests.support.control import MockControl
from tests.support.pages import Page, SiteClient
from tests.support.seed import identity

PASSWORD = "Sante-Demo-2026"  # the made-up password of the seed's Éric Petit


def login_code(mock: MockControl) -> str:
    found = re.search(r"\b\d{6}\b", mock.last_message_text())
    assert found
    return found.group(0)


def sign_in(visitor: SiteClient, mock: MockControl, password: str = PASSWORD) -> Page:
    visitor.get("/connexion")
    page = visitor.post("/connexion", login="eric.petit", password=password)
    if page.heading != "Code de sécurité":
        return page
    return visitor.post("/connexion/code", login_code=login_code(mock))


def choose_profile(visitor: SiteClient, name: str) -> Page:
    page = visitor.get("/parametres/cloture")
    return visitor.post("/parametres/cloture", profile=str(page.labels().index(name) + 1))


# -- flow 2 -----------------------------------------------------------------------------


def test_sign_in_screens(visitor: SiteClient, mock: MockControl) -> None:
    page = visitor.get("/connexion")
    assert page.heading == "Connexion"
    assert {"Identifiant", "Mot de passe"} <= set(page.labels())
    assert "Se connecter" in page.buttons()
    page = visitor.post("/connexion", login="eric.petit", password=PASSWORD)
    assert page.heading == "Code de sécurité"
    assert "Un code à usage unique vous a été envoyé par e-mail." in page.main_text
    assert "Code à usage unique" in page.labels()
    assert {"Valider", "Renvoyer le code"} <= set(page.buttons())
    assert mock.messages()[-1]["To"] == "eric.petit@example.org"
    page = visitor.post("/connexion/code", login_code=login_code(mock))
    assert page.heading == "Bonjour Éric"
    menu = page.soup.select_one("[aria-haspopup=menu]")
    assert menu is not None and menu.get_text(strip=True) == "Éric Petit"
    items = [n.get_text(strip=True) for n in page.soup.select("[role=menuitem]")]
    assert items == ["Paramètres", "Se déconnecter"]
    page = visitor.get("/parametres")
    assert page.heading == "Paramètres"
    assert "Clôture du profil" in [h.get_text(strip=True) for h in page.soup.select("main h2")]
    assert "Clôture du profil" in page.links()


def test_wrong_password_then_lockout(visitor: SiteClient, mock: MockControl) -> None:
    mock.clock(frozen=True)
    page = sign_in(visitor, mock, password="not-it")
    assert "Identifiant ou mot de passe incorrect" in page.alerts()
    sign_in(visitor, mock, password="not-it")
    page = sign_in(visitor, mock, password="not-it")
    assert "Votre accès est bloqué pendant 30 minutes" in " ".join(page.alerts())
    page = sign_in(visitor, mock)
    assert "Votre accès est bloqué" in " ".join(page.alerts())
    mock.clock(advance_seconds=30 * 60)
    assert sign_in(visitor, mock).heading == "Bonjour Éric"


@pytest.mark.parametrize("personality", ["classic", "closed_refuses"])
def test_a_closed_profiles_sign_in(
    visitor: SiteClient, mock: MockControl, personality: str
) -> None:
    # Contract v4: a closed profile shows itself closed, or is refused in a wrong
    # password's words (closed_refuses), the right password typed all the same.
    mock.add_person(id="eric", first_name="Éric", last_name="Petit", birth_date="1982-05-27",
                    nir="1 82 05 44 109 021 69", card_model="avec_photo",
                    card_serial="55566677788", state="closed", closed_on="2026-11-01",
                    login="eric.petit", password=PASSWORD)  # fmt: skip
    mock.faults(personality=personality)
    said = " ".join(sign_in(visitor, mock).alerts())
    if personality == "classic":
        assert "Ce profil a été clôturé le 01/11/2026" in said
    else:
        assert said == "Identifiant ou mot de passe incorrect"
    eric = mock.person("eric")
    assert (eric["sign_ins"], eric["login_codes_issued"], eric["locked"]) == (1, 0, False)


def test_unknown_login_gets_the_same_message(visitor: SiteClient) -> None:
    visitor.get("/connexion")
    page = visitor.post("/connexion", login="nobody", password="x")
    assert "Identifiant ou mot de passe incorrect" in page.alerts()


@pytest.mark.parametrize(
    ("typed", "message"),
    [("12345", "Saisir un code valide"), ("12a456", "Saisir un code valide")],
)
def test_login_code_format(visitor: SiteClient, typed: str, message: str) -> None:
    visitor.get("/connexion")
    visitor.post("/connexion", login="eric.petit", password=PASSWORD)
    page = visitor.post("/connexion/code", login_code=typed)
    assert page.field_error("login_code") == message


def test_login_code_wrong_expired_used_and_resent(visitor: SiteClient, mock: MockControl) -> None:
    mock.clock(frozen=True)
    visitor.get("/connexion")
    visitor.post("/connexion", login="eric.petit", password=PASSWORD)
    first = login_code(mock)
    wrong = "000000" if first != "000000" else "111111"
    page = visitor.post("/connexion/code", login_code=wrong)
    assert page.field_error("login_code") == "Vérifier le code à usage unique et réessayer"
    mock.clock(advance_seconds=15 * 60)
    page = visitor.post("/connexion/code", login_code=first)
    assert page.field_error("login_code") == (
        "Le code saisi a expiré. Vous pouvez demander un nouveau code."
    )
    page = visitor.post("/connexion/renvoyer")
    assert "Un code à usage unique vous a été envoyé par e-mail." in page.main_text
    page = visitor.post("/connexion/renvoyer")
    assert any("Veuillez attendre 30 secondes" in a for a in page.alerts())
    assert mock.person("eric")["login_codes_issued"] == 2
    second = login_code(mock)
    assert visitor.post("/connexion/code", login_code=second).heading == "Bonjour Éric"
    visitor.post("/deconnexion")
    visitor.get("/connexion")
    mock.clock(advance_seconds=1)
    visitor.post("/connexion", login="eric.petit", password=PASSWORD)
    page = visitor.post("/connexion/code", login_code=second)  # single use
    assert page.field_error("login_code") == "Vérifier le code à usage unique et réessayer"


def test_close_a_childs_profile(visitor: SiteClient, mock: MockControl) -> None:
    sign_in(visitor, mock)
    page = visitor.get("/parametres/cloture")
    assert page.heading == "Clôture du profil"
    assert "Quel profil souhaitez-vous clôturer ?" in page.main_text
    assert {"Éric Petit", "Fanny Petit"} <= set(page.labels())
    page = choose_profile(visitor, "Fanny Petit")
    assert page.heading == "Clôture du profil de Fanny Petit"
    assert "Télécharger les données" in page.links()
    ack = "Je comprends que mon profil sera clôturé et que je ne pourrai plus y accéder."
    assert {ack, "Je souhaite que mes données soient supprimées"} <= set(page.labels())
    assert "Clôturer mon profil" in page.buttons()
    page = visitor.post("/parametres/cloture/profil", action="close", delete="yes")
    assert "Cochez la case pour confirmer que vous avez compris." in page.alerts()
    assert mock.person("fanny")["state"] == "active"
    page = visitor.post("/parametres/cloture/profil", action="close", ack="yes", delete="yes")
    assert page.heading == "Votre profil a été clôturé"
    assert "supprimées dans un délai de trois mois" in page.main_text
    fanny = mock.person("fanny")
    assert fanny["state"] == "closed"
    assert fanny["deletion_requested"] is True
    assert fanny["closed_on"] == mock.clock()["today"]
    assert fanny["submissions"]["closure"] == 1
    assert mock.person("eric")["state"] == "active"
    # Éric is still signed in, and Fanny now shows as closed.
    page = choose_profile(visitor, "Fanny Petit")
    assert any(a.startswith("Ce profil a été clôturé le ") for a in page.alerts())


def test_close_ones_own_profile_keeping_the_data(visitor: SiteClient, mock: MockControl) -> None:
    sign_in(visitor, mock)
    choose_profile(visitor, "Éric Petit")
    page = visitor.post("/parametres/cloture/profil", action="close", ack="yes")
    assert page.heading == "Votre profil a été clôturé"
    assert "conservées dix ans" in page.main_text
    eric = mock.person("eric")
    assert eric["state"] == "closed"
    assert eric["deletion_requested"] is False
    assert visitor.get("/espace").heading == "Votre session a expiré"
    page = sign_in(visitor, mock)
    assert any(a.startswith("Ce profil a été clôturé le ") for a in page.alerts())


def test_an_account_without_children_goes_straight_to_closure(
    visitor: SiteClient, mock: MockControl
) -> None:
    mock.add_person(id="jules", first_name="Jules", last_name="Faure", birth_date="1988-07-14",
                    nir="1 88 07 31 555 123 62", card_model="sans_photo", card_serial="87654321",
                    email="jules.faure@example.org", state="active", login="jules",
                    password="Another-Demo-1")  # fmt: skip
    visitor.get("/connexion")
    visitor.post("/connexion", login="jules", password="Another-Demo-1")
    visitor.post("/connexion/code", login_code=login_code(mock))
    page = visitor.get("/parametres/cloture")
    assert page.heading == "Clôture du profil de Jules Faure"


def test_signed_in_pages_need_a_sign_in(visitor: SiteClient) -> None:
    for path in ("/espace", "/parametres", "/parametres/cloture", "/parametres/cloture/profil"):
        page = visitor.get(path)
        assert page.heading == "Votre session a expiré"
        assert "Revenir à l'accueil" in page.links()


# -- flow 3 -----------------------------------------------------------------------------


def test_flow_3_closes_an_automatic_profile(visitor: SiteClient, mock: MockControl) -> None:
    page = visitor.get("/activer")
    page = visitor.get("/cloturer-ou-s-opposer")
    assert page.heading == "Clôturer ou m'opposer à Mon espace santé"
    assert "Commencer" in page.buttons()
    page = visitor.identify(mode="close_or_oppose", **identity("gaelle"))
    assert page.heading == "Mon code provisoire"
    visitor.get("/parcours/sans-code")
    visitor.post("/parcours/coordonnees", channel="email")
    code = re.search(r"\b[A-Za-z0-9]{12}\b", mock.last_message_text())
    assert code
    page = visitor.post("/parcours/code", code=code.group(0))
    assert page.heading == "Clôture du profil de Gaëlle Bernard"
    page = visitor.post("/parcours/cloture", action="close", ack="yes", delete="yes")
    assert page.heading == "Votre profil a été clôturé"
    gaelle = mock.person("gaelle")
    assert gaelle["state"] == "closed"
    assert gaelle["deletion_requested"] is True
    assert gaelle["submissions"]["closure"] == 1


def test_flow_3_opposes_when_the_profile_does_not_exist_yet(
    visitor: SiteClient, mock: MockControl
) -> None:
    visitor.identify(mode="close_or_oppose", **identity("alice"))
    page = visitor.post("/parcours/code", code="Ab3dE5gH7jK9")
    assert page.heading == "Ma décision"
    visitor.post("/parcours/decision", action="oppose", oppose="yes")
    assert mock.person("alice")["state"] == "opposed"


def test_flow_3_for_an_already_closed_profile(visitor: SiteClient) -> None:
    page = visitor.identify(mode="close_or_oppose", **identity("ines"))
    assert "Ce profil a été clôturé le 01/10/2026." in page.alerts()
