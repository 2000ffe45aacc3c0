"""Settings from the environment (prefix MES_) and the command line. Secrets are
SecretStr, and pydantic leaves every input out of its validation errors."""

from __future__ import annotations

from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from flows.options import FlowOptions

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
    lang: Literal["fr", "en"] = "fr"
    # Bounded waits: a hung site costs one member, never the run.
    load_timeout_s: float = 30
    recognise_timeout_s: float = 10
    member_deadline_s: float = 600
    retries: int = 3
    backoff_s: float = 2.0
    code_timeout_s: float = 120
    slow_mo_ms: float = 0

    def flow_options(
        self,
        base_url: str | None,
        confirmed: bool,
        dry_run: bool,
        allowed_origins: tuple[str, ...] = (),
    ) -> FlowOptions:
        """The options of each member's flow, from these settings and the command line."""
        return FlowOptions(
            base_url=base_url or self.base_url,
            confirmed=confirmed,
            dry_run=dry_run,
            load_timeout_ms=self.load_timeout_s * 1000,
            recognise_timeout_ms=self.recognise_timeout_s * 1000,
            member_deadline_s=self.member_deadline_s,
            retries=self.retries,
            backoff_s=self.backoff_s,
            allowed_origins=allowed_origins,
        )
