"""The robot waits for the site's answer and understands it wherever it is said (inline,
as a notice that goes away, as a page of its own); contract v2's items, one test each; a
screen it does not know leaves a masked diagnostic."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from flows.outcome import Outcome
from tests.support.cli import UNCHECKED, run_cli
from tests.support.control import MockControl
from tests.support.households import demo_subset
from tests.support.pages import SiteClient
from tests.support.robot import Robot, member_for
from tests.support.seed import identity, seed_people

pytestmark = pytest.mark.e2e

ERIC_LOGIN = {"login": "eric.petit", "password": "Sante-Demo-2026"}


# -- act once, then wait --------------------------------------------------------------


def test_an_answer_slower_than_the_robot_is_patient_is_never_clicked_twice(
    mock: MockControl, tmp_path: Path
) -> None:
    # Given a site that takes the opposition at once but answers it 3 s later, and a robot
    # that waits 1.5 s for any answer
    from automation.cli.demo import demo_environment

    mock.faults(answer_delay_ms={"decision": 3000})
    household = demo_subset(tmp_path, ["alice"])
    out = tmp_path / "out"
    args = ("run", str(household), "--base-url", mock.base_url, "--yes", "--out", str(out),
            UNCHECKED)  # fmt: skip
    env = {**demo_environment(), "MES_LOAD_TIMEOUT_S": "1.5", "MES_BACKOFF_S": "0.05"}
    # When the robot runs
    first = run_cli(*args, env=env)
    # Then it clicked once, said the site did not answer, and left the intent for later
    assert first.returncode == 1, first.stdout + first.stderr
    assert "n'a pas répondu à l'étape définitive" in first.stdout
    assert mock.person("alice")["submissions"]["opposition"] == 1
    journal = sqlite3.connect(out / "journal.sqlite")
    kinds = journal.execute("SELECT kind FROM steps WHERE member = 'alice'").fetchall()
    journal.close()
    assert kinds == [("intent",)]
    # And the next run settles it from the site, without a second submission
    mock.faults(clear=True)
    again = run_cli(*args, env=env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "déjà opposé" in again.stdout
    assert mock.person("alice")["submissions"]["opposition"] == 1


def test_a_menu_without_a_way_to_the_closure_is_stuck_at_once(
    robot: Robot, mock: MockControl
) -> None:
    # Given an account menu whose « Paramètres » the site now calls something else
    mock.faults(relabel={"Paramètres": "Réglages"})
    started = time.monotonic()
    run = robot.run(
        member_for("eric", action="close", **ERIC_LOGIN),
        member_deadline_s=120,
        load_timeout_ms=3000,
    )  # each of the three tries waits this for an answer
    # Then the member ends as stuck on that screen, long before its deadline
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "stuck")
    assert "accueil connecté" in run.said and "signed_in_home" not in run.said
    assert time.monotonic() - started < 60
    assert mock.person("eric")["state"] == "active"


# -- the contract's messages wherever they show ---------------------------------------


@pytest.mark.parametrize("personality", ["classic", "spa", "slow"])
def test_identity_not_found_inline_or_as_a_notice(
    robot: Robot, mock: MockControl, personality: str
) -> None:
    # classic says it in place on a new page, spa in a notice that goes away, slow late
    mock.faults(personality=personality)
    run = robot.run(member_for("alice", card_serial="11111111111"), reader=None)
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "identity_not_found")
    assert mock.person("alice")["state"] == "invited"


def supersede_the_letters_code(mock: MockControl) -> None:
    """Someone asked for a new code for Alice: the letter's code is now expired."""
    visitor = SiteClient(mock.base_url)
    visitor.identify(**identity("alice"))
    visitor.get("/parcours/sans-code")
    visitor.post("/parcours/coordonnees", channel="email")
    mock.clock(advance_seconds=60)  # past the 30-second limit between two requests


