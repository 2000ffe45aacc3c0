"""A site built of web components: its screens drawn inside an open shadow root, where a
person sees them and Playwright's locators reach, but where `document.querySelectorAll`
and `innerText` do not. The watcher must see a step's answer there as anywhere else, and
busy there as busy."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, expect

from flows.answer import Waiter

pytestmark = pytest.mark.e2e

# One component, two screens; « Suivant » gives way to a spinner while its call runs
# (300 ms), then the next screen is drawn in the same shadow root, with no page load.
WIZARD = """<!doctype html><html lang="fr"><body><main id="app"></main><script>
  const root = document.getElementById('app').attachShadow({mode: 'open'});
  const screens = [
    '<h1>Carte Vitale</h1><label><input type="radio" name="m"> Carte Vitale avec photo'
      + '</label><p><button type="button">Suivant</button></p>',
    '<h1>Mon identité</h1><label>Date de naissance <input name="d"></label>'
      + '<p><button type="button">Valider</button></p>',
  ];
  let step = 0;
  const draw = () => {
    root.innerHTML = screens[step];
    root.querySelector('button').addEventListener('click', (event) => {
      const button = event.currentTarget;
      button.disabled = true;
      button.innerHTML = '<span role="progressbar"></span>';
      setTimeout(() => { step += 1; draw(); }, 300);
    });
  };
  draw();
</script></body></html>"""


def test_a_step_answered_inside_a_shadow_root_is_seen_when_it_is_drawn(page: Page) -> None:
    # Given a single-page site whose screens live in a shadow root, and a robot that
    # would wait 10 s for an answer
    page.set_content(WIZARD)
    waiter = Waiter(page, timeout_ms=10_000)
    started = time.monotonic()
    # When it presses « Suivant »
    answer = waiter.press(page.get_by_role("button", name="Suivant"))
    # Then the answer is the next screen, seen as it is drawn (not the load timeout), and
    # not the busy button before it
    assert answer.kind == "moved", answer
    assert time.monotonic() - started < 3
    expect(page.get_by_role("heading", name="Mon identité")).to_be_visible(timeout=1)
