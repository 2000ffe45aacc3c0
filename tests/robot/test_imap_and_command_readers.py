"""The IMAP code reader against a real IMAP server (Dovecot, serving the mock's Maildir),
and the command reader running a program of the user's."""

from __future__ import annotations

import os
import pwd
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from pydantic import SecretStr

from automation.codes.imap import ImapReader, ImapSettings
from automation.codes.readers import CommandReader
from flows.outcome import Outcome
from mock_site.server import MockServer
from tests.support.control import MockControl
from tests.support.dovecot import PASSWORD, USER, dovecot, dovecot_binary
from tests.support.robot import Robot, member_for

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def imap_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[MockServer, int]]:
    """A mock of its own, delivering into a mailbox that Dovecot serves."""
    if dovecot_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("CI installs Dovecot (.ci/run): it should be here")
        pytest.skip("Dovecot is not installed (./dev.sh test installs it where it can)")
    home = Path(tempfile.mkdtemp(prefix="mes-imap-"))
    home.chmod(0o755)  # Dovecot's mail user must reach the mailbox
    maildir = home / "Maildir"
    maildir.mkdir(mode=0o700)
    if os.getuid() == 0:
        mail = pwd.getpwnam("dovecot")
        os.chown(maildir, mail.pw_uid, mail.pw_gid)
    try:
        with (
            MockServer(outbox=maildir) as server,
            dovecot(maildir, tmp_path_factory.mktemp("dovecot")) as port,
        ):
            yield server, port
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def site(imap_site: tuple[MockServer, int]) -> MockControl:
    control = MockControl(imap_site[0].url, imap_site[0].outbox)
    control.reset()
    return control


@pytest.fixture
def imap_robot(browser: Browser, site: MockControl, tmp_path: Path) -> Robot:
    return Robot(browser, site.base_url, site.outbox, tmp_path / "out")


@pytest.fixture
def imap_port(imap_site: tuple[MockServer, int]) -> int:
    return imap_site[1]


def imap_reader(port: int) -> ImapReader:
    settings = ImapSettings(host="127.0.0.1", port=port, user=USER,
                            password=SecretStr(PASSWORD), tls=False, timeout_s=10)  # fmt: skip
    return ImapReader(settings)


def test_a_new_code_read_over_imap(imap_robot: Robot, site: MockControl, imap_port: int) -> None:
    run = imap_robot.run(member_for("bruno"), reader=imap_reader(imap_port))
    assert run.result.outcome is Outcome.OPPOSED
    assert site.person("bruno")["state"] == "opposed"


def test_a_sign_in_code_read_over_imap(
    imap_robot: Robot, site: MockControl, imap_port: int
) -> None:
    member = member_for("eric", action="close", login="eric.petit", password="Sante-Demo-2026")
    run = imap_robot.run(member, reader=imap_reader(imap_port))
    assert run.result.outcome is Outcome.CLOSED
    assert site.person("eric")["state"] == "closed"


def test_imap_reads_only_what_arrived_after_the_request(
    imap_robot: Robot, site: MockControl, imap_port: int
) -> None:
    from tests.support.pages import SiteClient
    from tests.support.seed import identity

    # A code asked for earlier (and superseded since) is already in the mailbox.
    visitor = SiteClient(site.base_url)
    visitor.identify(**identity("bruno"))
    visitor.get("/parcours/sans-code")
    visitor.post("/parcours/coordonnees", channel="email")
    site.clock(advance_seconds=31)
    run = imap_robot.run(member_for("bruno"), reader=imap_reader(imap_port))
    assert run.result.outcome is Outcome.OPPOSED  # the old code would have been refused
    assert site.person("bruno")["codes_issued"] == 2


def test_command_reader_runs_the_users_program(
    robot: Robot, mock: MockControl, tmp_path: Path
) -> None:
    # The user's program: reads the mock's Maildir as the robot's own reader does, from
    # what the robot passes it (kind, channel, since when, whose code), waiting on file
    # events, bounded: it does not depend on how busy the machine is.
    script = tmp_path / "read_code.py"
    script.write_text(
        "import os\n"
        "from datetime import datetime\n"
        "from pathlib import Path\n"
        "from automation.codes.readers import MaildirReader\n"
        "from flows.ports import CodeRequest\n"
        f"reader = MaildirReader(Path({str(mock.outbox)!r}), timeout_s=45)\n"
        "asked = CodeRequest(os.environ['MES_CODE_KIND'], os.environ['MES_CODE_CHANNEL'],\n"
        "                    datetime.fromisoformat(os.environ['MES_CODE_SINCE']),\n"
        "                    os.environ['MES_MEMBER_NAME'])\n"
        "assert asked.kind == 'provisoire'\n"
        "code = reader.read(asked)\n"
        "print(code.get_secret_value() if code else '')\n"
    )
    # Generous bounds: a loaded machine is slow to start Python, never wrong.
    reader = CommandReader(f"{sys.executable} {script}", timeout_s=60)
    run = robot.run(member_for("bruno"), reader=reader)
    assert run.result.outcome is Outcome.OPPOSED, (run.result.screens, run.said)
    assert mock.person("bruno")["state"] == "opposed"


def test_command_reader_that_fails_needs_a_person(robot: Robot, mock: MockControl) -> None:
    reader = CommandReader(f"{sys.executable} -c 'import sys; sys.exit(1)'", timeout_s=20)
    run = robot.run(member_for("bruno"), reader=reader)
    assert (run.result.outcome, run.result.reason) == (Outcome.NEEDS_HUMAN, "code_unreadable")
    # The person is told why: the program failed, not « no code came ».
    assert run.said.endswith(": exit status 1)"), run.said
