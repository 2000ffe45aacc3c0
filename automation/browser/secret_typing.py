"""Where a secret may be typed: on the site's own origins only (its registrable domain
over https, or the loopback mock), never on an origin the person allowed beyond them
(`--allow-origin`): those are let reach the browser for what the site needs of them (a
script, a widget), not trusted with a NIR or a password.

The flows call their recorder before every secret they type (flows/ports.py, Recorder);
the runner gives them this one, which refuses the page's origin there and then when it
is not the site's own, and pauses the trace, if any, around the typing."""

from __future__ import annotations

import structlog
from playwright.sync_api import Page

from automation.browser.tracing import Tracer
from flows.options import Stop
from flows.outcome import Outcome, Result
from flows.site_family import SiteFamily, origin_of

log = structlog.get_logger("mes_optout.browser")


class OwnSiteTyping:
    def __init__(self, page: Page, site_url: str, tracer: Tracer | None = None) -> None:
        self.page = page
        self.family = SiteFamily(site_url)  # the site's own: no allowed origin counts
        self.tracer = tracer

    def pause(self) -> None:
        """Before a secret is typed: on the site's own origin, or not at all."""
        url = self.page.url
        if not self.family.owns(url):
            origin = origin_of(url)
            log.warning("secret_refused_on_origin", origin=origin)
            raise Stop(Result(Outcome.NEEDS_HUMAN, reason="foreign_origin", detail=origin))
        if self.tracer is not None:
            self.tracer.pause()

    def resume(self) -> None:
        if self.tracer is not None:
            self.tracer.resume()
