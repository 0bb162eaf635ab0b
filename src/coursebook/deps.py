"""Rebuild pages when the engine changes.

Pages that show engine values (``{fact}``, ``{points-table}``, ``{chart}``, ``{objectives}``) depend
on Python and YAML files that Sphinx does not know about. Noting them as dependencies makes an
incremental build re-read exactly those pages when an engine file changes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sphinx.environment import BuildEnvironment

__all__ = ["engine_files", "note_engine_dependency", "note_file_dependency"]


@cache
def engine_files() -> tuple[str, ...]:
    """Every source file of the ``bonemets`` package (Python and data)."""
    import bonemets

    root = Path(bonemets.__file__).resolve().parent
    files = [p for p in root.rglob("*") if p.suffix in {".py", ".yaml", ".yml", ".json"}]
    return tuple(sorted(str(p) for p in files if "__pycache__" not in p.parts))


def note_engine_dependency(env: BuildEnvironment) -> None:
    """Mark the current page as depending on every engine file."""
    for f in engine_files():
        env.note_dependency(f)


def note_file_dependency(env: BuildEnvironment, path: str | Path) -> None:
    """Mark the current page as depending on one more file (if it exists)."""
    p = Path(path)
    if p.is_file():
        env.note_dependency(str(p.resolve()))
