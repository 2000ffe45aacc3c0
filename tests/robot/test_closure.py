"""The robot closes (flow 2 with a login, flow 3 without) and `auto` picks the way."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from automation.codes.readers import MaildirReader
from flows.outcome import Outcome
from flows.ports import CodeRequest
from tests.support.control import MockControl
from tests.support.pages import SiteClient
from tests.support.robot import Robot, member_for

pytestmark = pytest.mark.e2e

ERIC_LOGIN = {"login": "eric.petit", "password": "Sante-Demo-2026"}


def test_close_a_childs_profile_with_the_guardians_login(robot: Robot, mock: MockControl) -> None:
    member = member_for("eric", id="fanny", first_name="Fanny", birth_date="2012-02-14",
                        action="close", minor=True, account_holder="Éric Petit", **ERIC_LOGIN)  # fmt: skip
    run = robot.run(member)
    assert run.result.outcome is Outcome.CLOSED
    assert {"sign_in", "second_factor", "signed_in_home", "settings", "closure_choice"} <= set(
        run.result.screens
    )
    fanny = mock.person("fanny")
    assert (fanny["state"], fanny["deletion_requested"]) == ("closed", True)
    assert fanny["submissions"]["closure"] == 1
    assert mock.person("eric")["state"] == "active"
    assert [p.name for p in run.result.evidence] == ["closed.png"]


def test_close_ones_own_profile_keeping_the_data(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("eric", action="close", delete_data=False, **ERIC_LOGIN))
    assert run.result.outcome is Outcome.CLOSED
    eric = mock.person("eric")
    assert (eric["state"], eric["deletion_requested"]) == ("closed", False)


def test_close_without_a_login_uses_flow_3(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("gaelle", action="close", code=None))
    assert run.result.outcome is Outcome.CLOSED
    assert "close_or_oppose_entry" in run.result.screens
    gaelle = mock.person("gaelle")
    assert (gaelle["state"], gaelle["deletion_requested"]) == ("closed", True)


def test_auto_opposes_while_it_can(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("alice", action="auto"), reader=None)
    assert run.result.outcome is Outcome.OPPOSED
    assert mock.person("alice")["state"] == "opposed"


def test_auto_closes_a_profile_created_automatically(robot: Robot, mock: MockControl) -> None:
    run = robot.run(member_for("gaelle", action="auto", code=None))
    assert run.result.outcome is Outcome.CLOSED
    assert mock.person("gaelle")["state"] == "closed"


@pytest.mark.parametrize("action", ["close", "auto"])
def test_an_already_closed_profile(robot: Robot, mock: MockControl, action: str) -> None:
    run = robot.run(member_for("ines", action=action), reader=None)
    assert run.result.outcome is Outcome.ALREADY_CLOSED
    assert mock.person("ines")["submissions"]["closure"] == 0


def test_a_used_code_is_reported(robot: Robot, mock: MockControl, visitor: SiteClient) -> None:
    from tests.support.seed import code, identity

    visitor.identify(**identity("alice"))
    visitor.post("/parcours/code", code=code("alice"))
    visitor.post("/parcours/decision", action="activate", accept="yes")  # Alice activated it
    run = robot.run(member_for("alice", action="close"), reader=None)
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "code_used")
    assert mock.person("alice")["state"] == "active"


def test_a_locked_account(robot: Robot, mock: MockControl, visitor: SiteClient) -> None:
    for _ in range(3):
        visitor.get("/connexion")
        visitor.post("/connexion", login="eric.petit", password="nope")
    run = robot.run(member_for("eric", action="close", **ERIC_LOGIN))
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "locked")


class WrongCodes:
    """A code reader that always reads the wrong sign-in code."""

    def __init__(self) -> None:
        self.calls = 0

    def prepare(self) -> None:
        return None

    def read(self, request: CodeRequest) -> SecretStr | None:
        self.calls += 1
        return SecretStr("000000")


def test_a_wrong_sign_in_code(robot: Robot, mock: MockControl) -> None:
    reader = WrongCodes()
    run = robot.run(member_for("eric", action="close", **ERIC_LOGIN), reader=reader)
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "login_code_refused")
    assert reader.calls == 1
    assert mock.person("eric")["state"] == "active"


def test_an_expired_sign_in_code_is_sent_again(robot: Robot, mock: MockControl) -> None:
    class SlowReader:
        """Reads the code only after the mock's clock went 16 minutes on: it has expired."""

        def __init__(self) -> None:
            self.inner = MaildirReader(mock.outbox, timeout_s=5)
            self.calls = 0

        def prepare(self) -> None:
            return None

        def read(self, request: CodeRequest) -> SecretStr | None:
            self.calls += 1
            code = self.inner.read(request)
            if self.calls == 1:
                mock.clock(advance_seconds=16 * 60)
            return code

    reader = SlowReader()
    run = robot.run(member_for("eric", action="close", **ERIC_LOGIN), reader=reader)
    assert run.result.outcome is Outcome.CLOSED
    assert reader.calls == 2
    assert mock.person("eric")["login_codes_issued"] == 2


def test_a_child_missing_from_the_account(robot: Robot, mock: MockControl) -> None:
    member = member_for("eric", id="zoe", first_name="Zoé", birth_date="2013-03-03",
                        action="close", minor=True, account_holder="Éric Petit", **ERIC_LOGIN)  # fmt: skip
    run = robot.run(member)
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "profile_not_found")
    assert mock.person("fanny")["state"] == "active"
    assert mock.person("eric")["state"] == "active"
