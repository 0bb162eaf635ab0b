"""A tiny Sphinx project with the coursebook extension, built in a test's temporary folder."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).resolve().parents[2]


def build_project(tmp_path: Path, index_rst: str) -> tuple[str, str]:
    """Build a project whose ``index.rst`` is ``index_rst``; return (raw HTML, warnings)."""
    src = tmp_path / "src"
    (src / "chapters").mkdir(parents=True)
    (src / "references").mkdir()
    shutil.copy(ROOT / "chapters" / "objectives.yaml", src / "chapters" / "objectives.yaml")
    shutil.copy(ROOT / "references" / "engine.bib", src / "references" / "engine.bib")
    (src / "conf.py").write_text(
        "extensions = ['coursebook']\nbibtex_bibfiles = ['references/engine.bib']\n"
        "html_theme = 'basic'\n"
    )
    (src / "index.rst").write_text(index_rst)
    warnings = io.StringIO()
    app = SphinxTestApp("html", srcdir=src, status=io.StringIO(), warning=warnings, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    raw = (src / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    return raw, warnings.getvalue()
