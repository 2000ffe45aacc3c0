"""A dry run's line says where it stopped and what the real run will do there, in French
and in English."""

from __future__ import annotations

import pytest

from automation.output.member_report import MemberReport
from automation.run.progress import plain_summary

STOPS = {
    "before_code_request": ("avant de demander un code provisoire", "before asking for a code"),
    "before_sign_in": ("avant de se connecter", "before signing in"),
    None: ("avant l'étape définitive", "before the final step"),
}


@pytest.mark.parametrize("detail", list(STOPS), ids=str)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_dry_run_line_says_where_it_stopped(detail: str | None, lang: str) -> None:
    report = MemberReport("bruno", "oppose", "dry_run", detail=detail)
    line = plain_summary(report, lang)
    where = STOPS[detail][lang == "en"]
    next_step = "la vraie exécution" if lang == "fr" else "the real run"
    assert line.startswith("bruno") and where in line and next_step in line
    # said once: the detail is a key for machines, never shown raw
    assert str(detail) not in line
