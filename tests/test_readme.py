"""The README is the family's: its first screen says, in French, what the tool does, what
a person needs, and the two commands; every page it sends a reader to exists; CI runs the
test command it gives."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FIRST_SCREEN = "\n".join(README.splitlines()[:40])


def test_the_first_screen_gives_the_two_commands() -> None:
    assert "./dev.sh demo" in FIRST_SCREEN
    assert "./dev.sh test" in FIRST_SCREEN


def test_the_first_screen_speaks_french_to_a_family() -> None:
    # What it does and what a person needs, before any developer's word.
    for words in ("carte Vitale", "courrier d'invitation", "code provisoire", "Deux commandes"):
        assert words in FIRST_SCREEN, words
    assert README.index("## In English") > README.index("## Deux commandes")
    for developer_word in ("pytest", "xdist", "mypy", "ruff", "Playwright"):
        assert developer_word not in FIRST_SCREEN, developer_word


def test_every_page_the_readme_names_exists() -> None:
    named = set(re.findall(r"\]\(([^)#]+)\)", README))
    assert named, "the README sends readers to the docs"
    for page in named:
        assert (ROOT / page).is_file(), page


def test_ci_runs_the_readmes_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^\./dev\.sh test\s*$", ci, re.MULTILINE)
    assert "./dev.sh test" in README
