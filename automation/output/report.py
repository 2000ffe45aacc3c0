"""The report a family keeps: report.json for machines, report.html for people (one
self-contained page: each member, what was done and when, the attestation and the masked
screenshot embedded, the deadline with a warning when it is near or past), those who need
the family first.

Runs into the same folder add to one report: it is built from the journal's history, so
each member keeps the first proof (its date, attestation and receipt) with every later
check beside it, and members of earlier runs (a household, or one person) stay in it.

Each is written whole beside the last one and moved over it (private.write_private): a
full disk leaves the previous report as it was, readable."""

from __future__ import annotations

import base64
import json
from collections import Counter
from dataclasses import asdict, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, select_autoescape

from automation import messages
from automation.messages.dry_run import dry_run_key
from automation.output.journal import LastAttempt
from automation.output.member_report import MemberReport, deadline_warning, needs_family_first
from automation.output.private import write_private_together
from automation.output.stopped import (
    INTERRUPTED,
    NOT_REACHED,
    STOPPED,
    stopped_outcome,
    stopped_reason,
)
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
        "interrupted": counts[INTERRUPTED],
        "not_reached": counts[NOT_REACHED],
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
             if key in ("id", "name", "site", "unchecked", "allowed", "blocked", "action", "outcome", "reason", "detail", "deadline", "evidence", "skipped", "settled", "diagnostic", "first_proof", "checks")}
            for r in reports
        ],
    }  # fmt: skip


def with_history(
    reports: list[MemberReport], history: dict[str, list[LastAttempt]], earlier: dict[str, Any]
) -> list[MemberReport]:
    """This run's members, then those the journal knows from earlier runs into this folder
    (their names, deadlines and details from the earlier report, which the journal does not
    keep), each with their first proof and the checks after it."""
    merged = [_with_proof(report, history.get(report.id, [])) for report in reports]
    ran = {report.id for report in reports}
    for member, attempts in history.items():
        if member in ran:
            continue
        last, known = attempts[-1], earlier.get(member, {})
        report = MemberReport(
            member, last.action, last.outcome or "", last.reason,
            detail=known.get("detail") if known.get("outcome") == last.outcome else None,
            deadline=known.get("deadline"), evidence=last.evidence, started=last.started,
            finished=last.finished, skipped=True, name=known.get("name", ""),
        )  # fmt: skip
        merged.append(_with_proof(report, attempts))
    return merged


def _with_proof(report: MemberReport, attempts: list[LastAttempt]) -> MemberReport:
    """The first attempt that found the member done is the proof; every one after it, a check.
    One done without its proof (reason `evidence`) gives way to the later one that fetched it."""
    done = [i for i, a in enumerate(attempts) if a.outcome in ACHIEVED]
    if not done:
        return report
    first = next((i for i in done if attempts[i].reason != "evidence"), done[0])
    proof = attempts[first]
    return replace(
        report,
        first_proof={"date": proof.finished, "outcome": proof.outcome, "evidence": proof.evidence},
        checks=[
            {"date": a.finished, "outcome": a.outcome, "reason": a.reason}
            for a in attempts[first + 1 :]
        ],
    )


def earlier_members(json_path: Path) -> dict[str, Any]:
    """What the last report said of each member, by id, as far as it can be trusted: a
    name, a deadline that is a date, the outcome and its detail. A missing or broken
    report gives nothing (the journal still has what was done)."""
    try:
        data = json.loads(json_path.read_text(encoding="utf-8"))
        members = data["members"] if isinstance(data, dict) else []
    except (OSError, ValueError, KeyError):
        return {}
    known: dict[str, Any] = {}
    for entry in members if isinstance(members, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        kept = {k: entry.get(k) for k in ("name", "outcome", "detail", "deadline")}
        kept = {k: v for k, v in kept.items() if isinstance(v, str)}
        try:
            date.fromisoformat(str(kept.get("deadline", "")))
        except ValueError:
            kept.pop("deadline", None)
        known[entry["id"]] = kept
    return known


def readable_time(value: str | None, lang: str = "fr") -> str:
    """2026-11-29T15:12:13.6+00:00 -> 29/11/2026 à 16:12 (France's time, winter or summer)."""
    if not value:
        return ""
    local = datetime.fromisoformat(value).astimezone(PARIS)
    return local.strftime(messages.text("time_format", lang))


def readable_day(value: str | None) -> str:
    return date.fromisoformat(value).strftime("%d/%m/%Y") if value else ""


def _outcome_text(report: MemberReport, lang: str) -> str:
    """The outcome in words; a dry run says where it stopped (the flow's detail)."""
    if report.outcome == "dry_run":
        return messages.text(dry_run_key(report.detail), lang)
    if report.outcome in STOPPED:
        return stopped_outcome(report, lang)
    if report.outcome in messages.OUTCOMES:
        return messages.outcome(report.outcome, lang)
    return report.outcome


def _reason_text(report: MemberReport, lang: str) -> str:
    if report.outcome in STOPPED:
        return stopped_reason(report, lang)
    return messages.reason(report.reason, lang, report.detail)


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
    history: dict[str, list[LastAttempt]] | None = None,
) -> tuple[Path, Path]:
    """The report of this run's members and, from the journal's `history`, of every
    member an earlier run into `out` met."""
    today = today or date.today()
    json_path, html_path = report_paths(out)
    if history is not None:
        reports = with_history(reports, history, earlier_members(json_path))
    data = report_data(household, started, finished, reports, today)
    rows = []
    for report in needs_family_first(reports):
        files = [f for f in report.evidence if (out / f).is_file()]
        proof = report.first_proof or {}
        proof_files = [f for f in proof.get("evidence", []) if (out / f).is_file()]
        files = [f for f in files if f not in proof_files]  # the first proof is shown once
        rows.append({
            "report": report,
            "outcome_text": _outcome_text(report, lang),
            "proof_outcome": messages.outcome(proof["outcome"], lang) if proof else None,
            "proof_attestation": next((_embedded(out, f) for f in proof_files if f.endswith(".pdf")), None),
            "proof_receipt": next((f for f in proof_files if f.endswith(".json")), None),
            "checks": [{**check, "outcome_text": messages.outcome(check["outcome"], lang) if check["outcome"] in messages.OUTCOMES else check["outcome"]} for check in report.checks],
            "action_text": messages.action(report.action, lang),
            "reason_text": _reason_text(report, lang),
            "warning": deadline_warning(report.deadline, report.outcome, today),
            "attestation": next((_embedded(out, f) for f in files if f.endswith(".pdf")), None),
            "screenshot": next((_embedded(out, f) for f in files + proof_files if f.endswith(".png")), None),
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
        t=lambda key, **values: messages.text(key, lang, **values),
    )
    write_private_together({
        json_path: json.dumps(data, ensure_ascii=False, indent=2),
        html_path: html,
    })  # fmt: skip
    return json_path, html_path
