"""Three pinned, hashed dependency sets, and everything imported is declared in the right one.

* runtime (``requirements/runtime.txt``): the engine, compiled from pyproject.toml's ``[project]``
  dependencies; ``src/bonemets`` imports nothing else.
* live (``requirements/live.txt``, copied to ``binder/requirements.txt``): a learner's JupyterLab
  (case notebooks, widgets, charts, the widget quiz); ``src/widgets`` and ``src/charts`` import
  nothing outside it.
* dev (``requirements/dev.txt``): the live set plus the book build, tests, browser, lint, types;
  ``./course setup`` installs it. Everything else (``src/coursebook``, tests, benchmarks) imports
  nothing outside it.

Each set is checked like ``pip check`` without installing it: every requirement (with its markers
for Python 3.11 on Linux, and the extras asked for) of every pinned package is met by a pin of the
same set. The metadata comes from the development environment, which holds the same versions.
"""

from __future__ import annotations

import ast
import importlib.metadata as md
import re
import sys
import tomllib
from functools import cache
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
REQ = ROOT / "requirements"
LOCKS = ("runtime", "live", "dev", "uv", "lite", "lite-build")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
#: Python 3.11 on Linux: where the locks are installed (``--python-version 3.11.7``).
ENVIRONMENT = {
    **default_environment(),
    "python_version": "3.11",
    "python_full_version": "3.11.7",
    "sys_platform": "linux",
    "platform_system": "Linux",
    "os_name": "posix",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
}


def lock_entries(path: Path) -> list[list[str]]:
    """The entries of a lock file: [``name==version``, ``--hash=...``, ...] each."""
    text = path.read_text().replace("\\\n", " ")
    return [
        line.split("#", 1)[0].split()
        for line in text.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]


@cache
def pins(name: str) -> dict[str, str]:
    """{canonical name: version} of ``requirements/<name>.txt``."""
    out = {}
    for words in lock_entries(REQ / f"{name}.txt"):
        pkg, version = words[0].split("==")
        out[canonicalize_name(pkg)] = version
    return out


def in_file(path: Path) -> set[str]:
    """The direct requirements of a ``.in`` file (following ``-r``), as canonical names."""
    out: set[str] = set()
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r "):
            out |= in_file(path.parent / line[3:].strip())
        elif not line.startswith("-"):
            out.add(canonicalize_name(Requirement(line).name))
    return out


def runtime_declared() -> set[str]:
    return {canonicalize_name(Requirement(r).name) for r in PYPROJECT["project"]["dependencies"]}


def declared(name: str) -> set[str]:
    """What code checked against set ``name`` may import (direct requirements only)."""
    if name == "runtime":
        return runtime_declared()
    if name == "live":
        return runtime_declared() | in_file(REQ / "live.in")
    return declared("live") | in_file(REQ / "dev.in")


# --- the lock files ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", LOCKS)
def test_every_dependency_is_pinned_with_hashes(name: str) -> None:
    entries = lock_entries(REQ / f"{name}.txt")
    assert entries
    for words in entries:
        assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[A-Za-z0-9_.+\-]+", words[0]), words
        hashes = words[1:]
        assert hashes and all(re.fullmatch(r"--hash=sha256:[0-9a-f]{64}", h) for h in hashes), words
    header = (REQ / f"{name}.txt").read_text().splitlines()[1]
    assert "uv pip compile" in header and "--generate-hashes" in header, header
    assert f"-o requirements/{name}.txt" in header, header


def test_the_sets_nest_with_the_same_versions() -> None:
    """runtime within live within dev, each package at one version everywhere."""
    for small, big in (("runtime", "live"), ("live", "dev")):
        missing = {k: v for k, v in pins(small).items() if pins(big).get(k) != v}
        assert not missing, f"{small} pins not in {big} at the same version: {missing}"
    assert pins("uv").items() <= pins("dev").items()


def test_the_runtime_set_is_the_engine_and_nothing_else() -> None:
    """runtime.txt is compiled from pyproject.toml: its direct requirements and their closure."""
    header = (REQ / "runtime.txt").read_text().splitlines()[1]
    assert "uv pip compile" in header and " pyproject.toml " in header, header
    assert closure("runtime", runtime_declared()) == set(pins("runtime"))


