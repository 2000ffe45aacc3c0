"""docs/screens.md, written from the screens' own declarations: the site as the robot
knows it, screen by screen (what tells it apart, the labels it relies on, the messages it
reads, what the robot does there, and the code that does it: the cases of
`MemberFlow._act`, read from its source). `python -m flows.pages.describe >
docs/screens.md`; tests/test_screens_doc.py fails when the file is out of date."""

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


def handling() -> dict[str, list[str]]:
    """Each screen class's cases in `MemberFlow._act` (the flow's one dispatch), as code:
    its guard, if any, and what the case does. Read from the source, not imported: the
    pages know nothing of the flow that drives them."""
    source = resources.files("flows").joinpath("member_flow.py").read_text(encoding="utf-8")
    act = next(node for node in ast.walk(ast.parse(source))
               if isinstance(node, ast.FunctionDef) and node.name == "_act")  # fmt: skip
    match = next(node for node in act.body if isinstance(node, ast.Match))
    found: dict[str, list[str]] = {}
    for case in match.cases:
        pattern = case.pattern
        patterns = pattern.patterns if isinstance(pattern, ast.MatchOr) else [pattern]
        does = "; ".join(ast.unparse(statement) for statement in case.body)
        if case.guard is not None:
            does = f"if {ast.unparse(case.guard)}: {does}"
        for each in patterns:
            if isinstance(each, ast.MatchClass):
                found.setdefault(ast.unparse(each.cls).rsplit(".", 1)[-1], []).append(does)
    return found


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
        lines.append(f"- In `MemberFlow._act`: `{does}`")
    return "\n".join(lines) + "\n"


def render() -> str:
    code = handling()
    return HEADER + "".join("\n" + describe(kind, code) for kind in SCREENS)


if __name__ == "__main__":
    sys.stdout.write(render())
