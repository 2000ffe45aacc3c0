"""Every sentence a module asks the catalogue for is in it, in French and in English: a
key typed wrong would otherwise be a traceback in front of the user."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from automation import messages

ROOT = Path(__file__).resolve().parents[1]


def keys_asked_for(path: Path) -> list[tuple[int, str]]:
    """(line, key) of each `say("key", ...)` / `text("key", ...)` / `messages.text(...)` /
    `q.t(...)` call, or the command line's `t(...)`, both keys of a conditional included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {"text"} if "messages" in {a.asname or a.name for n in ast.walk(tree)
                                       if isinstance(n, ast.ImportFrom) and n.module == "automation"
                                       for a in n.names} else set()  # fmt: skip
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "automation.messages":
            names |= {a.asname or a.name for a in node.names if a.name == "text"}
        if isinstance(node, ast.ImportFrom) and node.module == "automation.cli.language":
            names |= {a.asname or a.name for a in node.names if a.name == "t"}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        # `messages.text(...)`, or a conversation's own `q.t(...)`
        asked = called in names or (called in ("text", "t") and isinstance(func, ast.Attribute))
        if not asked:
            continue
        first = node.args[0]
        options = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
        found += [(node.lineno, o.value) for o in options
                  if isinstance(o, ast.Constant) and isinstance(o.value, str)]  # fmt: skip
    return found


def test_every_key_asked_for_is_in_the_catalogue_in_both_languages() -> None:
    missing = [
        f"{path.relative_to(ROOT)}:{line}: {key}"
        for path in sorted((ROOT / "automation").rglob("*.py"))
        for line, key in keys_asked_for(path)
        if key not in messages.TEXTS or not all(messages.TEXTS[key])
    ]
    assert missing == []


def test_every_key_the_report_asks_for_is_in_the_catalogue() -> None:
    template = ROOT / "automation" / "output" / "templates" / "report.html"
    asked = re.findall(r"\bt\(\"(\w+)\"\)", template.read_text(encoding="utf-8"))
    assert asked
    assert [key for key in asked if key not in messages.TEXTS or not all(messages.TEXTS[key])] == []
    # No sentence outside the catalogue (a plural's rule may still depend on the language).
    assert not re.search(r"[\"'] if fr else", template.read_text(encoding="utf-8"))


def test_the_check_finds_what_a_module_asks_for(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from automation.messages import text as say\n"
                      "say('a' if x else 'b', 'fr')\nsay(\n    'c', 'fr')\n")  # fmt: skip
    assert sorted(key for _, key in keys_asked_for(module)) == ["a", "b", "c"]
