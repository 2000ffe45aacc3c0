"""The site as contract v3 describes it: a consent banner that comes while a step is on its
way, busy shown in the site's own ways, a step bar on every screen, a button that outlives
its step, messages with no role, and the 30-second limit to wait out.

Each rule that keeps a step from being pressed twice, or for ever, has a test here that goes
red without it: the once-only final click (`FinalStep._before`), the watcher's busy rule,
the stuck rule, the screen-not-control rule, the wait-out."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from automation.cli.demo import demo_environment
from flows.outcome import Outcome
from tests.support.cli import UNCHECKED, run_cli
from tests.support.control import MockControl
from tests.support.households import demo_subset
from tests.support.robot import Robot, member_for

pytestmark = pytest.mark.e2e


# -- interstitials while a step is on its way -------------------------------------------


@pytest.mark.parametrize("personality", ["banner", "hostile"])
def test_a_banner_80_ms_after_the_final_confirmer_is_answered_and_the_step_sent_once(
    robot: Robot, mock: MockControl, personality: str
) -> None:
    # Given a site that asks to confirm the opposition, and whose consent banner (with a
    # backdrop that takes the clicks) comes back 80 ms after « Confirmer », the step on its way
    mock.faults(personality=personality, confirm_dialogs=True, banner_on_step=["decision"],
                banner_delay_ms=80)  # fmt: skip
    # When the robot opposes for Alice
    run = robot.run(member_for("alice"))
    # Then she is opposed on the first run, the opposition submitted exactly once
    assert (run.result.outcome, run.result.reason) == (Outcome.OPPOSED, None), run.result.screens
    alice = mock.person("alice")
    assert (alice["state"], alice["submissions"]["opposition"]) == ("opposed", 1)


def test_a_banner_while_suivant_is_on_its_way_is_not_the_steps_answer(
    robot: Robot, mock: MockControl
) -> None:
    # Given a single-page, slow site whose banner comes back while each identity step is
    # on its way (the overlay and the backdrop both over the pressed button)
    mock.faults(personality="spa+slow+banner", banner_on_step=["carte", "identite"],
                banner_delay_ms=80)  # fmt: skip
    run = robot.run(member_for("alice"))
    # Then every step is pressed once: the card model screen is never acted on twice
    assert run.result.outcome is Outcome.OPPOSED, run.result.screens
    assert run.result.screens.count("card_model") == 1, run.result.screens
    assert mock.person("alice")["submissions"]["opposition"] == 1


def test_a_press_the_banner_took_is_pressed_again_when_the_step_is_not_final(
    robot: Robot, mock: MockControl
) -> None:
    # Given a site whose consent banner opens as « Commencer » and « Suivant » go down: the
    # release lands on its backdrop, and neither click reaches its button
    mock.faults(personality="hostile", slow_ms=100, banner_on_press=["activation", "carte"])
    run = robot.run(member_for("alice"))
    # Then the banner is answered and each step pressed again, once: opposed on this run,
    # the card model screen acted on once (the second press was the same step's)
    assert (run.result.outcome, run.result.reason) == (Outcome.OPPOSED, None), run.result.screens
    assert run.result.screens.count("card_model") == 1, run.result.screens
    assert mock.person("alice")["submissions"]["opposition"] == 1


def test_a_final_press_the_banner_took_is_not_pressed_again(
    robot: Robot, mock: MockControl
) -> None:
    # Given a site whose consent banner opens as the opposition's « Continuer » goes down
    mock.faults(personality="banner", banner_on_press=["decision"])
    first = robot.run(member_for("alice"), load_timeout_ms=3_000)
    # Then the final step is not pressed a second time: not done on this run, and said why
    assert (first.result.outcome, first.result.reason) == (Outcome.FAILED, "press_lost")
    assert mock.person("alice")["submissions"]["opposition"] == 0
    # And the next run, finding her still invited, opposes for her once
    again = robot.run(member_for("alice"))
    assert again.result.outcome is Outcome.OPPOSED, again.result.screens
    assert mock.person("alice")["submissions"]["opposition"] == 1


def test_a_banner_come_between_the_look_and_the_final_press_is_answered_then_pressed(
    robot: Robot, mock: MockControl
) -> None:
    # Given a single-page site whose consent banner opens as the pointer comes over the
    # opposition's « Continuer »: the press goes down on its backdrop, no control has any of
    # it (and Playwright's own script, in the page since the robot's first look, stops it)
    mock.faults(personality="spa+banner", banner_on_hover=["decision"])
    run = robot.run(member_for("alice"), load_timeout_ms=5_000)
    # Then the banner is answered and the press made again, final as it is: opposed on this
    # run, the opposition submitted once
    assert (run.result.outcome, run.result.reason) == (Outcome.OPPOSED, None), run.result.screens
    assert mock.person("alice")["submissions"]["opposition"] == 1


# -- busy is no answer; the final step never twice; stuck ------------------------------


def test_a_busy_page_that_also_says_loading_is_no_answer(robot: Robot, mock: MockControl) -> None:
    # Given a site that, while each step is on its way, says « Chargement… » in a status
    # and puts a spinner in the pressed button, then answers 600 ms later
    mock.faults(busy_notice=True)
    run = robot.run(member_for("alice"))
    # Then the notice is not taken for the answer: opposed, one submission
    assert (run.result.outcome, run.result.reason) == (Outcome.OPPOSED, None), run.result.screens
    assert mock.person("alice")["submissions"]["opposition"] == 1


def test_a_final_step_shown_again_after_it_was_taken_is_never_clicked_twice(
    robot: Robot, mock: MockControl
) -> None:
    # Given a site that takes the opposition, then shows the decision screen again
    mock.faults(repeat_after_step=["decision"])
    first = robot.run(member_for("alice"), load_timeout_ms=3000)
    # Then the robot waits for that screen to go, up to the bound, and never clicks it
    # again: one press, one submission, the intent written and no result on this run
    assert (first.result.outcome, first.result.reason) == (Outcome.FAILED, "no_answer")
    assert mock.person("alice")["submissions"]["opposition"] == 1
    assert mock.person("alice")["presses"] == {"oppose-dialog:step": 1}
    # And the next run settles it from the site, still one submission
    again = robot.run(member_for("alice"))
    assert again.result.outcome is Outcome.ALREADY_OPPOSED, again.result.screens
    assert mock.person("alice")["submissions"]["opposition"] == 1


def test_a_screen_that_comes_back_unchanged_is_stuck_long_before_the_deadline(
    robot: Robot, mock: MockControl
) -> None:
    # Given a site whose card model screen answers « Suivant » with itself, every time
    mock.faults(unchanged_step=["carte"])
    run = robot.run(member_for("alice"), member_deadline_s=120)
    # Then the member ends stuck, naming the screen (not timed out at the deadline)
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "stuck")
    assert "modèle de carte Vitale" in run.said and "card_model" not in run.said
    assert mock.person("alice")["state"] == "invited"


# -- the screen, not the control --------------------------------------------------------


@pytest.mark.parametrize("personality", ["wizard", "stepper", "components"])
def test_a_step_answered_around_the_pressed_button_is_seen_at_once(
    robot: Robot, mock: MockControl, personality: str
) -> None:
    # Given a wizard whose one button is relabelled by every step (or a step bar with a
    # value on every screen, or screens drawn in a web component's shadow root), and a
    # robot that would wait 30 s for an answer
    mock.faults(personality=personality)
    started = time.monotonic()
    # When it opposes for Alice, within a deadline shorter than one load timeout
    run = robot.run(member_for("alice"), load_timeout_ms=30_000, member_deadline_s=25)
    # Then each step's answer was seen when the screen changed (a step waited out to the
    # load timeout would have ended the member as timeout)
    assert (run.result.outcome, run.result.reason) == (Outcome.OPPOSED, None), run.result.screens
    assert time.monotonic() - started < 25
    assert mock.person("alice")["submissions"]["opposition"] == 1


@pytest.mark.parametrize("personality", ["unannounced", "spa+unannounced"])
def test_a_message_without_a_role_is_read_by_its_words(
    robot: Robot, mock: MockControl, personality: str
) -> None:
    # Given a site whose messages have no role (inline, or a snackbar that goes away)
    mock.faults(personality=personality)
    # When the identity typed is not found
    run = robot.run(member_for("alice", card_serial="11111111111"), reader=None,
                    load_timeout_ms=5_000)  # fmt: skip
    # Then the robot says so from the site's words, at once, and types nothing more
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "identity_not_found")
    assert mock.person("alice")["state"] == "invited"


# -- the 30-second limit, waited out ----------------------------------------------------


def test_the_wait_the_site_asks_for_is_sat_out_and_said(mock: MockControl, tmp_path: Path) -> None:
    # Given a site that refuses Bruno's first code request, asking to wait 2 seconds
    mock.faults(rate_limit=1, rate_limit_s=2)
    household = demo_subset(tmp_path, ["bruno"])
    out = tmp_path / "out"
    # When the household runs
    result = run_cli("run", str(household), "--base-url", mock.base_url, "--yes",
                     "--code-from", f"maildir:{mock.outbox}", "--out", str(out), UNCHECKED,
                     env=demo_environment())  # fmt: skip
    # Then the wait is said on the progress line, and Bruno is opposed with one code sent
    assert result.returncode == 0, result.stdout + result.stderr
    assert "le site demande d'attendre 2 s" in result.stdout
    bruno = mock.person("bruno")
    assert (bruno["state"], bruno["codes_issued"]) == ("opposed", 1)


def test_a_site_that_refuses_three_times_ends_rate_limited(robot: Robot, mock: MockControl) -> None:
    # Given a site that refuses the next three code requests, asking to wait 1 second
    mock.faults(rate_limit=3, rate_limit_s=1)
    run = robot.run(member_for("bruno"))
    # Then the robot waited twice, asked three times, and stops: no code was sent
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "rate_limited")
    bruno = mock.person("bruno")
    assert (bruno["state"], bruno["codes_issued"]) == ("invited", 0)
    assert sum(1 for post in mock.posts() if post["path"].endswith("/coordonnees")) == 3