@pytest.mark.parametrize(
    ("personality", "said_as"),
    [("classic", "inline"), ("spa", "notice"), ("v2_pages", "page")],
)
def test_an_expired_code_leads_to_a_new_one(
    robot: Robot, mock: MockControl, personality: str, said_as: str
) -> None:
    # Given Alice's letter code superseded by a newer one, the site saying so `said_as`
    mock.faults(personality=personality)
    supersede_the_letters_code(mock)
    # When the robot uses the letter's code
    run = robot.run(member_for("alice"))
    # Then it asks for a new code, reads it, and opposes once
    assert run.result.outcome is Outcome.OPPOSED, run.result.screens
    alice = mock.person("alice")
    assert (alice["state"], alice["submissions"]["opposition"]) == ("opposed", 1)
    assert ("code_expired_page" in run.result.screens) is (said_as == "page")
    assert "contact" in run.result.screens


def test_a_used_code_as_a_page_leads_to_a_new_one(robot: Robot, mock: MockControl) -> None:
    # Given Alice's profile activated with her letter's code, which is therefore spent
    mock.faults(personality="v2_pages")
    visitor = SiteClient(mock.base_url)
    visitor.identify(**identity("alice"))
    visitor.post("/parcours/code", code=seed_people()["alice"]["code"])
    visitor.post("/parcours/decision", action="activate", accept="yes")
    # When the robot closes her profile with that code
    run = robot.run(member_for("alice", action="close"))
    # Then the page « … déjà été utilisé » sends it back for a new code, and it closes once
    assert run.result.outcome is Outcome.CLOSED, run.result.screens
    assert "code_used_page" in run.result.screens
    alice = mock.person("alice")
    assert (alice["state"], alice["submissions"]["closure"]) == ("closed", 1)


@pytest.mark.parametrize("personality", ["classic", "v2_order"])
def test_no_contact_details_and_no_code_needs_a_person(
    robot: Robot, mock: MockControl, personality: str
) -> None:
    # Given a person the caisse holds no phone or e-mail for, and no letter's code
    mock.faults(personality=personality)
    unreachable = ("id", "first_name", "birth_date", "email", "phone")
    bruno = {k: v for k, v in seed_people()["bruno"].items() if k not in unreachable}
    mock.add_person(**bruno, id="jules", first_name="Jules", birth_date="1979-11-03")
    member = member_for("bruno", id="jules", first_name="Jules", birth_date="1979-11-03")
    run = robot.run(member)
    # Then a person is needed, told why and what to do, and nothing was submitted
    assert (run.result.outcome, run.result.reason) == (Outcome.NEEDS_HUMAN, "no_contact_details")
    assert "3422" in run.said
    assert "courrier" in run.said
    assert mock.person("jules")["state"] == "invited"
    assert mock.person("jules")["codes_issued"] == 0


# -- contract v2, item by item ---------------------------------------------------------


def test_franceconnect_is_offered_first_and_never_taken(robot: Robot, mock: MockControl) -> None:
    mock.faults(personality="v2_franceconnect")
    run = robot.run(member_for("alice"), reader=None)
    assert run.result.outcome is Outcome.OPPOSED
    assert mock.http.get("/__mock__/visits").json() == {"franceconnect": 0}


def test_flow_3_link_is_only_its_core(robot: Robot, mock: MockControl) -> None:
    mock.faults(personality="v2_franceconnect")
    run = robot.run(member_for("gaelle", action="close", code=None))
    assert run.result.outcome is Outcome.CLOSED
    assert "close_or_oppose_entry" in run.result.screens


def test_contact_details_come_before_the_code(robot: Robot, mock: MockControl) -> None:
    mock.faults(personality="v2_order")
    run = robot.run(member_for("alice"))
    assert run.result.outcome is Outcome.OPPOSED
    screens = run.result.screens
    assert screens.index("contact") < screens.index("code_provisoire")
    assert mock.person("alice")["codes_issued"] == 2  # the letter's, and the one sent


