"""`mes-optout oppose|close|auto`: one person, in a browser they watch or headless.

Inputs come from options or MES_* variables; secrets only from the environment or a
hidden prompt; whatever is missing is asked for when a person is at the keyboard (by the
conversation the command line hands in: `init`'s questions, each answer checked as it is
typed), the letter's code included, before the site is asked to send any code.
Everything is checked before any browser starts; then the person runs as a household of
one, through the same `execute` as `mes-optout run` (journal, report, exit status).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from pydantic import SecretStr, ValidationError
from rich.console import Console

from automation import messages
from automation.config.household import Household
from automation.config.settings import Settings
from automation.run.context import RunRequest
from automation.run.exit_status import ExitStatus
from automation.run.path import execute
from automation.run.preflight import read_settings, refuse
from flows.member import SECRET_FIELDS, Member, label_from

# Asks, in order, for each of the named inputs still missing from the values, and puts
# the answers in (a secret as SecretStr; None for a code the person does not have).
AskMissing = Callable[[list[str], dict[str, Any]], None]


def gather(
    action: str, given: dict[str, Any], settings: Settings, ask: AskMissing | None
) -> dict[str, Any]:
    """Options, then MES_* secrets, then the person's answers for what is still missing."""
    values = {k: v for k, v in given.items() if v not in (None, "")}
    values["action"] = action
    for name in SECRET_FIELDS:
        secret: SecretStr | None = getattr(settings, name)
        if secret is not None and secret.get_secret_value():
            values[name] = secret
    needed = ["first_name", "last_name", "birth_date"]
    if action == "oppose" or not values.get("login"):
        # The letter's code is asked with the card: without it the robot has the site
        # send a new one, which voids the letter's.
        needed += ["card_model", "nir", "card_serial", "code"]
    if values.get("login"):
        needed.append("password")
    if ask is not None:
        ask([name for name in needed if name not in values], values)
    if not values.get("id"):
        # Named as `init` would name them, never « personne »: the label is in every line.
        values["id"] = label_from(str(values.get("first_name") or ""))
    return {k: v for k, v in values.items() if v is not None}


def run_person(
    action: str,
    given: dict[str, Any],
    request: RunRequest,
    console: Console | None = None,
    ask: AskMissing | None = None,
) -> ExitStatus:
    console = console or Console(highlight=False, soft_wrap=True)
    lang = request.lang
    settings = read_settings(console, lang)
    if isinstance(settings, ExitStatus):
        return settings
    values = gather(action, given, settings, ask)
    # The label they chose, else their first name as typed (« Chloé », not « chloe »).
    label = str(given.get("id") or values.get("first_name") or values["id"])
    try:
        member = Member(**values)
    except ValidationError as error:
        return refuse(console, messages.explain_validation(error, label, lang), request.out)
    # A label from a first name may name someone else than last time in this folder:
    # never skip as « done » on the journal's word; the site says where things stand.
    request = replace(request, force=True, only=[])
    return execute(Household(member.id, [member]), request, settings, console)
