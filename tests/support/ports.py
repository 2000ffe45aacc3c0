"""A free TCP port on loopback, for a test's own server (the robot itself listens on none)."""

from __future__ import annotations

import socket


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
