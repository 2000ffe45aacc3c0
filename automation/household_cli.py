"""`mes-optout run FILE`: every member of a household, unattended or watched, with a
journal that makes re-runs safe and a report the family keeps."""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError
from rich.console import Console
from rich.live import Live
from rich.table import Table

from automation import logs, messages
from automation.chromium import ChromiumNotFound
from automation.code_readers import CodeSourceError, code_reader_from
from automation.console import TerminalPerson
from automation.evidence import private_dir
from automation.exit_status import ExitStatus
from automation.household import Household, HouseholdError, load_household
from automation.journal import Journal
from automation.report import write_reports
from automation.runner import HouseholdRunner, MemberReport, RunSettings, exit_outcome
from automation.settings import Settings
from flows.ports import CodeReader

TEXTS = {
    "yes_needed": ("Sans terminal, l'étape définitive doit être confirmée d'avance : ajoutez --yes (ou --dry-run).",
                   "Without a terminal, the final step must be confirmed in advance: add --yes (or --dry-run)."),
    "unknown_only": ("--only : « {id} » n'est pas un membre du foyer.", "--only: « {id} » is not a member of the household."),
    "nothing_to_do": ("Rien à faire : chaque membre est déjà traité (voir le rapport). --force pour refaire.",
                      "Nothing to do: every member is already done (see the report). --force to do it again."),
    "report": ("Rapport : {path}", "Report: {path}"),
    "out_unusable": ("Le dossier de sortie {path} n'est pas utilisable ({why}) : choisissez-en un autre avec --out.",
                     "The output folder {path} cannot be used ({why}): choose another with --out."),
    "report_failed": ("Le rapport n'a pas pu être écrit dans {path} ({why}) ; le journal garde ce qui a été fait.",
                      "The report could not be written in {path} ({why}); the journal keeps what was done."),
    "interrupted": ("Interrompu : le journal est intact, relancez la même commande pour reprendre.",
                    "Interrupted: the journal is intact, run the same command again to resume."),
    "skipped": ("déjà fait lors d'un passage précédent", "done in an earlier run"),
    "settled": ("interrompu la dernière fois : état vérifié sur le site", "interrupted last time: state checked on the site"),
}  # fmt: skip


def say(key: str, lang: str, **values: str) -> str:
    return messages.pick(TEXTS[key], lang).format(**values)


@dataclass
class HouseholdRequest:
    file: Path
    base_url: str | None = None
    headed: bool | None = None
    dry_run: bool = False
    yes: bool = False
    only: list[str] = field(default_factory=list)
    parallel: int = 1
    code_from: str | None = None
    out: Path | None = None
    force: bool = False
    lang: str = "fr"
    verbose: bool = False
    trace: bool = False


class ProgressView:
    """A line per member with its current screen and outcome; plain lines off a terminal."""

    def __init__(self, console: Console, members: list[str], lang: str) -> None:
        self.console = console
        self.lang = lang
        self.state = dict.fromkeys(members, "…")
        self.live = (
            Live(self._table(), console=console, auto_refresh=False)
            if console.is_terminal
            else None
        )

    def _table(self) -> Table:
        table = Table(show_header=False, box=None)
        for member, state in self.state.items():
            table.add_row(member, state)
        return table

    def _show(self, member: str, shown: str, print_plain: bool) -> None:
        self.state[member] = shown
        if self.live is not None:
            self.live.update(self._table(), refresh=True)
        elif print_plain:
            self.console.print(f"{member} : {shown}" if self.lang == "fr" else f"{member}: {shown}")

    def screen(self, member: str, name: str) -> None:
        """The screen a member is on: the live table only (plain output stays short)."""
        self._show(member, name, print_plain=False)

    def outcome(self, report: MemberReport) -> None:
        shown = summary_line(report, self.lang).split(":", 1)[1].strip()
        self._show(report.id, shown, print_plain=True)

    def __enter__(self) -> ProgressView:
        if self.live is not None:
            self.live.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live is not None:
            self.live.stop()


def summary_line(report: MemberReport, lang: str) -> str:
    line = messages.text(
        "result", lang, who=report.id, outcome=messages.outcome(report.outcome, lang)
    )
    if report.reason:
        line += messages.text("because", lang, reason=messages.reason(report.reason, lang))
    if report.skipped:
        line += f" — {say('skipped', lang)}"
    if report.settled:
        line += f" — {say('settled', lang)}"
    if report.diagnostic:
        files = ", ".join(report.diagnostic)
        line += f" — {messages.text('diagnostic_in', lang, files=files)}"
    return line


