"""`mes-optout oppose|close|auto`: one person, in a browser they watch or headless.

Inputs come from options or MES_* variables; secrets only from the environment or a
hidden prompt; whatever is missing is asked for when a person is at the keyboard.
Everything is checked before any browser starts; then the person runs as a household of
one, through the same `execute` as `mes-optout run` (journal, report, exit status).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import Any

import click
from pydantic import SecretStr, ValidationError
from rich.console import Console

from automation import messages
from automation.config.household import Household
from automation.config.settings import Settings
from automation.run.context import RunRequest
from automation.run.exit_status import ExitStatus
from automation.run.path import execute
from automation.run.preflight import read_settings, refuse
from flows.member import SECRET_FIELDS, Member


def gather(
    action: str, given: dict[str, Any], settings: Settings, lang: str, interactive: bool
) -> dict[str, Any]:
    """Options, then MES_* secrets, then prompts for what is still missing."""
    values = {k: v for k, v in given.items() if v not in (None, "")}
    values["action"] = action
    for name in SECRET_FIELDS:
        secret: SecretStr | None = getattr(settings, name)
        if secret is not None and secret.get_secret_value():
            values[name] = secret
    needed = ["first_name", "last_name", "birth_date"]
    if action == "oppose" or not values.get("login"):
        needed += ["card_model", "nir", "card_serial"]
    if values.get("login"):
        needed.append("password")
    if interactive:
        for name in needed:
            if name in values:
                continue
            prompt = messages.text(f"ask_{name}", lang)
            if name in SECRET_FIELDS:
                values[name] = SecretStr(click.prompt(prompt, hide_input=True, prompt_suffix=""))
            else:
                values[name] = click.prompt(prompt)
    return values


def run_person(
    action: str, given: dict[str, Any], request: RunRequest, console: Console | None = None
) -> ExitStatus:
    console = console or Console(highlight=False, soft_wrap=True)
    lang = request.lang
    settings = read_settings(console, lang)
    if isinstance(settings, ExitStatus):
        return settings
    values = gather(action, given, settings, lang, sys.stdin.isatty())
    label = str(values.get("id") or "personne")
    try:
        member = Member(**values)
    except ValidationError as error:
        return refuse(console, messages.explain_validation(error, label, lang), request.out)
    # A label like « personne » may name someone else than last time in this folder:
    # never skip as « done » on the journal's word; the site says where things stand.
    request = replace(request, force=True, only=[])
    return execute(Household(member.id, [member]), request, settings, console)
