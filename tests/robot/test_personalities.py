"""The robot's flows against every personality of the mock: the same contract, served as
server pages (classic), as a single-page application (spa), slowly with a busy overlay
(slow), in contract v2's sourced order and pages (v2), in other words (reworded), with a
consent manager's banner (banner), messages without a role (unannounced), a step bar on
every screen (stepper), one button relabelled by every step (wizard), and all of v3's at
once (hostile).

Each personality meets each of the three flows once, and every case meets at least two
personalities (not every case under every personality: the demo runs the whole household
under each). Each checks the mock's state afterwards, and that every irreversible step was
submitted exactly once (none for a member done earlier)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from flows.outcome import Outcome
from mock_site.faults import PERSONALITIES
from tests.support.control import MockControl
from tests.support.robot import Robot, member_for

pytestmark = pytest.mark.e2e

ERIC_LOGIN = {"login": "eric.petit", "password": "Sante-Demo-2026"}
FANNY_BY_ERIC = {
    "id": "fanny", "first_name": "Fanny", "birth_date": "2012-02-14", "action": "close",
    "minor": True, "account_holder": "Éric Petit", **ERIC_LOGIN,
}  # fmt: skip


@dataclass(frozen=True)
class Case:
    name: str
    person: str  # whose state the mock must show afterwards
    member: dict[str, Any] = field(default_factory=dict)
    base: str | None = None  # the seed person the member is built from, when not `person`
    outcome: Outcome = Outcome.OPPOSED
    state: str = "opposed"
    submissions: int = 1
    deletion: bool | None = None


CASES = [
    Case("oppose-with-a-code", "alice"),
    Case("oppose-without-a-code", "bruno", {"code": None}),
    Case("child", "chloe"),
    Case("twin", "lea"),
    Case("already-opposed", "denise", outcome=Outcome.ALREADY_OPPOSED, submissions=0),
    Case("close-with-a-login", "eric", {"action": "close", **ERIC_LOGIN},
         outcome=Outcome.CLOSED, state="closed", deletion=True),
    Case("close-a-child-with-a-login", "fanny", FANNY_BY_ERIC, base="eric",
         outcome=Outcome.CLOSED, state="closed", deletion=True),
    Case("close-without-a-login", "gaelle", {"action": "close", "code": None},
         outcome=Outcome.CLOSED, state="closed", deletion=True),
    Case("already-closed", "ines", {"action": "close"}, outcome=Outcome.ALREADY_CLOSED,
         state="closed", submissions=0),
]  # fmt: skip


FLOW_1 = [c for c in CASES if "action" not in c.member]
FLOW_2 = [c for c in CASES if "login" in c.member]
FLOW_3 = [c for c in CASES if c not in FLOW_1 and c not in FLOW_2]
# Each personality with one case of each flow, the cases taken in turn.
PAIRS = [
    (personality, flow[i % len(flow)])
    for i, personality in enumerate(PERSONALITIES)
    for flow in (FLOW_1, FLOW_2, FLOW_3)
]


def test_the_pairs_cover_every_case_and_every_flow_of_every_personality() -> None:
    assert {case.name for _, case in PAIRS} == {case.name for case in CASES}
    for personality in PERSONALITIES:
        mine = [case for who, case in PAIRS if who == personality]
        assert all(any(c in flow for c in mine) for flow in (FLOW_1, FLOW_2, FLOW_3))


@pytest.mark.parametrize(("personality", "case"), PAIRS, ids=[f"{p}-{c.name}" for p, c in PAIRS])
def test_every_flow_under_every_personality(
    robot: Robot, mock: MockControl, personality: str, case: Case
) -> None:
    # Given the site behaving as `personality`
    mock.faults(personality=personality)
    # When the robot runs the member (codes read from the mock's mailbox)
    run = robot.run(member_for(case.base or case.person, **case.member))
    # Then the outcome, and the mock's own state, say the same, with one submission
    assert (run.result.outcome, run.result.reason) == (case.outcome, None), run.result.screens
    person = mock.person(case.person)
    assert person["state"] == case.state
    assert sum(person["submissions"].values()) == case.submissions
    # every post of a final form and every press of a final control counted by the site
    assert sum(person["final_posts"].values()) == case.submissions
    assert all(count == 1 for count in person["presses"].values()), person["presses"]
    if case.deletion is not None:
        assert person["deletion_requested"] is case.deletion
    assert "unknown" not in run.result.screens