def run_household(request: HouseholdRequest, console: Console | None = None) -> ExitStatus:
    console = console or Console(highlight=False, soft_wrap=True)
    lang = request.lang
    try:
        settings = Settings()
    except ValidationError as error:
        return _bad(console, messages.explain_validation(error, "MES_*", lang))
    try:
        household = load_household(request.file, lang)
    except HouseholdError as error:
        return _bad(console, error.problems, request.out)
    for warning in household.warnings:
        console.print(f"[yellow]{warning}[/]")
    unknown = [i for i in request.only if i not in {m.id for m in household.members}]
    if unknown:
        return _bad(console, [say("unknown_only", lang, id=i) for i in unknown])
    interactive = sys.stdin.isatty()
    if not (request.yes or request.dry_run or interactive):
        return _bad(console, [say("yes_needed", lang)])
    logs.REDACTOR.add(household.secrets())
    headed = bool(request.headed)
    person = TerminalPerson(console, headed, lang) if interactive else None
    try:
        reader = _reader(request, settings, person, lang)
    except CodeSourceError as error:
        problem = messages.pick(messages.PROBLEMS["format"], lang)
        sentence = messages.text(
            "bad_input", lang, who=household.name, field="--code-from", problem=problem
        )
        return _bad(console, [f"{sentence} ({error})"])

    out = request.out or Path("mes-optout-resultats")
    try:
        private_dir(out)
        logs.configure(out / "mes-optout.log", request.verbose)
        journal = Journal(out / "journal.sqlite")
    except (OSError, sqlite3.Error) as error:
        return _bad(console, [say("out_unusable", lang, path=str(out), why=_why(error))])
    run_settings = RunSettings(
        flow=settings.flow_options(request.base_url, request.yes, request.dry_run, lang),
        out=out,
        headed=headed,
        parallel=max(1, request.parallel),
        force=request.force,
        only=request.only,
        browser_path=settings.browser_path,
        slow_mo_ms=settings.slow_mo_ms,
        trace=request.trace,
    )
    started = datetime.now(UTC).isoformat()
    status = ExitStatus.DONE
    view = ProgressView(console, [m.id for m in _selected(household, request.only)], lang)
    runner = HouseholdRunner(household, run_settings, journal, reader, person, view)
    try:
        with view:
            reports = runner.run()
    except KeyboardInterrupt:
        console.print(f"[yellow]{say('interrupted', lang)}[/]")
        reports = list(runner.reports.values())
        status = ExitStatus.INTERRUPTED
    except ChromiumNotFound as error:
        console.print(f"[red]{error}[/]")
        journal.close()
        logs.close()
        return ExitStatus.FAILED
    finally:
        logs.close()
    journal.close()
    try:
        _, html = write_reports(
            out, household.name, started, datetime.now(UTC).isoformat(), reports, lang
        )
    except OSError as error:
        console.print(f"[red]{say('report_failed', lang, path=str(out), why=_why(error))}[/]")
        for report in reports:
            console.print(summary_line(report, lang))
        return ExitStatus.FAILED
    if console.is_terminal:  # off a terminal, each line was printed as it came
        for report in reports:
            console.print(summary_line(report, lang))
    if reports and all(r.skipped for r in reports):
        console.print(say("nothing_to_do", lang))
    console.print(say("report", lang, path=str(html)))
    if status is ExitStatus.INTERRUPTED:
        return status
    return ExitStatus.of(exit_outcome(reports))


def _selected(household: Household, only: list[str]) -> list:  # type: ignore[type-arg]
    members = household.ordered()
    return [m for m in members if not only or m.id in only]


def _reader(
    request: HouseholdRequest, settings: Settings, person: TerminalPerson | None, lang: str
) -> CodeReader | None:
    ask = person.ask_secret if person is not None else None
    return code_reader_from(request.code_from, ask, lang, settings.code_timeout_s)


def _why(error: BaseException) -> str:
    return getattr(error, "strerror", None) or type(error).__name__


def _bad(console: Console, problems: list[str], out: Path | None = None) -> ExitStatus:
    for problem in problems:
        console.print(f"[red]{problem}[/]")
    if out is not None and out.is_dir():
        # The journal keeps the refusal too, so the folder tells the whole story.
        journal = Journal(out / "journal.sqlite")
        attempt = journal.start("*", "load")
        journal.finish(attempt, "bad_input", "; ".join(problems)[:2000], [])
        journal.close()
    return ExitStatus.BAD_INPUT
