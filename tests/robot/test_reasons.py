"""The reasons no other test reaches: each one brought about on the mock, as a site could
bring it about, and the member's outcome, reason and sentence checked with the mock's
state (nothing submitted that should not be)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext
from pydantic import SecretStr

from automation.codes.readers import MaildirReader
from automation.output.journal import Journal, JournalError
from flows.outcome import Outcome
from flows.ports import CodeRequest
from tests.robot.test_closure import ERIC_LOGIN
from tests.support.control import MockControl
from tests.support.robot import Robot, member_for

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("refused", "reason", "sentence"),
    [
        ({"card_model": "empty"}, "card_model_empty", "le site n'a pas pris le modèle de carte Vitale"),
        ({"birth_date": "empty"}, "birth_date_empty", "le site n'a pas reçu la date de naissance"),
        ({"nir": "empty"}, "nir_empty", "le site n'a pas reçu le numéro de sécurité sociale"),
        ({"nir": "length"}, "nir_length", "le site a refusé la longueur du numéro de sécurité sociale"),
        ({"nir": "format"}, "nir_format", "le site a refusé le numéro de sécurité sociale"),
        ({"serial": "empty"}, "serial_empty", "le site n'a pas reçu le numéro de série"),
        ({"serial": "not_digits"}, "serial_digits", "uniquement des chiffres"),
        ({"serial": "length"}, "serial_format", "vérifiez le modèle de carte et les chiffres"),
        ({"code": "length"}, "code_length", "le site a refusé la longueur du code provisoire"),
        ({"code": "bad_character"}, "code_characters", "le site a refusé un caractère du code"),
    ],
)  # fmt: skip
def test_a_site_stricter_than_the_contract_refuses_a_field(
    robot: Robot, mock: MockControl, refused: dict[str, str], reason: str, sentence: str
) -> None:
    mock.faults(refuse_field=refused)
    run = robot.run(member_for("alice"))
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, reason)
    assert sentence in run.said
    assert mock.person("alice")["state"] == "invited"


def test_a_twin_whose_first_name_is_not_offered(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("lea", first_name="Léonie"))
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "twin_not_found")
    assert "twins_choice" in run.result.screens
    assert mock.person("lea")["state"] == "invited"


def test_the_session_expires_more_often_than_the_robot_restarts(
    robot: Robot, mock: MockControl
) -> None:
    mock.faults(expire_session_on_step=["carte"] * 6)
    run = robot.run(member_for("alice"))
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "session_expired")
    assert run.result.screens.count("session_expired") == 4  # the first, then 3 restarts
    assert mock.person("alice")["state"] == "invited"


class FullJournal(Journal):
    """A journal that cannot write the intent of a final click (a full disk)."""

    def intent(self, member_id: str, step: str) -> None:
        raise JournalError("disk full")


def test_no_final_click_without_its_intent_written(
    robot: Robot, mock: MockControl, tmp_path: Path
) -> None:
    journal = FullJournal(tmp_path / "journal.sqlite")
    try:
        run = robot.run(member_for("alice"), journal=journal)
    finally:
        journal.close()
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "journal")
    assert "rien de définitif n'a été fait" in run.said
    alice = mock.person("alice")
    assert (alice["state"], alice["submissions"]["opposition"]) == ("invited", 0)


class LateReader(MaildirReader):
    """Reads the sign-in code, then lets the mock's clock pass its 15 minutes."""

    def __init__(self, mock: MockControl) -> None:
        super().__init__(mock.outbox, timeout_s=10)
        self.mock = mock
        self.reads = 0

    def read(self, request: CodeRequest) -> SecretStr | None:
        code = super().read(request)
        self.reads += 1
        self.mock.clock(advance_seconds=16 * 60)
        return code


def test_a_sign_in_code_expired_twice(robot: Robot, mock: MockControl) -> None:
    reader = LateReader(mock)
    run = robot.run(member_for("eric", action="close", **ERIC_LOGIN), reader=reader)
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "login_code_expired")
    assert reader.reads == 2  # one new code asked for, once
    assert mock.person("eric")["state"] == "active"


class ShortCode:
    def prepare(self) -> None:
        return None

    def read(self, request: CodeRequest) -> SecretStr | None:
        return SecretStr("12345")  # not six digits: the site says « Saisir un code valide »


def test_a_sign_in_code_the_site_finds_invalid(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("eric", action="close", **ERIC_LOGIN), reader=ShortCode())
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "login_code_invalid")
    assert mock.person("eric")["state"] == "active"


def test_a_sign_in_code_refused_in_the_inferred_words(robot: Robot, mock: MockControl) -> None:
    # Another site may say « incorrect » where the contract's wording is inferred.
    mock.faults(
        relabel={"Vérifier le code à usage unique et réessayer": "Le code saisi est incorrect."}
    )
    run = robot.run(member_for("eric", action="close", **ERIC_LOGIN), reader=ShortCode6())
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "login_code_wrong")
    assert mock.person("eric")["state"] == "active"


class ShortCode6(ShortCode):
    def read(self, request: CodeRequest) -> SecretStr | None:
        return SecretStr("000000")  # six digits, not the one sent


def test_the_member_deadline(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("alice"), member_deadline_s=0)
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "timeout")
    assert mock.person("alice")["submissions"]["opposition"] == 0


# Screens a site could show where the contract's flows never lead: served in place of the
# home page, in the contract's words, to a member who cannot answer them.
CARD_MODEL_PAGE = """<h1>Je renseigne le modèle de ma carte Vitale</h1><form>
<label><input type="radio" name="m"> Carte Vitale avec photo</label>
<label><input type="radio" name="m"> Carte Vitale sans photo</label>
<button>Suivant</button></form>"""
SIGN_IN_PAGE = """<h1>Connexion</h1><form><label for="l">Identifiant</label><input id="l">
<label for="p">Mot de passe</label><input id="p" type="password">
<button>Se connecter</button></form>"""
CLOSURE_PAGE = """<h1>Clôture du profil</h1><form>
<label><input type="checkbox"> Je comprends que mon profil sera clôturé</label>
<label for="p">Mot de passe</label><input id="p" type="password">
<button>Clôturer mon profil</button></form>"""
NO_CARD = {"card_model": None, "nir": None, "card_serial": None, "code": None}


@pytest.mark.parametrize(
    ("page", "changes", "outcome", "reason"),
    [
        (CARD_MODEL_PAGE, {"action": "close", **ERIC_LOGIN, **NO_CARD}, Outcome.FAILED, "identity_needed"),
        (SIGN_IN_PAGE, {"action": "close"}, Outcome.FAILED, "no_login"),
        (CLOSURE_PAGE, {"action": "close"}, Outcome.NEEDS_HUMAN, "password_needed"),
    ],
    ids=["card-asked-of-a-login", "sign-in-asked-without-a-login", "password-asked-without-one"],
)  # fmt: skip
def test_a_screen_the_member_cannot_answer(
    robot: Robot, mock: MockControl, page: str, changes: dict[str, object], outcome: Outcome,
    reason: str,
) -> None:  # fmt: skip
    def serve(context: BrowserContext) -> None:
        html = f"<!doctype html><html lang='fr'><title>Mon espace santé</title><main>{page}</main>"
        context.route(f"{mock.base_url}/", lambda route: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body=html))  # fmt: skip

    run = robot.run(member_for("gaelle", **changes), on_context=serve)
    assert (run.result.outcome, run.result.reason) == (outcome, reason)
    gaelle = mock.person("gaelle")
    assert (gaelle["state"], sum(gaelle["submissions"].values())) == ("active", 0)
