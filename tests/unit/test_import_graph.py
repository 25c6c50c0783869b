"""The packages' import graph: no cycle anywhere, and no import hidden in a function to dodge one."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp

PACKAGES = ("tui", "widgets", "sessions", "agendas")
ROOT = Path(__file__).resolve().parents[2]
LAZY_MARK = "# lazy: start-up"


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every group of modules that import each other, directly or round a loop (Tarjan)."""
    modules = sorted(graph.modules)
    known = set(modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m) & known) for m in modules}
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        on_stack.add(module)
        for target in edges[module]:
            if target not in order:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], order[target])
        if low[module] == order[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1 or module in edges[module]:
                cycles.append(sorted(group))

    for module in modules:
        if module not in order:
            visit(module)
    return cycles


def test_no_import_cycle_among_the_packages():
    # Imports for type checking only count too: they are the next runtime import waiting to happen.
    graph = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=False)
    assert import_cycles(graph) == []


def test_the_cycle_finder_sees_a_loop():
    graph = grimp.ImportGraph()
    for name in ("a", "b", "c", "d"):
        graph.add_module(name)
    graph.add_import(importer="a", imported="b")
    graph.add_import(importer="b", imported="c")
    graph.add_import(importer="c", imported="a")
    graph.add_import(importer="c", imported="d")
    assert import_cycles(graph) == [["a", "b", "c"]]


def function_level_imports(source: str) -> list[tuple[int, str]]:
    """Imports inside a function body not marked as deferred for start-up speed."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Import | ast.ImportFrom):
                line = lines[inner.lineno - 1]
                if LAZY_MARK not in line:
                    found.append((inner.lineno, line.strip()))
    return found


def test_no_function_level_import_in_tui_but_for_start_up():
    hidden = [
        f"{path.relative_to(ROOT)}:{lineno}: {line}"
        for path in sorted((ROOT / "tui").rglob("*.py"))
        for lineno, line in function_level_imports(path.read_text(encoding="utf-8"))
    ]
    assert hidden == []


def test_the_import_finder_sees_a_hidden_import_and_honours_the_mark():
    source = (
        "def f():\n"
        "    from tui.app import make_app\n"
        "    import json  # lazy: start-up\n"
        "    return make_app\n"
    )
    assert function_level_imports(source) == [(2, "from tui.app import make_app")]