def test_live_set_is_what_a_learner_needs() -> None:
    live = set(pins("live"))
    assert {"jupyterlab", "notebook", "ipywidgets", "altair", "ipykernel", "pydantic"} <= live
    # nothing of the book build, the tests or the tools
    for dev_only in ("jupyter-book", "sphinx", "pytest", "playwright", "ruff", "mypy", "uv"):
        assert dev_only not in live, dev_only
    assert (ROOT / "binder" / "requirements.txt").read_text() == (REQ / "live.txt").read_text(), (
        "binder/requirements.txt must be a copy of requirements/live.txt: run ./course lock"
    )


def test_every_set_is_installable_without_conflicts() -> None:
    """``pip check`` of each lock, from package metadata: every requirement of every pinned
    package (markers for Python 3.11 / Linux, extras followed) is met by a pin of that set."""
    for name in ("runtime", "live", "dev"):
        problems = conflicts(name)
        assert not problems, f"requirements/{name}.txt:\n" + "\n".join(problems)


def installed_requirements(dist: str, extras: frozenset[str]) -> list[Requirement]:
    meta = md.metadata(dist)
    out = []
    for text in meta.get_all("Requires-Dist") or []:
        req = Requirement(text)
        if req.marker is None:
            out.append(req)
            continue
        for extra in extras or {""}:
            if req.marker.evaluate({**ENVIRONMENT, "extra": extra}):
                out.append(req)
                break
    return out


def _walk(name: str, roots: set[str]) -> tuple[set[str], list[str]]:
    locked = pins(name)
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [(r, frozenset[str]()) for r in roots]
    reached: set[str] = set()
    problems: list[str] = []
    while todo:
        dist, extras = todo.pop()
        if (dist, extras) in seen:
            continue
        seen.add((dist, extras))
        reached.add(dist)
        installed = md.version(dist)
        if installed != locked.get(dist):
            problems.append(f"{dist}: locked {locked.get(dist)}, installed {installed}")
            continue
        for req in installed_requirements(dist, extras):
            dep = canonicalize_name(req.name)
            if dep not in locked:
                problems.append(f"{dist} {locked[dist]} needs {req}: not in the set")
            elif not req.specifier.contains(locked[dep], prereleases=True):
                problems.append(f"{dist} {locked[dist]} needs {req}, the set has {locked[dep]}")
            else:
                todo.append((dep, frozenset(req.extras)))
    return reached, problems


def closure(name: str, roots: set[str]) -> set[str]:
    reached, problems = _walk(name, roots)
    assert not problems, problems
    return reached


def conflicts(name: str) -> list[str]:
    return _walk(name, set(pins(name)))[1]


# --- everything imported is declared -------------------------------------------------------------
FIRST_PARTY = {p.name for p in (ROOT / "src").iterdir() if (p / "__init__.py").exists()}
LOCAL = {p.stem for p in (ROOT / "tests").rglob("*.py")} | {
    p.name for p in (ROOT / "tests").rglob("*") if (p / "__init__.py").exists()
}
#: Which set each part of the repository must import from.
PARTS = {
    "src/bonemets": "runtime",
    "src/widgets": "live",
    "src/charts": "live",
}
ELSEWHERE = ("src", "tests", "benchmarks")


def third_party_imports(files: list[Path]) -> dict[str, str]:
    """{top-level module: first file importing it} for absolute imports of other projects."""
    out: dict[str, str] = {}
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for top in {n.split(".")[0] for n in names}:
                if top in sys.stdlib_module_names or top in FIRST_PARTY or top in LOCAL:
                    continue
                out.setdefault(top, str(path.relative_to(ROOT)))
    return out


def files_of(part: str) -> list[Path]:
    if part in PARTS:
        return sorted((ROOT / part).rglob("*.py"))
    return sorted(
        p
        for top in ELSEWHERE
        for p in (ROOT / top).rglob("*.py")
        if not any(p.is_relative_to(ROOT / q) for q in PARTS)
        and "vendor" not in p.parts
        and "egg-info" not in str(p)
    )


@pytest.mark.parametrize("part", [*PARTS, "everything else"])
def test_everything_imported_is_declared(part: str) -> None:
    files = files_of(part)
    if part in PARTS and not (ROOT / part).exists():
        pytest.fail(f"{part} is gone: update PARTS in this test")
    assert files, part
    which = PARTS.get(part, "dev")
    allowed = declared(which)
    distributions = md.packages_distributions()
    bad = []
    for module, where in sorted(third_party_imports(files).items()):
        dists = {canonicalize_name(d) for d in distributions.get(module, [])}
        if not dists & allowed:
            bad.append(f"{where} imports {module} ({', '.join(sorted(dists)) or 'not installed'})")
    assert not bad, f"not declared in the {which} set:\n" + "\n".join(bad)
