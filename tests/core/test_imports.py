"""tonkoll's modules import each other in one direction only: no cycle, not even through imports
made for the type checker, inside functions or by a package's __init__ (importing a.b.c runs
a/b/__init__.py first). rulebook.loader -> engine.plan, never back."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _module(file: Path) -> str:
    parts = file.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _packages(module: str) -> list[str]:
    """The packages whose __init__ runs before ``module``: a.b.c -> [a, a.b]."""
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _imports(tree: ast.Module, files: dict[str, Path]) -> tuple[set[str], set[str]]:
    """(every module imported, those imported only for the type checker)."""
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
    found: set[str] = set()
    for_types: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module:
            base = node.module
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in files else base
                     for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        (for_types if id(node) in typing_only else found).update(names)
    return found, for_types - found


def import_graph() -> dict[str, set[str]]:
    files = {_module(f): f for f in (ROOT / "tonkoll").rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, file in files.items():
        found, for_types = _imports(ast.parse(file.read_text(encoding="utf-8")), files)
        for imported in list(found):  # a package this module is not inside of runs first
            found.update(p for p in _packages(imported) if not name.startswith(p + "."))
        graph[name] = {m for m in found | for_types if m in files and m != name}
    return graph


def test_no_import_cycles() -> None:
    graph = import_graph()
    assert "tonkoll.engine.plan" in graph["tonkoll.rulebook.loader"]
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as exc:
        raise AssertionError(f"import cycle: {' -> '.join(exc.args[1])}") from None


def test_the_engine_never_imports_the_loader() -> None:
    graph = import_graph()
    assert all("tonkoll.rulebook.loader" not in deps
               for name, deps in graph.items() if name.startswith("tonkoll.engine"))
