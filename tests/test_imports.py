"""The engine's import graph (read with ``ast``, nothing imported): no cycles, and the layers in
order, so the patient model stays below the pathway and the case tools.

Every ``import`` counts, also those inside functions and under ``TYPE_CHECKING``: a lazy import
that hides a cycle is still a cycle.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
ENGINE = "bonemets"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted((SRC / ENGINE).rglob("*.py"))}


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The engine modules ``name`` imports (a ``from X import y`` is module ``X.y`` if it is one,
    else ``X``)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            targets = [
                f"{stem}.{a.name}" if f"{stem}.{a.name}" in modules else stem for a in node.names
            ]
        else:
            continue
        out.update(t for t in targets if t in modules and t != name)
    return out


@functools.cache
def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _package_of(module: str) -> str:
    """``bonemets.cases.inputs.sins`` -> ``cases``; a top-level module is its own package."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "(bonemets)"


def _reachable(graph: dict[str, set[str]], start: list[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(start)
    while todo:
        m = todo.pop()
        if m not in seen:
            seen.add(m)
            todo.extend(graph.get(m, ()))
    return seen


def test_the_graph_is_read() -> None:
    graph = _graph()
    assert "bonemets.patient.model" in graph["bonemets.patient"]
    assert "bonemets.patient" in graph["bonemets.pathway.rules"]
    assert "bonemets.cases.inputs" in graph["bonemets.cases.evaluate"]


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_between_engine_modules() -> None:
    assert _cycles(_graph()) == []


def _package_graph() -> dict[str, set[str]]:
    packages: dict[str, set[str]] = {}
    for module, targets in _graph().items():
        packages.setdefault(_package_of(module), set()).update(
            _package_of(t) for t in targets if _package_of(t) != _package_of(module)
        )
    return packages


def test_the_patient_model_and_the_case_tools_are_in_no_package_cycle() -> None:
    """``cases`` and ``pathway`` were a package cycle through the patient model (review F2)."""
    cycles = _cycles(_package_graph())
    assert [c for c in cycles if {"patient", "cases"} & set(c)] == []


@pytest.mark.parametrize("above", ["pathway", "cases", "quiz", "commands"])
def test_the_patient_model_sits_below(above: str) -> None:
    graph = _graph()
    patient = [m for m in graph if _package_of(m) == "patient"]
    reached = {_package_of(m) for m in _reachable(graph, patient)}
    assert above not in reached
    users = {
        _package_of(m)
        for m, targets in graph.items()
        if any(_package_of(t) == "patient" for t in targets)
    }
    assert {"pathway", "cases"} <= users
