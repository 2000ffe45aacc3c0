"""Every command that works on the site (`run FILE`, and `oppose`, `close`, `auto` for one
person, who runs as a household of one) goes through `execute`: one output folder held
by one run at a time, the journal that makes re-runs safe, the report the family keeps,
one result line per member and the exit status."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import Browser
from pydantic import ValidationError
from rich.console import Console
from rich.live import Live
from rich.table import Table

from automation import logs, messages
from automation.browser import Handover
from automation.chromium import ChromiumNotFound
from automation.code_readers import CodeSourceError, code_reader_from
from automation.console import TerminalPerson
from automation.evidence import private_dir
from automation.exit_status import ExitStatus
from automation.household import Household, HouseholdError, load_household
from automation.journal import Journal
from automation.output_lock import FolderBusy, OutputLock
from automation.report import write_reports
from automation.runner import (
    HouseholdRunner,
    MemberReport,
    RunSettings,
    SiteChanged,
    SiteUnavailable,
    exit_outcome,
)
from automation.settings import REAL_SITE, Settings
from automation.site_address import is_allowed
from flows.member import Member
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
    "folder_busy": ("Une autre exécution (processus {pid}) utilise déjà le dossier {path} : attendez qu'elle se termine, ou choisissez un autre dossier avec --out.",
                    "Another run (process {pid}) is already using the folder {path}: wait for it to finish, or choose another folder with --out."),
    "site_refused": ("L'adresse {url} n'est ni le site officiel ({official}) ni cette machine : le robot n'y enverra pas vos données. Si vous êtes sûr(e) de ce site, ajoutez --site-non-officiel.",
                     "The address {url} is neither the official site ({official}) nor this machine: the robot will not send your data there. If you are sure of this site, add --site-non-officiel."),
    "unofficial": ("site non officiel : {url}", "unofficial site: {url}"),
    "unchecked": ("site non vérifié avant de commencer (--skip-check)", "site not checked before starting (--skip-check)"),
    "allowed": ("origines autorisées à votre demande : {origins}", "origins allowed at your request: {origins}"),
    "blocked": ("le site a demandé des origines bloquées par le robot : {origins} (--allow-origin pour en autoriser une)",
                "the site asked for origins the robot blocked: {origins} (--allow-origin to allow one)"),
    "waiting": ("le site demande d'attendre {seconds} s avant de réessayer : attente en cours",
                "the site asks to wait {seconds} s before trying again: waiting"),
    "site_unavailable": ("Site indisponible (maintenance) : aucun membre n'a été traité, rien n'a été saisi ; réessayez plus tard.",
                         "Site unavailable (maintenance): no member was processed, nothing was typed; try again later."),
    "site_changed": ("Le site a changé là où le robot s'appuie : aucun membre n'a été traité, rien n'a été saisi. Voir ci-dessus ; --skip-check pour passer outre.",
                     "The site changed where the robot relies on it: no member was run, nothing was typed. See above; --skip-check to go on anyway."),
    "settled": ("interrompu la dernière fois : état vérifié sur le site", "interrupted last time: state checked on the site"),
}  # fmt: skip


def say(key: str, lang: str, **values: str) -> str:
    return messages.pick(TEXTS[key], lang).format(**values)


@dataclass
class RunRequest:
    """What the command line asked for, the same for `run` and the one-person commands."""

    base_url: str | None = None
    headed: bool | None = None  # None: shown when there is a screen to show it on
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
    unofficial_site: bool = False  # --site-non-officiel: the person vouches for the address
    allow_origins: tuple[str, ...] = ()  # --allow-origin: beyond the site's own, reachable
    skip_check: bool = False  # --skip-check: no look at the site before the first member


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
            self.live.update(self._table(), refresh=self.live.is_started)
        elif print_plain:
            self.console.print(f"{member} : {shown}" if self.lang == "fr" else f"{member}: {shown}")

    def screen(self, member: str, name: str) -> None:
        """The screen a member is on: the live table only (plain output stays short)."""
        self._show(member, name, print_plain=False)

    def waiting(self, member: str, seconds: int) -> None:
        """The site asked to wait before the step is done again: said, on a terminal or not
        (a silent pause would look like a hang)."""
        self._show(member, say("waiting", self.lang, seconds=str(seconds)), print_plain=True)

    def outcome(self, report: MemberReport) -> None:
        shown = summary_line(report, self.lang).split(":", 1)[1].strip()
        self._show(report.id, shown, print_plain=True)

    @contextmanager
    def paused(self) -> Iterator[None]:
        """The live table steps aside while the person is asked something: it would
        redraw over the question, and read « [o/N] » as markup."""
        if self.live is None or not self.live.is_started:
            yield
            return
        self.live.stop()
        try:
            yield
        finally:
            self.live.start(refresh=True)

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
        why = messages.reason(report.reason, lang, report.detail)
        line += messages.text("because", lang, reason=why)
    if report.skipped:
        line += f" — {say('skipped', lang)}"
    if report.settled:
        line += f" — {say('settled', lang)}"
    if report.site:
        line += f" — {say('unofficial', lang, url=report.site)}"
    if report.unchecked:
        line += f" — {say('unchecked', lang)}"
    if report.allowed:
        line += f" — {say('allowed', lang, origins=', '.join(report.allowed))}"
    if report.blocked:
        origins = ", ".join(sorted(report.blocked))
        line += f" — {say('blocked', lang, origins=origins)}"
    if report.diagnostic:
        files = ", ".join(report.diagnostic)
        line += f" — {messages.text('diagnostic_in', lang, files=files)}"
    return line


def read_settings(console: Console, lang: str) -> Settings | ExitStatus:
    """The MES_* settings, or the refusal that says which one is wrong."""
    try:
        return Settings()
    except ValidationError as error:
        return refuse(console, messages.explain_validation(error, "MES_*", lang))


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
        console.print(f"[yellow]{warning}[/]")
    if request.code_from is None and household.code_from is not None:
        request = replace(request, code_from=household.code_from)
    if household.allow_origins:
        allowed = tuple(dict.fromkeys((*request.allow_origins, *household.allow_origins)))
        request = replace(request, allow_origins=allowed)
    unknown = [i for i in request.only if i not in {m.id for m in household.members}]
    if unknown:
        return refuse(console, [say("unknown_only", lang, id=i) for i in unknown])
    return execute(household, request, settings, console)


def refuse_address(console: Console, site: str, vouched_for: bool, lang: str) -> ExitStatus | None:
    """The one address rule of every command that opens the site: before any browser
    starts, not one secret leaves for an address nobody vouched for."""
    if is_allowed(site) or vouched_for:
        return None
    return refuse(console, [say("site_refused", lang, url=site, official=REAL_SITE)])


def run_settings(settings: Settings, request: RunRequest, out: Path, headed: bool) -> RunSettings:
    """The one place where the environment's settings and the options become a run."""
    site = request.base_url or settings.base_url
    return RunSettings(
        flow=settings.flow_options(
            request.base_url, request.yes, request.dry_run, request.lang, request.allow_origins
        ),
        out=out,
        headed=headed,
        parallel=max(1, request.parallel),
        force=request.force,
        only=request.only,
        browser_path=settings.browser_path,
        slow_mo_ms=settings.slow_mo_ms,
        trace=request.trace,
        unofficial_site=None if is_allowed(site) else site,
        unchecked=request.skip_check,
    )


