"""Household files for tests: members taken from the demo household, kept private
(the loader refuses a household file other users can read)."""

from __future__ import annotations

from pathlib import Path

from automation.demo import DEMO_HOUSEHOLD


def private_file(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def demo_subset(
    folder: Path, members: list[str], extra: str = "", changes: dict[str, str] | None = None
) -> Path:
    """A household file with these members of the demo's, and `extra` TOML after them."""
    head, *blocks = DEMO_HOUSEHOLD.read_text(encoding="utf-8").split("[[member]]")
    kept = [b for b in blocks if any(f'id = "{m}"' in b for m in members)]
    body = head + "".join("[[member]]" + b for b in kept) + extra
    for old, new in (changes or {}).items():
        body = body.replace(old, new)
    return private_file(folder / "household.toml", body)
