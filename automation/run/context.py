"""What a run is asked (`RunRequest`, from the command line) and the one context it runs in
(`RunContext`), built once from that request and the environment's settings: the flow's
options, the output folder, the browser, the language and the terminal. Every part of the
run reads the context; nothing else carries settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from automation.config.settings import Settings
from automation.config.site_address import is_allowed
from flows.options import FlowOptions


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


@dataclass
class RunContext:
    """One run, as every part of it reads it."""

    flow: FlowOptions  # where and how each member's flow acts (the flows' own view of it)
    out: Path
    lang: str = "fr"
    console: Console = field(default_factory=lambda: Console(highlight=False, soft_wrap=True))
    headed: bool = False
    parallel: int = 1
    force: bool = False
    only: list[str] = field(default_factory=list)
    browser_path: str | None = None
    slow_mo_ms: float = 0
    trace: bool = False
    unofficial_site: str | None = None  # run anyway at the person's word: said on every member
    unchecked: bool = False  # --skip-check: the site was not looked at first, said on every member

    @classmethod
    def of(
        cls, request: RunRequest, settings: Settings, out: Path, headed: bool, console: Console
    ) -> RunContext:
        """The one place where the environment's settings and the options become a run."""
        site = request.base_url or settings.base_url
        flow = FlowOptions(
            base_url=site,
            confirmed=request.yes,
            dry_run=request.dry_run,
            load_timeout_ms=settings.load_timeout_s * 1000,
            recognise_timeout_ms=settings.recognise_timeout_s * 1000,
            member_deadline_s=settings.member_deadline_s,
            retries=settings.retries,
            backoff_s=settings.backoff_s,
            allowed_origins=request.allow_origins,
            retry_sign_in=request.force,
        )
        return cls(
            flow=flow,
            out=out,
            lang=request.lang,
            console=console,
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
