"""Codes: a new code provisoire by SMS or e-mail into the Maildir, expiry, single use,
the 30-second rate limit and the lockout after repeated wrong codes, on the mock's clock."""

from __future__ import annotations

import re

import pytest

from tests.support.control import MockControl
from tests.support.pages import Page, SiteClient
from tests.support.seed import code, identity

SENDER = "assurance-maladie@info.ameli.fr"


def ask_new_code(
    visitor: SiteClient, person_id: str, channel: str, mode: str = "activation"
) -> Page:
    visitor.identify(mode=mode, **identity(person_id))
    page = visitor.get("/parcours/sans-code")
    assert page.heading == "Mes coordonnées"
    return visitor.post("/parcours/coordonnees", channel=channel)


def code_in(text: str) -> str:
    found = re.search(r"\b[A-Za-z0-9]{12}\b", text)
    assert found, text
    return found.group(0)


def test_contact_screen_shows_masked_contacts(visitor: SiteClient) -> None:
    visitor.identify(**identity("bruno"))
    page = visitor.get("/parcours/sans-code")
    assert page.heading == "Mes coordonnées"
    assert {"Par SMS", "Par e-mail"} <= set(page.labels())
    assert "Mes coordonnées sont incorrectes ?" in page.links()
    assert "Envoyer le code" in page.buttons()
    assert "06 •• •• •• 02" in page.main_text
    assert "b•••••@e•••••.org" in page.main_text
    assert "bruno.lefevre@example.org" not in page.response.text
    assert "06 39 98 00 02" not in page.response.text


def test_new_code_by_email_then_opposition(visitor: SiteClient, mock: MockControl) -> None:
    page = ask_new_code(visitor, "bruno", "email")
    assert page.heading == "Mon code provisoire"
    assert "Un nouveau code provisoire vous a été envoyé par e-mail." in page.main_text
    message = mock.messages()[-1]
    assert SENDER in message["From"]
    assert message["To"] == "bruno.lefevre@example.org"
    assert message["X-Mock-Channel"] == "email"
    page = visitor.post("/parcours/code", code=code_in(mock.last_message_text()))
    assert page.heading == "Ma décision"
    visitor.post("/parcours/decision", action="oppose", oppose="yes")
    bruno = mock.person("bruno")
    assert bruno["state"] == "opposed"
    assert bruno["codes_issued"] == 1


def test_new_code_by_sms_goes_to_the_phone_number(visitor: SiteClient, mock: MockControl) -> None:
    page = ask_new_code(visitor, "bruno", "sms")
    assert "Un nouveau code provisoire vous a été envoyé par SMS." in page.main_text
    message = mock.messages()[-1]
    assert message["To"] == "0639980002@sms.invalid"
    assert message["X-Mock-Channel"] == "sms"


def test_a_minors_code_goes_to_the_guardian(visitor: SiteClient, mock: MockControl) -> None:
    ask_new_code(visitor, "chloe", "email")
    assert mock.messages()[-1]["To"] == "alice.martin@example.org"
    assert "Chloé Martin" in mock.last_message_text()


def test_one_code_request_every_30_seconds(visitor: SiteClient, mock: MockControl) -> None:
    mock.clock(frozen=True)
    ask_new_code(visitor, "bruno", "email")
    visitor.get("/parcours/sans-code")
    mock.clock(advance_seconds=29)
    page = visitor.post("/parcours/coordonnees", channel="email")
    assert page.heading == "Mes coordonnées"
    assert any("Veuillez attendre 30 secondes puis réessayez." in a for a in page.alerts())
    assert mock.person("bruno")["codes_issued"] == 1
    mock.clock(advance_seconds=1)
    page = visitor.post("/parcours/coordonnees", channel="email")
    assert page.heading == "Mon code provisoire"
    assert mock.person("bruno")["codes_issued"] == 2


def test_a_superseded_code_has_expired(visitor: SiteClient, mock: MockControl) -> None:
    ask_new_code(visitor, "alice", "email")  # Alice had a code from her invitation
    page = visitor.post("/parcours/code", code=code("alice"))
    assert page.field_error("code") == "Votre code provisoire a expiré"


def test_a_code_expires_after_six_weeks(visitor: SiteClient, mock: MockControl) -> None:
    # Gaëlle's profile was created automatically; her invitation code is long expired.
    visitor.identify(mode="close_or_oppose", **identity("gaelle"))
    page = visitor.post("/parcours/code", code=code("gaelle"))
    assert page.field_error("code") == "Votre code provisoire a expiré"


def test_a_used_code_is_refused(visitor: SiteClient, mock: MockControl) -> None:
    visitor.identify(**identity("alice"))
    visitor.post("/parcours/code", code=code("alice"))
    visitor.post("/parcours/decision", action="activate", accept="yes")
    visitor.identify(mode="close_or_oppose", **identity("alice"))
    page = visitor.post("/parcours/code", code=code("alice"))
    assert page.field_error("code") == "Votre code provisoire a déjà été utilisé"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Saisir le code provisoire"),
        ("Ab3dE5gH7j", "Le code doit contenir 12 caractères"),
        ("Ab3dE5gH7j-9", "Cette saisie contient un caractère non autorisé"),
        ("AB3DE5GH7JK9", "Le code provisoire saisi est incorrect. Veuillez vérifier votre saisie."),
    ],
)
def test_code_messages(visitor: SiteClient, typed: str, message: str) -> None:
    visitor.identify(**identity("alice"))
    page = visitor.post("/parcours/code", code=typed)
    assert page.heading == "Mon code provisoire"
    assert page.field_error("code") == message


def test_five_wrong_codes_lock_for_an_hour(visitor: SiteClient, mock: MockControl) -> None:
    mock.clock(frozen=True)
    visitor.identify(**identity("alice"))
    for _ in range(4):
        visitor.post("/parcours/code", code="WrongCode123")
    page = visitor.post("/parcours/code", code="WrongCode123")
    locked = "Trop de tentatives incorrectes. Votre accès est bloqué pendant 60 minutes."
    assert page.field_error("code") == locked
    page = visitor.post("/parcours/code", code=code("alice"))
    assert "Votre accès est bloqué" in page.field_error("code")
    assert mock.person("alice")["locked"] is True
    mock.clock(advance_seconds=3600)
    assert mock.person("alice")["locked"] is False
    visitor.identify(**identity("alice"))  # an hour later the session is gone too
    page = visitor.post("/parcours/code", code=code("alice"))
    assert page.heading == "Ma décision"