def execute(
    household: Household, request: RunRequest, settings: Settings, console: Console
) -> ExitStatus:
    """Every command that works on the site ends here: one browser, the journal around
    each final click, the report, a result line per member, and the exit status."""
    lang = request.lang
    refused = refuse_address(console, request.base_url or settings.base_url,
                             request.unofficial_site, lang)  # fmt: skip
    if refused is not None:
        return refused
    interactive = sys.stdin.isatty()
    if not (request.yes or request.dry_run or interactive):
        return refuse(console, [say("yes_needed", lang)])
    logs.REDACTOR.add(household.secrets())
    headed = request.headed if request.headed is not None else bool(os.environ.get("DISPLAY"))
    person = TerminalPerson(console, headed, lang) if interactive else None
    try:
        reader = _reader(request, settings, person, lang)
    except CodeSourceError as error:
        problem = messages.pick(messages.PROBLEMS["format"], lang)
        sentence = messages.text(
            "bad_input", lang, who=household.name, field="--code-from", problem=problem
        )
        return refuse(console, [f"{sentence} ({error})"], request.out)

    out = request.out or Path("mes-optout-resultats")
    try:
        private_dir(out)
    except OSError as error:
        return refuse(console, [say("out_unusable", lang, path=str(out), why=messages.why(error))])
    try:
        with OutputLock(out):
            return _run_locked(household, request, settings, console, out, headed, person, reader)
    except FolderBusy as busy:
        return refuse(console, [say("folder_busy", lang, path=str(out), pid=busy.pid)])


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
        logs.configure(out / "mes-optout.log", request.verbose)
        journal = Journal(out / "journal.sqlite")
    except (OSError, sqlite3.Error) as error:
        logs.close()
        return refuse(console, [say("out_unusable", lang, path=str(out), why=messages.why(error))])
    started = datetime.now(UTC).isoformat()
    status = ExitStatus.DONE
    view = ProgressView(console, [m.id for m in _selected(household, request.only)], lang)
    if person is not None:
        person.pause = view.paused
    settings_of_run = run_settings(settings, request, out, headed)
    runner = HouseholdRunner(household, settings_of_run, journal, reader, person, view)
    if not request.skip_check:
        runner.site_check = lambda browser, routes, lead: _site_is_as_known(
            browser, settings_of_run, settings, console, lang, routes, lead
        )
    try:
        with view:
            reports = runner.run()
    except SiteChanged:
        console.print(f"[red]{say('site_changed', lang)}[/]")
        attempt = journal.start("*", "site_check")
        journal.finish(attempt, "failed", "site_changed", [])
        return ExitStatus.FAILED
    except SiteUnavailable:
        console.print(f"[yellow]{say('site_unavailable', lang)}[/]")
        attempt = journal.start("*", "site_check")
        journal.finish(attempt, "failed", "site_unavailable", [])
        return ExitStatus.SITE_UNAVAILABLE
    except KeyboardInterrupt:
        console.print(f"[yellow]{say('interrupted', lang)}[/]")
        reports = list(runner.reports.values())
        status = ExitStatus.INTERRUPTED
    except ChromiumNotFound as error:
        console.print(f"[red]{error}[/]")
        return ExitStatus.FAILED
    finally:
        logs.close()
        journal.close()
    try:
        _, html = write_reports(
            out, household.name, started, datetime.now(UTC).isoformat(), reports, lang
        )
    except OSError as error:
        console.print(
            f"[red]{say('report_failed', lang, path=str(out), why=messages.why(error))}[/]"
        )
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


