"""Every command that works on the site (`run FILE`, and `oppose`, `close`, `auto` for one
person, who runs as a household of one) goes through `execute`: one output folder held
by one run at a time, the journal that makes re-runs safe, the report the family keeps,
one result line per member and the exit status."""

from __future__ import annotations

import os
import sqlite3
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from rich.console import Console
from rich.markup import escape

from automation import messages
from automation.browser.chromium import ChromiumNotFound
from automation.browser.interrupt import INTERRUPTED
from automation.codes.matching import CodeSourceError
from automation.codes.readers import ProgramNotRun, PromptReader
from automation.codes.source import code_reader_from
from automation.config.household import Household, HouseholdError, load_household
from automation.config.settings import Settings
from automation.messages import text as say
from automation.output import logs
from automation.output.journal import Journal, LastAttempt
from automation.output.lock import FolderBusy, OutputLock
from automation.output.member_report import needs_family_first
from automation.output.private import LinkRefused, output_folder, refuse_links
from automation.output.report import report_paths, write_reports
from automation.run.after_stop import Whereabouts, not_finished
from automation.run.check_site import look_before_run
from automation.run.context import RunContext, RunRequest
from automation.run.exit_status import ExitStatus
from automation.run.preflight import read_settings, refuse, refuse_address
from automation.run.progress import AnnouncedReader, ProgressView, summary_line
from automation.run.runner import HouseholdRunner
from automation.run.stops import SiteChanged, SiteUnavailable
from automation.run.terminal import TerminalPerson
from flows.member import Member
from flows.ports import CodeReader


def run_household(file: Path, request: RunRequest, console: Console | None = None) -> ExitStatus:
    """`mes-optout run FILE`: the household file, checked whole, then `execute`."""
    console = console or Console(highlight=False, soft_wrap=True)
    lang = request.lang
    settings = read_settings(console, lang)
    if isinstance(settings, ExitStatus):
        return settings
    try:
        household = load_household(file, lang)
    except HouseholdError as error:
        return refuse(console, error.problems, request.out)
    for warning in household.warnings:
        console.print(f"[yellow]{escape(warning)}[/]")  # it quotes the file: shown as typed
    if request.code_from is None and household.code_from is not None:
        request = replace(request, code_from=household.code_from)
    if household.allow_origins:
        allowed = tuple(dict.fromkeys((*request.allow_origins, *household.allow_origins)))
        request = replace(request, allow_origins=allowed)
    unknown = [i for i in request.only if i not in {m.id for m in household.members}]
    if unknown:
        return refuse(console, [say("unknown_only", lang, id=i) for i in unknown])
    return execute(household, request, settings, console)


def execute(
    household: Household, request: RunRequest, settings: Settings, console: Console
) -> ExitStatus:
    """Every command that works on the site ends here: one browser, the journal around
    each final click, the report, a result line per member, and the exit status."""
    lang = request.lang
    refused = refuse_address(console, request.base_url or settings.base_url,
                             request.unofficial_site, lang, request.allow_origins)  # fmt: skip
    if refused is not None:
        return refused
    interactive = sys.stdin.isatty()
    if not (request.yes or request.dry_run or interactive):
        return refuse(console, [say("yes_needed", lang)])
    logs.REDACTOR.add(household.secrets())
    headed = request.headed if request.headed is not None else bool(os.environ.get("DISPLAY"))
    person = TerminalPerson(console, headed, lang) if interactive else None
    try:
        reader = _reader(request, settings, person, lang, console)
    except CodeSourceError as error:
        problem = messages.pick(messages.PROBLEMS["format"], lang)
        sentence = messages.text(
            "bad_input", lang, who=household.name, field="--code-from", problem=problem
        )
        return refuse(console, [f"{sentence} ({error})"], request.out)

    out = request.out or Path("mes-optout-resultats")
    try:
        output_folder(out)
    except OSError as error:
        return refuse(console, [say("out_unusable", lang, path=str(out), why=messages.why(error))])
    try:
        with OutputLock(out):
            return _run_locked(household, request, settings, console, out, headed, person, reader)
    except FolderBusy as busy:
        return refuse(console, [say("folder_busy", lang, path=str(out), pid=busy.pid)])
    except LinkRefused as link:
        return refuse(console, [say("link_refused", lang, path=str(link.path))])


