"""`--code-from imap`: codes read from a real mailbox (imap-tools).

Settings: MES_IMAP_HOST, MES_IMAP_PORT (993), MES_IMAP_USER, MES_IMAP_PASSWORD,
MES_IMAP_TLS (true: TLS from the first byte; false only for a server on this machine),
MES_IMAP_CA_FILE (the certificate authority to trust instead of the system's),
MES_IMAP_FOLDER (INBOX). Only messages that arrived after the code was asked for count:
the folder's next UID is noted just before the request, and only UIDs from there on are
read, from the official sender. It waits with IMAP IDLE, not by polling on a timer.

The password leaves only over TLS to a server whose certificate the system's trust store
(or the CA file named) vouches for, its name checked. Plain IMAP is for a server on this
machine (a loopback address, or localhost): to any other host it is refused before a
connection is opened. A refusal is one sentence naming the host; nothing was sent.

A message is read only when its sender is official (matching.is_official_sender, checked here:
the server's FROM search is a substring match), and only when it is no
bigger than matching.MAX_MESSAGE_BYTES: headers and sizes are fetched first, bodies only
for the messages that pass.
"""

from __future__ import annotations

import imaplib
import ssl
import time
from pathlib import Path

import structlog
from imap_tools import AND, BaseMailBox, MailBox, MailBoxUnencrypted, MailMessage
from imap_tools.errors import ImapToolsError
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from automation import messages
from automation.codes.matching import (
    MAX_MESSAGE_BYTES,
    OFFICIAL_SENDER,
    CodeSourceError,
    find_code,
    is_official_sender,
    visible_text,
)
from automation.messages import why
from automation.output import logs
from flows.ports import CodeRequest, CodeUnavailable
from flows.site_family import is_loopback

log = structlog.get_logger("mes_optout.codes")


class ImapSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MES_IMAP_", hide_input_in_errors=True)

    host: str
    port: int = 993
    user: str
    password: SecretStr
    tls: bool = True
    ca_file: Path | None = None
    folder: str = "INBOX"
    timeout_s: float = 120


class ImapRefused(Exception):
    """The robot would not send the password to this server; `sentence` says why."""

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
        self.sentence = sentence


class ImapReader:
    def __init__(
        self, settings: ImapSettings, sender: str = OFFICIAL_SENDER, lang: str = "fr"
    ) -> None:
        self.settings = settings
        self.sender = sender
        self.lang = lang
        self.timeout_s = settings.timeout_s
        self._next_uid: int | None = None
        self._unprepared = "imap: not prepared"  # why there is no UIDNEXT to start from
        self._too_big: set[str] = set()  # said once each in the log, not at every look
        logs.REDACTOR.add([settings.password.get_secret_value()])

    @classmethod
    def from_environment(cls, lang: str = "fr") -> ImapReader:
        try:
            return cls(ImapSettings(), lang=lang)  # type: ignore[call-arg]
        except ValueError:
            raise CodeSourceError(
                "imap (MES_IMAP_HOST, MES_IMAP_USER, MES_IMAP_PASSWORD)"
            ) from None

    def _tls_context(self) -> ssl.SSLContext:
        """The system's trust store, or only the CA file the person named; the server's
        name checked against its certificate either way."""
        ca_file = self.settings.ca_file
        if ca_file is None:
            return ssl.create_default_context()
        return ssl.create_default_context(cafile=str(ca_file.expanduser()))

    def _open(self) -> BaseMailBox:
        """A connection the password may go over, or ImapRefused before it is sent."""
        settings = self.settings
        host = settings.host
        if not settings.tls:
            # `[::1]` and `localhost.` are this machine too.
            if not is_loopback(host.strip("[]").lower().rstrip(".")):
                raise ImapRefused(messages.text("imap_plain_refused", self.lang, host=host))
            return MailBoxUnencrypted(host, settings.port, timeout=30)
        try:
            context = self._tls_context()
        except (OSError, ssl.SSLError) as error:
            path = str(settings.ca_file)
            raise ImapRefused(
                messages.text("imap_ca_file_unusable", self.lang, path=path, why=why(error))
            ) from None
        try:
            return MailBox(host, settings.port, timeout=30, ssl_context=context)
        except ssl.SSLCertVerificationError:
            raise ImapRefused(
                messages.text("imap_certificate_refused", self.lang, host=host)
            ) from None

    def _connect(self) -> BaseMailBox:
        box = self._open()
        settings = self.settings
        return box.login(settings.user, settings.password.get_secret_value(), settings.folder)

    def prepare(self) -> None:
        """Note the mailbox's next UID before the code is asked for: only what arrives
        after it can be the new code."""
        self._next_uid = None
        try:
            with self._connect() as box:
                self._next_uid = int(box.folder.status(self.settings.folder)["UIDNEXT"])
        except ImapRefused as refused:
            self._unprepared = refused.sentence
        except (OSError, imaplib.IMAP4.error, ImapToolsError, KeyError, ValueError) as error:
            self._unprepared = f"imap: {why(error)}"

    def _readable_uids(self, box: BaseMailBox, first: int) -> list[str]:
        """The UIDs from `first` on of official messages small enough to read, from their
        headers and sizes alone."""
        uids = []
        # No FROM in the search: the server's is a substring match (it would let
        # `ameli.fr.evil.example` through anyway); the headers of what arrived since the
        # request are few, and the sender is checked here, exactly.
        headers = box.fetch(AND(uid=f"{first}:*"), mark_seen=False, headers_only=True)
        for message in headers:
            if not (message.uid and int(message.uid) >= first):
                continue
            if not is_official_sender(message.from_, self.sender):
                continue
            if message.size_rfc822 > MAX_MESSAGE_BYTES:
                if message.uid not in self._too_big:
                    self._too_big.add(message.uid)
                    log.warning("message_too_big_skipped", reader="imap",
                                size=message.size_rfc822, limit=MAX_MESSAGE_BYTES)  # fmt: skip
                continue
            uids.append(message.uid)
        return uids

    def _scan(self, box: BaseMailBox, request: CodeRequest, first: int) -> str | None:
        uids = self._readable_uids(box, first)
        found = list(box.fetch(uid_list=uids, mark_seen=False)) if uids else []
        found.sort(key=lambda m: int(m.uid or 0), reverse=True)
        naming = [m for m in found if request.member_name in _seen(m)]
        for message in naming + found:
            if code := find_code(request.kind, _seen(message)):
                return code
        return None

    def read(self, request: CodeRequest) -> SecretStr | None:
        first = self._next_uid
        if first is None:
            # Searching from UID 1 could return an old code, spent or someone else's: say
            # why there is none instead.
            raise CodeUnavailable(self._unprepared)
        deadline = time.monotonic() + self.timeout_s
        try:
            with self._connect() as box:
                while True:
                    if code := self._scan(box, request, first):
                        logs.REDACTOR.add([code])
                        return SecretStr(code)
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return None
                    box.idle.wait(timeout=min(left, 60))
        except ImapRefused as refused:
            raise CodeUnavailable(refused.sentence) from None
        except (OSError, imaplib.IMAP4.error, ImapToolsError) as error:
            raise CodeUnavailable(f"imap: {why(error)}") from None


def _seen(message: MailMessage) -> str:
    """What a person reads in the message: its plain text, else its HTML as shown."""
    return message.text or visible_text(message.html)
