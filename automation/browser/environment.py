"""What the browser's processes inherit of the robot's environment: everything but the
family's secrets.

Playwright's driver (node) is spawned with a copy of this process's environment, and
Chromium with the driver's unless told otherwise; neither needs a NIR or a password, and
/proc/PID/environ of either is readable by any program of the same user. So before
Playwright starts, the secrets leave this process's environment (the settings and the
household file have read them by then), and Chromium is launched with the same scrubbed
copy.

A secret variable is one of the robot's own (MES_NIR, MES_CARD_SERIAL, MES_CODE,
MES_PASSWORD, MES_IMAP_PASSWORD: a MES_ name ending with a secret's name), or any
variable whose value is one of the run's secrets (a household file's `env:NAME`, named as
the family likes).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, MutableMapping

from flows.member import SECRET_FIELDS, SECRET_NAMES

# MES_NIR, MES_CARD_SERIAL, MES_CODE, MES_PASSWORD, MES_IMAP_PASSWORD... A new secret
# setting follows the same naming (tests/test_browser_environment.py checks every
# SecretStr setting against this rule).
_SECRET_WORDS = sorted({*SECRET_FIELDS, *SECRET_NAMES.values()}, key=len, reverse=True)
SECRET_VARIABLE = re.compile(rf"MES_(?:\w+_)?(?:{'|'.join(_SECRET_WORDS)})", re.IGNORECASE)


def _canonical(value: str) -> str:
    """A secret as it may be written: « 1 84 03 75 ... », « 184.03 », any case."""
    return re.sub(r"[\s.\-]", "", value).casefold()


def secret_variables(environ: Mapping[str, str], secrets: Iterable[str] = ()) -> list[str]:
    """The names in `environ` that hold a secret (see the module's docstring)."""
    values = {_canonical(secret) for secret in secrets if secret.strip()}
    return [
        name
        for name, value in environ.items()
        if SECRET_VARIABLE.fullmatch(name) or (value.strip() and _canonical(value) in values)
    ]


def forget_secrets(environ: MutableMapping[str, str], secrets: Iterable[str] = ()) -> None:
    """Take the secrets out of `environ` (this process's, before Playwright starts)."""
    for name in secret_variables(environ, secrets):
        environ.pop(name, None)


def child_environment(secrets: Iterable[str] = ()) -> dict[str, str | float | bool]:
    """This process's environment without its secrets: what the browser is launched with."""
    hidden = set(secret_variables(os.environ, secrets))
    return {name: value for name, value in os.environ.items() if name not in hidden}
