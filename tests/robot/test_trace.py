"""With tracing on, the trace shows the run but never a secret typed during it."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from automation.browser.tracing import Tracer
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


NIR = "184037511122233"
FORM = "<form><label>NIR <input name=nir></label><button type=button>Valider</button></form>"


def traced(folder: Path) -> bytes:
    parts = sorted(folder.glob("trace-*.zip"))
    assert parts, "nothing was recorded"
    return trace_bytes(folder)


@contextmanager
def typed_then(browser: Browser, folder: Path) -> Iterator[tuple[Page, Tracer]]:
    """A traced page where the NIR was just typed into a form (the trace paused, as the
    flow does before it types); the tracer is closed, and the context, on the way out."""
    context = browser.new_context()
    try:
        tracer = Tracer(context, folder, secrets=[NIR])
        page = context.new_page()
        page.set_content(FORM)
        tracer.pause()  # the flow, before it types
        page.fill("input", NIR)
        yield page, tracer
        tracer.close()
    finally:
        context.close()


def test_the_trace_waits_until_a_typed_secret_is_off_the_screen(
    browser: Browser, tmp_path: Path
) -> None:
    with typed_then(browser, tmp_path) as (page, tracer):
        # The flow sees a screen again, the field still filled (a busy overlay, a form
        # refused and kept): nothing may be recorded of it
        tracer.resume()
        page.get_by_role("button").click()
        page.set_content("<p>Un écran sans rien de secret</p><button>Suite</button>")
        tracer.resume()  # now it is gone: recording again
        page.get_by_role("button").click()
    recorded = traced(tmp_path)
    assert "Un écran sans rien de secret".encode() in recorded
    assert NIR.encode() not in recorded


def test_the_trace_waits_while_a_page_shows_a_secret_in_its_text(
    browser: Browser, tmp_path: Path
) -> None:
    with typed_then(browser, tmp_path) as (page, tracer):
        # The site echoes the NIR back, spaced, in a shadow root, the field emptied
        page.set_content("<div id=host></div><button>Valider</button>")
        page.evaluate("""nir => { const root = document.getElementById('host')
            .attachShadow({mode: 'open'}); root.textContent = 'NIR : ' + nir; }""",
                      "1 84 03 75 111 222 33")  # fmt: skip
        tracer.resume()
        page.get_by_role("button").click()
        page.set_content("<p>Confirmé</p><button>Suite</button>")
        tracer.resume()
        page.get_by_role("button").click()
    recorded = traced(tmp_path)
    assert "Confirmé".encode() in recorded
    assert b"111 222 33" not in recorded and NIR.encode() not in recorded
