"""`mes-optout oppose|close|auto`: one person, in a browser they watch or headless.

Inputs come from options or MES_* variables; secrets only from the environment or a
hidden prompt; whatever is missing is asked for when a person is at the keyboard.
Everything is checked before any browser starts.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from playwright.sync_api import Error as PlaywrightError
from pydantic import SecretStr, ValidationError
from rich.console import Console

from automation import logs, messages
from automation.browser import BrowserSession
from automation.chromium import ChromiumNotFound
from automation.code_readers import CodeSourceError, code_reader_from
from automation.console import TerminalPerson
from automation.evidence import EvidenceFolder, private_dir
from automation.exit_status import ExitStatus
from automation.member import Member
from automation.settings import Settings
from automation.tracing import Tracer
from flows.member_flow import MemberFlow
from flows.outcome import Outcome, Result

PROMPTS = {
    "first_name": ("Prénom", "First name"),
    "last_name": ("Nom", "Last name"),
    "birth_date": ("Date de naissance (jj/mm/aaaa)", "Date of birth (dd/mm/yyyy)"),
    "card_model": ("Modèle de carte Vitale (avec_photo ou sans_photo)",
                   "Carte Vitale model (avec_photo or sans_photo)"),
    "nir": ("Numéro de sécurité sociale (saisie masquée) : ",
            "Social security number (hidden input): "),
    "card_serial": ("Numéro de série de la carte Vitale (saisie masquée) : ",
                    "Carte Vitale serial number (hidden input): "),
    "password": ("Mot de passe (saisie masquée) : ", "Password (hidden input): "),
}  # fmt: skip
SECRETS = ("nir", "card_serial", "code", "password")


@dataclass
class RunRequest:
    action: str
    values: dict[str, Any]
    base_url: str | None
    headed: bool | None
    dry_run: bool
    yes: bool
    code_from: str | None
    out: Path | None
    lang: str
    verbose: bool
    trace: bool = False


def fail_input(console: Console, sentences: list[str]) -> ExitStatus:
    for sentence in sentences:
        console.print(f"[red]{sentence}[/]", highlight=False)
    return ExitStatus.BAD_INPUT


def gather(request: RunRequest, settings: Settings, interactive: bool) -> dict[str, Any]:
    """Options, then MES_* secrets, then prompts for what is still missing."""
    lang = request.lang
    values = {k: v for k, v in request.values.items() if v not in (None, "")}
    values["action"] = request.action
    for name in SECRETS:
        secret: SecretStr | None = getattr(settings, name)
        if secret is not None and secret.get_secret_value():
            values[name] = secret
    needed = ["first_name", "last_name", "birth_date"]
    if request.action == "oppose" or not values.get("login"):
        needed += ["card_model", "nir", "card_serial"]
    if values.get("login"):
        needed.append("password")
    if interactive:
        for name in needed:
            if name in values:
                continue
            prompt = messages.pick(PROMPTS[name], lang)
            if name in SECRETS:
                values[name] = SecretStr(click.prompt(prompt, hide_input=True, prompt_suffix=""))
            else:
                values[name] = click.prompt(prompt)
    return values


def run_one(request: RunRequest) -> ExitStatus:
    console = Console(highlight=False, soft_wrap=True)
    lang = request.lang
    try:
        settings = Settings()
    except ValidationError as error:
        return fail_input(console, messages.explain_validation(error, "MES_*", lang))
    interactive = sys.stdin.isatty()
    values = gather(request, settings, interactive)
    label = str(values.get("id") or "personne")
    try:
        member = Member(**values)
    except ValidationError as error:
        return fail_input(console, messages.explain_validation(error, label, lang))
    logs.REDACTOR.add(member.secrets())

    headed = request.headed if request.headed is not None else bool(os.environ.get("DISPLAY"))
    person = TerminalPerson(console, headed, lang) if interactive else None
    try:
        ask = person.ask_secret if person else None
        reader = code_reader_from(request.code_from, ask, lang, settings.code_timeout_s)
    except CodeSourceError as error:
        sentence = messages.text(
            "bad_input",
            lang,
            who=member.id,
            field="--code-from",
            problem=messages.pick(messages.PROBLEMS["format"], lang),
        )
        return fail_input(console, [f"{sentence} ({error})"])

    out = request.out or Path("mes-optout-resultats")
    try:
        private_dir(out)
        logs.configure(out / "mes-optout.log", request.verbose)
    except OSError as error:
        why = error.strerror or type(error).__name__
        sentence = messages.text("bad_input", lang, who=member.id, field="--out", problem=why)
        return fail_input(console, [sentence])
    options = settings.flow_options(request.base_url, request.yes, request.dry_run, lang)
    started = datetime.now(UTC)
    try:
        with BrowserSession(headed, settings.slow_mo_ms, settings.browser_path, lang) as session:
            context, _ = session.new_context(options.base_url)
            try:
                evidence = EvidenceFolder(out, member.id)
                tracer = Tracer(context, evidence.folder) if request.trace else None
                flow = MemberFlow(
                    context.new_page(), member, options, evidence, reader, person,
                    recorder=tracer,
                )  # fmt: skip
                result = flow.run()
                final_url = flow.page.url
                if tracer is not None:
                    tracer.close()
            finally:
                with contextlib.suppress(PlaywrightError):
                    context.close()
    except ChromiumNotFound as error:
        console.print(f"[red]{error}[/]")
        return ExitStatus.FAILED
    except KeyboardInterrupt:
        return ExitStatus.INTERRUPTED
    finally:
        logs.close()
    evidence.receipt(receipt(member, result, started, final_url))
    report(console, member, result, evidence.folder, lang)
    return ExitStatus.of(result.outcome)


def receipt(member: Member, result: Result, started: datetime, url: str) -> dict[str, Any]:
    return {
        "member": member.id,
        "action": member.action,
        "outcome": result.outcome.value,
        "reason": result.reason,
        "started": started.isoformat(),
        "finished": datetime.now(UTC).isoformat(),
        "url": url.split("?", 1)[0],
    }


def report(console: Console, member: Member, result: Result, folder: Path, lang: str) -> None:
    style = (
        "green"
        if result.outcome.done
        else ("yellow" if result.outcome is Outcome.NEEDS_HUMAN else "red")
    )
    line = messages.text(
        "result", lang, who=member.id, outcome=messages.outcome(result.outcome.value, lang)
    )
    if result.reason:
        line += messages.text("because", lang, reason=messages.reason(result.reason, lang))
    console.print(f"[{style}]{line}[/]")
    console.print(messages.text("evidence_in", lang, folder=str(folder)))
    if result.diagnostic:
        files = ", ".join(str(path) for path in result.diagnostic)
        console.print(messages.text("diagnostic_in", lang, files=files))
