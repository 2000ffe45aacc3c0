"""`mes-optout demo`: the whole product on the built-in mock. It serves the mock on a free
loopback port, runs the demo household (fixtures/demo-household.toml) as a family would,
and succeeds only when every outcome is the expected one and the mock's state agrees."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from mes_optout_fixtures import fixture
from rich.console import Console
from rich.markup import escape

from automation.messages import text as say
from automation.output.private import write_private
from automation.run.context import RunRequest
from automation.run.exit_status import ExitStatus
from automation.run.path import run_household
from flows.member import SECRET_FIELDS, SECRET_NAMES
from flows.outcome import ACHIEVED
from mock_site.server import MockServer

DEMO_HOUSEHOLD = fixture("demo-household.toml")  # shipped in the wheel
# What each member must come to, and the mock's state that proves it (shipped data).
EXPECTED = {
    member: (wanted["outcome"], wanted["state"])
    for member, wanted in json.loads(fixture("demo-expected.json").read_text("utf-8"))[
        "members"
    ].items()
}


def demo_environment() -> dict[str, str]:
    """The DEMO_* variables the demo household refers to, from the mock's made-up seed."""
    seed = {
        p["id"]: p
        for p in json.loads(fixture("mock_seed.json").read_text(encoding="utf-8"))["people"]
    }
    env = {}
    for person_id, person in seed.items():
        key = f"DEMO_{person_id.upper()}"
        for field in SECRET_FIELDS:
            if person.get(field):
                env[f"{key}_{SECRET_NAMES[field].upper()}"] = person[field]
    return env


def private_copy(source: Path | Traversable, folder: Path) -> Path:
    """The demo household as a user would keep theirs: readable by its owner only."""
    return write_private(folder / source.name, source.read_bytes())


def run_demo(
    out: Path | None, headed: bool, lang: str = "fr", personality: str = "classic"
) -> ExitStatus:
    console = Console(highlight=False, soft_wrap=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    out = out or Path(f"mes-optout-demo-{stamp}")
    os.environ.update(demo_environment())
    with (
        MockServer(personality=personality) as server,
        tempfile.TemporaryDirectory(prefix="mes-demo-") as work,
    ):
        household = private_copy(DEMO_HOUSEHOLD, Path(work))
        console.print(escape(say("demo_mock", lang, personality=personality, url=server.url)))
        status = run_household(
            household,
            RunRequest(
                base_url=server.url,
                headed=headed,
                yes=True,
                code_from=f"maildir:{server.outbox}",
                out=out,
                lang=lang,
            ),
            console,
        )
        problems = check(out, server)
    if status is not ExitStatus.DONE:
        problems.append(f"exit status {int(status)}")
    if problems:
        console.print(f"[red]{say('demo_failed', lang)}[/]")
        for problem in problems:
            console.print(f"[red]- {escape(problem)}[/]")
        return ExitStatus.FAILED
    said = say("demo_passed", lang, count=len(EXPECTED), out=out)
    console.print(f"[green]{escape(said)}[/]")
    return ExitStatus.DONE


def check(out: Path, server: MockServer) -> list[str]:
    """Every expected outcome in the report, and the mock's state agreeing with it."""
    report_path = out / "report.json"
    if not report_path.is_file():
        return ["no report.json"]
    members = json.loads(report_path.read_text(encoding="utf-8"))["members"]
    outcomes = {m["id"]: m["outcome"] for m in members}
    problems = [p for m in members for p in proof_problems(out, m)]
    for member, (outcome, state) in EXPECTED.items():
        if outcomes.get(member) != outcome:
            problems.append(f"{member}: {outcomes.get(member)} instead of {outcome}")
        person = server.state.person(member)
        if person.state != state:
            problems.append(f"{member}: the mock says {person.state}, not {state}")
        # One submission per member done now, none for one done before: never a double click.
        wanted = 1 if outcome in ("opposed", "closed") else 0
        submitted = sum(person.submissions.values())
        if submitted != wanted:
            problems.append(f"{member}: {submitted} submissions on the mock, not {wanted}")
        # Every post of a final form and every press of a final control, refused ones
        # included: a step sent twice shows here even where the site kept one.
        posted = sum(person.final_posts.values())
        if posted != wanted:
            problems.append(f"{member}: {posted} posts of a final form, not {wanted}")
        twice = sorted(name for name, count in person.presses.items() if count > 1)
        if twice:
            problems.append(f"{member}: pressed more than once: {', '.join(twice)}")
    return problems


def proof_problems(out: Path, member: dict[str, Any]) -> list[str]:
    """Each member done has its proof on the disk: a screenshot of the site's answer, and
    for an opposition the attestation, a PDF that reads as one."""
    if member.get("outcome") not in ACHIEVED:
        return []
    files = [out / name for name in member.get("evidence", [])]
    problems = []
    if not any(f.suffix == ".png" and f.is_file() for f in files):
        problems.append(f"{member['id']}: no screenshot of the answer")
    if member["outcome"] in ("opposed", "already_opposed"):
        pdf = next((f for f in files if f.name == "attestation.pdf" and f.is_file()), None)
        if pdf is None:
            problems.append(f"{member['id']}: no attestation")
        elif not reads_as_pdf(pdf):
            problems.append(f"{member['id']}: the attestation is not a PDF")
    return problems


def reads_as_pdf(path: Path) -> bool:
    from pypdf import PdfReader  # loaded for the check, not at start-up
    from pypdf.errors import PdfReadError

    try:
        return path.read_bytes().startswith(b"%PDF-") and len(PdfReader(path).pages) > 0
    except (PdfReadError, ValueError, OSError):
        return False
