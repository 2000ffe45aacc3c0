"""The look before the run (check-site) meets every interstitial of the contract by the
rules a member's flow follows (flows/interstitial_rules.py): none of them is a site that
changed. A screen that no row of the contract describes still is. And the `expiring`
personality: each session expires once at a step drawn from a seed, in the look or in a
member's flow, and the robot starts again as the contract says."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser
from rich.console import Console

from automation.cli.demo import demo_environment
from automation.run.check_site import look_at_site, print_check
from flows.outcome import Outcome
from mock_site.expiry import Expiries
from tests.support.cli import run_cli
from tests.support.control import MockControl
from tests.support.households import demo_subset
from tests.support.robot import Robot, member_for

pytestmark = pytest.mark.e2e

# Each interstitial, served once where the look walks (the card model, or the activation's
# welcome for the generic error, which that page shows on display), and the fault left
# once it was served: proof the look met it.
INTERSTITIALS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "session_expired": ({"expire_session_on_step": ["carte"]}, {"expire_session_on_step": []}),
    "maintenance": ({"maintenance": 2}, {"maintenance": 0}),
    "too_many_requests": (
        {"rate_limit_on_step": ["carte"], "rate_limit_s": 2},
        {"rate_limit_on_step": []},
    ),
    "generic_error": ({"error_on_step": {"activation": 1}}, {"error_on_step": {"activation": 0}}),
    "consent_banner": ({"personality": "banner", "cookie_panel": "first_visit"}, {}),
    "leave_dialog": ({"leave_dialog_on_step": ["carte"]}, {"leave_dialog_on_step": []}),
}


@pytest.mark.parametrize("met", INTERSTITIALS)
def test_the_look_meets_an_interstitial_without_saying_the_site_changed(
    browser: Browser, mock: MockControl, tmp_path: Path, met: str
) -> None:
    # Given a site that shows this interstitial once, where the look walks
    faults, spent = INTERSTITIALS[met]
    mock.faults(**faults)
    started = time.monotonic()
    # When the robot looks at the site
    outcome = look_at_site(browser, mock.base_url, tmp_path, 10_000, 3_000, backoff_s=0.01)
    # Then it met it (the site served it), answered it as a member's flow does, and found
    # every screen: neither changed nor unavailable
    now = mock.faults()
    assert {key: now[key] for key in spent} == spent
    assert not outcome.unavailable and not outcome.unreachable
    assert [s.screen for s in outcome.screens if not s.ok] == []
    if met == "too_many_requests":
        # the wait the site asked for was sat out before the look went on
        assert time.monotonic() - started >= 2


def test_a_screen_no_row_describes_is_still_a_changed_site(
    browser: Browser, mock: MockControl, tmp_path: Path
) -> None:
    # Given a page of a kind the contract does not describe where the card model should be
    mock.faults(captcha_on_step=["carte"])
    outcome = look_at_site(browser, mock.base_url, tmp_path, 10_000, 3_000, backoff_s=0.01)
    # Then the look says that screen is not the one it knows (and the identity form behind
    # it was not reached), not that the site is unavailable
    assert not outcome.unavailable
    missing = [(s.screen, s.seen_as) for s in outcome.screens if not s.ok]
    assert missing == [("card_model", None), ("identity", None)]


def test_the_look_gives_up_on_a_session_that_keeps_expiring_as_unavailable(
    browser: Browser, mock: MockControl, tmp_path: Path
) -> None:
    # Given a session that expires every time the card model is shown
    mock.faults(expire_session_on_step=["carte"] * 10)
    outcome = look_at_site(browser, mock.base_url, tmp_path, 10_000, 3_000, retries=2)
    # Then, past the retries, the site is said unavailable, not changed, and why: not
    # « maintenance », which it was not
    assert outcome.unavailable == "session_expired"
    assert not outcome.ok
    said = io.StringIO()
    print_check(Console(file=said, width=300), outcome, "fr")
    assert "Site indisponible (la session a expiré trop de fois)" in said.getvalue()
    assert "maintenance" not in said.getvalue()


def expires_at(seed: int, session: int = 1) -> int:
    """The page of a step at which the `session`-th session expires under this seed."""
    draws = Expiries()
    for _ in range(session - 1):
        draws.draw(seed)
    return draws.draw(seed).due_at


# The look for a household of one opposing (flow 1) asks for 4 pages of a step (home,
# activation, card model, identity): seeds whose first session expires within them fall
# in the look; the others in the first member's flow, which goes on in the look's session.
IN_THE_LOOK = next(seed for seed in range(100) if expires_at(seed) <= 3)
IN_THE_FLOW = next(seed for seed in range(100) if expires_at(seed) >= 5)


@pytest.mark.parametrize(("seed", "where"), [(IN_THE_LOOK, None), (IN_THE_FLOW, "alice")])
def test_a_run_under_expiring_starts_again_wherever_the_session_expires(
    mock: MockControl, tmp_path: Path, seed: int, where: str | None
) -> None:
    # Given a site whose sessions each expire once, at a step drawn from `seed`
    mock.faults(personality="expiring", expiry_seed=seed)
    out = tmp_path / "out"
    done = run_cli("run", str(demo_subset(tmp_path, ["alice"])), "--base-url", mock.base_url,
                   "--yes", "--code-from", f"maildir:{mock.outbox}", "--out", str(out),
                   env=demo_environment())  # fmt: skip
    # Then the session expired once, where the seed says (the look: no member), the robot
    # started again, and the member is done with one submission
    said = done.stdout + done.stderr
    assert done.returncode == 0, said
    assert "Le site a changé" not in said
    events = [json.loads(line) for line in (out / "mes-optout.log").read_text("utf-8").splitlines()]
    expired = [e.get("member") for e in events if e.get("event") == "session_expired"]
    assert expired == [where]
    alice = mock.person("alice")
    assert alice["state"] == "opposed"
    assert sum(alice["submissions"].values()) == 1
    assert sum(alice["final_posts"].values()) == 1


def test_check_site_says_its_own_lines_only(mock: MockControl, tmp_path: Path) -> None:
    # Given a session that expires during the look
    mock.faults(personality="expiring", expiry_seed=IN_THE_LOOK)
    out = tmp_path / "out"
    done = run_cli("check-site", "--base-url", mock.base_url, "--out", str(out))
    # Then every screen is found, and what the look logged went to its file, not the screen
    assert done.returncode == 0, done.stdout + done.stderr
    assert "session_expired" not in done.stdout + done.stderr
    events = [json.loads(line) for line in (out / "mes-optout.log").read_text("utf-8").splitlines()]
    assert [e["event"] for e in events if e.get("event") == "session_expired"] == [
        "session_expired"
    ]


@pytest.mark.parametrize("seed", [0, 1, 2, 4])  # expiring at the 2nd, 6th, 3rd, 4th page
def test_a_member_whose_session_expires_at_a_seeded_step_is_done_once(
    robot: Robot, mock: MockControl, seed: int
) -> None:
    # Given a site whose session expires once, at a step drawn from the seed
    mock.faults(personality="expiring", expiry_seed=seed)
    # When a member goes through, from the home page (no look before)
    run = robot.run(member_for("alice"))
    # Then they met the expiry, started again, and were done with one submission
    assert run.result.outcome is Outcome.OPPOSED, run.result.screens
    assert run.result.screens.count("session_expired") == 1
    alice = mock.person("alice")
    assert sum(alice["submissions"].values()) == 1
    assert sum(alice["final_posts"].values()) == 1
