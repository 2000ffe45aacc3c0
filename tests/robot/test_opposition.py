"""The robot opposes (flow 1) against the running mock, in Chromium; each test checks
the mock's state afterwards, not only what the robot says."""

from __future__ import annotations

import json

import pytest

from automation.output.evidence import pdf_names
from flows.outcome import Outcome
from tests.support.control import MockControl
from tests.support.pages import SiteClient
from tests.support.robot import Robot, member_for, reachable_by_email_only

pytestmark = pytest.mark.e2e


def test_oppose_with_a_code_provisoire(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("alice"), reader=None)
    assert run.result.outcome is Outcome.OPPOSED
    alice = mock.person("alice")
    assert alice["state"] == "opposed"
    assert alice["submissions"]["opposition"] == 1
    names = sorted(p.name for p in run.result.evidence)
    assert names == ["attestation.pdf", "opposed.png"]
    attestation = run.folder / "attestation.pdf"
    assert pdf_names(attestation, "Alice Martin")
    assert (attestation.stat().st_mode & 0o777) == 0o600
    assert (run.folder.stat().st_mode & 0o777) == 0o700


def test_receipt_hashes_the_evidence(robot: Robot) -> None:
    import hashlib

    run = robot.run(member_for("alice"), reader=None)
    # The receipt the runner wrote, not one the test makes.
    receipt = json.loads((run.folder / "receipt.json").read_text())
    assert (receipt["member"], receipt["action"], receipt["outcome"]) == (
        "alice",
        "oppose",
        "opposed",
    )
    assert set(receipt["files"]) == {"attestation.pdf", "opposed.png"}
    for name, digest in receipt["files"].items():
        assert hashlib.sha256((run.folder / name).read_bytes()).hexdigest() == digest
    assert ((run.folder / "receipt.json").stat().st_mode & 0o777) == 0o600


@pytest.mark.parametrize("channel", ["email", "sms"])
def test_oppose_without_a_code_asks_for_one(robot: Robot, mock: MockControl, channel: str) -> None:
    run = robot.run(member_for("bruno", channel=channel))
    assert run.result.outcome is Outcome.OPPOSED
    assert "contact" in run.result.screens
    bruno = mock.person("bruno")
    assert bruno["state"] == "opposed"
    assert bruno["codes_issued"] == 1
    assert mock.messages()[-1]["X-Mock-Channel"] == channel


def test_a_child_is_opposed_by_the_guardian(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("chloe"), reader=None)
    assert run.result.outcome is Outcome.OPPOSED
    assert "representative" in run.result.screens
    assert mock.person("chloe")["state"] == "opposed"
    assert mock.person("alice")["state"] == "invited"


def test_twins_are_chosen_by_first_name(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("lea"), reader=None)
    assert run.result.outcome is Outcome.OPPOSED
    assert "twins_choice" in run.result.screens
    assert mock.person("lea")["state"] == "opposed"
    assert mock.person("hugo")["state"] == "invited"


def test_already_opposed_brings_the_attestation_again(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("denise"), reader=None)
    assert run.result.outcome is Outcome.ALREADY_OPPOSED
    assert pdf_names(run.folder / "attestation.pdf", "Denise Roux")
    assert mock.person("denise")["submissions"]["opposition"] == 0


def test_a_profile_that_exists_cannot_be_opposed(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("gaelle"), reader=None)
    assert run.result.outcome is Outcome.FAILED
    assert run.result.reason == "profile_exists"
    assert mock.person("gaelle")["state"] == "active"


def test_a_deceased_person_is_not_activatable(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("henri"), reader=None)
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "not_activatable")
    assert "3422" in run.said


