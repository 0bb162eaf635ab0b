"""coursebook: the Sphinx extension of "Bone Metastases: an interactive course".

Added to the book in ``_config.yml`` (``sphinx: extra_extensions: [coursebook]``). It provides

* role ``{fact}`dotted.path``` -- an engine value as text (:mod:`coursebook.facts`);
* directive ``{points-table} NAME`` -- an engine calculator's table (:mod:`coursebook.tables`);
* directive ``{chart} module.path:function`` -- an altair chart, offline (:mod:`coursebook.charts`);
* directive ``{objectives} CHAPTER_ID`` -- learning objectives (:mod:`coursebook.objectives`);
* directive ``{guidelines}`` and front matter ``last_reviewed:`` -- currency (:mod:`coursebook.currency`);
* the "Educational use only, not clinical advice." notice (``bonemets.NOTICE``) on every page;
* every ``references/*.bib`` file in ``bibtex_bibfiles`` (:mod:`coursebook.bib` writes engine.bib);
* its own CSS (``coursebook/static/coursebook.css``).

Hook points: the modules :mod:`coursebook.calculators` (``{calculator} NAME``) and
:mod:`coursebook.quiz` (``{quiz} CHAPTER_ID``) are written by other engineers. If such a module
exists and defines ``setup(app)``, :func:`setup` calls it; nothing else needs editing. Each may
return nothing or a dict; a missing module is skipped silently, an import error fails loudly.
"""

from __future__ import annotations

import hashlib
import html
import importlib
import importlib.util
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

import bonemets

from . import currency, objectives
from .charts import ChartDirective
from .facts import FactRole
from .tables import PointsTableDirective

__all__ = ["HOOK_MODULES", "notice_html", "setup"]

__version__ = "0.1.0"

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"

#: Themes with an announcement banner (pydata-sphinx-theme and its children).
BANNER_THEMES = ("sphinx_book_theme", "pydata_sphinx_theme")

#: Optional modules owned by other engineers; each is set up if present.
HOOK_MODULES = ("coursebook.calculators", "coursebook.quiz")


def notice_html() -> str:
    """The notice as the HTML of the site-wide banner."""
    return f'<p class="bm-notice" role="note"><strong>{html.escape(bonemets.NOTICE)}</strong></p>'


def _config_inited(app: Sphinx, config: Config) -> None:
    # The notice goes in the theme's announcement banner: server-rendered at the top of every page,
    # including search and the index. Anything already announced follows it.
    theme_options: dict[str, Any] = dict(config.html_theme_options or {})
    if getattr(config, "html_theme", "") in BANNER_THEMES:
        existing = theme_options.get("announcement") or ""
        if bonemets.NOTICE not in existing:
            theme_options["announcement"] = notice_html() + (f" {existing}" if existing else "")
    config.html_theme_options = theme_options
    # pydata-sphinx-theme logs a console error for an empty colour mode; say "auto" explicitly.
    html_context: dict[str, Any] = dict(config.html_context or {})
    html_context.setdefault("default_mode", "auto")
    config.html_context = html_context

    # The course's layout template (a storage guard before the theme's own <head> script).
    templates = list(getattr(config, "templates_path", None) or [])
    if str(TEMPLATES) not in templates:
        templates.insert(0, str(TEMPLATES))
    config.templates_path = templates

    # Static files of the extension (CSS), beside the vendored JavaScript.
    static = list(config.html_static_path or [])
    if str(STATIC) not in static:
        static.append(str(STATIC))
    config.html_static_path = static

    # Every references/*.bib file, whatever _config.yml lists (sorted; engine.bib first).
    refs = Path(app.srcdir) / "references"
    listed = list(config.bibtex_bibfiles or []) if "bibtex_bibfiles" in config else []
    if refs.is_dir() and "bibtex_bibfiles" in config:
        found = sorted(refs.glob("*.bib"), key=lambda p: (p.name != "engine.bib", p.name))
        for p in found:
            rel = p.relative_to(app.srcdir).as_posix()
            if rel not in listed:
                listed.append(rel)
        config.bibtex_bibfiles = listed


def _drop_thebe(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Remove sphinx-thebe's files from every page: the book has no live kernel (thebe is off), and
    its inline config names a CDN (unpkg) that nothing on the site may reach."""

    def keep(asset: Any) -> bool:
        name = str(getattr(asset, "filename", asset) or "")
        body = str(getattr(asset, "attributes", {}).get("body", "") or "")
        return "thebe" not in name and "THEBE_JS_URL" not in body

    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [a for a in context[key] if keep(a)]


def _setup_hooks(app: Sphinx) -> list[str]:
    """Call ``setup(app)`` of each hook module that exists. Returns the modules set up."""
    done = []
    for name in HOOK_MODULES:
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        hook = getattr(module, "setup", None)
        if callable(hook):
            hook(app)
            done.append(name)
    return done


def env_version() -> int:
    """A number that changes whenever a file of this package changes (hook modules and static
    files included). Sphinx re-reads and rewrites every page when an extension's ``env_version``
    changes, so a changed directive, script or stylesheet reaches pages that did not change."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for p in sorted(here.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            digest.update(p.relative_to(here).as_posix().encode())
            digest.update(p.read_bytes())
    return int(digest.hexdigest()[:8], 16)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register roles, directives, the notice, bibliography files and hook modules."""
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_role("fact", FactRole())
    app.add_directive("points-table", PointsTableDirective)
    app.add_directive("chart", ChartDirective)
    objectives.setup(app)
    currency.setup(app)
    # After sphinxcontrib.bibtex's own config-inited handlers read nothing yet (priority < 500).
    app.connect("config-inited", _config_inited, priority=400)
    app.add_css_file("coursebook.css")
    app.add_js_file("coursebook-a11y.js", loading_method="defer")
    app.connect("html-page-context", _drop_thebe)
    _setup_hooks(app)
    return {
        "version": __version__,
        "env_version": env_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
