"""coursebook: the Sphinx extension of "Bone Metastases: an interactive course".

Added to the book in ``_config.yml`` (``sphinx: extra_extensions: [coursebook]``). It provides

* role ``{fact}`dotted.path``` -- an engine value as text (:mod:`coursebook.facts`);
* directive ``{points-table} NAME`` -- an engine calculator's table (:mod:`coursebook.tables`);
* directive ``{chart} module.path:function`` -- an altair chart, offline (:mod:`coursebook.charts`);
* directive ``{objectives} CHAPTER_ID`` -- learning objectives (:mod:`coursebook.objectives`);
* directive ``{guidelines}`` and front matter ``last_reviewed:`` -- currency (:mod:`coursebook.currency`);
* the "Educational use only, not clinical advice." notice (``bonemets.NOTICE``) on every page;
* every ``references/*.bib`` file in ``bibtex_bibfiles`` (:mod:`coursebook.bib` writes engine.bib);
* directives ``{calculator} NAME`` and friends (:mod:`coursebook.calculators`) and
  ``{quiz} CHAPTER_ID`` and ``{quiz-review}`` (:mod:`coursebook.quiz`);
* directive ``{case} ID`` (:mod:`coursebook.casepage`): a case's page, predict then reveal, live
  on request;
* its static folder (``coursebook/static/``: CSS, the calculators' and the quiz's scripts), added
  once, and one page-asset hook: every page drops sphinx-thebe's files, and a page gets the
  calculator or quiz script only if it holds one (each part says so: ``needs_assets``).

:func:`setup` calls each part's ``setup`` explicitly. The case notebooks are generated and
executed by :mod:`coursebook.notebooks` (``./course execute``), which the extension does not load.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

import bonemets

from . import (
    assets,
    calculators,
    casepage,
    currency,
    exports,
    live,
    objectives,
    pybtex_plugins,
    quiz,
)
from .charts import ChartDirective
from .facts import FactRole
from .tables import PointsTableDirective

__all__ = ["PAGE_ASSETS", "memoise_english_stemmer", "notice_html", "setup"]

__version__ = "0.1.0"

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"

#: Themes with an announcement banner (pydata-sphinx-theme and its children).
BANNER_THEMES = ("sphinx_book_theme", "pydata_sphinx_theme")

#: Per-page assets: (does this page need them?, script, style sheet), paths inside ``static/``.
PAGE_ASSETS: tuple[tuple[Callable[[Sphinx, str, dict[str, Any]], bool], str, str], ...] = (
    (calculators.needs_assets, calculators.JS, calculators.CSS),
    (quiz.needs_assets, quiz.JS, quiz.CSS),
    (casepage.needs_assets, casepage.JS, casepage.CSS),
)


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

    # Static files of the extension (CSS, calculators, quiz), beside the vendored JavaScript.
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


def _is_thebe(asset: Any) -> bool:
    name = str(getattr(asset, "filename", asset) or "")
    body = str(getattr(asset, "attributes", {}).get("body", "") or "")
    return "thebe" in name or "THEBE_JS_URL" in body


def _page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The one page-asset hook. Drops sphinx-thebe's files from every page (the book has no live
    kernel, thebe is off, and its inline config names a CDN, unpkg, that nothing on the site may
    reach), then adds each part's script and style sheet to the pages that need them.

    The page's lists are the builder's own (Sphinx restores them after each page), so they are
    filtered in place: anything added to them later, by ``app.add_js_file``, still reaches the page.
    """
    for key in ("script_files", "css_files"):
        files = context.get(key)
        if isinstance(files, list):
            files[:] = [a for a in files if not _is_thebe(a)]
    assets.select(app, pagename, context)  # drop what the page does not use (coursebook.assets)
    for needs, js, css in PAGE_ASSETS:
        if needs(app, pagename, context):
            app.add_js_file(js, loading_method="defer")
            app.add_css_file(css)


def env_version() -> int:
    """A number that changes whenever a file of the extension changes (static files included;
    not ``notebooks.py``, which the extension does not load). Sphinx re-reads and rewrites every
    page when an extension's ``env_version`` changes, so a changed directive, script or
    stylesheet reaches pages that did not change."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for p in sorted(here.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts and p.name != "notebooks.py":
            digest.update(p.relative_to(here).as_posix().encode())
            digest.update(p.read_bytes())
    return int(digest.hexdigest()[:8], 16)


def memoise_english_stemmer() -> None:
    """Stem each word once per build instead of once per page.

    Sphinx's search index stems every distinct word of every page with the Porter stemmer
    (``sphinx.search.en.SearchEnglish.stem``, memoised per page by Sphinx): 44,000 stemmings of far
    fewer words in one build of the book. A stem is a pure function of the word, so the results
    are kept per word across pages; the index is unchanged. Once per process."""
    from sphinx.search.en import SearchEnglish

    original = SearchEnglish.stem
    if getattr(original, "_bm_memoised", False):
        return
    stems: dict[str, str] = {}

    def stem(self: SearchEnglish, word: str) -> str:
        found = stems.get(word)
        if found is None:
            found = stems[word] = original(self, word)
        return found

    stem._bm_memoised = True  # type: ignore[attr-defined]
    stem._bm_original = original  # type: ignore[attr-defined]
    SearchEnglish.stem = stem  # type: ignore[method-assign]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register roles, directives, the notice, bibliography files, static files and page assets."""
    app.setup_extension("sphinxcontrib.bibtex")
    pybtex_plugins.setup()  # pybtex reads every distribution's entry points per citation: once
    memoise_english_stemmer()
    app.add_role("fact", FactRole())
    app.add_directive("points-table", PointsTableDirective)
    app.add_directive("chart", ChartDirective)
    objectives.setup(app)
    currency.setup(app)
    calculators.setup(app)
    quiz.setup(app)
    assets.setup(app)
    exports.setup(app)  # the quiz bank as an Anki deck and a QTI package
    casepage.setup(app)
    live.setup(app)  # live mode: the engine wheel and manifest.json in _static/live/
    # After sphinxcontrib.bibtex's own config-inited handlers read nothing yet (priority < 500).
    app.connect("config-inited", _config_inited, priority=400)
    app.add_css_file("coursebook.css")
    app.add_js_file("coursebook-a11y.js", loading_method="defer")
    # Before handlers that copy the page's asset lists (priority 500).
    app.connect("html-page-context", _page_assets, priority=400)
    return {
        "version": __version__,
        "env_version": env_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
