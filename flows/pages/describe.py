"""docs/screens.md, written from the screens' own declarations: the site as the robot
knows it, screen by screen (what tells it apart, the labels it relies on, the messages it
reads, what the robot does there). `python -m flows.pages.describe > docs/screens.md`;
tests/test_screens_doc.py fails when the file is out of date."""

from __future__ import annotations

import inspect
import sys

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


def describe(kind: type[Screen]) -> str:
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
    return "\n".join(lines) + "\n"


def render() -> str:
    return HEADER + "".join("\n" + describe(kind) for kind in SCREENS)


if __name__ == "__main__":
    sys.stdout.write(render())
