"""The robot under the mock's faults: interstitials wherever they show up, label variants,
dry runs, confirmations, hand-overs, and nothing reached outside the site's origin."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from flows.outcome import Outcome
from flows.pages.text import pattern
from tests.support.control import MockControl
from tests.support.robot import FakePerson, Robot, member_for

pytestmark = pytest.mark.e2e


def opposed(mock: MockControl, person_id: str = "alice") -> bool:
    person = mock.person(person_id)
    return person["state"] == "opposed" and person["submissions"]["opposition"] == 1


@pytest.mark.parametrize(
    "variant",
    ["apostrophe", "upper", "lower", "nbsp", "wording", "opposition_radio", "date_input",
     "aria_label", "buttons_as_links"],
)  # fmt: skip
def test_each_label_variant(robot: Robot, mock: MockControl, variant: str) -> None:
    mock.faults(variants=[variant])
    run = robot.run(member_for("chloe"), reader=None)
    assert run.result.outcome is Outcome.OPPOSED
    assert opposed(mock, "chloe")


def test_all_variants_at_once_through_a_closure(robot: Robot, mock: MockControl) -> None:
    mock.faults(variants=["apostrophe", "upper", "nbsp", "wording", "aria_label",
                          "buttons_as_links"], confirm_dialogs=True)  # fmt: skip
    run = robot.run(member_for("gaelle", action="auto", code=None))
    assert run.result.outcome is Outcome.CLOSED
    assert mock.person("gaelle")["state"] == "closed"


def test_cookie_panel_that_comes_late(robot: Robot, mock: MockControl) -> None:
    mock.faults(cookie_panel="late", cookie_delay_ms=400)
    run = robot.run(member_for("alice"), reader=None)
    assert run.result.outcome is Outcome.OPPOSED
    assert opposed(mock)


def test_maintenance_then_back(robot: Robot, mock: MockControl) -> None:
    mock.faults(maintenance=2)
    run = robot.run(member_for("alice"), reader=None)
    assert run.result.outcome is Outcome.OPPOSED
    assert run.result.screens.count("maintenance") == 2
    assert opposed(mock)


def test_maintenance_that_lasts(robot: Robot, mock: MockControl) -> None:
    mock.faults(maintenance=100)
    run = robot.run(member_for("alice"), reader=None)
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "site_unavailable")
    assert mock.person("alice")["state"] == "invited"


@pytest.mark.parametrize("step", ["identite", "code", "decision"])
def test_generic_error_on_a_step(robot: Robot, mock: MockControl, step: str) -> None:
    mock.faults(error_on_step={step: 1})
    run = robot.run(member_for("alice"), reader=None)
    assert run.result.outcome is Outcome.OPPOSED
    assert "generic_error" in run.result.screens
    assert opposed(mock)


@pytest.mark.parametrize("step", ["carte", "code", "decision"])
def test_session_expiry_on_a_step(robot: Robot, mock: MockControl, step: str) -> None:
    mock.faults(expire_session_on_step=[step])
    run = robot.run(member_for("alice"), reader=None)
    assert run.result.outcome is Outcome.OPPOSED
    assert "session_expired" in run.result.screens
    assert opposed(mock)


def test_confirmation_dialog_is_confirmed_when_the_run_is(robot: Robot, mock: MockControl) -> None:
    mock.faults(confirm_dialogs=True)
    run = robot.run(member_for("alice"), reader=None)
    assert run.result.outcome is Outcome.OPPOSED
    assert "confirm_dialog" in run.result.screens
    assert opposed(mock)


def test_leave_dialog_is_answered_rester(robot: Robot, mock: MockControl) -> None:
    mock.faults(leave_dialog_on_step=["decision"])
    run = robot.run(member_for("alice"), reader=None)
    assert run.result.outcome is Outcome.OPPOSED
    assert "leave_dialog" in run.result.screens
    assert opposed(mock)


def test_a_slow_site(robot: Robot, mock: MockControl) -> None:
    mock.faults(latency_ms=100)
    run = robot.run(member_for("alice"), reader=None)
    assert run.result.outcome is Outcome.OPPOSED


def test_a_page_that_never_loads_costs_one_member(robot: Robot, mock: MockControl) -> None:
    mock.faults(hang_on_step=["decision"])
    run = robot.run(member_for("alice"), reader=None, load_timeout_ms=1500)
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "timeout")
    mock.reset()


def test_dry_run_stops_before_the_opposition(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("alice"), reader=None, dry_run=True)
    assert run.result.outcome is Outcome.DRY_RUN
    assert run.result.screens[-1] == "decision"
    alice = mock.person("alice")
    assert (alice["state"], alice["submissions"]["opposition"]) == ("invited", 0)


def test_dry_run_stops_before_the_closure(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("gaelle", action="close", code=None), dry_run=True)
    assert run.result.outcome is Outcome.DRY_RUN
    assert mock.person("gaelle")["state"] == "active"


def test_unconfirmed_and_unattended_needs_a_person(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("alice"), reader=None, confirmed=False)
    assert (run.result.outcome, run.result.reason) == (Outcome.NEEDS_HUMAN, "not_confirmed")
    assert mock.person("alice")["state"] == "invited"


@pytest.mark.parametrize("answer", [True, False])
def test_the_person_confirms_or_not(robot: Robot, mock: MockControl, answer: bool) -> None:
    person = FakePerson(answer=answer)
    run = robot.run(member_for("alice"), reader=None, confirmed=False, person=person)
    assert len(person.asked) == 1 and "Alice Martin" in person.asked[0]
    assert run.result.outcome is (Outcome.OPPOSED if answer else Outcome.NEEDS_HUMAN)
    assert mock.person("alice")["state"] == ("opposed" if answer else "invited")


def test_a_captcha_unattended_needs_a_person(robot: Robot, mock: MockControl) -> None:
    mock.faults(captcha_on_step=["decision"])
    run = robot.run(member_for("alice"), reader=None, recognise_timeout_ms=1000)
    assert (run.result.outcome, run.result.reason) == (Outcome.NEEDS_HUMAN, "unknown_screen")
    assert mock.person("alice")["state"] == "invited"


def test_a_captcha_is_handed_over_to_the_person(robot: Robot, mock: MockControl) -> None:
    mock.faults(captcha_on_step=["decision"])

    def solve(page: Page) -> None:  # what the person does in the browser
        page.get_by_role("checkbox", name=pattern("Je ne suis pas un robot")).check()
        page.get_by_role("button", name=pattern("Valider")).click()

    person = FakePerson(act=solve)
    run = robot.run(member_for("alice"), reader=None, person=person, recognise_timeout_ms=1000)
    assert len(person.handed) == 1
    assert run.result.outcome is Outcome.OPPOSED
    assert opposed(mock)


def test_third_party_requests_are_blocked(robot: Robot, mock: MockControl) -> None:
    mock.faults(third_party=True)
    run = robot.run(member_for("alice"), reader=None)
    assert run.result.outcome is Outcome.OPPOSED
    assert "tracker.example.net" in run.guard.blocked


def test_navigation_to_another_origin_is_refused(browser, mock: MockControl) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import Error

    from automation.browser import site_context

    mock.faults(third_party=True)
    context, guard = site_context(browser, mock.base_url)
    try:
        page = context.new_page()
        page.goto(mock.base_url)
        with pytest.raises(Error):
            page.goto("https://partenaire.example.net/offre")
        assert "partenaire.example.net" in guard.blocked
    finally:
        context.close()
