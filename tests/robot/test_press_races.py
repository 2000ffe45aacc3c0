"""Races between the robot and the page while a step is on its way. The robot hears the
watcher as console events and answers interstitials by calling into the browser; whatever
the watcher says while such a call is running must still be heard. Under load the
browser's reply to a click can come after the page's next frame: a word said in between
was once missed, and the robot then waited its whole timeout for a word already said.
And a banner may come between the robot's look and its press, which then lands on its
backdrop: no control had any of it, so it is made again once the banner is answered."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, expect

from flows.answer import Aside, Waiter
from flows.pages.text import pattern

pytestmark = pytest.mark.e2e


def step_with_banner(heading: str, label: str, opens_on: str, next_heading: str) -> str:
    """A step « heading » whose button « label » opens a consent manager's banner on its
    first `opens_on` event: a backdrop that takes every click, and « Tout refuser », which
    closes it for good. The button's click (counted) draws « next_heading » in place."""
    return f"""<!doctype html><html lang="fr"><body>
<main id="app"><h1>{heading}</h1><p><button type="button" id="next">{label}</button></p></main>
<div id="consent" hidden>
  <div style="position:fixed;inset:0;background:#0004"></div>
  <div style="position:fixed;left:0;right:0;bottom:0;background:#fff;padding:1rem">
    <p>Nous utilisons des traceurs.</p>
    <button type="button" id="refuse">Tout refuser</button>
    <button type="button">Tout accepter</button>
  </div>
</div>
<script>
  const byId = (id) => document.getElementById(id);
  let asked = false;
  window.clicks = 0;
  byId('next').addEventListener('{opens_on}', () => {{
    if (!asked) byId('consent').hidden = false;
    asked = true;
  }});
  byId('refuse').addEventListener('click', () => {{ byId('consent').hidden = true; }});
  byId('next').addEventListener('click', () => {{
    window.clicks += 1;
    byId('app').innerHTML = '<h1>{next_heading}</h1>';
  }});
</script></body></html>"""


# A step whose button opens the banner as it goes down (a consent manager waiting for the
# first interaction): its backdrop takes the release, so that click is lost. Once refused,
# the banner stays away and « Suivant » draws the next screen in place.
BANNER_ON_PRESS = step_with_banner("Carte Vitale", "Suivant", "pointerdown", "Mon identité")


def test_what_the_watcher_says_while_an_interstitial_is_answered_is_heard(page: Page) -> None:
    # Given a step whose press the consent banner takes, and a robot whose answer to the
    # banner returns only after the watcher has said that the press was lost (as a loaded
    # machine's browser may reply to the refusal's click after the page's next frame; the
    # refusal is dispatched, so that nothing else is said after that word)
    page.set_content(BANNER_ON_PRESS)
    waiter = Waiter(page, timeout_ms=8_000)

    def refuse_and_reply_late() -> None:
        # Back only once the watcher has said that the step's press was lost.
        with page.expect_event(
            "console", lambda message: '"kind":"lost"' in message.text, timeout=5_000
        ):
            page.locator("#refuse").dispatch_event("click")

    banner = (pattern("Tout refuser", whole=True), (pattern("Tout accepter"),))
    waiter.asides = [Aside("cookie_panel", *banner, refuse_and_reply_late)]
    started = time.monotonic()
    # When it presses « Suivant »
    answer = waiter.press(page.get_by_role("button", name="Suivant"))
    # Then the banner is refused, the lost press made again, and the next screen seen
    # well before the 8 s bound (not the whole wait for a word already said)
    assert answer.kind == "moved", answer
    assert time.monotonic() - started < 4
    expect(page.get_by_role("heading", name="Mon identité")).to_be_visible(timeout=1)
    expect(page.get_by_role("button", name="Tout refuser")).to_be_hidden(timeout=1)


# A banner that opens as the pointer comes over the step's button (a consent manager
# waiting for the first interaction, a mouse movement included): it comes between the
# robot's look (Playwright's checks that the button can be clicked) and its press, so the
# pointer goes down on its backdrop and the button has none of the press.
BANNER_ON_HOVER = step_with_banner(
    "Ma décision", "Continuer", "pointerover", "Opposition enregistrée"
)


@pytest.mark.parametrize("final", [False, True], ids=["step", "final-step"])
def test_a_press_that_lands_on_a_banner_come_in_between_is_made_again(
    page: Page, final: bool
) -> None:
    # Given a banner that comes between the robot's look and its press, and a robot that
    # answers it (even when the press is a final step's, made once only)
    page.set_content(BANNER_ON_HOVER)
    waiter = Waiter(page, timeout_ms=8_000)
    refuse = page.get_by_role("button", name="Tout refuser")
    banner = (pattern("Tout refuser", whole=True), (pattern("Tout accepter"),))
    waiter.asides = [
        Aside("cookie_panel", *banner, lambda: refuse.click(force=True, no_wait_after=True))
    ]
    started = time.monotonic()
    # When it presses « Continuer »
    if final:
        with waiter.pressed_once():
            answer = waiter.press(page.get_by_role("button", name="Continuer"))
    else:
        answer = waiter.press(page.get_by_role("button", name="Continuer"))
    # Then the banner is refused, and the press, which no control had, made again: the
    # button clicked exactly once, the next screen seen well before the 8 s bound
    assert answer.kind == "moved", answer
    assert time.monotonic() - started < 4
    assert page.evaluate("window.clicks") == 1
    expect(page.get_by_role("heading", name="Opposition enregistrée")).to_be_visible(timeout=1)
