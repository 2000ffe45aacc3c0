"""The person typing a code the site sent: told it was sent, how, and that it voids the
earlier ones; a typed answer that cannot be a code is refused at once and asked again."""

from __future__ import annotations

from datetime import UTC, datetime

from automation.codes.readers import PromptReader
from flows.ports import CodeRequest


def reading(request: CodeRequest, *typed: str) -> tuple[str | None, list[str]]:
    answers, prompts = list(typed), []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return answers.pop(0)

    code = PromptReader(ask, "fr").read(request)
    return (code.get_secret_value() if code else None), prompts


def request(number: int = 1, channel: str = "email", kind: str = "provisoire") -> CodeRequest:
    return CodeRequest(kind, channel, datetime.now(UTC), "Alice Martin", number=number)  # type: ignore[arg-type]


def test_the_first_new_code_is_said_sent_and_to_replace_the_letters() -> None:
    code, [prompt] = reading(request(channel="sms"), "AbCdEf123456")
    assert code == "AbCdEf123456"
    assert "Un nouveau code provisoire vient d'être envoyé pour Alice Martin par SMS" in prompt
    assert "Il remplace celui du courrier, qui ne marche plus." in prompt


def test_another_code_is_said_to_replace_the_earlier_ones() -> None:
    _, [prompt] = reading(request(number=2), "AbCdEf123456")
    assert "Un autre code provisoire vient d'être envoyé pour Alice Martin par e-mail" in prompt
    assert "tapez celui du dernier message reçu" in prompt


def test_a_code_of_the_wrong_shape_is_asked_again_at_once() -> None:
    code, prompts = reading(request(), "AbCdEf12", "AbCd-f123456", "AbCdEf123456")
    assert code == "AbCdEf123456"
    assert "Le code doit contenir 12 caractères" in prompts[1]
    assert "Cette saisie contient un caractère non autorisé" in prompts[2]
    assert "Un nouveau code" not in prompts[1]  # the news is said once


def test_a_sign_in_code_is_checked_too() -> None:
    code, prompts = reading(request(kind="login"), "12a456", "123456")
    assert code == "123456"
    assert prompts[1].startswith("  ✗ Le code de connexion doit contenir uniquement des chiffres")


def test_enter_gives_no_code() -> None:
    assert reading(request(), "")[0] is None
