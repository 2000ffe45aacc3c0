"""The report a family keeps: report.json for machines, report.html for people (one
self-contained page: each member, what was done and when, the attestation and the masked
screenshot embedded, the deadline with a warning when it is near or past), those who need
the family first.

Each is written whole beside the last one and moved over it (private.write_private): a
full disk leaves the previous report as it was, readable."""

from __future__ import annotations

import base64
import json
from collections import Counter
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, select_autoescape

from automation import messages
from automation.output.member_report import MemberReport, deadline_warning, needs_family_first
from automation.output.private import write_private_together
from flows.outcome import ACHIEVED

PARIS = ZoneInfo("Europe/Paris")  # the site's and the family's time (tzdata ships it)


def report_paths(out: Path) -> tuple[Path, Path]:
    """report.json and report.html: looked at before a run (a planted link is refused
    before anything is done), written at its end."""
    return out / "report.json", out / "report.html"


def summary(reports: list[MemberReport], today: date) -> dict[str, Any]:
    """What the family reads first: how many are done, how many need them, and the
    nearest deadline among the members not done yet."""

    def done(report: MemberReport) -> bool:
        return report.outcome in ACHIEVED

    counts = Counter("done" if done(r) else r.outcome for r in reports)
    pending = [r for r in reports if not done(r)]
    upcoming = sorted(
        (r.deadline, r.id) for r in pending if r.deadline and r.deadline >= today.isoformat()
    )
    return {
        "done": counts["done"],
        "needs_human": counts["needs_human"],
        "failed": counts["failed"],
        "dry_run": counts["dry_run"],
        "nearest_deadline": {"member": upcoming[0][1], "date": upcoming[0][0]}
        if upcoming
        else None,
        "deadline_past": sorted(
            r.id for r in pending if r.deadline and r.deadline < today.isoformat()
        ),
    }


def report_data(
    household: str, started: str, finished: str, reports: list[MemberReport], today: date
) -> dict[str, Any]:
    reports = needs_family_first(reports)
    return {
        "household": household,
        "started": started,
        "finished": finished,
        "summary": summary(reports, today),
        "members": [
            {key: value for key, value in asdict(r).items()
             if key in ("id", "name", "site", "unchecked", "allowed", "blocked", "action", "outcome", "reason", "detail", "deadline", "evidence", "skipped", "settled", "diagnostic")}
            for r in reports
        ],
    }  # fmt: skip


def readable_time(value: str | None, lang: str = "fr") -> str:
    """2026-11-29T15:12:13.6+00:00 -> 29/11/2026 à 16:12 (France's time, winter or summer)."""
    if not value:
        return ""
    local = datetime.fromisoformat(value).astimezone(PARIS)
    return local.strftime(messages.text("time_format", lang))


def readable_day(value: str | None) -> str:
    return date.fromisoformat(value).strftime("%d/%m/%Y") if value else ""


def _embedded(out: Path, relative: str) -> str:
    path = out / relative
    kind = "application/pdf" if path.suffix == ".pdf" else "image/png"
    return f"data:{kind};base64," + base64.b64encode(path.read_bytes()).decode()


def write_reports(
    out: Path,
    household: str,
    started: str,
    finished: str,
    reports: list[MemberReport],
    lang: str = "fr",
    today: date | None = None,
) -> tuple[Path, Path]:
    today = today or date.today()
    data = report_data(household, started, finished, reports, today)
    rows = []
    for report in needs_family_first(reports):
        files = [f for f in report.evidence if (out / f).is_file()]
        rows.append({
            "report": report,
            "outcome_text": messages.outcome(report.outcome, lang) if report.outcome in messages.OUTCOMES else report.outcome,
            "action_text": messages.action(report.action, lang),
            "reason_text": messages.reason(report.reason, lang, report.detail),
            "warning": deadline_warning(report.deadline, report.outcome, today),
            "attestation": next((_embedded(out, f) for f in files if f.endswith(".pdf")), None),
            "screenshot": next((_embedded(out, f) for f in files if f.endswith(".png")), None),
        })  # fmt: skip
    env = Environment(
        loader=PackageLoader("automation.output", "templates"),
        autoescape=select_autoescape(["html"]),
    )
    env.filters["when"] = lambda value: readable_time(value, lang)
    env.filters["day"] = readable_day
    html = env.get_template("report.html").render(
        household=household,
        started=started,
        finished=finished,
        rows=rows,
        lang=lang,
        summary=data["summary"],
        t=lambda key: messages.text(key, lang),
    )
    json_path, html_path = report_paths(out)
    write_private_together({
        json_path: json.dumps(data, ensure_ascii=False, indent=2),
        html_path: html,
    })  # fmt: skip
    return json_path, html_path
