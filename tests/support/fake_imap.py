"""A small IMAP server for the IMAP reader's trust tests: on 127.0.0.1, plain or TLS with
a certificate of the test's own, serving a few messages from memory, and noting every
command it received (so a test can tell whether a LOGIN, with its password, arrived).

It speaks just what the reader says: CAPABILITY, LOGIN, SELECT, STATUS, UID SEARCH (by
UID range), UID FETCH, NOOP, LOGOUT. Not a mail server; Dovecot (dovecot.py) is one.
"""

from __future__ import annotations

import re
import shutil
import socketserver
import ssl
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Mailbox:
    messages: dict[int, bytes] = field(default_factory=dict)  # uid -> the message
    commands: list[str] = field(default_factory=list)  # names, in the order received
    connected: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def next_uid(self) -> int:
        return max(self.messages, default=0) + 1

    def heard(self, name: str) -> None:
        with self.lock:
            self.commands.append(name)


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """(certificate, key) for 127.0.0.1, signed by itself: no trust store knows it."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise RuntimeError("openssl is not installed")
    cert, key = folder / "imap-cert.pem", folder / "imap-key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2",
         "-subj", "/CN=mes-optout test IMAP", "-addext", "subjectAltName=IP:127.0.0.1",
         "-addext", "basicConstraints=critical,CA:TRUE"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


_UID_RANGE = re.compile(r"UID (\d+):\*", re.IGNORECASE)
_HEADER_END = b"\r\n\r\n"


class _Session(socketserver.StreamRequestHandler):
    server: _Server

    def finish(self) -> None:
        if self.request is not None:
            super().finish()

    def setup(self) -> None:
        self.server.box.connected.set()
        if self.server.tls is not None:
            try:
                self.request = self.server.tls.wrap_socket(self.request, server_side=True)
            except (ssl.SSLError, OSError):
                self.request = None  # the client would not go on: nothing more to hear
                return
        super().setup()

    def handle(self) -> None:
        if self.request is None:
            return
        box = self.server.box
        self.send(b"* OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS] test server ready")
        for raw in iter(self.rfile.readline, b""):
            tag, _, rest = raw.decode("utf-8", "replace").strip().partition(" ")
            name, _, arguments = rest.partition(" ")
            name = name.upper()
            if name == "UID":
                sub, _, arguments = arguments.partition(" ")
                name = f"UID {sub.upper()}"
            box.heard(name)
            if name == "LOGOUT":
                self.send(b"* BYE see you", f"{tag} OK LOGOUT completed".encode())
                return
            self.answer(tag, name, arguments)

    def send(self, *lines: bytes) -> None:
        self.wfile.write(b"".join(line + b"\r\n" for line in lines))
        self.wfile.flush()

    def answer(self, tag: str, name: str, arguments: str) -> None:
        box = self.server.box
        done = f"{tag} OK {name} completed".encode()
        if name == "CAPABILITY":
            self.send(b"* CAPABILITY IMAP4rev1 IDLE UIDPLUS", done)
        elif name in ("LOGIN", "NOOP"):
            self.send(done)
        elif name in ("SELECT", "EXAMINE"):
            self.send(f"* {len(box.messages)} EXISTS".encode(), b"* 0 RECENT",
                      b"* OK [UIDVALIDITY 1] UIDs valid",
                      f"* OK [UIDNEXT {box.next_uid}] next".encode(),
                      f"{tag} OK [READ-WRITE] SELECT completed".encode())  # fmt: skip
        elif name == "STATUS":
            self.send(f'* STATUS "INBOX" (MESSAGES {len(box.messages)} RECENT 0 '
                      f"UIDNEXT {box.next_uid} UIDVALIDITY 1 UNSEEN 0)".encode(), done)  # fmt: skip
        elif name == "UID SEARCH":
            found = _UID_RANGE.search(arguments)
            first = int(found.group(1)) if found else 1
            uids = " ".join(str(uid) for uid in sorted(box.messages) if uid >= first)
            self.send(f"* SEARCH {uids}".rstrip().encode(), done)
        elif name == "UID FETCH":
            self.fetch(arguments)
            self.send(done)
        else:
            self.send(f"{tag} BAD {name} not spoken here".encode())

    def fetch(self, arguments: str) -> None:
        box = self.server.box
        wanted, _, parts = arguments.partition(" ")
        headers_only = "[HEADER]" in parts.upper()
        uids = [int(uid) for uid in wanted.split(",") if uid.isdigit()]
        for number, uid in enumerate(sorted(box.messages), start=1):
            if uid not in uids:
                continue
            raw = box.messages[uid]
            body = raw.split(_HEADER_END, 1)[0] + _HEADER_END if headers_only else raw
            section = "BODY[HEADER]" if headers_only else "BODY[]"
            head = f"* {number} FETCH (UID {uid} FLAGS () RFC822.SIZE {len(raw)} {section} "
            self.wfile.write(f"{head}{{{len(body)}}}\r\n".encode() + body + b")\r\n")
        self.wfile.flush()


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, box: Mailbox, tls: ssl.SSLContext | None) -> None:
        super().__init__(("127.0.0.1", 0), _Session)
        self.box = box
        self.tls = tls


@contextmanager
def fake_imap(box: Mailbox, certificate: tuple[Path, Path] | None = None) -> Iterator[int]:
    """Serves `box` on a loopback port (TLS when given a certificate); yields the port."""
    tls = None
    if certificate is not None:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(*certificate)
    server = _Server(box, tls)
    serving = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    serving.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        serving.join(timeout=10)
