"""A dry run sends nothing: it stops before any step that would send something to the
person (a new code provisoire, a sign-in that sends a one-time code) or change the site
(the final press), and says where it stopped and what the real run will do there."""

from __future__ import annotations

from typing import Any

import pytest

from flows.outcome import Outcome
from tests.support.control import MockControl
from tests.support.robot import Robot, member_for

pytestmark = pytest.mark.e2e

ERIC_LOGIN = {"login": "eric.petit", "password": "Sante-Demo-2026"}
COUNTERS = ("codes_issued", "login_codes_issued", "final_posts", "submissions", "state")


def counters(mock: MockControl, person_id: str) -> dict[str, Any]:
    person = mock.person(person_id)
    return {key: person[key] for key in COUNTERS}


@pytest.mark.parametrize(
    ("person_id", "changes", "said"),
    [
        # No code in the file: the real run has the site mail one (voiding the letter's).
        ("bruno", {"code": None}, "arrêté avant de demander un code provisoire"),
        # Flow 2: signing in has the site send a sign-in code.
        ("eric", {"action": "close", **ERIC_LOGIN}, "arrêté avant de se connecter"),
    ],
    ids=["no-code", "sign-in"],
)
def test_a_dry_run_sends_nothing_and_says_where_it_stopped(
    robot: Robot, mock: MockControl, person_id: str, changes: dict[str, Any], said: str
) -> None:
    before = counters(mock, person_id)
    run = robot.run(member_for(person_id, **changes), dry_run=True)
    assert run.result.outcome is Outcome.DRY_RUN, run.result
    assert counters(mock, person_id) == before
    assert said in run.said and "la vraie exécution" in run.said
