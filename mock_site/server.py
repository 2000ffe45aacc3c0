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


class MockServer:
    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        outbox: Path | None = None,
        seed: Path | None = None,
        personality: str = "classic",
    ) -> None:
        self._tempdir = None if outbox else tempfile.TemporaryDirectory(prefix="mes-mock-outbox-")
        self.outbox = Path(outbox) if outbox else Path(self._tempdir.name)  # type: ignore[union-attr]
        self.state = SiteState(self.outbox, seed, personality)
        self.app = create_app(self.state)
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted sockets inherit it: without it, a reused keep-alive connection waits
        # ~40 ms per response for the client's delayed ACK (Nagle's algorithm).
        self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            self._socket.bind((host, port))
            self._socket.listen(128)
        except OSError as error:
            self._socket.close()
            raise ListenError(error.errno, error.strerror) from None
        self.host, self.port = self._socket.getsockname()[:2]
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
            kwargs={"sockets": [self._socket]},
            daemon=True,
            name="mock-site",
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._socket.close()
        if self._tempdir is not None:
            self._tempdir.cleanup()

    def serve_forever(self) -> None:
        """Serve in the foreground until interrupted (the `mock-site` command)."""
        self._server.run(sockets=[self._socket])

    def __enter__(self) -> MockServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()