def _run_locked(
    household: Household,
    request: RunRequest,
    settings: Settings,
    console: Console,
    out: Path,
    headed: bool,
    person: TerminalPerson | None,
    reader: CodeReader | None,
) -> ExitStatus:
    lang = request.lang
    try:
        # A planted link is refused before anything is done, not found at the end.
        selected = _selected(household, request.only)
        refuse_links(*report_paths(out), *(out / member.id for member in selected))
        logs.configure(out / "mes-optout.log", request.verbose)
        journal = Journal(out / "journal.sqlite")
    except LinkRefused:
        logs.close()
        raise
    except (OSError, sqlite3.Error) as error:
        logs.close()
        return refuse(console, [say("out_unusable", lang, path=str(out), why=messages.why(error))])
    started = datetime.now(UTC).isoformat()
    status = ExitStatus.DONE
    view = ProgressView(console, [m.id for m in selected], lang)
    if person is not None:
        person.pause = view.paused
    run = RunContext.of(request, settings, out, headed, console)
    whereabouts = Whereabouts(view)
    runner = HouseholdRunner(household, run, journal, reader, person, whereabouts)
    if not request.skip_check:
        runner.site_check = lambda browser, routes, lead: look_before_run(
            browser, run, routes, lead
        )
    # Said at once: the browser takes a moment to start, and a silent start looks like a hang.
    console.print(say("starting", lang, count=str(len(selected))))
    try:
        with view:
            reports = runner.run()
    except SiteChanged:
        console.print(f"[red]{say('site_changed', lang)}[/]")
        attempt = journal.start("*", "site_check")
        journal.finish(attempt, "failed", "site_changed", [])
        return ExitStatus.FAILED
    except SiteUnavailable as down:
        reason = "site_unreachable" if down.unreachable else "site_unavailable"
        said = say(reason, lang, url=run.flow.base_url, why=down.why)
        console.print(f"[yellow]{said}{f' ({down.tried})' if down.tried else ''}[/]")
        attempt = journal.start("*", "site_check")
        journal.finish(attempt, "failed", reason, [])
        return ExitStatus.SITE_UNAVAILABLE
    except (KeyboardInterrupt, PlaywrightError) as stop:
        # Ctrl-C; or the browser gone and no new one would start (its driver killed too):
        # every member said as it stands, never a traceback.
        INTERRUPTED.set()  # also when it came between members, or in a parallel run's wait
        whereabouts.stop()
        lost = isinstance(stop, PlaywrightError)
        console.print(f"[yellow]{say('browser_lost' if lost else 'interrupted', lang)}[/]")
        ended = dict(runner.reports)
        left = not_finished(selected, ended, whereabouts, journal, run)
        for report in left:
            view.outcome(report)  # said now off a terminal, like every other line
        every = {**ended, **{report.id: report for report in left}}
        reports = [every[member.id] for member in selected]
        status = ExitStatus.FAILED if lost else ExitStatus.INTERRUPTED
    except ChromiumNotFound as error:
        console.print(f"[red]{error.said(lang)}[/]")
        return ExitStatus.FAILED
    finally:
        logs.close()
        history = _history(journal)
        journal.close()
    try:
        finished = datetime.now(UTC).isoformat()
        _, html = write_reports(
            out, household.name, started, finished, reports, lang, history=history
        )
    except OSError as error:
        if isinstance(error, LinkRefused):
            console.print(f"[red]{say('link_refused', lang, path=str(error.path))}[/]")
        else:
            why = messages.why(error)
            console.print(f"[red]{say('report_failed', lang, path=str(out), why=why)}[/]")
            previous = report_paths(out)[1]
            if previous.is_file():  # written whole or not at all: the last one stands
                console.print(say("report_kept", lang, path=str(previous)))
        for report in needs_family_first(reports):
            console.print(summary_line(report, lang))
        return ExitStatus.FAILED
    if console.is_terminal:  # off a terminal, each line was printed as it came
        for report in needs_family_first(reports):  # who needs the family first
            console.print(summary_line(report, lang))
    if reports and all(r.skipped for r in reports):
        console.print(say("nothing_to_do", lang))
    console.print(say("report", lang, path=str(html)))
    if status is ExitStatus.INTERRUPTED:
        return status
    return ExitStatus.of(r.outcome for r in reports)


def _history(journal: Journal) -> dict[str, list[LastAttempt]] | None:
    """Every member's attempts in this folder, for a report that adds to the earlier ones;
    None when the journal cannot be read (the report then holds this run alone)."""
    try:
        return journal.history()
    except (OSError, sqlite3.Error):
        return None


def _selected(household: Household, only: list[str]) -> list[Member]:
    members = household.ordered()
    return [m for m in members if not only or m.id in only]


def _reader(
    request: RunRequest,
    settings: Settings,
    person: TerminalPerson | None,
    lang: str,
    console: Console,
) -> CodeReader | None:
    ask = person.ask_secret if person is not None else None
    timeout_s = settings.code_timeout_s
    reader = code_reader_from(request.code_from, ask, lang, timeout_s, request.dry_run)
    if reader is None or isinstance(reader, PromptReader | ProgramNotRun):
        return reader  # a question asked, or nothing waited for: nothing to announce
    return AnnouncedReader(reader, console, lang, getattr(reader, "timeout_s", timeout_s))
