"""The house's plan, computed from the code (every import counts, lazy ones included):

- layers point one way: `automation` (the runtime) may use `flows` and `mock_site`;
  `flows` (the robot's walk of the site) uses neither; `mock_site` (the imitation) uses
  neither, so it cannot share the robot's bugs;
- `automation` is in rooms, and the rooms below the run path (`output`, `browser`,
  `codes`) never reach up into it (`run`) or into the command line (`cli`);
- no module reaches itself through others: no import circle anywhere."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("automation", "flows", "mock_site")
FORBIDDEN = {
    "flows": {"automation", "mock_site"},
    "mock_site": {"automation", "flows"},
    "automation.output": {"automation.run", "automation.cli"},
    "automation.browser": {"automation.run", "automation.cli"},
    "automation.codes": {"automation.run", "automation.cli"},
}
ROOMS = {"cli", "init", "config", "run", "codes", "browser", "output"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module name this file imports, `from a import b` counted as `a.b` too (b may
    be a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def graph() -> dict[str, set[str]]:
    """Our modules, each with the modules of ours it imports."""
    files = {module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}
    return {name: {m for m in imports_of(path) if m in files and m != name}
            for name, path in files.items()}  # fmt: skip


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(edges[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer: str) -> None:
    edges = graph()
    mine = [name for name in edges if within(name, layer)]
    assert mine, f"no module found in {layer}"
    wrong = {
        name: sorted(m for m in edges[name] if any(within(m, f) for f in FORBIDDEN[layer]))
        for name in mine
    }
    assert {name: found for name, found in wrong.items() if found} == {}


def test_no_module_reaches_itself_through_others() -> None:
    assert circles(graph()) == []


def test_the_runtime_is_in_rooms_each_saying_what_lives_there() -> None:
    rooms = {p.parent.name for p in (ROOT / "automation").glob("*/__init__.py")}
    assert rooms == {*ROOMS, "messages"}  # and the catalogue every room speaks from
    loose = {p.name for p in (ROOT / "automation").glob("*.py")}
    assert loose == {"__init__.py", "__main__.py"}
    for room in (*ROOMS, "messages"):
        said = ast.get_docstring(
            ast.parse((ROOT / "automation" / room / "__init__.py").read_text())
        )
        assert said and len(said.splitlines()) <= 3, room


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for package in (*PACKAGES, "scripts")
        for path in (ROOT / package).rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


def test_the_checks_see_a_lazy_import_and_a_circle(tmp_path: Path) -> None:
    module = tmp_path / "lazy.py"
    module.write_text("def f():\n    from automation import messages\n    return messages\n")
    assert "automation.messages" in imports_of(module)
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


# What issue 19 found defined more than once, each with the one module allowed to say it
# (the mock keeps its own on purpose: it must not share the robot's definitions).
ONE_DEFINITION = {
    r"timedelta\(weeks=6\)": "flows/member.py",  # six weeks
    r"0o[67]00": "automation/output/private.py",  # private files and folders
    r"\(\"nir\", \"card_serial\", \"code\", \"password\"\)": "flows/member.py",  # secrets
    r"\"already_opposed\", \"closed\"": "flows/outcome.py",  # achieved
    r"def is_loopback\(": "flows/site_family.py",  # this machine
    r"\"maildir\", \"command\"": "automation/codes/source.py",  # the --code-from syntax
}


@pytest.mark.parametrize("shape", sorted(ONE_DEFINITION))
def test_each_of_these_is_defined_once(shape: str) -> None:
    import re

    found = sorted(
        str(path.relative_to(ROOT))
        for package in ("automation", "flows")
        for path in (ROOT / package).rglob("*.py")
        if re.search(shape, path.read_text(encoding="utf-8"))
    )
    allowed = {ONE_DEFINITION[shape], "automation/output/lock.py"} if "0o" in shape else {
        ONE_DEFINITION[shape]}  # fmt: skip
    assert found and set(found) <= allowed, found
