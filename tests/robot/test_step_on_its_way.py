"""A step on its way (contract v4): a layer over the screen is busy, whatever it says, and a
final step's controls (its button, its confirmation dialog's « Confirmer ») are pressed
once per attempt, even when the same screen or dialog is seen again after the press."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from flows.answer import Waiter
from flows.outcome import Outcome
from tests.support.control import MockControl
from tests.support.robot import Robot, member_for

pytestmark = pytest.mark.e2e


def step_under_a_layer(layer: str) -> str:
    """« Ma décision » whose « Continuer » goes as a layer comes over the screen; the site
    answers 400 ms later (its own timer): the layer goes and the next screen is drawn."""
    return f"""<!doctype html><html lang="fr"><body>
<main id="app" style="position:relative"><h1>Ma décision</h1>
<p><label><input type="checkbox"> Je m'oppose</label></p>
<p><button type="button" id="next">Continuer</button></p></main>
<script>
  const app = document.getElementById('app');
  document.getElementById('next').addEventListener('click', (event) => {{
    event.target.remove();
    const holder = document.createElement('div');
    holder.innerHTML = `{layer}`;
    const layer = holder.firstElementChild;
    (layer.dataset.in === 'main' ? app : document.body).appendChild(layer);
    setTimeout(() => {{
      layer.remove();
      app.innerHTML = '<h1>Votre opposition a bien été prise en compte</h1>';
    }}, 400);
  }});
</script></body></html>"""


LAYERS = {
    # The whole window, translucent, words of its own, hidden from assistive technology.
    "window-with-words": '<div aria-hidden="true" style="position:fixed;inset:0;'
    'background:#fffc;z-index:5"><p>Chargement…</p></div>',
    # The whole window, nothing said.
    "window-without-words": '<div style="position:fixed;inset:0;background:#0002"></div>',
    # Over the form only (the heading and the box), saying « Veuillez patienter ».
    "over-the-form": '<div data-in="main" aria-hidden="true" style="position:absolute;'
    'inset:0;background:#fffc">Veuillez patienter</div>',
}


@pytest.mark.parametrize("layer", LAYERS.values(), ids=LAYERS.keys())
def test_a_layer_over_the_screen_is_no_answer_whatever_it_says(page: Page, layer: str) -> None:
    # Given a step whose button goes as a layer comes over the screen
    page.set_content(step_under_a_layer(layer))
    waiter = Waiter(page, timeout_ms=8_000)
    # When the robot presses « Continuer »
    answer = waiter.press(page.get_by_role("button", name="Continuer"))
    # Then neither the layer's words nor the button's going is the answer: the next screen
    assert answer.kind == "moved", answer
    assert "Votre opposition a bien été prise en compte" in answer.text, answer
    assert "Chargement" not in answer.text and "patienter" not in answer.text
    expect(page.get_by_role("heading", name="Votre opposition")).to_be_visible(timeout=1)


def assert_pressed_once(mock: MockControl, who: str, dialog: str, form: str) -> None:
    """The site's own counts: each final control pressed once, the final form posted once."""
    person = mock.person(who)
    assert person["presses"] == {f"{dialog}:step": 1, f"{dialog}:confirm": 1}, person
    assert person["final_posts"] == {form: 1}, person


def test_a_confirmation_dialog_that_stays_on_view_is_confirmed_once(
    robot: Robot, mock: MockControl
) -> None:
    # Given a single-page site whose confirmation dialog stays on view, its buttons live,
    # while the step is on its way (a notice says so beside it, under a loader)
    mock.faults(personality="loader+spa")
    # When the robot opposes for Alice
    run = robot.run(member_for("alice"))
    # Then « Confirmer » was pressed once, and the member ends as the site answered
    assert (run.result.outcome, run.result.reason) == (Outcome.OPPOSED, None), run.result.screens
    assert run.result.screens.count("confirm_dialog") >= 2  # seen again, not pressed again
    assert_pressed_once(mock, "alice", "oppose-dialog", "decision")
    assert mock.person("alice")["state"] == "opposed"


@pytest.mark.parametrize("personality", ["classic", "spa"])
def test_a_confirmation_dialog_drawn_again_is_not_confirmed_again(
    robot: Robot, mock: MockControl, personality: str
) -> None:
    # Given a site whose confirmation dialog is closed and drawn again (a new one, its
    # buttons live) while the closure is on its way
    mock.faults(personality=personality, confirm_redrawn=True)
    # When the robot closes Gaëlle's profile, created automatically, without signing in
    run = robot.run(member_for("gaelle", action="close", code=None))
    # Then the dialog drawn again is not confirmed: one press, one post, closed
    assert (run.result.outcome, run.result.reason) == (Outcome.CLOSED, None), run.result.screens
    assert run.result.screens.count("confirm_dialog") >= 2
    assert_pressed_once(mock, "gaelle", "close-dialog", "cloture")
    assert mock.person("gaelle")["state"] == "closed"


def test_a_member_is_not_left_while_the_final_step_is_on_its_way(
    robot: Robot, mock: MockControl
) -> None:
    # Given a site that answers the opposition with a page of its own, no screen of the
    # contract (« en cours de traitement »), going on to the attestation 4 s later: longer
    # than the robot gives an unknown page (3 s), within its bound for an answer (10 s)
    mock.faults(interim_after_step=["decision"], interim_s=4)
    # When the robot opposes for Alice
    run = robot.run(member_for("alice"), recognise_timeout_ms=3_000, load_timeout_ms=10_000)
    # Then the unknown page is not where it leaves her: the site's answer is waited for
    assert (run.result.outcome, run.result.reason) == (Outcome.OPPOSED, None), run.result.screens
    assert "unknown" in run.result.screens  # the page it did not know was seen
    assert mock.person("alice")["submissions"]["opposition"] == 1
