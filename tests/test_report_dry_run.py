"""A dry-run member's line in report.html says where the run stopped (the flow's detail)
and what the real run will do there, not only « essai à blanc »."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from automation import messages
from automation.output.report import write_reports
from tests.test_report import TODAY, member, text_of


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    ("detail", "key"),
    [
        ("before_code_request", "dry_run_before_code_request"),
        ("before_sign_in", "dry_run_before_sign_in"),
        (None, "dry_run_before_final_step"),
    ],
)
def test_a_dry_run_members_line_says_where_it_stopped(
    tmp_path: Path, detail: str | None, key: str, lang: str
) -> None:
    _, html = write_reports(tmp_path, "les Martin", "2026-11-29T10:00:00+00:00",
                            "2026-11-29T10:05:00+00:00",
                            [member("alice", "dry_run", detail=detail)], lang, TODAY)  # fmt: skip
    soup = BeautifulSoup(html.read_text(), "html.parser")
    heading = soup.select_one("section.member h2")
    assert heading is not None
    assert messages.text(key, lang) in text_of(heading)
