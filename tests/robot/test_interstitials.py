"""The robot under the mock's faults, beyond the fault matrix (tests/faults): all label
variants through a closure, slowness, dry runs, confirmations, hand-overs, and nothing
reached outside the site's origin."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from flows.outcome import Outcome
from flows.pages.text import pattern
from tests.support.control import MockControl
from tests.support.robot import FakePerson, Robot, member_for

pytestmark = pytest.mark.e2e


def opposed(mock: MockControl, person_id: str = "alice") -> bool:
    person = mock.person(person_id)
    return person["state"] == "opposed" and person["submissions"]["opposition"] == 1


def test_all_variants_at_once_through_a_closure(robot: Robot, mock: MockControl) -> None:
    mock.faults(variants=["apostrophe", "upper", "nbsp", "wording", "aria_label",
                          "buttons_as_links"], confirm_dialogs=True)  # fmt: skip
    run = robot.run(member_for("gaelle", action="auto", code=None))
    assert run.result.outcome is Outcome.CLOSED
    assert mock.person("gaelle")["state"] == "closed"


def test_a_slow_site(robot: Robot, mock: MockControl) -> None:
    mock.faults(latency_ms=100)
    run = robot.run(member_for("alice"), reader=None)
    assert run.result.outcome is Outcome.OPPOSED


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
    assert "tracker.example.net" in run.guard.blocked_hosts


def test_a_link_to_another_origin_is_not_followed(browser: Browser, mock: MockControl) -> None:
    from automation.browser.session import site_context

    mock.faults(third_party=True)
    context, guard = site_context(browser, mock.base_url)
    try:
        page = context.new_page()
        page.goto(mock.base_url)
        page.get_by_role("button", name=pattern("Tout refuser")).click()
        page.get_by_role("link", name=pattern("Découvrir nos partenaires")).click()
        page.wait_for_load_state()
        assert "partenaire.example.net" in guard.blocked_hosts
        assert "tracker.example.net" in guard.blocked_hosts
        assert not page.url.startswith("https://partenaire.example.net")
    finally:
        context.close()


@pytest.mark.parametrize("panel", ["cookie_panel", "leave_dialog"])
def test_a_panel_on_view_is_answered_by_the_loop_with_its_handler_in_place(
    page: Page, mock: MockControl, panel: str, tmp_path: Path
) -> None:
    # The flow registers a locator handler for these panels (for when one shows up
    # over a control being acted on); when the loop finds one on view and answers it
    # itself, Playwright would run the handler first and the loop's click would then wait
    # for a button that is gone.
    from automation.output.evidence import EvidenceFolder
    from flows.member_flow import MemberFlow
    from flows.options import FlowOptions
    from flows.pages import interstitials

    options = FlowOptions(base_url=mock.base_url, load_timeout_ms=5_000,
                          recognise_timeout_ms=2_000)  # fmt: skip
    flow = MemberFlow(page, member_for("alice"), options, EvidenceFolder(tmp_path, "alice"))
    if panel == "leave_dialog":
        mock.faults(cookie_panel="off", leave_dialog_on_step=["activation"])
        page.goto(f"{mock.base_url}/activer")
        dialog = interstitials.LeaveDialog(page, waiter=flow.waiter)
        assert dialog.signature().is_visible()
        dialog.stay()
        assert page.url.endswith("/activer")  # stayed
    else:
        page.goto(mock.base_url)
        cookies = interstitials.CookiePanel(page, waiter=flow.waiter)
        assert cookies.signature().is_visible()
        cookies.refuse()
        assert {c["name"]: c["value"] for c in page.context.cookies()}["mes_cookies"] == "refused"
    assert flow.waiter.last is not None and flow.waiter.last.kind == "moved"
    assert not page.get_by_role("dialog").filter(visible=True).count()


def test_the_words_of_an_interstitial_outside_one_do_not_hold_up_an_action(page: Page) -> None:
    # The handler that answers an interstitial over a control is woken by its words (the
    # cheapest query, made before every action); what it does is decided by role. A page
    # that only says those words (a help text, no button, no dialog) must not hold up the
    # action, or have anything clicked for it.
    from flows.answer import Waiter
    from flows.pages.base import Names
    from flows.pages.interstitials import answer_over

    page.set_content(
        "<main><h1>Aide</h1><p>Tout refuser</p><p>Quitter la page</p>"
        "<button type='button' onclick=\"this.textContent = 'Fait'\">Suivant</button></main>"
    )
    answer_over(page, Names(), Waiter(page, 5_000))
    page.get_by_role("button", name="Suivant").click(timeout=3_000)
    assert page.get_by_role("button", name="Fait").is_visible()


def test_a_banner_beneath_a_modal_dialog_waits_for_the_dialog(page: Page) -> None:
    # A consent banner may come back while a confirmation dialog is open above it: no one
    # can press « Tout refuser » then, so the handler must leave it for later rather than
    # hold up « Confirmer » until its timeout.
    from flows.answer import Waiter
    from flows.pages.base import Names
    from flows.pages.interstitials import answer_over

    page.set_content(
        "<main><h1>Ma décision</h1></main>"
        "<div style='position:fixed;left:0;right:0;bottom:0'><p>Traceurs</p>"
        "<button>Tout refuser</button><button>Tout accepter</button></div>"
        "<dialog id='d'><p>Confirmer votre opposition ?</p>"
        "<button onclick=\"this.textContent = 'Fait'\">Confirmer</button></dialog>"
        "<script>document.getElementById('d').showModal()</script>"
    )
    answer_over(page, Names(), Waiter(page, 5_000))
    page.get_by_role("button", name="Confirmer").click(timeout=3_000)
    assert page.get_by_role("button", name="Fait").is_visible()
