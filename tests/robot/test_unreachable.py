"""A site that cannot be reached is tried again with the run's backoff before the member
is given up, and the report says for how long."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext

from flows.outcome import Outcome
from tests.support.control import MockControl
from tests.support.ports import free_loopback_port
from tests.support.robot import Robot, member_for

pytestmark = pytest.mark.e2e


def test_a_site_that_answers_nothing_is_tried_again_then_said_how_long(robot: Robot) -> None:
    contexts: list[BrowserContext] = []
    nobody = f"http://127.0.0.1:{free_loopback_port()}"  # nothing listens there
    run = robot.run(member_for("alice"), base_url=nobody, retries=2,
                    on_context=contexts.append)  # fmt: skip
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "network")
    assert len(contexts) == 3  # the first try, and two more
    assert run.result.detail is not None
    assert run.result.detail.startswith("site injoignable, essayé 3 fois en ")
    assert "essayé 3 fois en " in run.said


def test_a_site_back_after_a_failed_first_load_gets_the_member_done(
    robot: Robot, mock: MockControl
) -> None:
    contexts: list[BrowserContext] = []

    def down_the_first_time(context: BrowserContext) -> None:
        if not contexts:
            context.route("**/*", lambda route: route.abort("connectionrefused"))
        contexts.append(context)

    run = robot.run(member_for("alice"), reader=None, on_context=down_the_first_time)
    assert run.result.outcome is Outcome.OPPOSED
    assert len(contexts) == 2
    assert run.result.detail is None
