"""Asking one thing at the terminal until the answer is usable: the building block of
`mes-optout init`. A refused answer is said in one sentence (the site's own words where
the contract gives them) and the same question is asked again; a secret is read hidden
and never echoed, not even in an error."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from automation import messages
from flows.inputs import InputError, as_key

T = TypeVar("T")
YES = ("o", "oui", "y", "yes")
NO = ("n", "non", "no")


class Refused(ValueError):
    """An answer that cannot be used; the sentence says why, in the person's language."""


class Questions:
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def t(self, key: str, **values: object) -> str:
        """A sentence of the catalogue (automation/messages/conversation.py)."""
        return messages.text(key, self.lang, **values)

    def tr(self, fr: str, en: str) -> str:
        return messages.pick((fr, en), self.lang)

    def say(self, text: str = "") -> None:
        click.echo(text)

    def ask(
        self,
        prompt: str,
        check: Callable[[str], T],
        default: str | None = None,
        hidden: bool = False,
        card_model: str | None = None,
    ) -> T:
        """`check` turns the answer into a value or raises InputError/Refused. With a
        `default`, Enter gives it (hidden answers never show theirs)."""
        while True:
            answer = click.prompt(
                prompt,
                default=default if default is not None else "",  # Enter: our sentence
                hide_input=hidden,
                show_default=bool(default) and not hidden,
                prompt_suffix=self.t("colon"),
            )
            try:
                return check(str(answer))
            except InputError as error:
                problem = error.problem.value
                self.say(f"  ✗ {messages.input_error(error.field, problem, self.lang, card_model)}")
            except Refused as error:
                self.say(f"  ✗ {error}")

    def choose(self, prompt: str, options: list[tuple[str, str]], default: str | None) -> str:
        """One of `options` (key, sentence), by its number or its key."""
        for number, (_, sentence) in enumerate(options, start=1):
            self.say(f"  {number}. {sentence}")
        keys = [key for key, _ in options]
        numbers = {str(n): key for n, key in enumerate(keys, start=1)}

        def check(answer: str) -> str:
            text = as_key(answer)
            if text in numbers:
                return numbers[text]
            if text in keys:
                return text
            raise Refused(self.t("init_answer_number_from_count", count=len(keys)))  # fmt: skip

        shown = str(keys.index(default) + 1) if default in keys else None
        return self.ask(prompt, check, default=shown)

    def card_model(self, previous: str | None) -> str:
        """The carte Vitale model, each told by where its serial is (init and the
        one-person commands ask it alike)."""
        self.say(self.t("init_which_carte_vitale_model"))
        options = [
            ("avec_photo", self.t("init_photo_serial_starts_you")),
            ("sans_photo", self.t("init_without_photo_serial_back")),
        ]  # fmt: skip
        return self.choose(self.t("init_model"), options, previous)

    def yes_no(self, question: str, default: bool) -> bool:
        choices = self.tr("[O/n]" if default else "[o/N]", "[Y/n]" if default else "[y/N]")

        def check(answer: str) -> bool:
            text = answer.strip().lower()
            if not text:
                return default
            if text in YES or text in NO:
                return text in YES
            raise Refused(self.t("init_answer_y_yes_n"))

        return self.ask(f"{question} {choices}", check, default="")


def required(what: str) -> Callable[[str], str]:
    """A non-empty answer, spaces tidied."""

    def check(answer: str) -> str:
        text = " ".join(answer.split())
        if not text:
            raise Refused(what)
        return text

    return check
