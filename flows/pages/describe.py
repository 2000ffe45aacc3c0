"""docs/screens.md, written from the screens' own declarations: the site as the robot
knows it, screen by screen (what tells it apart, the labels it relies on, the messages it
reads, what the robot does there, and the code that does it: the cases of
`MemberFlow._act` and of `InterstitialRules.answer`, read from their source).
`python -m flows.pages.describe > docs/screens.md`; tests/test_screens_doc.py fails when
the file is out of date."""

from __future__ import annotations

import ast
import inspect
import sys
from importlib import resources

from flows.pages import SCREENS
from flows.pages.base import Screen
from flows.pages.marks import Mark

HEADER = """# The site as the robot knows it

Generated from the page objects in `flows/pages/` (`python -m flows.pages.describe >
docs/screens.md`); a test fails when this file and the code disagree. The contract the
robot is built to is the site contract (v3); this is the robot's own account of it.
Labels are matched case-insensitively, spaces and apostrophes folded; « … » stands for
any words; a button may be a link and a link a button, a choice a checkbox or a radio.

Screens are listed in the order the robot tries them: dialogs on top of pages first,
then what the site says (an error, a state), then the steps.
"""


def mark_text(mark: Mark) -> str:
    label = f"/{mark.label}/" if mark.regex else f"« {mark.label} »"
    return f"{mark.kind} {label}" + (" (whole label)" if mark.whole else "")


def marks_text(marks: tuple[Mark, ...]) -> str:
    return "; ".join(mark_text(mark) for mark in marks)


# Where a screen is acted on: the flow's one dispatch, and the interstitials' rules that
# the flow and the look before the run share.
DISPATCHES = (
    ("member_flow.py", "_act", "MemberFlow._act"),
    ("interstitial_rules.py", "answer", "InterstitialRules.answer"),
)


def handling() -> dict[str, list[str]]:
    """Each screen class's cases in the dispatches (DISPATCHES), as code: where, its guard,
    if any, and what the case does. Read from the source, not imported: the pages know
    nothing of the flow that drives them."""
    found: dict[str, list[str]] = {}
    for module, function, where in DISPATCHES:
        source = resources.files("flows").joinpath(module).read_text(encoding="utf-8")
        act = next(node for node in ast.walk(ast.parse(source))
                   if isinstance(node, ast.FunctionDef) and node.name == function)  # fmt: skip
        match = next(node for node in act.body if isinstance(node, ast.Match))
        _cases(match, where, found)
    return found


def _cases(match: ast.Match, where: str, found: dict[str, list[str]]) -> None:
    for case in match.cases:
        pattern = case.pattern
        patterns = pattern.patterns if isinstance(pattern, ast.MatchOr) else [pattern]
        does = "; ".join(ast.unparse(statement) for statement in case.body)
        if case.guard is not None:
            does = f"if {ast.unparse(case.guard)}: {does}"
        for each in patterns:
            if isinstance(each, ast.MatchClass):
                name = ast.unparse(each.cls).rsplit(".", 1)[-1]
                found.setdefault(name, []).append(f"In `{where}`: `{does}`")


def describe(kind: type[Screen], code: dict[str, list[str]] | None = None) -> str:
    doc = inspect.getdoc(kind) or ""
    lines = [f"## `{kind.name}` ({kind.__name__}, {kind.__module__.rsplit('.', 1)[-1]}.py)", ""]
    lines += [" ".join(doc.split("\n\n")[0].split()), ""]
    lines.append(f"- Told apart by: {marks_text((kind.mark, *kind.alternatives))}")
    if kind.unless:
        lines.append(f"- Not when it shows: {marks_text(kind.unless)}")
    if kind.relies_on:
        lines.append(f"- Relies on (looked for before a run where the look reaches it): "
                     f"{marks_text(kind.relies_on)}")  # fmt: skip
    for reason, message in kind.messages.items():
        lines.append(f"- Reads « {message} » as `{reason}`")
    lines.append(f"- The robot: {kind.does}")
    for does in (code or {}).get(kind.__name__, []):
        lines.append(f"- {does}")
    return "\n".join(lines) + "\n"


def render() -> str:
    code = handling()
    return HEADER + "".join("\n" + describe(kind, code) for kind in SCREENS)


if __name__ == "__main__":
    sys.stdout.write(render())
