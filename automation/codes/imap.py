"""`--code-from imap`: codes read from a real mailbox (imap-tools).

Settings: MES_IMAP_HOST, MES_IMAP_PORT (993), MES_IMAP_USER, MES_IMAP_PASSWORD,
MES_IMAP_TLS (true: TLS from the first byte; false only for a server on this machine),
MES_IMAP_FOLDER (INBOX). Only messages that arrived after the code was asked for count:
the folder's next UID is noted just before the request, and only UIDs from there on are
read, from the official sender. It waits with IMAP IDLE, not by polling on a timer.
"""

from __future__ import annotations

import imaplib
import time

from imap_tools import AND, BaseMailBox, MailBox, MailBoxUnencrypted
from imap_tools.errors import ImapToolsError
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from automation.codes.matching import OFFICIAL_SENDER, CodeSourceError, find_code
from automation.messages import why
from automation.output import logs
from flows.ports import CodeRequest, CodeUnavailable


class ImapSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MES_IMAP_", hide_input_in_errors=True)

    host: str
    port: int = 993
    user: str
    password: SecretStr
    tls: bool = True
    folder: str = "INBOX"
    timeout_s: float = 120


class ImapReader:
    def __init__(self, settings: ImapSettings, sender: str = OFFICIAL_SENDER) -> None:
        self.settings = settings
        self.sender = sender
        self.timeout_s = settings.timeout_s
        self._next_uid: int | None = None
        self._unprepared = "imap: not prepared"  # why there is no UIDNEXT to start from
        logs.REDACTOR.add([settings.password.get_secret_value()])

    @classmethod
    def from_environment(cls) -> ImapReader:
        try:
            return cls(ImapSettings())  # type: ignore[call-arg]
        except ValueError:
            raise CodeSourceError(
                "imap (MES_IMAP_HOST, MES_IMAP_USER, MES_IMAP_PASSWORD)"
            ) from None

    def _connect(self) -> BaseMailBox:
        settings = self.settings
        box: BaseMailBox
        if settings.tls:
            box = MailBox(settings.host, settings.port, timeout=30)
        else:
            box = MailBoxUnencrypted(settings.host, settings.port, timeout=30)
        return box.login(settings.user, settings.password.get_secret_value(), settings.folder)

    def prepare(self) -> None:
        """Note the mailbox's next UID before the code is asked for: only what arrives
        after it can be the new code."""
        self._next_uid = None
        try:
            with self._connect() as box:
                self._next_uid = int(box.folder.status(self.settings.folder)["UIDNEXT"])
        except (OSError, imaplib.IMAP4.error, ImapToolsError, KeyError, ValueError) as error:
            self._unprepared = f"imap: {why(error)}"

    def _scan(self, box: BaseMailBox, request: CodeRequest, first: int) -> str | None:
        found = []
        for message in box.fetch(AND(uid=f"{first}:*", from_=self.sender), mark_seen=False):
            if message.uid and int(message.uid) >= first:
                found.append(message)
        found.sort(key=lambda m: int(m.uid or 0), reverse=True)
        naming = [m for m in found if request.member_name in (m.text or m.html)]
        for message in naming + found:
            if code := find_code(request.kind, message.text or message.html):
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
        except (OSError, imaplib.IMAP4.error, ImapToolsError) as error:
            raise CodeUnavailable(f"imap: {why(error)}") from None
