"""Where a family's NIRs and passwords may be sent: the real site, or this machine.

`--base-url` exists for the mock; a mistyped or suggested address must not receive a
household's secrets. Anything else needs the explicit `--site-non-officiel`, and the
report then says so on every member.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from automation.config.settings import REAL_SITE
from flows.site_family import is_loopback

OFFICIAL_HOST = urlsplit(REAL_SITE).hostname


def is_allowed(url: str) -> bool:
    """The official site over https, or a loopback address (the mock, a local copy)."""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a malformed port
    except ValueError:
        return False
    host = parts.hostname or ""
    if parts.scheme == "https" and host == OFFICIAL_HOST and port in (None, 443):
        return True
    if parts.scheme not in ("http", "https") or not host:
        return False
    return is_loopback(host)
