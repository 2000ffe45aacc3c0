"""Which variables the browser's processes are not given: the rule, against the settings
that declare the secrets."""

from __future__ import annotations

import pytest
from pydantic import SecretStr
from pydantic_settings import BaseSettings

from automation.browser.environment import SECRET_VARIABLE, forget_secrets, secret_variables
from automation.codes.imap import ImapSettings
from automation.config.settings import Settings


@pytest.mark.parametrize("settings", [Settings, ImapSettings])
def test_every_secret_setting_is_a_secret_variable(settings: type[BaseSettings]) -> None:
    prefix = str(settings.model_config.get("env_prefix", ""))
    secret = [f"{prefix}{name}".upper() for name, info in settings.model_fields.items()
              if info.annotation in (SecretStr, SecretStr | None)]  # fmt: skip
    plain = [f"{prefix}{name}".upper() for name in settings.model_fields
             if f"{prefix}{name}".upper() not in secret]  # fmt: skip
    assert secret, "the settings declare secrets"
    assert [name for name in secret if not SECRET_VARIABLE.fullmatch(name)] == []
    # The browser needs none of the settings, but the rule takes only what it must.
    assert [name for name in plain if SECRET_VARIABLE.fullmatch(name)] == []


def test_a_variable_holding_a_secret_of_the_run_goes_whatever_its_name() -> None:
    environ = {"HOME": "/home/x", "ALICE_SECU": "1 84 03 75 111 222 33", "MES_LANG": "fr",
               "MES_NIR": "x", "CODE_FROM_MAIL": "AB12CD34", "EMPTY": ""}  # fmt: skip
    forget_secrets(environ, ["184037511122233", "ab12cd34", ""])
    assert environ == {"HOME": "/home/x", "MES_LANG": "fr", "EMPTY": ""}
    assert secret_variables({"MES_CODE_FROM": "prompt", "MES_CODE_TIMEOUT_S": "5"}) == []
