"""`mes-optout` in a real pseudo-terminal, as a person would use it: prompts, hidden input,
and the whole transcript the terminal showed, to look for secrets in."""

from __future__ import annotations

import io
from pathlib import Path

import pexpect

from tests.support.cli import command, ctrl_c_as_usual


def spawn_cli(*args: str, timeout: float = 60) -> pexpect.spawn:
    program, *rest = command(*args)
    child = pexpect.spawn(program, rest, encoding="utf-8", timeout=timeout,
                          cwd=str(Path(__file__).resolve().parents[2]),
                          preexec_fn=ctrl_c_as_usual)  # fmt: skip
    child.logfile_read = io.StringIO()  # the whole transcript, as the terminal showed it
    return child


def transcript(child: pexpect.spawn) -> str:
    assert isinstance(child.logfile_read, io.StringIO)
    return child.logfile_read.getvalue()


def shown_anywhere(secret: str, text: str) -> bool:
    """The secret as typed, or with its spaces taken out, anywhere in `text`."""
    compact = "".join(secret.split())
    return secret in text or compact in "".join(text.split())
