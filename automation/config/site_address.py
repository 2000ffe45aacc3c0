"""Where a family's NIRs and passwords may be sent: the real site, or this machine.

`--base-url` exists for the mock; a mistyped or suggested address must not receive a
household's secrets. Anything else needs the explicit `--site-non-officiel`, and the
report then says so on every member.

An origin given with `--allow-origin` (or a household file's `allow_origins`) is one
the browser may reach beyond the site's own, never one that receives a secret: an https
origin, or an http one on this machine (a mock's other port).
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


def written_without_scheme(url: str) -> str | None:
    """The address as it should be written, when it was given without its scheme
    (`www.monespacesante.fr`, `localhost:8000`): it is then no address a browser can open,
    and the fix is to write the scheme, not to vouch for a stranger's site. `https://`,
    or `http://` for this machine (the mock serves plain http)."""
    text = url.strip()
    if not text or "://" in text:
        return None
    try:
        host = urlsplit(f"//{text}").hostname
    except ValueError:
        return None
    if not host:
        return None
    return f"{'http' if is_loopback(host) else 'https'}://{text}"


def is_acceptable_origin(text: str) -> bool:
    """An origin, and one the browser may be let reach: `https://host[:port]`, or
    `http://` on a loopback host; nothing after it but an optional `/` (a path would look
    like a limit, and the rule is by origin)."""
    try:
        parts = urlsplit(text.strip())
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return False
    host = parts.hostname or ""
    if not host or parts.username is not None or parts.password is not None:
        return False
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        return False
    if parts.scheme == "https":
        return True
    return parts.scheme == "http" and is_loopback(host)
