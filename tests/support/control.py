"""A client of the mock's control API, as any test outside the mock's code would use it."""

from __future__ import annotations

import ssl
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any, cast

import httpx

# One TLS context for every client of the mock: httpx would build one per client, and
# loading the CA bundle costs ~50 ms, in every test (the mock is plain HTTP anyway).
TLS = ssl.create_default_context()


class MockControl:
    def __init__(self, base_url: str, outbox: Path) -> None:
        self.base_url = base_url
        self.outbox = outbox
        self.http = httpx.Client(base_url=base_url, timeout=10, verify=TLS)

    def _json(self, response: httpx.Response) -> Any:
        if response.is_error:
            raise AssertionError(f"control API {response.status_code}: {response.text}")
        return response.json()

    def reset(self, empty: bool = False) -> Any:
        return self._json(self.http.post("/__mock__/reset", json={"empty": empty}))

    def person(self, person_id: str) -> dict[str, Any]:
        return cast(dict[str, Any], self._json(self.http.get(f"/__mock__/people/{person_id}")))

    def add_person(self, **data: Any) -> dict[str, Any]:
        return cast(dict[str, Any], self._json(self.http.post("/__mock__/people", json=data)))

    def clock(self, **change: Any) -> dict[str, Any]:
        if change:
            return cast(dict[str, Any], self._json(self.http.post("/__mock__/clock", json=change)))
        return cast(dict[str, Any], self._json(self.http.get("/__mock__/clock")))

    def posts(self) -> list[dict[str, Any]]:
        """Forms posted since the reset: {"path", "filled": names of non-empty fields}."""
        return cast(list[dict[str, Any]], self._json(self.http.get("/__mock__/posts")))

    def faults(self, **faults: Any) -> dict[str, Any]:
        return cast(dict[str, Any], self._json(self.http.post("/__mock__/faults", json=faults)))

    def messages(self) -> list[EmailMessage]:
        """Messages the site sent, in the order it sent them: by the sequence number the
        mock puts in each (two messages within one clock tick share a file time)."""
        paths = [p for sub in ("new", "cur") for p in (self.outbox / sub).iterdir()]
        parser = BytesParser(policy=policy.default)
        found = [cast(EmailMessage, parser.parsebytes(p.read_bytes())) for p in paths]
        assert all(m["X-Mock-Sequence"] for m in found), "a message without its sequence"
        return sorted(found, key=lambda m: int(m["X-Mock-Sequence"]))

    def last_message_text(self) -> str:
        message = self.messages()[-1]
        body = message.get_body(preferencelist=("plain",))
        assert body is not None
        return str(body.get_content())
