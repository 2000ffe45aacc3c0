"""What `oppose`, `close` and `auto` ask at the keyboard for an input they lack: `init`'s
own questions, each answer checked as it is typed with init's rules and sentences (the
site's words, `flows.inputs`), a wrong one asked again at once, never found wrong only
after the last question. The letter's code is asked with the card, before the browser
starts: once the site sends a new code, the letter's no longer works."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import SecretStr

from automation.init.questions import Questions, required
from flows.inputs import check_code_provisoire, normalize_nir, normalize_serial, parse_birth_date


class OnePersonQuestions:
    """Called with the names of the inputs still missing, in the order to ask them."""

    def __init__(self, lang: str, today: date | None = None) -> None:
        self.q = Questions(lang)
        self.today = today or date.today()

    def __call__(self, missing: list[str], values: dict[str, Any]) -> None:
        asks: dict[str, Callable[[dict[str, Any]], Any]] = {
            "first_name": self._first_name,
            "last_name": self._last_name,
            "birth_date": self._birth_date,
            "card_model": self._card_model,
            "nir": self._nir,
            "card_serial": self._card_serial,
            "code": self._code,
            "password": self._password,
        }
        for name in missing:
            values[name] = asks[name](values)

    def _first_name(self, _: dict[str, Any]) -> str:
        q = self.q
        return q.ask(q.t("init_first_name"), required(q.t("init_enter_first_name")))

    def _last_name(self, _: dict[str, Any]) -> str:
        q = self.q
        return q.ask(q.t("init_last_name"), required(q.t("init_enter_last_name")))

    def _birth_date(self, _: dict[str, Any]) -> date:
        q = self.q
        return q.ask(
            q.t("init_date_birth_dd_mm"), lambda answer: parse_birth_date(answer, self.today)
        )

    def _card_model(self, _: dict[str, Any]) -> str:
        return self.q.card_model(None)

    def _nir(self, _: dict[str, Any]) -> SecretStr:
        q = self.q
        prompt = q.t("init_social_security_number_characters")
        return SecretStr(q.ask(prompt, normalize_nir, hidden=True))

    def _card_serial(self, values: dict[str, Any]) -> SecretStr:
        q, model = self.q, str(values.get("card_model"))
        serial = q.ask(q.t("init_card_serial_number_hidden"),
                       lambda answer: normalize_serial(answer, model),
                       hidden=True, card_model=model)  # fmt: skip
        return SecretStr(serial)

    def _code(self, values: dict[str, Any]) -> SecretStr | None:
        q = self.q

        def check(answer: str) -> str | None:
            return check_code_provisoire(answer) if answer.strip() else None

        q.say(q.t("init_code_provisoire_invitation_letter"))
        keep = q.t("init_enter_if_you_have")
        code = q.ask(q.t("init_code_provisoire_hidden_input", keep=keep), check, hidden=True)
        if code is None:
            channel = q.t(f"one_channel_{values.get('channel') or 'email'}")
            q.say(q.t("one_no_letter_code", channel=channel))
            return None
        return SecretStr(code)

    def _password(self, _: dict[str, Any]) -> SecretStr:
        q = self.q
        password = q.ask(q.t("init_password"), required(q.t("init_enter_password")), hidden=True)
        return SecretStr(password)
