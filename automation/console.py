"""The person at the keyboard: prompts, confirmations and hand-overs, in their language.
None of this exists in an unattended run (no terminal), where the flows answer
`needs_human` instead of waiting for someone who is not there."""

from __future__ import annotations

import click
from rich.console import Console

from automation import messages


class TerminalPerson:
    def __init__(self, console: Console, headed: bool, lang: str = "fr") -> None:
        self.console = console
        self.headed = headed
        self.lang = lang

    def hand_over(self, what: str) -> bool:
        if not self.headed:
            return False  # nobody can act in a browser they cannot see
        self.console.print(f"[bold yellow]{messages.text('handover', self.lang, what=what)}[/]")
        click.prompt("", default="", show_default=False, prompt_suffix="")
        return True

    def confirm(self, question: str) -> bool:
        """Yes only when the person types it: o/oui (or y/yes); anything else is no."""
        choices = "[o/N]" if self.lang == "fr" else "[y/N]"
        answer = click.prompt(f"{question} {choices}", default="", show_default=False)
        return str(answer).strip().lower() in ("o", "oui", "y", "yes")

    def ask_secret(self, prompt: str) -> str:
        return str(click.prompt(prompt, hide_input=True, prompt_suffix=""))
