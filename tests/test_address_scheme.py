"""An address written without its scheme gets the advice to write it in full, not to vouch
for it with --site-non-officiel (which would not make it an address a browser opens)."""

from __future__ import annotations

import pytest
from rich.console import Console

from automation.config.site_address import written_without_scheme
from automation.run.exit_status import ExitStatus
from automation.run.preflight import refuse_address


@pytest.mark.parametrize(
    ("url", "written"),
    [
        ("www.monespacesante.fr", "https://www.monespacesante.fr"),
        (" www.monespacesante.fr/ ", "https://www.monespacesante.fr/"),
        ("127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("localhost:8000", "http://localhost:8000"),
        ("https://www.monespacesante.fr", None),
        ("http://127.0.0.1:8000", None),
        ("ftp://127.0.0.1", None),
        ("", None),
    ],
)
def test_the_address_as_it_should_be_written(url: str, written: str | None) -> None:
    assert written_without_scheme(url) == written


@pytest.mark.parametrize(
    ("lang", "advice", "wrong_fix"),
    [
        (
            "fr",
            "écrivez-la en entier, https://www.monespacesante.fr",
            "ajoutez --site-non-officiel",
        ),
        ("en", "write it in full, https://www.monespacesante.fr", "add --site-non-officiel"),
    ],
)
@pytest.mark.parametrize("vouched_for", [False, True], ids=["plain", "vouched-for"])
def test_an_address_without_a_scheme_is_told_to_write_https(
    lang: str, advice: str, wrong_fix: str, vouched_for: bool
) -> None:
    console = Console(record=True, width=400)
    refused = refuse_address(console, "www.monespacesante.fr", vouched_for, lang)
    said = console.export_text()
    assert refused is ExitStatus.BAD_INPUT
    assert "www.monespacesante.fr" in said and "https://" in said and advice in said
    assert wrong_fix not in said
