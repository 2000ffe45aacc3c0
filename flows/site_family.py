"""Which addresses are the site's own: the rule the browser's request filter and the flow's
check before typing a secret share.

The site is more than one origin (the official app's code keeps its activation back end,
its login service and its texts apart, on hosts we cannot know in advance): so the rule is
"same site", not "same origin". Over https, every host under the registrable domain of the
address the robot was pointed at (`www.monespacesante.fr` -> `*.monespacesante.fr`, the
Public Suffix List deciding where the registrable part starts); for a loopback mock, the
same host on any port. Anything else is foreign, unless the person allowed that exact
origin (`--allow-origin`).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList


@cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()  # the list ships inside the package: nothing is fetched


def origin_of(url: str) -> str:
    """scheme://host[:port], lower case: what is said of a request (never its path)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def is_loopback(host: str) -> bool:
    """This machine: `localhost` or a loopback address (the mock, a local copy)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class SiteFamily:
    base_url: str
    allowed: tuple[str, ...] = ()  # exact origins the person allowed

    def owns(self, url: str) -> bool:
        """The site's own: its registrable domain over https, or (a loopback mock) the
        same host on any port."""
        try:
            parts, base = urlsplit(url), urlsplit(self.base_url)
        except ValueError:
            return False
        host, home = (parts.hostname or ""), (base.hostname or "")
        if not host or not home:
            return False
        if is_loopback(home):
            return host == home and parts.scheme in ("http", "https")
        if parts.scheme != "https":
            return False
        site = _suffixes().privatesuffix(home)
        return host == home or (site is not None and (host == site or host.endswith("." + site)))

    def allows(self, url: str) -> bool:
        """Reachable: the site's own, or an origin the person allowed."""
        return self.owns(url) or origin_of(url) in self.allowed_origins

    @property
    def allowed_origins(self) -> frozenset[str]:
        return frozenset(origin_of(origin) for origin in self.allowed)

    def maybe_foreign(self) -> re.Pattern[str]:
        """Addresses that may be foreign: all but those plainly the site's own (or allowed),
        and data:/blob:. The browser's filter is asked only about these, so the site's own
        requests never wait on a round trip to Python (~5 ms each, 26 per member); its
        answer still comes from `allows`. The pattern runs in the browser's driver too, so
        it keeps to what Python and JavaScript read alike."""
        base = urlsplit(self.base_url)
        home = (base.hostname or "").lower()
        end = r"(?::\d+)?(?:[/?#]|$)"
        sure = ["data:", "blob:"]
        if home and is_loopback(home):
            sure.append(rf"https?://{re.escape(home)}{end}")
        elif home:
            site = _suffixes().privatesuffix(home)
            hosts = rf"(?:[a-z0-9-]+\.)*{re.escape(site)}" if site else re.escape(home)
            sure.append(rf"https://{hosts}{end}")
        for origin in sorted(self.allowed_origins):
            sure.append(rf"{re.escape(origin)}(?:[/?#]|$)")
        return re.compile(rf"^(?!{'|'.join(sure)})", re.IGNORECASE)
