"""A sign-in refused in a wrong password's words is no outcome on its own (contract v4,
flow 2, "after a closure": a closed profile may be refused so). The robot tries the
sign-in once, then, holding the member's card, looks at the profile through flow 3's
identity screens without asking for a code or pressing a final control."""

from __future__ import annotations

import pytest

from flows.outcome import Outcome
from tests.support.control import MockControl
from tests.support.robot import Robot, member_for

pytestmark = pytest.mark.e2e

ERIC_LOGIN = {"login": "eric.petit", "password": "Sante-Demo-2026"}
NOTHING_SENT = {"codes_issued": 0, "final_posts": {}, "presses": {}}


def sent(person: dict[str, object]) -> dict[str, object]:
    return {key: person[key] for key in NOTHING_SENT}


def test_a_closed_profile_refused_like_a_wrong_password_is_already_closed(
    robot: Robot, mock: MockControl
) -> None:
    # Given Éric's profile closed, on a site that refuses a closed profile's sign-in
    assert robot.run(member_for("eric", action="close", **ERIC_LOGIN)).result.outcome is (
        Outcome.CLOSED
    )
    mock.faults(personality="closed_refuses")
    tries = mock.person("eric")["sign_ins"]
    posts = mock.person("eric")["final_posts"]
    # When the robot runs him again, his card in hand
    run = robot.run(member_for("eric", action="close", **ERIC_LOGIN))
    # Then the site's word on his card says closed, after one sign-in try and nothing sent
    assert (run.result.outcome, run.result.reason) == (Outcome.ALREADY_CLOSED, None)
    assert "close_or_oppose_entry" in run.result.screens
    eric = mock.person("eric")
    assert eric["sign_ins"] == tries + 1
    assert (eric["final_posts"], eric["login_codes_issued"], eric["codes_issued"]) == (posts, 1, 0)
    assert [p.name for p in run.result.evidence] == ["already_closed.png"]


def test_without_the_card_a_person_checks_and_is_told_why(robot: Robot, mock: MockControl) -> None:
    mock.faults(personality="closed_refuses")
    member = member_for("eric", action="close", card_model=None, nir=None, card_serial=None,
                        login="eric.petit", password="nope")  # fmt: skip
    run = robot.run(member)
    assert (run.result.outcome, run.result.reason) == (Outcome.NEEDS_HUMAN, "sign_in_refused")
    assert "un profil clôturé est refusé de la même façon" in run.said
    assert "une personne doit vérifier" in run.said
    eric = mock.person("eric")
    assert eric["sign_ins"] == 1  # never a second try: it would count towards a block
    assert "close_or_oppose_entry" not in run.result.screens  # no card: no look


def test_a_look_that_would_need_a_code_stops_there(robot: Robot, mock: MockControl) -> None:
    # Éric's profile is open; flow 3 asks for a code before it says anything more of it.
    run = robot.run(member_for("eric", action="close", login="eric.petit", password="nope"))
    assert (run.result.outcome, run.result.reason) == (Outcome.NEEDS_HUMAN, "sign_in_refused")
    assert run.result.screens[-1] == "contact"  # stopped before « Envoyer le code »
    eric = mock.person("eric")
    assert (eric["sign_ins"], eric["state"]) == (1, "active")
    assert sent(eric) == NOTHING_SENT


def test_an_open_profile_seen_by_the_look_means_a_wrong_password(
    robot: Robot, mock: MockControl
) -> None:
    # Given an open profile whose holder kept the letter's code: flow 3 shows its closure
    # form, which the look reaches and does not press.
    mock.add_person(id="jules", first_name="Jules", last_name="Blanc", birth_date="1970-01-15",
                    nir="1 70 01 75 123 456 65", card_model="sans_photo", card_serial="24681357",
                    email="jules.blanc@example.org", state="active", login="jules.blanc",
                    password="Jules-2026", code="JulesCode123")  # fmt: skip
    member = member_for("bruno", id="jules", first_name="Jules", last_name="Blanc",
                        birth_date="1970-01-15", nir="1 70 01 75 123 456 65",
                        card_serial="24681357", code="JulesCode123", action="close",
                        login="jules.blanc", password="nope")  # fmt: skip
    run = robot.run(member)
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "wrong_password")
    assert run.result.screens[-1] == "closure"
    jules = mock.person("jules")
    assert (jules["state"], jules["sign_ins"]) == ("active", 1)
    assert sent(jules) == {**NOTHING_SENT, "codes_issued": 1}  # the letter's, none sent
