"""Code readers: where the robot gets a code the site sent (a code provisoire, a sign-in
code), all behind one interface (flows/ports.py: CodeReader): a Maildir, the person at
the prompt, a program of the user's. The IMAP reader is in imap.py; which one a run
uses, in source.py.

A program of the user's (`command:PROG`) gets a minimal environment: what a program needs
to run (PATH, HOME, the user's name, language and time zone, the temporary folder, and
on Windows the system's own folders) and the four variables its interface names
(MES_CODE_KIND, MES_CODE_CHANNEL, MES_CODE_SINCE, MES_MEMBER_NAME). Nothing else of the
robot's environment reaches it: no MES_NIR, MES_CARD_SERIAL, MES_IMAP_PASSWORD, nor any
other variable that may hold a secret. A program that needs more names it itself
(`command:env NAME=value prog`).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import time
from collections.abc import Callable
from datetime import timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr
from pathlib import Path
from typing import cast

import structlog
from pydantic import SecretStr
from watchfiles import watch

from automation import messages
from automation.codes.matching import (
    MAX_MESSAGE_BYTES,
    OFFICIAL_SENDER,
    find_code,
    is_official_sender,
    message_text,
    program_code,
)
from automation.output import logs
from flows.inputs import InputError, check_code_provisoire, check_login_code
from flows.ports import CodeRequest, CodeUnavailable

log = structlog.get_logger("mes_optout.codes")
# File times and the robot's clock may differ by the file system's granularity.
_SLACK = timedelta(seconds=2)
# What a program needs to run, on Unix and on Windows; LC_* are added by prefix.
_PROGRAM_NEEDS = (
    "PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "TEMP", "TMP",
    "SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "PATHEXT", "USERPROFILE", "APPDATA",
    "LOCALAPPDATA",
)  # fmt: skip


def program_environment(request: CodeRequest) -> dict[str, str]:
    """The environment a user's program runs in: what it needs to run, and what its
    interface names; never the robot's secrets."""
    kept = {
        name: value
        for name, value in os.environ.items()
        if name.upper() in _PROGRAM_NEEDS or name.upper().startswith("LC_")
    }
    return kept | {
        "MES_CODE_KIND": request.kind,
        "MES_CODE_CHANNEL": request.channel,
        "MES_CODE_SINCE": request.asked_at.isoformat(),
        "MES_MEMBER_NAME": request.member_name,
    }


_MAILDIR_NAME = re.compile(r"^(\d+)\.M(\d+)P\d+Q(\d+)")


def delivery_order(path: Path) -> tuple[int, ...]:
    """When a Maildir message arrived: its file time, then the time and counter a mail
    delivery agent writes in its name (file times tie within one clock tick)."""
    named = _MAILDIR_NAME.match(path.name)
    return (
        (path.stat().st_mtime_ns, *(int(part) for part in named.groups()))
        if named
        else (path.stat().st_mtime_ns, 0, 0, 0)
    )


class MaildirReader:
    """The newest message from the official sender delivered after the code was asked for.

    When several such messages wait (a household shares one mailbox), one that names the
    member wins over one that does not."""

    def __init__(self, folder: Path, timeout_s: float = 60, sender: str = OFFICIAL_SENDER):
        self.folder = folder
        self.timeout_s = timeout_s
        self.sender = sender.lower()
        self._too_big: set[str] = set()  # said once each in the log, not at every look

    def prepare(self) -> None:
        return None  # file times tell what arrived after the request

    def _candidates(self, request: CodeRequest) -> list[tuple[tuple[int, ...], EmailMessage]]:
        since = (request.asked_at - _SLACK).timestamp()
        parser = BytesParser(policy=policy.default)
        found = []
        for sub in ("new", "cur"):
            directory = self.folder / sub
            if not directory.is_dir():
                continue
            for path in directory.iterdir():
                try:
                    arrived = delivery_order(path)
                    if arrived[0] < since * 1e9 or self._is_too_big(path):
                        continue
                    message = cast(EmailMessage, parser.parsebytes(path.read_bytes()))
                except OSError:
                    continue  # moved or removed while we looked
                if is_official_sender(parseaddr(str(message.get("From", "")))[1], self.sender):
                    found.append((arrived, message))
        return sorted(found, key=lambda item: item[0], reverse=True)

    def _is_too_big(self, path: Path) -> bool:
        size = path.stat().st_size
        if size <= MAX_MESSAGE_BYTES:
            return False
        if path.name not in self._too_big:
            self._too_big.add(path.name)
            log.warning("message_too_big_skipped", reader="maildir", size=size,
                        limit=MAX_MESSAGE_BYTES)  # fmt: skip
        return True

    def _scan(self, request: CodeRequest) -> str | None:
        candidates = self._candidates(request)
        naming = [m for _, m in candidates if request.member_name in message_text(m)]
        for message in naming + [m for _, m in candidates]:
            if code := find_code(request.kind, message_text(message)):
                return code
        return None

    def read(self, request: CodeRequest) -> SecretStr | None:
        deadline = time.monotonic() + self.timeout_s
        watched = [p for p in (self.folder / "new", self.folder / "cur") if p.is_dir()]
        while True:
            if code := self._scan(request):
                logs.REDACTOR.add([code])
                return SecretStr(code)
            left = deadline - time.monotonic()
            if left <= 0 or not watched:
                return None
            # Wake on the next delivery; look again at least every second in case a
            # message landed between the scan and the watch.
            timeout_ms = max(1, int(min(left, 1.0) * 1000))
            for _ in watch(*watched, rust_timeout=timeout_ms, yield_on_timeout=True,
                           debounce=50, step=10, watch_filter=None):  # fmt: skip
                break


