"""Delivers the codes the site sends, as RFC 5322 messages in a Maildir folder.

The same code readers then serve the mock, a real mailbox over IMAP, and a person.
An SMS becomes a message addressed to the phone number, with a header saying so.
"""

from __future__ import annotations

import itertools
import mailbox
import os
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import cast

SENDER = "assurance-maladie@info.ameli.fr"
SMS_DOMAIN = "sms.invalid"


SEQUENCE_HEADER = "X-Mock-Sequence"


def sms_address(phone: str) -> str:
    """The address an SMS to `phone` is delivered to: digits only, then the SMS domain."""
    digits = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    return f"{digits}@{SMS_DOMAIN}"


class Outbox:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        # Codes are secrets: the folder is private to the user running the mock.
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        owner = self.folder.stat()
        for sub in ("new", "cur", "tmp"):
            (self.folder / sub).mkdir(exist_ok=True, mode=0o700)
            if os.geteuid() == 0 and owner.st_uid != 0:
                os.chown(self.folder / sub, owner.st_uid, owner.st_gid)
        self._maildir = mailbox.Maildir(self.folder, create=False)
        # Delivery order, in a header: two messages within one clock tick have the same
        # file time, so file times cannot say which came last.
        self._sequence = itertools.count(1)

    def deliver(self, channel: str, to: str, subject: str, body: str) -> Path:
        message = EmailMessage()
        message["From"] = f"Assurance Maladie <{SENDER}>"
        message["To"] = sms_address(to) if channel == "sms" else to
        message["Subject"] = subject
        # Real time, not the mock's clock: readers compare it with when they asked.
        message["Date"] = formatdate(localtime=True)
        message["Message-ID"] = make_msgid(domain="info.ameli.fr")
        message["X-Mock-Channel"] = channel
        message[SEQUENCE_HEADER] = str(next(self._sequence))
        message.set_content(body)
        key = self._maildir.add(message)
        path = self.folder / "new" / key
        path.chmod(0o600)
        # Like a mail delivery agent: the message belongs to the mailbox's owner, so an
        # IMAP server running as that user can read it even when the mock runs as root.
        owner = self.folder.stat()
        if os.geteuid() == 0 and owner.st_uid != 0:
            os.chown(path, owner.st_uid, owner.st_gid)
        return path

    def messages(self) -> list[EmailMessage]:
        """Every delivered message, oldest first."""
        return delivered(self.folder)


def delivered(folder: Path) -> list[EmailMessage]:
    """The messages in a Maildir the mock delivers to, in the order it delivered them."""
    paths = [path for sub in ("new", "cur") for path in (folder / sub).iterdir()]
    parser = BytesParser(policy=policy.default)
    found = [cast(EmailMessage, parser.parsebytes(path.read_bytes())) for path in paths]
    return sorted(found, key=lambda message: int(message.get(SEQUENCE_HEADER, "0")))
