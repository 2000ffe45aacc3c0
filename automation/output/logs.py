"""Logging with structlog: readable lines in the terminal, JSON lines in a file, and a
processor that takes secrets out of every event before either sees it.

Secrets are removed by value (each member's NIR, card serial, codes and password, in
every spelling we know of) and by shape (anything that looks like a NIR or a code
provisoire), so a value we were never told about is caught too. Tracebacks never carry
local variables.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable, MutableMapping
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote, quote_plus

import structlog

from automation.output.private import append_private
from flows.inputs import format_nir

MASK = "[masqué]"
_NIR_SHAPE = re.compile(
    r"(?<![0-9A-Za-z])[12][\s.]?\d{2}[\s.]?(?:0[1-9]|1[0-2])[\s.]?(?:\d{2}|2[AaBb])"
    r"[\s.]?\d{3}[\s.]?\d{3}(?:[\s.]?\d{2})?(?![0-9A-Za-z])"
)
_CODE_SHAPE = re.compile(
    r"(?<![A-Za-z0-9])(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{12}(?![A-Za-z0-9])"
)


def spellings(secret: str) -> set[str]:
    """The forms a secret may take once written somewhere."""
    forms = {secret, secret.lower(), secret.upper(), quote(secret), quote_plus(secret)}
    if len(secret) == 15:
        forms.add(format_nir(secret))
    return {form for form in forms if len(form) >= 4}


class Redactor:
    """A structlog processor; also usable on any text (`redact`)."""

    def __init__(self) -> None:
        self._values: set[str] = set()

    def add(self, secrets: Iterable[str]) -> None:
        for secret in secrets:
            if secret:
                self._values |= spellings(secret)

    def redact(self, text: str) -> str:
        for value in sorted(self._values, key=len, reverse=True):
            text = text.replace(value, MASK)
        text = _NIR_SHAPE.sub(MASK, text)
        return _CODE_SHAPE.sub(MASK, text)

    def _clean(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, dict):
            return {key: self._clean(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self._clean(item) for item in value)
        return value

    def __call__(
        self, logger: Any, method: str, event: MutableMapping[str, Any]
    ) -> MutableMapping[str, Any]:
        return {key: self._clean(value) for key, value in event.items()}


REDACTOR = Redactor()


def configure(log_file: Path | None, verbose: bool = False) -> None:
    """Terminal: warnings (info with --verbose). File: everything, as JSON lines."""
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        REDACTOR,
    ]
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=False,
    )
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.setLevel(logging.DEBUG)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.INFO if verbose else logging.WARNING)
    console.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                _redact_exception,
                structlog.dev.ConsoleRenderer(
                    colors=sys.stderr.isatty(),
                    exception_formatter=structlog.dev.plain_traceback,
                ),
            ],
        )
    )
    console.addFilter(_abandoned_call_answered)
    root.addHandler(console)
    if log_file is not None:
        handler = _PrivateFileHandler(append_private(log_file))
        handler.setLevel(logging.DEBUG)
        handler.setFormatter(
            structlog.stdlib.ProcessorFormatter(
                foreign_pre_chain=shared,
                processors=[
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    structlog.processors.ExceptionRenderer(
                        structlog.tracebacks.ExceptionDictTransformer(show_locals=False)
                    ),
                    REDACTOR,
                    structlog.processors.JSONRenderer(ensure_ascii=False),
                ],
            )
        )
        root.addHandler(handler)
    # Third-party chatter stays out of the user's terminal.
    for noisy in ("asyncio", "urllib3", "httpx", "watchfiles"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


class _PrivateFileHandler(logging.StreamHandler[TextIO]):
    """logging's FileHandler opens the file by its name, through a link if one was
    planted there: this one writes to the stream the private rule opened, and closes it."""

    def close(self) -> None:
        self.acquire()
        try:
            if not self.stream.closed:  # logging closes every handler again at exit
                self.flush()
                self.stream.close()
        finally:
            self.release()
        super().close()


def _abandoned_call_answered(record: logging.LogRecord) -> bool:
    """Keep Playwright's complaint about a reply to an abandoned call off the terminal.

    Ctrl-C abandons the call the robot was waiting on; the browser's reply to it comes
    later, and Playwright logs it as an error with its traceback ("Cannot find command to
    respond"). The run has already said it was interrupted; the file log keeps the line."""
    error = record.exc_info[1] if record.exc_info else None
    return not (
        record.name == "playwright" and "Cannot find command to respond" in str(error or "")
    )


def _redact_exception(
    logger: Any, method: str, event: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """Format the traceback here, so the redactor sees its text before the terminal does."""
    info = event.pop("exc_info", None)
    if info:
        if info is True:
            info = sys.exc_info()
        from io import StringIO

        buffer = StringIO()
        structlog.dev.plain_traceback(buffer, info if isinstance(info, tuple) else sys.exc_info())
        event["exception"] = REDACTOR.redact(buffer.getvalue())
    return event


def close() -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        handler.close()
        root.removeHandler(handler)
    # A --parallel worker still finishing after a stop may log once the run has closed its
    # logs: without a handler, logging's last resort would print the raw event on stderr.
    root.addHandler(logging.NullHandler())