class PromptReader:
    """Asks the person at the keyboard, input hidden. A new code provisoire voids every
    earlier one (the letter's too): the person is told it was sent, how, and that only
    the last one works, or they type the letter's code and lose a try. Each answer is
    checked as it is typed and asked again at once when it cannot be a code."""

    def __init__(self, ask: Callable[[str], str], lang: str = "fr") -> None:
        self.ask = ask
        self.lang = lang

    def prepare(self) -> None:
        return None

    def _prompt(self, request: CodeRequest) -> str:
        if request.kind == "login":
            return messages.text("ask_login_code", self.lang)
        sent = "one_new_code_sent" if request.number <= 1 else "one_another_code_sent"
        channel = messages.text(f"one_channel_{request.channel}", self.lang)
        told = messages.text(sent, self.lang, name=request.member_name, channel=channel)
        return f"{told}\n{messages.text('ask_code', self.lang, name=request.member_name)}"

    def read(self, request: CodeRequest) -> SecretStr | None:
        check = check_code_provisoire if request.kind == "provisoire" else check_login_code
        prompt = self._prompt(request)
        while True:
            typed = self.ask(prompt).strip()
            logs.REDACTOR.add([typed])
            if not typed:
                return None
            try:
                return SecretStr(check(typed))
            except InputError as error:
                # Said once, then the bare question: the news above is not news any more.
                refused = messages.input_error(error.field, error.problem.value, self.lang)
                prompt = f"  ✗ {refused}\n" + messages.text(
                    "ask_code" if request.kind == "provisoire" else "ask_login_code",
                    self.lang, name=request.member_name)  # fmt: skip


class ProgramNotRun:
    """In a dry run, in place of a program of the user's: it is never started, and the
    member waits for a person, told why."""

    def __init__(self, lang: str = "fr") -> None:
        self.lang = lang

    def prepare(self) -> None:
        return None

    def read(self, request: CodeRequest) -> SecretStr | None:
        raise CodeUnavailable(messages.text("dry_run_no_program", self.lang))


class CommandReader:
    """`command:PROG`: a program of the user's prints the code on its standard output.

    It gets MES_CODE_KIND (provisoire or login), MES_CODE_CHANNEL, MES_CODE_SINCE (ISO
    8601, UTC) and MES_MEMBER_NAME in its environment, which holds nothing else of the
    robot's but what a program needs to run (`program_environment`), and has `timeout_s`
    to answer."""

    def __init__(self, command: str, timeout_s: float = 120) -> None:
        self.argv = shlex.split(command)
        self.timeout_s = timeout_s

    def prepare(self) -> None:
        return None

    def read(self, request: CodeRequest) -> SecretStr | None:
        try:
            done = subprocess.run(  # noqa: S603 - the user's own program, by design
                self.argv, env=program_environment(request), capture_output=True, text=True,
                timeout=self.timeout_s, stdin=subprocess.DEVNULL, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            raise CodeUnavailable(
                f"{self.argv[0]}: no answer within {self.timeout_s:g} s"
            ) from None
        except OSError as error:
            raise CodeUnavailable(f"{self.argv[0]}: {error.strerror}") from None
        # Its output is never shown: it may hold the code, or other secrets.
        if done.returncode != 0:
            raise CodeUnavailable(f"{self.argv[0]}: exit status {done.returncode}")
        code = program_code(request.kind, done.stdout)
        if code is None:
            raise CodeUnavailable(f"{self.argv[0]}: no code in its output")
        logs.REDACTOR.add([code])
        return SecretStr(code)
