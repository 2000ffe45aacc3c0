"""Why a run stops before its first member: the look at the site found it changed, or
could not use it. Nothing was typed either way."""

from __future__ import annotations


class SiteChanged(Exception):
    """The look at the site before the first member found it changed: nothing was typed."""


class SiteUnavailable(Exception):
    """The look at the site before the first member gave up on it (maintenance throughout,
    a session that kept expiring...) or could not reach it: nothing was typed, and nothing
    is known of its screens."""

    def __init__(self, unreachable: bool = False, tried: str = "", why: str = "") -> None:
        super().__init__("unreachable" if unreachable else "unavailable")
        self.unreachable = unreachable
        self.tried = tried  # how many looks, over how long: said with the stop
        self.why = why  # maintenance, or the interstitial that kept coming back, in words
