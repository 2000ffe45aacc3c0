"""Serves the mock on loopback, in a background thread, for tests and the demo.

The socket is bound and listening before the thread starts, so a client can connect at
once: the kernel queues the connection until uvicorn accepts it. No polling, no sleeps.
"""

from __future__ import annotations

import socket
import tempfile
import threading
from pathlib import Path
from types import TracebackType

import uvicorn

from mock_site.app import create_app
from mock_site.state import SiteState


class ListenError(OSError):
    """The address cannot be listened on (taken, not this machine's, not allowed)."""


ELSEWHERE_HOST = "127.0.0.2"


def _listening(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted sockets inherit it: without it, a reused keep-alive connection waits
    # ~40 ms per response for the client's delayed ACK (Nagle's algorithm).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError as error:
        sock.close()
        raise ListenError(error.errno, error.strerror) from None
    return sock


def _url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://{host}:{port}"


class MockServer:
    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        outbox: Path | None = None,
        seed: Path | None = None,
        personality: str = "classic",
        slow_ms: int | None = None,
        loader_ms: int | None = None,
    ) -> None:
        self._tempdir = None if outbox else tempfile.TemporaryDirectory(prefix="mes-mock-outbox-")
        self.outbox = Path(outbox) if outbox else Path(self._tempdir.name)  # type: ignore[union-attr]
        self.state = SiteState(self.outbox, seed, personality, slow_ms, loader_ms)
        self.app = create_app(self.state)
        self._socket = _listening(host, port)
        self.host, self.port = self._socket.getsockname()[:2]
        # The same site on a second origin (another port of the same host): the `split`
        # personality's back end, and a sign-in page served elsewhere.
        self._backend = _listening(host, 0)
        # A foreign-looking origin (another loopback address), for faults that send the
        # browser where nothing may be typed; not every system routes 127.0.0.2.
        try:
            self._elsewhere: socket.socket | None = _listening(ELSEWHERE_HOST, 0)
        except ListenError:
            self._elsewhere = None
        self._sockets = [s for s in (self._socket, self._backend, self._elsewhere) if s]
        self.state.origins.update(
            site=self.url,
            backend=_url(self._backend),
            elsewhere=_url(self._elsewhere) if self._elsewhere else "",
        )
        config = uvicorn.Config(
            self.app,
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=2,
        )
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> MockServer:
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": self._sockets},
            daemon=True,
            name="mock-site",
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        for sock in self._sockets:
            sock.close()
        if self._tempdir is not None:
            self._tempdir.cleanup()

    def serve_forever(self) -> None:
        """Serve in the foreground until interrupted (the `mock-site` command)."""
        self._server.run(sockets=self._sockets)

    def __enter__(self) -> MockServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()