def test_without_a_code_reader_contact_first_needs_a_person(
    robot: Robot, mock: MockControl
) -> None:
    mock.faults(personality="v2_order")
    run = robot.run(member_for("alice"), reader=None)
    assert (run.result.outcome, run.result.reason) == (Outcome.NEEDS_HUMAN, "code_needed")
    assert mock.person("alice")["state"] == "invited"


@pytest.mark.parametrize("personality", ["v2_pages", "classic"])
def test_maintenance_under_any_heading(robot: Robot, mock: MockControl, personality: str) -> None:
    mock.faults(personality=personality, maintenance=2)
    run = robot.run(member_for("alice"), reader=None)
    assert run.result.outcome is Outcome.OPPOSED
    assert run.result.screens.count("maintenance") == 2


def test_manage_profile_of_a_child_then_closure(robot: Robot, mock: MockControl) -> None:
    mock.faults(personality="v2_manage")
    member = member_for("eric", id="fanny", first_name="Fanny", birth_date="2012-02-14",
                        action="close", minor=True, account_holder="Éric Petit", **ERIC_LOGIN)  # fmt: skip
    run = robot.run(member)
    assert run.result.outcome is Outcome.CLOSED
    assert "closure_choice" not in run.result.screens  # the profile's own page led there
    assert mock.person("fanny")["state"] == "closed"
    assert mock.person("eric")["state"] == "active"


@pytest.mark.parametrize("delete_data", [True, False])
def test_closure_form_with_password_and_one_box(
    robot: Robot, mock: MockControl, delete_data: bool
) -> None:
    mock.faults(personality="v2_closure")
    run = robot.run(member_for("eric", action="close", delete_data=delete_data, **ERIC_LOGIN))
    assert run.result.outcome is Outcome.CLOSED
    eric = mock.person("eric")
    assert (eric["state"], eric["deletion_requested"]) == ("closed", delete_data)


@pytest.mark.parametrize("delete_data", [True, False])
def test_flow_3_closure_then_deletion_as_two_steps(
    robot: Robot, mock: MockControl, delete_data: bool
) -> None:
    mock.faults(personality="v2_closure")
    run = robot.run(member_for("gaelle", action="close", code=None, delete_data=delete_data))
    assert run.result.outcome is Outcome.CLOSED
    assert "deletion_step" in run.result.screens
    gaelle = mock.person("gaelle")
    assert (gaelle["state"], gaelle["deletion_requested"]) == ("closed", delete_data)
    assert gaelle["submissions"]["closure"] == 1


# -- a screen the robot does not know --------------------------------------------------


def test_an_unknown_screen_leaves_a_masked_diagnostic(robot: Robot, mock: MockControl) -> None:
    # Given a decision screen whose opposition box the site now words otherwise: a page
    # the robot does not know, showing the person's name and dates
    mock.faults(relabel={"Je m'oppose à la création de Mon espace santé": "Je refuse le profil"})
    member = member_for("alice")
    run = robot.run(member, reader=None)
    # Then a person is needed, nothing was submitted, and the diagnostic is there, masked
    assert (run.result.outcome, run.result.reason) == (Outcome.NEEDS_HUMAN, "unknown_screen")
    assert mock.person("alice")["submissions"]["opposition"] == 0
    names = sorted(p.name for p in run.result.diagnostic)
    assert names == ["unknown-screen.png", "unknown-screen.txt"]
    snapshot = (run.folder / "unknown-screen.txt").read_text()
    assert "Je refuse le profil" in snapshot  # what changed is there to be seen
    secrets = [member.nir, member.card_serial, member.code]
    values = [s.get_secret_value() for s in secrets if s is not None]
    for value in [*values, "Alice", "Martin", "12/03/1984", "alice.martin@example.org"]:
        assert value.lower() not in snapshot.lower(), value
    for path in run.result.diagnostic:
        assert (path.stat().st_mode & 0o777) == 0o600
