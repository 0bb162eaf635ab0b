"""The engine runs with only the dependencies ``pyproject.toml`` declares (review finding F7).

A ``pip install`` of the course gives ``[project].dependencies`` and what they require, nothing
else; the test environment has far more (Jupyter, altair, pytest...), so an undeclared import would
pass every other test. Here a fresh interpreter refuses to import any top-level module that is not
the standard library, ``bonemets`` or a module of a declared distribution (or of a distribution
those require), then imports every module under ``src/bonemets`` and runs ``bonemets validate`` and
``bonemets quiz stats`` on the course. A control run, with one declared module taken away, must fail:
so the blocker does block.
"""

from __future__ import annotations

import functools
import importlib.metadata as md
import json
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import importlib, importlib.abc, importlib.machinery, json, pkgutil, sys

ALLOWED = set(json.loads(sys.argv[1]))
ROOT = sys.argv[2]


def installed(name, path):
    # True for a module that pip installed (site-packages), not the standard library one
    spec = importlib.machinery.PathFinder.find_spec(name, path)
    origin = (spec.origin or "") if spec is not None else ""
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    return any("-packages" in p for p in [origin, *locations])


class Undeclared(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top == "bonemets" or top in ALLOWED or top in sys.stdlib_module_names:
            return None
        if "." not in name and not installed(name, path):
            return None  # the interpreter's own modules (_sysconfigdata_..., ...)
        raise ModuleNotFoundError(f"{name} is not a declared dependency", name=name)


sys.meta_path.insert(0, Undeclared())

import bonemets

for mod in pkgutil.walk_packages(bonemets.__path__, "bonemets."):
    importlib.import_module(mod.name)

from bonemets.cli import main

code = main(["validate", f"{ROOT}/cases/data", f"{ROOT}/quizzes"])
code = code or main(["quiz", "--root", ROOT, "stats"])
sys.exit(code)
"""


@functools.cache
def _installed() -> dict[str, list[str]]:
    """Top-level name -> distributions: one scan of the environment (each scan reads every
    installed distribution's file list), not one per declared distribution."""
    return md.packages_distributions()


def _top_level(dist: str) -> set[str]:
    """The importable top-level names a distribution installs."""
    return {
        top
        for top, dists in _installed().items()
        if any(d.lower().replace("_", "-") == dist.lower().replace("_", "-") for d in dists)
    }


@functools.cache
def _declared() -> frozenset[str]:
    return frozenset(declared_modules_uncached())


def declared_modules() -> set[str]:
    """Top-level modules of the declared dependencies and of everything they require (computed
    once per run: the environment does not change during it)."""
    return set(_declared())


def declared_modules_uncached() -> set[str]:
    """Top-level modules of the declared dependencies and of everything they require."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    todo = [Requirement(r) for r in project["dependencies"]]
    seen: set[str] = set()
    while todo:
        req = todo.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        if req.name.lower() in seen:
            continue
        seen.add(req.name.lower())
        todo.extend(Requirement(r) for r in md.requires(req.name) or [])
    return {top for dist in seen for top in _top_level(dist)}


def _run(allowed: set[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(sorted(allowed)), str(ROOT)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=300,
    )


def test_declared_set_is_what_the_engine_needs() -> None:
    allowed = declared_modules()
    # pydantic (and its own requirements), pyyaml, markdown-it-py, mdit-py-plugins
    assert {"pydantic", "pydantic_core", "yaml", "markdown_it", "mdit_py_plugins"} <= allowed
    assert not allowed & {"IPython", "ipywidgets", "altair", "sphinx", "pytest", "nbformat"}


def test_engine_imports_and_validates_with_declared_dependencies_only() -> None:
    out = _run(declared_modules())
    assert out.returncode == 0, out.stderr[-3000:]
    assert " files valid\n" in out.stdout and "items: " in out.stdout, out.stdout[-2000:]


def test_blocker_catches_an_undeclared_import() -> None:
    """Control: without markdown-it-py declared, importing the quiz renderer fails."""
    out = _run(declared_modules() - {"markdown_it"})
    assert out.returncode != 0
    assert "ModuleNotFoundError: markdown_it is not a declared dependency" in out.stderr, (
        out.stderr[-2000:]
    )
