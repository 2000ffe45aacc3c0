"""What the robot knows of the codes it had sent: by which channel the site was asked to
send each, how many it asked for, and that a code it had sent which the site calls
expired was replaced by a later one (six weeks cannot have passed)."""

from __future__ import annotations

import re
from collections.abc import Callable

from pydantic import SecretStr

from flows.outcome import Outcome
from flows.ports import CodeRequest
from tests.support.control import MockControl
from tests.support.pages import SiteClient
from tests.support.robot import Robot, member_for, reachable_by_email_only
from tests.support.seed import code, identity


class ScriptedReader:
    """Gives the codes a person would type, one per request, and keeps the requests."""

    def __init__(self, *answers: Callable[[], str]) -> None:
        self.answers = list(answers)
        self.requests: list[CodeRequest] = []

    def prepare(self) -> None:
        return None

    def read(self, request: CodeRequest) -> SecretStr | None:
        self.requests.append(request)
        return SecretStr(self.answers.pop(0)())


def mailed_code(mock: MockControl, index: int) -> str:
    text = str(mock.messages()[index].get_body(preferencelist=("plain",)).get_content())  # type: ignore[union-attr]
    found = re.search(r" : ([A-Za-z0-9]{12})\b", text)
    assert found
    return found.group(1)


def test_a_code_sent_in_this_run_then_replaced_is_said_replaced_not_expired(
    robot: Robot, mock: MockControl
) -> None:
    # Given a site that takes a second request at once, and Alice, run without her letter's
    # code, who types the letter's code when the first mail came, then that mail's code
    # after the second one came
    mock.faults(rate_limit_s=0)
    reader = ScriptedReader(lambda: code("alice"), lambda: mailed_code(mock, 0))
    # When the robot runs
    run = robot.run(member_for("alice", code=None), reader=reader)
    # Then both were refused by the site as « expiré »; the second, sent minutes ago, was
    # replaced by the third: said so, and which request each reading answered
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "code_replaced")
    assert [r.number for r in reader.requests] == [1, 2]
    assert mock.person("alice")["codes_issued"] == 3  # the letter's, then two mails
    assert mock.person("alice")["state"] == "invited"


def test_the_letters_code_refused_as_expired_stays_expired(
    robot: Robot, mock: MockControl, visitor: SiteClient
) -> None:
    # Given a letter's code that a request made elsewhere replaced, and no way to read a
    # new one: the robot cannot tell six weeks from a replacement it did not make
    visitor.identify(**identity("alice"))
    visitor.get("/parcours/sans-code")
    visitor.post("/parcours/coordonnees", channel="email")
    run = robot.run(member_for("alice"), reader=None)
    assert (run.result.outcome, run.result.reason) == (Outcome.FAILED, "code_expired")


def test_the_reader_is_told_the_channel_the_site_was_asked_to_use(
    robot: Robot, mock: MockControl
) -> None:
    # Given someone who asked for SMS, whose caisse holds only an e-mail address
    member = reachable_by_email_only(mock)
    reader = ScriptedReader(lambda: mailed_code(mock, 0))
    # When the robot runs
    run = robot.run(member, reader=reader)
    # Then the person is told where the code went: by e-mail, not by the SMS they asked for
    assert run.result.outcome is Outcome.OPPOSED, run.result.screens
    assert [(r.channel, r.number) for r in reader.requests] == [("email", 1)]
