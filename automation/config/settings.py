"""Settings from the environment (prefix MES_) and the command line. Secrets are
SecretStr, and pydantic leaves every input out of its validation errors."""

from __future__ import annotations

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REAL_SITE = "https://www.monespacesante.fr"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="MES_", hide_input_in_errors=True, extra="ignore", frozen=False
    )

    # Secrets come only from here (the environment) or from a hidden prompt.
    nir: SecretStr | None = None
    card_serial: SecretStr | None = None
    code: SecretStr | None = None
    password: SecretStr | None = None

    base_url: str = REAL_SITE
    browser_path: str | None = None
    # Bounded waits: a hung site costs one member, never the run.
    load_timeout_s: float = 30
    recognise_timeout_s: float = 10
    member_deadline_s: float = 600
    retries: int = 3
    backoff_s: float = 2.0
    code_timeout_s: float = 120
    slow_mo_ms: float = 0