def test_not_the_legal_representative(robot: Robot, mock: MockControl) -> None:
    mock.add_person(id="zoe", first_name="Zoé", last_name="Martin", birth_date="2017-01-05",
                    guardian="alice", invited_on="2026-11-10", code="Zoe4Martin56",
                    legal_representative=False)  # fmt: skip
    member = member_for("alice", id="zoe", first_name="Zoé", birth_date="2017-01-05",
                        code="Zoe4Martin56", minor=True)  # fmt: skip
    run = robot.run(member, reader=None)
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "not_representative")
    assert mock.person("zoe")["state"] == "invited"


def test_unknown_identity_clicks_nothing_further(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("alice", birth_date="1984-03-13"), reader=None)
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "identity_not_found")
    assert run.result.screens[-1] == "identity"
    assert mock.person("alice")["state"] == "invited"


def test_a_wrong_code_without_a_reader_fails(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("alice", code="WrongCode123"), reader=None)
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "code_wrong")
    assert mock.person("alice")["state"] == "invited"


def test_a_wrong_code_with_a_reader_gets_a_new_one(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("alice", code="WrongCode123"))
    assert run.result.outcome is Outcome.OPPOSED
    assert mock.person("alice")["codes_issued"] == 2


def test_no_code_and_no_reader_needs_a_person(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("bruno"), reader=None)
    assert (run.result.outcome, run.result.reason) == (Outcome.NEEDS_HUMAN, "code_needed")
    assert mock.person("bruno")["codes_issued"] == 0


def test_an_expired_code(robot: Robot, mock: MockControl) -> None:
    mock.clock(today="2027-01-20")  # six weeks after Camille's invitation and code
    mock.add_person(id="kim", first_name="Kim", last_name="Nguyen", birth_date="1991-04-02",
                    nir="291047512300171", card_model="sans_photo", card_serial="11223344",
                    invited_on="2026-11-10", code="KimNguyen123", state="invited")  # fmt: skip
    member = member_for("alice", id="kim", first_name="Kim", last_name="Nguyen",
                        birth_date="1991-04-02", nir="291047512300171", card_model="sans_photo",
                        card_serial="11223344", code="KimNguyen123", action="auto")  # fmt: skip
    run = robot.run(member, reader=None)
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "code_expired")
    assert mock.person("kim")["state"] == "active"


def test_the_30_second_limit_of_a_real_session_is_waited_out(
    robot: Robot, mock: MockControl, visitor: SiteClient
) -> None:
    # Given someone asked Bruno's site for a code a moment ago, on a site whose limit
    # between two requests is 2 s (30 on the real site)
    from tests.support.seed import identity

    mock.faults(rate_limit_s=2)
    visitor.identify(**identity("bruno"))
    visitor.get("/parcours/sans-code")
    visitor.post("/parcours/coordonnees", channel="email")
    # When the robot asks for a code at once
    run = robot.run(member_for("bruno"))
    # Then it is refused, waits what the site said, and gets its own code
    assert (run.result.outcome, run.result.reason) == (Outcome.OPPOSED, None), run.result.screens
    assert mock.person("bruno")["codes_issued"] == 2


def test_a_locked_person(robot: Robot, mock: MockControl, visitor: SiteClient) -> None:
    from tests.support.seed import identity

    visitor.identify(**identity("alice"))
    for _ in range(5):
        visitor.post("/parcours/code", code="WrongCode123")
    run = robot.run(member_for("alice"), reader=None)
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "locked")
    assert mock.person("alice")["state"] == "invited"


def test_a_new_code_comes_by_the_other_channel_when_the_chosen_one_is_not_offered(
    robot: Robot, mock: MockControl
) -> None:
    # Given someone whose caisse knows an e-mail address but no phone number, who asked
    # for a new code by SMS
    member = reachable_by_email_only(mock)
    # When the robot runs
    run = robot.run(member)
    # Then the code went to the e-mail address, the one way the site offered, and was used
    assert run.result.outcome is Outcome.OPPOSED, run.result.screens
    [message] = mock.messages()
    assert message["To"] == "jules.faure@example.org"
    person = mock.person("jules")
    assert (person["state"], person["submissions"]["opposition"]) == ("opposed", 1)
