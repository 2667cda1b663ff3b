"""The package's import graph has no circle, counting imports inside functions too.

Imports under ``if TYPE_CHECKING:`` are left out: they never run. Everything else counts, at
module level or inside a function, since a function-level import that closes a circle only
hides it until the function runs. The graph is read from the source with :mod:`ast`, so the
test needs nothing imported.
"""

from __future__ import annotations

import ast
from pathlib import Path

import phare

PACKAGE = Path(phare.__file__).parent


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(module: str, tree: ast.AST) -> set[str]:
    """The phare modules *module* imports when it runs, wherever the import statement is."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("phare"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("phare"):
            found.add(node.module)
            # ``from phare import citation`` imports the module phare.citation
            found.update(
                f"{node.module}.{a.name}"
                for a in node.names
                if (PACKAGE / f"{a.name}.py").exists() and node.module == "phare"
            )
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    found.discard(module)
    # importing a submodule runs the package's __init__, which imports only phare.errors
    found.discard("phare")
    return found


def import_graph() -> dict[str, set[str]]:
    """Every module of the package, with the modules of the package it imports."""
    graph = {}
    for path in sorted(PACKAGE.glob("*.py")):
        name = "phare" if path.stem == "__init__" else f"phare.{path.stem}"
        graph[name] = _imported(name, ast.parse(path.read_text(encoding="utf-8")))
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each circle found by a depth-first walk, as the path that closes it."""
    found: list[list[str]] = []
    state: dict[str, str] = {}

    def walk(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                walk(nxt, [*path, nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            walk(node, [node])
    return found


def test_the_package_imports_without_a_circle() -> None:
    graph = import_graph()
    assert "phare.dataset" in graph["phare.plot"]  # the reader does see imports
    assert circles(graph) == []


def test_the_records_import_nothing_that_imports_them() -> None:
    graph = import_graph()
    reached: set[str] = set()
    todo = ["phare.model"]
    while todo:
        for nxt in graph[todo.pop()] - reached:
            reached.add(nxt)
            todo.append(nxt)
    assert "phare.model" not in reached
    leaves = {
        "phare.formatting",
        "phare.vocabulary",
        "phare._metadata",
        "phare._names",
        "phare.errors",
    }
    assert reached <= {"phare.citation", "phare.display", "phare.frame"} | leaves


def test_the_circle_finder_finds_a_circle() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert circles({"a": {"b"}, "b": set()}) == []
