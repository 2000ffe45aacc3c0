"""A run stopped on its way (Ctrl-C, SIGTERM): the members it had not finished are still
in what it leaves, as data (report.json: outcome `interrupted` or `not_reached`; for the
interrupted one, reason `answer_not_seen` with the final step as detail, or `stopped_at`
with the last screen) and in a person's words (the terminal, report.html).

These are no outcomes of the flow (flows/outcome.py): nothing was concluded about the
member, and the journal keeps the attempt as `interrupted` for the next run to redo."""

from __future__ import annotations

from automation import messages
from automation.output.member_report import INTERRUPTED, NOT_REACHED, MemberReport

STOPPED = (INTERRUPTED, NOT_REACHED)
ANSWER_NOT_SEEN = "answer_not_seen"  # the journal has the final step's intent, no result
STOPPED_AT = "stopped_at"  # otherwise: the last screen seen


def stopped_outcome(report: MemberReport, lang: str) -> str:
    return messages.text(f"stopped_{report.outcome}", lang)


def stopped_reason(report: MemberReport, lang: str) -> str:
    """What is known of where the interrupted member was; nothing for one not reached."""
    if report.reason == ANSWER_NOT_SEEN:
        key = f"stopped_step_{report.detail}"
        step = messages.text(key, lang) if key in messages.TEXTS else str(report.detail)
        return messages.text("stopped_answer_not_seen", lang, step=step)
    if report.reason == STOPPED_AT:
        screen = messages.screen(report.detail or "start", lang)
        return messages.text("stopped_at", lang, screen=screen)
    return ""