def _site_is_as_known(
    browser: Browser,
    run: RunSettings,
    settings: Settings,
    console: Console,
    lang: str,
    routes: frozenset[int],
    lead: Member | None,
) -> tuple[list[str], Handover | None]:
    """check-site, with the run's own browser, before the first member, on the ways through
    the site its members take: the screens found changed (said, screen by screen), none
    when the site is as the robot knows it; and `lead`'s page, when the look handed it
    over."""
    from automation.check_site import look_at_site, print_check

    outcome = look_at_site(browser, run.flow.base_url, run.out,
                           settings.load_timeout_s * 1000, settings.recognise_timeout_s * 1000,
                           settings.retries, settings.backoff_s,
                           run.flow.allowed_origins, routes, lead)  # fmt: skip
    if outcome.unavailable:
        raise SiteUnavailable
    if not outcome.ok:
        print_check(console, outcome, lang, conclude=False)
    return [looked.screen for looked in outcome.screens if not looked.ok], outcome.handover


def _selected(household: Household, only: list[str]) -> list[Member]:
    members = household.ordered()
    return [m for m in members if not only or m.id in only]


def _reader(
    request: RunRequest, settings: Settings, person: TerminalPerson | None, lang: str
) -> CodeReader | None:
    ask = person.ask_secret if person is not None else None
    return code_reader_from(request.code_from, ask, lang, settings.code_timeout_s)


def refuse(console: Console, problems: list[str], out: Path | None = None) -> ExitStatus:
    """Bad input: each problem said, the refusal journaled when the folder exists, exit 2."""
    for problem in problems:
        console.print(f"[red]{problem}[/]")
    if out is not None and out.is_dir():
        # The journal keeps the refusal too, so the folder tells the whole story.
        journal = Journal(out / "journal.sqlite")
        attempt = journal.start("*", "load")
        journal.finish(attempt, "bad_input", "; ".join(problems)[:2000], [])
        journal.close()
    return ExitStatus.BAD_INPUT
