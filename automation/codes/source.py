"""`--code-from`: the one place its syntax is read (`prompt`, `maildir:DIR`, `imap`,
`command:PROG`), giving the reader it names.

A program (`command:PROG`) runs only by the person's own hand: a household file may not
name one (config/household.py refuses it), and a dry run never starts it (someone at the
keyboard types the code instead; unattended, the member is left for a person)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from automation.codes.matching import CodeSourceError
from automation.codes.readers import CommandReader, MaildirReader, ProgramNotRun, PromptReader
from flows.ports import CodeReader


def parse(spec: str) -> tuple[str, str] | None:
    """(kind, argument) when `spec` says where codes come from, None when it does not:
    `prompt` and `imap` take nothing, `maildir:` and `command:` something."""
    kind, _, argument = spec.partition(":")
    if kind in ("prompt", "imap") and not argument:
        return kind, ""
    if kind in ("maildir", "command") and argument.strip():
        return kind, argument
    return None


def code_reader_from(
    spec: str | None,
    ask: Callable[[str], str] | None,
    lang: str = "fr",
    timeout_s: float = 120,
    dry_run: bool = False,
) -> CodeReader | None:
    """`prompt`, `maildir:DIR`, `imap` (settings from MES_IMAP_*) or `command:PROG`.

    No `spec`: the prompt when someone is at the keyboard (`ask`), else no reader at all.
    A dry run promises to change nothing: it starts no program of the user's, whose
    effects nobody can tell.
    """
    spec = spec or ("prompt" if ask is not None else None)
    if spec is None:
        return None
    kind, argument = parse(spec) or ("", "")
    if kind == "prompt":
        # Nobody at the keyboard (a household run by a scheduler, `init`'s file run from a
        # script): no reader; a member who needs a new code says so, the others go on.
        return PromptReader(ask, lang) if ask is not None else None
    if kind == "command" and dry_run:
        return PromptReader(ask, lang) if ask is not None else ProgramNotRun(lang)
    if kind == "command":
        return CommandReader(argument, timeout_s)
    if kind == "imap":
        from automation.codes.imap import ImapReader

        reader = ImapReader.from_environment(lang)
        reader.timeout_s = timeout_s
        return reader
    if kind == "maildir":
        folder = Path(argument).expanduser()
        if not folder.is_dir():
            raise CodeSourceError(f"maildir:{argument}")
        return MaildirReader(folder, timeout_s)
    raise CodeSourceError(spec)
