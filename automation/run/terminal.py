"""The person at the keyboard: prompts, confirmations and hand-overs, in their language.
None of this exists in an unattended run (no terminal), where the flows answer
`needs_human` instead of waiting for someone who is not there."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

import click
from rich.console import Console
from rich.markup import escape

from automation import messages


class TerminalPerson:
    def __init__(self, console: Console, headed: bool, lang: str = "fr") -> None:
        self.console = console
        self.headed = headed
        self.lang = lang
        # Set by whoever draws on the terminal meanwhile (the progress table): steps aside
        # while the person is asked something.
        self.pause: Callable[[], AbstractContextManager[None]] = nullcontext

    def hand_over(self, task: str) -> bool:
        if not self.headed:
            return False  # nobody can act in a browser they cannot see
        what = messages.text(f"handover_{task}", self.lang)
        with self.pause():
            said = messages.text("handover", self.lang, what=what)
            self.console.print(f"[bold yellow]{escape(said)}[/]")
            click.prompt("", default="", show_default=False, prompt_suffix="")
        return True

    def confirm(self, question: str, name: str) -> bool:
        """Yes only when the person types it: o/oui (or y/yes); anything else is no."""
        choices = messages.pick(("[o/N]", "[y/N]"), self.lang)
        asked = messages.text(question, self.lang, name=name)
        with self.pause():
            answer = click.prompt(f"{asked} {choices}", default="", show_default=False)
        return str(answer).strip().lower() in ("o", "oui", "y", "yes")

    def ask_secret(self, prompt: str) -> str:
        with self.pause():
            return str(click.prompt(prompt, hide_input=True, prompt_suffix=""))
