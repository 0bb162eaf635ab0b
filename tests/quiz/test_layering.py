"""The quiz package has no import cycle: each module imports only the modules listed above it in
the package docstring (the layering is written once, there), and every module is listed."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import bonemets.quiz

PACKAGE = Path(bonemets.quiz.__file__).parent


def _order() -> list[str]:
    return re.findall(r"^\* :mod:`\.(\w+)`", bonemets.quiz.__doc__ or "", flags=re.M)


def _imports(module: str) -> set[str]:
    """Sibling modules ``module`` imports (``from .x import``, ``from . import x``), at any depth
    of the file (a function-level import is still an import)."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                out.add(node.module.split(".")[0])
            else:
                out.update(a.name for a in node.names)
    return out


def test_every_module_is_listed_once() -> None:
    order = _order()
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert sorted(order) == sorted(modules), (order, modules)


def test_each_module_imports_only_modules_above_it() -> None:
    order = _order()
    for i, module in enumerate(order):
        below = _imports(module) - set(order[:i])
        assert not below, f"bonemets.quiz.{module} imports {sorted(below)}, listed below it"


def test_the_old_cycle_is_gone() -> None:
    """quiz.io (reading) no longer reaches into quiz.build (it did, lazily, for the answers)."""
    assert "build" not in _imports("io") and "bank" not in _imports("io")
