"""One browser per run, one fresh context per member, and only the site's own site
reachable (flows/site_family.py: its registrable domain over https, every subdomain; the
same host on any port for a loopback mock), with the origins the person allowed: every
request elsewhere (a tracker, a font, a link followed) is aborted, and its origin counted."""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urlsplit

import structlog
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    Route,
    WebSocketRoute,
    sync_playwright,
)

from automation.browser.chromium import QUIET_FLAGS, chromium_executable
from automation.browser.environment import child_environment, forget_secrets
from automation.browser.interrupt import ctrl_c_outside_the_loop
from flows.site_family import SiteFamily, origin_of

log = structlog.get_logger("mes_optout.browser")


def as_http(url: str) -> str:
    """A WebSocket's address as the page's own scheme would say it (wss: is https:), for
    the one origin rule."""
    for socket_scheme, page_scheme in (("wss:", "https:"), ("ws:", "http:")):
        if url[: len(socket_scheme)].lower() == socket_scheme:
            return page_scheme + url[len(socket_scheme) :]
    return url


class OriginGuard:
    """A route handler that lets through the site's own site and the origins the person
    allowed, and counts by origin (never a path or query: they may carry data) what it
    blocked."""

    def __init__(self, site_url: str, allowed: tuple[str, ...] = ()) -> None:
        self.family = SiteFamily(site_url, allowed)
        self.blocked: Counter[str] = Counter()

    def __call__(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or self.family.allows(url):
            route.continue_()
            return
        origin = origin_of(url)
        self.blocked[origin] += 1
        log.debug("blocked_request", origin=origin)
        route.abort("blockedbyclient")

    def refuses_socket(self, url: str) -> bool:
        return not self.family.allows(as_http(url))

    def block_socket(self, socket: WebSocketRoute) -> None:
        """A WebSocket to an origin that is not reachable: closed before it connects,
        counted like a request."""
        origin = origin_of(socket.url)
        self.blocked[origin] += 1
        log.debug("blocked_websocket", origin=origin)
        socket.close()

    @property
    def blocked_hosts(self) -> set[str]:
        return {urlsplit(origin).hostname or "?" for origin in self.blocked}


def site_context(
    browser: Browser, site_url: str, allowed: tuple[str, ...] = ()
) -> tuple[BrowserContext, OriginGuard]:
    """A fresh context for one member: French, Paris time, downloads kept, one site.
    Service workers are blocked: one would answer the page's requests from its own
    cache and code, where the origin rule never sees them. WebSockets follow the rule."""
    context = browser.new_context(
        locale="fr-FR",  # the site is French whatever language the user reads
        timezone_id="Europe/Paris",
        accept_downloads=True,
        viewport={"width": 1280, "height": 900},
        service_workers="block",
    )
    guard = OriginGuard(site_url, allowed)
    context.route(guard.family.maybe_foreign(), guard)
    context.route_web_socket(guard.refuses_socket, guard.block_socket)
    return context, guard


@dataclass(frozen=True)
class Handover:
    """A member's context already on the site (the look's last walk): their way in."""

    context: BrowserContext
    guard: OriginGuard
    page: Page


class BrowserSession:
    def __init__(
        self,
        headed: bool = False,
        slow_mo_ms: float = 0,
        browser_path: str | None = None,
        playwright: Playwright | None = None,
        secrets: Iterable[str] = (),
    ) -> None:
        """`playwright`: a running instance to borrow (tests); otherwise one is started.
        `secrets`: the run's secret values, kept out of the browser's environment with
        the robot's own secret variables (automation/browser/environment.py).

        The browser is driven only through Playwright's pipe to the process it launched:
        no DevTools port, which any program of this computer could connect to and use to
        read or type in a member's page."""
        self.headed = headed
        self.slow_mo_ms = slow_mo_ms
        self.browser_path = browser_path
        self._borrowed = playwright
        self._secrets = tuple(secrets)
        self._playwright: Playwright | None = None
        self.browser: Browser | None = None
        self._ctrl_c = contextlib.ExitStack()

    def __enter__(self) -> BrowserSession:
        if self._borrowed is None:
            self._ctrl_c.enter_context(ctrl_c_outside_the_loop())
        try:
            if self._borrowed is None:
                # The driver is spawned with a copy of os.environ: no secret in it. The
                # settings and the household file have read theirs before any browser.
                forget_secrets(os.environ, self._secrets)
            self._playwright = self._borrowed or sync_playwright().start()
            try:
                self.browser = self._launch(self._playwright)
            except BaseException:
                if self._borrowed is None:
                    self._playwright.stop()
                raise
        except BaseException:
            self._ctrl_c.close()
            raise
        return self

    def ready(self) -> Browser:
        """The session's browser, or a new one when the last was killed (its member
        failed with it; the others go on). Raises Playwright's error when none can start."""
        assert self._playwright is not None
        if self.browser is None or not self.browser.is_connected():
            log.info("browser_relaunched")  # the member it failed says why
            self.browser = self._launch(self._playwright)
        return self.browser

    def _launch(self, playwright: Playwright) -> Browser:
        executable = chromium_executable(playwright, self.browser_path, not self.headed)
        return playwright.chromium.launch(
            headless=not self.headed,
            slow_mo=self.slow_mo_ms or None,
            executable_path=executable,
            args=list(QUIET_FLAGS),
            env=child_environment(self._secrets),
        )

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        # Leaving on an error (Ctrl-C landing inside the driver's dispatch, a killed
        # browser), closing may fail too: that must not replace why we stop.
        unwinding = kind is not None
        try:
            if self.browser is not None:
                with contextlib.suppress(*(Exception,) if unwinding else ()):
                    self.browser.close()
        finally:
            try:
                if self._playwright is not None and self._borrowed is None:
                    with contextlib.suppress(*(Exception,) if unwinding else ()):
                        self._playwright.stop()
            finally:
                self._ctrl_c.close()
