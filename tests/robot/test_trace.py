"""With tracing on, the trace shows the run but never a secret typed during it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from flows.outcome import Outcome
from tests.support.control import MockControl
from tests.support.robot import Robot, member_for

pytestmark = pytest.mark.e2e

ERIC = {"login": "eric.petit", "password": "Sante-Demo-2026"}


def trace_bytes(folder: Path) -> bytes:
    data = b""
    for path in sorted(folder.glob("trace-*.zip")):
        with zipfile.ZipFile(path) as archive:
            data += b"".join(archive.read(name) for name in archive.namelist())
    return data


def test_a_traced_opposition_holds_no_secret(robot: Robot, mock: MockControl) -> None:
    member = member_for("alice")
    run = robot.run(member, reader=None, trace=True)
    assert run.result.outcome is Outcome.OPPOSED
    recorded = trace_bytes(run.folder)
    assert "Votre opposition a bien été prise en compte".encode() in recorded
    for secret in member.secrets():
        for form in {secret, secret.lower(), " ".join([secret[:1], secret[1:3], secret[3:5]])}:
            assert form.encode() not in recorded, "a secret is in the trace"


def test_a_traced_closure_with_a_login_holds_no_secret(robot: Robot, mock: MockControl) -> None:
    member = member_for("eric", action="close", **ERIC)
    run = robot.run(member, trace=True)
    assert run.result.outcome is Outcome.CLOSED
    recorded = trace_bytes(run.folder)
    assert b"Sante-Demo-2026" not in recorded
    assert "Paramètres".encode() in recorded
    login_codes = [m for m in mock.messages() if "connexion" in str(m["Subject"])]
    code = str(login_codes[-1].get_body(preferencelist=("plain",)).get_content()).split(": ")[1][:6]  # type: ignore[union-attr]
    assert code.isdigit()
    assert code.encode() not in recorded
