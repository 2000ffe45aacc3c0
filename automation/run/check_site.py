"""`mes-optout check-site`: the robot's own page objects against the site, before any
person's data is typed. Says, screen by screen and label by label, what was found."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError
from rich.console import Console
from rich.markup import escape

from automation import messages
from automation.browser.chromium import ChromiumNotFound
from automation.browser.session import BrowserSession, Handover, site_context
from automation.messages import text as say
from automation.output import logs
from automation.output.evidence import EvidenceFolder
from automation.output.private import output_folder
from automation.run.context import RunContext
from automation.run.exit_status import ExitStatus
from automation.run.preflight import read_settings, refuse_address
from automation.run.stops import SiteUnavailable
from flows.member import Member
from flows.site_check import ALL_ROUTES, ScreenLooked, SiteCheck


@dataclass
class CheckOutcome:
    screens: list[ScreenLooked]
    # Why the site was given up on (a reason key: maintenance throughout, a session that
    # kept expiring...), if it was: says nothing of the screens.
    unavailable: str = ""
    unreachable: bool = False  # the address answered nothing: says nothing of the screens
    blocked: dict[str, int] = field(default_factory=dict)  # origins the site asked for
    # The lead member's page, where the look left it (the caller closes it).
    handover: Handover | None = None
    tries: int = 1  # looks at the site: more than one when it could not be reached
    tried_s: float = 0.0

    @property
    def ok(self) -> bool:
        return not (self.unavailable or self.unreachable) and all(s.ok for s in self.screens)


def look_at_site(
    browser: Browser,
    base_url: str,
    out: Path,
    timeout_ms: float,
    recognise_ms: float,
    retries: int = 3,
    backoff_s: float = 2.0,
    allowed: tuple[str, ...] = (),
    routes: frozenset[int] = ALL_ROUTES,
    lead: Member | None = None,
) -> CheckOutcome:
    """Every screen that needs no identity, in a fresh context of `browser`. With `lead`
    (a run's first member) and a site as the robot knows it, that context is theirs: the
    look's last walk is their way in, handed over rather than walked twice. Nobody else
    used it, and nothing was typed in it."""
    evidence = EvidenceFolder(out, "verification-du-site")

    def diagnose(page: Page) -> list[str]:
        try:
            return [str(p.relative_to(out)) for p in evidence.diagnostic(page, [])]
        except (OSError, PlaywrightError):
            return []

    started = time.monotonic()
    backoff = threading.Event()  # backoff waits on it; nothing ever sets it
    tries = 0
    while True:
        outcome = _look_once(browser, base_url, evidence, timeout_ms, recognise_ms, diagnose,
                             retries, backoff_s, allowed, routes, lead)  # fmt: skip
        if not outcome.unreachable or tries >= retries:
            break
        # Not reached: nothing seen, nothing typed. Again after the run's backoff, as the
        # flow does for a connection lost on the way.
        tries += 1
        backoff.wait(backoff_s * 2 ** (tries - 1))
    outcome.tries, outcome.tried_s = tries + 1, time.monotonic() - started
    return outcome


def _look_once(
    browser: Browser,
    base_url: str,
    evidence: EvidenceFolder,
    timeout_ms: float,
    recognise_ms: float,
    diagnose: Callable[[Page], list[str]],
    retries: int,
    backoff_s: float,
    allowed: tuple[str, ...],
    routes: frozenset[int],
    lead: Member | None,
) -> CheckOutcome:
    context, guard = site_context(browser, base_url, allowed)
    evidence.blocked = guard.blocked
    handover: Handover | None = None
    try:
        check = SiteCheck(context.new_page(), base_url, timeout_ms, recognise_ms, diagnose,
                          retries, backoff_s)  # fmt: skip
        screens = check.run(routes, lead)
        outcome = CheckOutcome(screens, check.unavailable, check.unreachable, dict(guard.blocked))
        if lead is not None and outcome.ok and check.reached_lead:
            handover = outcome.handover = Handover(context, guard, check.hand_over())
        return outcome
    finally:
        if handover is None:
            with contextlib.suppress(PlaywrightError):
                context.close()


def print_check(
    console: Console, outcome: CheckOutcome, lang: str, conclude: bool = True
) -> ExitStatus:
    """Screen by screen, what was found; `conclude`: and what it means for a run (the run
    path says that itself, member by member)."""
    if outcome.unavailable or outcome.unreachable:
        if outcome.unavailable:
            line = say("check_unavailable", lang, why=why_unavailable(outcome.unavailable, lang))
        else:
            line = say("check_unreachable", lang)
        if outcome.unreachable:
            line += f" ({tried(outcome, lang)})"
        console.print(f"[yellow]{escape(line)}[/]")
        return ExitStatus.SITE_UNAVAILABLE
    for looked in outcome.screens:
        if not looked.recognised:
            line = say("check_screen_missing", lang, screen=messages.screen(looked.screen, lang))
            if looked.seen_as:
                line += say("check_seen_as", lang, seen=messages.screen(looked.seen_as, lang))
            console.print(f"[red]{escape(line)}[/]")
        else:
            found = sum(label.found for label in looked.labels)
            style = "green" if looked.ok else "red"
            screen = messages.screen(looked.screen, lang)
            count = f"{found}/{len(looked.labels)}"
            line = say("check_screen_ok", lang, screen=screen, count=count)
            console.print(f"[{style}]{escape(line)}[/]")
        for label in looked.labels:
            if not label.found:
                missing = say("check_label_missing", lang, kind=label.kind, label=label.label)
                console.print(f"[red]{escape(missing)}[/]")
        if looked.diagnostic:
            console.print(escape(say("check_diagnostic", lang, files=", ".join(looked.diagnostic))))
    print_blocked(console, outcome.blocked, lang)
    if conclude:
        console.print(say("check_all_found" if outcome.ok else "check_some_missing", lang))
    return ExitStatus.DONE if outcome.ok else ExitStatus.FAILED


def why_unavailable(reason: str, lang: str) -> str:
    """Maintenance, or the interstitial that kept coming back, in a few words."""
    return "maintenance" if reason == "site_unavailable" else messages.reason(reason, lang)


def tried(outcome: CheckOutcome, lang: str) -> str:
    return say("tried_for", lang, tries=str(outcome.tries),
               seconds=f"{outcome.tried_s:.0f}")  # fmt: skip


def print_blocked(console: Console, blocked: dict[str, int], lang: str) -> None:
    """The origins the site asked for and the robot refused: a site that needs one of them
    shows it here first."""
    for origin, count in sorted(blocked.items()):
        line = say("check_blocked", lang, origin=origin, count=str(count))
        console.print(f"[yellow]{escape(line)}[/]")


def run_check_site(
    base_url: str | None,
    out: Path | None,
    headed: bool,
    lang: str,
    unofficial_site: bool,
    allowed: tuple[str, ...] = (),
) -> ExitStatus:
    """The command: the same address rule as a run, one browser, the check, its report."""
    console = Console(highlight=False, soft_wrap=True)
    settings = read_settings(console, lang)
    if isinstance(settings, ExitStatus):
        return settings
    site = base_url or settings.base_url
    refused = refuse_address(console, site, unofficial_site, lang, allowed)
    if refused is not None:
        return refused
    folder = output_folder(out or Path("mes-optout-resultats"))
    # What the look logs (a session expired on its way...) goes to its file, as a run's
    # does: the screen gets the check's own lines.
    logs.configure(folder / "mes-optout.log")
    try:
        with BrowserSession(headed, settings.slow_mo_ms, settings.browser_path) as session:
            assert session.browser is not None
            outcome = look_at_site(session.browser, site, folder,
                                   settings.load_timeout_s * 1000, settings.recognise_timeout_s * 1000,
                                   settings.retries, settings.backoff_s, allowed)  # fmt: skip
    except ChromiumNotFound as error:
        console.print(f"[red]{escape(error.said(lang))}[/]")
        return ExitStatus.FAILED
    finally:
        logs.close()
    return print_check(console, outcome, lang)


def look_before_run(
    browser: Browser, run: RunContext, routes: frozenset[int], lead: Member | None
) -> tuple[list[str], Handover | None]:
    """check-site, with the run's own browser, before the first member, on the ways through
    the site its members take: the screens found changed (said, screen by screen), none
    when the site is as the robot knows it; and `lead`'s page, when the look handed it
    over."""
    flow = run.flow
    # Several seconds with nothing on the screen would look like a hang: said first.
    run.console.print(say("looking_at_site", run.lang))
    outcome = look_at_site(browser, flow.base_url, run.out,
                           flow.load_timeout_ms, flow.recognise_timeout_ms,
                           flow.retries, flow.backoff_s, flow.allowed_origins, routes, lead)  # fmt: skip
    if outcome.unavailable or outcome.unreachable:
        why = why_unavailable(outcome.unavailable, run.lang) if outcome.unavailable else ""
        raise SiteUnavailable(outcome.unreachable, tried(outcome, run.lang), why)
    if not outcome.ok:
        print_check(run.console, outcome, run.lang, conclude=False)
    return [looked.screen for looked in outcome.screens if not looked.ok], outcome.handover
