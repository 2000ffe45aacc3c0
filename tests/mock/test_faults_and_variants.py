"""Interstitials, faults and label variants that tests switch on, and forged or replayed
posts: each behaves as the contract says, and none changes a person's state."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.support.control import MockControl
from tests.support.pages import SiteClient
from tests.support.seed import code, identity


def to_decision(visitor: SiteClient) -> None:
    visitor.identify(**identity("alice"))
    visitor.post("/parcours/code", code=code("alice"))


def test_a_forged_post_sends_back_to_the_start(visitor: SiteClient, mock: MockControl) -> None:
    to_decision(visitor)
    page = visitor.post("/parcours/decision", csrf="forged", action="oppose", oppose="yes")
    assert page.heading == "Votre session a expiré"
    assert "Revenir à l'accueil" in page.links()
    assert mock.person("alice")["state"] == "invited"
    # The journey is gone: the decision screen can't be reached again without starting over.
    assert visitor.get("/parcours/decision").heading == "Votre session a expiré"


def test_a_step_out_of_order_sends_back_to_the_start(
    visitor: SiteClient, mock: MockControl
) -> None:
    visitor.start()
    page = visitor.get("/parcours/decision")
    assert page.heading == "Votre session a expiré"
    visitor.get("/activer")
    page = visitor.post("/parcours/decision", action="oppose", oppose="yes")
    assert page.heading == "Votre session a expiré"
    assert mock.person("alice")["state"] == "invited"


def test_a_replayed_opposition_is_not_counted_twice(visitor: SiteClient, mock: MockControl) -> None:
    to_decision(visitor)
    csrf = visitor.page.csrf() if visitor.page else ""
    visitor.post("/parcours/decision", action="oppose", oppose="yes")
    page = visitor.post("/parcours/decision", csrf=csrf, action="oppose", oppose="yes")
    assert page.heading == "Votre session a expiré"
    assert mock.person("alice")["submissions"]["opposition"] == 1


def test_a_session_idle_for_30_minutes_expires(visitor: SiteClient, mock: MockControl) -> None:
    visitor.identify(**identity("alice"))
    mock.clock(advance_seconds=31 * 60)
    page = visitor.post("/parcours/code", code=code("alice"))
    assert page.heading == "Votre session a expiré"


def test_maintenance_for_the_next_requests(visitor: SiteClient, mock: MockControl) -> None:
    mock.faults(maintenance=2)
    for _ in range(2):
        page = visitor.get("/")
        assert page.status == 503
        assert page.heading == "Service momentanément indisponible"
    assert visitor.get("/").heading == "Mon espace santé"


def test_generic_error_on_a_step_then_retry(visitor: SiteClient, mock: MockControl) -> None:
    mock.faults(error_on_step={"decision": 1})
    to_decision(visitor)
    page = visitor.post("/parcours/decision", action="oppose", oppose="yes")
    assert page.status == 500
    assert "Une erreur est survenue, veuillez réessayer plus tard" in page.alerts()
    assert mock.person("alice")["state"] == "invited"
    visitor.get("/parcours/decision")
    page = visitor.post("/parcours/decision", action="oppose", oppose="yes")
    assert page.heading == "Votre opposition a bien été prise en compte"
    assert mock.person("alice")["submissions"]["opposition"] == 1


def test_generic_error_on_a_screen_without_a_form(visitor: SiteClient, mock: MockControl) -> None:
    mock.faults(error_on_step=["home"])
    assert visitor.get("/").status == 500
    assert visitor.get("/").heading == "Mon espace santé"


def test_session_expiry_on_a_step(visitor: SiteClient, mock: MockControl) -> None:
    mock.faults(expire_session_on_step=["code"])
    page = visitor.identify(**identity("alice"))
    assert page.heading == "Votre session a expiré"
    assert "Revenir à l'accueil" in page.links()
    assert visitor.identify(**identity("alice")).heading == "Mon code provisoire"


def test_cookie_panel_on_first_visit_until_answered(visitor: SiteClient, mock: MockControl) -> None:
    page = visitor.get("/")
    assert page.has_cookie_panel()
    panel = page.soup.find(id="cookie-panel")
    assert panel is not None and not panel.has_attr("hidden")
    dialog = panel.find(role="dialog")
    assert dialog is not None and "Données de navigation" in dialog.get_text()
    buttons = [b.get_text(strip=True) for b in panel.find_all("button")]
    assert {"Tout accepter", "Tout refuser", "Paramétrer"} <= set(buttons)
    visitor.http.cookies.set("mes_cookies", "refused")
    assert not visitor.get("/").has_cookie_panel()


def test_cookie_panel_late_or_off(visitor: SiteClient, mock: MockControl) -> None:
    mock.faults(cookie_panel="late", cookie_delay_ms=700)
    panel = visitor.get("/").soup.find(id="cookie-panel")
    assert panel is not None and panel.has_attr("hidden") and panel["data-delay"] == "700"
    mock.faults(cookie_panel="off")
    assert not visitor.get("/").has_cookie_panel()


@pytest.mark.parametrize("how", [{"cookie_panel": "first_press"}, {"personality": "hostile"}])
def test_a_banner_that_waits_for_the_first_press(
    visitor: SiteClient, mock: MockControl, how: dict[str, str]
) -> None:
    # On the page, hidden, and the page asks its script to open it on the first press
    mock.faults(**how)
    page = visitor.get("/activer")
    panel = page.soup.find(id="cookie-panel")
    assert panel is not None and panel.has_attr("hidden")
    assert page.soup.body is not None and page.soup.body.get("data-banner-on-press") == "1"
    # until it is answered
    visitor.http.cookies.set("mes_cookies", "refused")
    again = visitor.get("/activer").soup.body
    assert again is not None and not again.has_attr("data-banner-on-press")


def test_confirmation_dialog_before_the_opposition(visitor: SiteClient, mock: MockControl) -> None:
    mock.faults(confirm_dialogs=True)
    to_decision(visitor)
    dialog = visitor.page.soup.find("dialog") if visitor.page else None
    assert dialog is not None
    assert "Confirmer votre opposition ?" in dialog.get_text()
    assert {"Confirmer", "Annuler"} <= {b.get_text(strip=True) for b in dialog.find_all("button")}


def test_leave_dialog_on_a_step(visitor: SiteClient, mock: MockControl) -> None:
    mock.faults(leave_dialog_on_step=["activation"])
    page = visitor.get("/activer")
    dialog = page.soup.find("dialog", attrs={"data-open-on-load": True})
    assert dialog is not None and "Quitter la page ?" in dialog.get_text()
    assert page.heading == "J'active mon profil Mon espace santé"
    assert visitor.get("/activer").soup.find("dialog") is None


def test_captcha_on_a_step_then_back(visitor: SiteClient, mock: MockControl) -> None:
    mock.faults(captcha_on_step=["activation"])
    page = visitor.get("/activer")
    assert page.heading == "Vérification de sécurité"
    assert "Je ne suis pas un robot" in page.labels()
    page = visitor.post("/verification", next="/activer")
    assert page.heading == "Vérification de sécurité"
    page = visitor.post("/verification", next="/activer", human="yes")
    assert page.heading == "J'active mon profil Mon espace santé"


def test_a_page_that_never_finishes_loading(mock: MockControl) -> None:
    mock.faults(hang_on_step=["home"])
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(f"{mock.base_url}/", timeout=0.5)
    mock.reset()  # releases the hung request
    assert httpx.get(f"{mock.base_url}/", timeout=5).status_code == 200


def test_latency_is_added(mock: MockControl) -> None:
    mock.faults(latency_ms=300)
    response = httpx.get(f"{mock.base_url}/", timeout=5)
    # The mock says how long it held the page: no client-side stopwatch.
    held = re.fullmatch(r"mock-latency;dur=(\d+)", response.headers.get("Server-Timing", ""))
    assert held is not None and int(held.group(1)) >= 300
    mock.faults(latency_ms=0)
    assert "Server-Timing" not in httpx.get(f"{mock.base_url}/", timeout=5).headers


def test_third_party_content_can_be_switched_on(visitor: SiteClient, mock: MockControl) -> None:
    assert "example.net" not in visitor.get("/").response.text
    mock.faults(third_party=True)
    page = visitor.get("/")
    scripts = [s.get("src", "") for s in page.soup.find_all("script")]
    assert any(str(src).startswith("https://tracker.example.net/") for src in scripts)
    assert "Découvrir nos partenaires" in [a.get_text(strip=True) for a in page.soup.find_all("a")]


# -- label variants -----------------------------------------------------------------------


def test_typographic_apostrophe(visitor: SiteClient, mock: MockControl) -> None:
    mock.faults(variants=["apostrophe"])
    page = visitor.get("/activer")
    assert page.heading == "J’active mon profil Mon espace santé"
    assert "Je peux aussi clôturer ou m’opposer à Mon espace santé" in page.links()


def test_letter_case(visitor: SiteClient, mock: MockControl) -> None:
    mock.faults(variants=["upper"])
    assert visitor.get("/").heading == "MON ESPACE SANTÉ"
    mock.faults(variants=["lower"])
    assert "activer mon espace santé" in visitor.get("/").links()


def test_no_break_spaces(visitor: SiteClient, mock: MockControl) -> None:
    mock.faults(variants=["nbsp"])
    visitor.identify(**identity("bruno"))
    page = visitor.get("/parcours/sans-code")
    assert "Mes\u00a0coordonnées\u00a0sont\u00a0incorrectes\u202f?" in page.response.text


def test_wording_around_a_label(visitor: SiteClient, mock: MockControl) -> None:
    mock.faults(variants=["wording"])
    assert "Activer mon profil Mon espace santé" in visitor.get("/").links()


def test_opposition_as_a_radio_button(visitor: SiteClient, mock: MockControl) -> None:
    mock.faults(variants=["opposition_radio"])
    to_decision(visitor)
    assert visitor.page is not None
    box = visitor.page.soup.find("input", attrs={"name": "oppose"})
    assert box is not None and box["type"] == "radio"


def test_date_input_variant_takes_an_iso_date(visitor: SiteClient, mock: MockControl) -> None:
    mock.faults(variants=["date_input"])
    visitor.start()
    page = visitor.post("/parcours/carte", card_model="avec_photo")
    field = page.soup.find("input", attrs={"name": "birth_date"})
    assert field is not None and field["type"] == "date"
    who = {**identity("alice"), "birth_date": "1984-03-12"}
    page = visitor.post("/parcours/identite", **{k: v for k, v in who.items() if k != "card_model"})
    assert page.heading == "Mon code provisoire"


def test_aria_label_variant(visitor: SiteClient, mock: MockControl) -> None:
    mock.faults(variants=["aria_label"])
    page = visitor.get("/connexion")
    assert page.soup.select("main label") == []
    assert {"Identifiant", "Mot de passe"} <= set(page.labels())


def test_buttons_as_links(visitor: SiteClient, mock: MockControl) -> None:
    mock.faults(variants=["buttons_as_links"])
    page = visitor.get("/activer")
    assert page.soup.select("main button") == []
    assert "Commencer" in page.links()
