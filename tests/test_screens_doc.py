"""docs/screens.md is the site as the robot knows it, generated from the screens' own
declarations: it must say what the code does, and every screen must say what the robot
does there."""

from __future__ import annotations

from pathlib import Path

from flows.pages import SCREENS
from flows.pages.describe import handling, render
from flows.site_check import RELIED_ON

DOC = Path(__file__).resolve().parents[1] / "docs" / "screens.md"


def test_docs_screens_md_is_what_the_declarations_say() -> None:
    # When this fails: python -m flows.pages.describe > docs/screens.md
    assert DOC.read_text(encoding="utf-8") == render()


def test_every_screen_says_what_the_robot_does_and_has_its_own_name() -> None:
    assert all(kind.does for kind in SCREENS), [k.name for k in SCREENS if not k.does]
    names = [kind.name for kind in SCREENS]
    assert len(names) == len(set(names))


def test_what_check_site_looks_for_is_what_the_screens_declare() -> None:
    # Not retyped: the look's list is the screens' own, and each screen it reaches relies
    # on something (a screen the look passes without a label to check says nothing).
    assert RELIED_ON and all(marks is kind.relies_on and marks for kind, marks in RELIED_ON.items())


def test_every_screen_is_acted_on_by_the_flow_and_only_screens_are() -> None:
    # The flow's dispatch (MemberFlow._act, and InterstitialRules.answer that it shares
    # with the look before the run) has a case for every screen the detector may
    # return, and no case for a class the index does not hold: a screen declared and not
    # handled, or handled and not declared, fails here.
    handled = set(handling())
    declared = {kind.__name__ for kind in SCREENS}
    assert handled == declared, (sorted(declared - handled), sorted(handled - declared))
