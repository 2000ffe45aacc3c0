"""The attestation, however the site serves it.

« Télécharger l'attestation » may be a link that downloads the file; a link the page's
script follows to the file, which Chromium may show in its viewer rather than download; a
script that fetches the file and then shows it from a `blob:` address; or a new tab. What
every one of these leaves, the robot listens for while it clicks, and takes the first that
carries a PDF:

- a download: the browser's own copy of the file;
- a response of the site's own origins that says it is a PDF (a navigation, a fetch, a new
  tab's): asked for again within the session (the context's cookies), when it was a GET.
  The browser keeps no body for a fetch read into a blob, and its viewer stands in front
  of a navigation's: its own answer is the one that can be read. A request that was not a
  GET is never sent again (it could be a step): only its own body is read.

Nothing else is asked of the site, and nothing of another origin is read. The waits are on
the browser's events, within the run's load bound; a click that brought something that
was not a PDF is made again, with the run's retries and backoff. A click that brought
nothing at all in that bound is not repeated: the member is marked without proof, and the
next run fetches it again from « déjà opposé(e) ».
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field

from playwright.sync_api import APIResponse, Download, Locator, Page, Response
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from flows.site_family import SiteFamily

PDF_MAGIC = b"%PDF-"
# How long one wait on the page's download event lasts before the other ways the file may
# have come (a response, a new tab) are looked at again: they arrive on other events.
LISTEN_MS = 100


class NoAttestation(Exception):
    """The site gave no PDF for « Télécharger l'attestation » within the run's bounds."""


def is_pdf(data: bytes) -> bool:
    return data.startswith(PDF_MAGIC)


@dataclass
class _Heard:
    """What one click brought, in the order it came: downloads and the site's PDF answers."""

    family: SiteFamily
    found: list[Download | Response] = field(default_factory=list)
    tabs: list[Page] = field(default_factory=list)

    def on_download(self, download: Download) -> None:
        self.found.append(download)

    def on_response(self, response: Response) -> None:
        headers = response.headers
        says_pdf = (
            "pdf" in headers.get("content-type", "").lower()
            or ".pdf" in headers.get("content-disposition", "").lower()
        )
        if says_pdf and self.family.owns(response.url):
            self.found.append(response)

    def on_page(self, tab: Page) -> None:
        # Its file is heard as its response (its download, Chromium gives the opener).
        self.tabs.append(tab)


class AttestationFetch:
    def __init__(
        self,
        page: Page,
        family: SiteFamily,
        timeout_ms: float,
        retries: int = 0,
        backoff_s: float = 0.0,
    ) -> None:
        self.page = page
        self.family = family
        self.timeout_ms = timeout_ms
        self.retries = retries
        self.backoff_s = backoff_s
        self._backoff = threading.Event()  # backoff waits on it; nothing ever sets it

    def fetch(self, link: Locator) -> bytes:
        """Click `link` and return the PDF the site served for it (NoAttestation if none)."""
        for attempt in range(self.retries + 1):
            if attempt:
                # A deliberate backoff before asking the site again, not a wait for a page.
                self._backoff.wait(self.backoff_s * 2 ** (attempt - 1))
            heard = _Heard(self.family)
            context = self.page.context
            self.page.on("download", heard.on_download)
            context.on("response", heard.on_response)
            context.on("page", heard.on_page)
            try:
                data = self._click_and_read(link, heard)
            finally:
                self.page.remove_listener("download", heard.on_download)
                context.remove_listener("response", heard.on_response)
                context.remove_listener("page", heard.on_page)
                for tab in heard.tabs:  # a tab the file came in: its work is done
                    _close(tab)
            if data is not None:
                return data
            if not heard.found:
                break  # nothing came at all: the site does not serve it on this click
        raise NoAttestation("no PDF for the attestation link")

    def _click_and_read(self, link: Locator, heard: _Heard) -> bytes | None:
        deadline = time.monotonic() + self.timeout_ms / 1000
        try:
            # Not waiting after it: the file may be shown by a navigation that never loads.
            link.first.click(timeout=self.timeout_ms, no_wait_after=True)
        except PlaywrightError:
            return None  # the link is gone (the page moved on): nothing was asked
        read = 0
        while True:
            for source in heard.found[read:]:
                read += 1
                data = self._read(source, deadline)
                if data is not None and is_pdf(data):
                    return data
            left_ms = (deadline - time.monotonic()) * 1000
            if left_ms <= 0:
                return None
            if read and read == len(heard.found) and self._heard_nothing_more(heard):
                return None  # the site answered, not with the file: the click again
            try:
                self.page.wait_for_event("download", timeout=min(left_ms, LISTEN_MS))
            except PlaywrightTimeout:
                pass  # a response or a tab may have come meanwhile: look again
            except PlaywrightError:
                return None  # the page went

    def _heard_nothing_more(self, heard: _Heard) -> bool:
        """After answers that were not the file, one more listen: one click may bring the
        same file twice (fetched, then downloaded from its blob: address)."""
        before = len(heard.found)
        # A timeout, or the page went: what came meanwhile is in `heard` all the same.
        with contextlib.suppress(PlaywrightError):
            self.page.wait_for_event("download", timeout=LISTEN_MS)
        return len(heard.found) == before

    def _read(self, source: Download | Response, deadline: float) -> bytes | None:
        left_ms = max((deadline - time.monotonic()) * 1000, 1)
        try:
            if isinstance(source, Download):
                path = source.path()  # waits for the file to be whole
                return path.read_bytes()
            request = source.request
            if request.method != "GET":
                return source.body()
            again = self.page.context.request.get(request.url, timeout=left_ms)
            return _own_body(again, self.family)
        except (PlaywrightError, OSError):
            return None


def _own_body(response: APIResponse, family: SiteFamily) -> bytes | None:
    # A redirect to another origin is not the site's own file.
    if not response.ok or not family.owns(response.url):
        return None
    return response.body()


def _close(tab: Page) -> None:
    with contextlib.suppress(PlaywrightError):
        tab.close()
