"""Before any browser starts: the settings read, the address checked, bad input refused
with a sentence (and journaled when the output folder exists), exit status 2."""

from __future__ import annotations

import contextlib
from pathlib import Path

from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape

from automation import messages
from automation.config.settings import REAL_SITE, Settings
from automation.config.site_address import (
    is_acceptable_origin,
    is_allowed,
    written_without_scheme,
)
from automation.messages import text as say
from automation.output.journal import Journal
from automation.run.exit_status import ExitStatus


def read_settings(console: Console, lang: str) -> Settings | ExitStatus:
    """The MES_* settings, or the refusal that says which one is wrong."""
    try:
        return Settings()
    except ValidationError as error:
        return refuse(console, messages.explain_validation(error, "MES_*", lang))


def refuse_address(
    console: Console, site: str, vouched_for: bool, lang: str, allowed: tuple[str, ...] = ()
) -> ExitStatus | None:
    """The one address rule of every command that opens the site: before any browser
    starts, not one secret leaves for an address nobody vouched for; and the origins
    allowed beyond the site's (`allowed`) are origins over https, or on this machine."""
    problems = [say("origin_refused", lang, origin=origin)
                for origin in allowed if not is_acceptable_origin(origin)]  # fmt: skip
    if written := written_without_scheme(site):
        # Even vouched for: no browser opens it, and the fix is the scheme.
        problems.insert(0, say("site_no_scheme", lang, url=site, written=written))
    elif not (is_allowed(site) or vouched_for):
        problems.insert(0, say("site_refused", lang, url=site, official=REAL_SITE))
    return refuse(console, problems) if problems else None


def refuse(console: Console, problems: list[str], out: Path | None = None) -> ExitStatus:
    """Bad input: each problem said, the refusal journaled when the folder exists, exit 2."""
    for problem in problems:
        console.print(f"[red]{escape(problem)}[/]")  # it quotes the file: shown as typed
    if out is not None and out.is_dir():
        # The journal keeps the refusal too, so the folder tells the whole story; one that
        # cannot be written (a planted link, a full disk) does not hide the refusal said.
        with contextlib.suppress(OSError):
            journal = Journal(out / "journal.sqlite")
            try:
                attempt = journal.start("*", "load")
                journal.finish(attempt, "bad_input", "; ".join(problems)[:2000], [])
            finally:
                journal.close()
    return ExitStatus.BAD_INPUT
