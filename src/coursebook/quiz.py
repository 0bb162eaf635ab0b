"""The ``{quiz}`` directive: a self-assessment quiz that works on the static site (no kernel).

    ```{quiz} radiotherapy
    ```

The argument is a chapter id of ``chapters/objectives.yaml``, several separated by commas, or
``all`` (the self-assessment page). At build time the bank is loaded and checked
(:mod:`bonemets.quiz`), calculation answers come from the engine, and Markdown is rendered to safe
HTML; the items are embedded in the page as JSON and ``_static/quiz/quiz.js`` renders them: shuffled
options (seeded per learner), feedback with explanation and citation, scores per quiz and per
learning objective, progress in ``localStorage``, export and import (JSON, CSV). No network.

Scoring is honest: the first answer to an item counts, later checks are practice; optional
confidence-based marking (Gardner-Medwin's LAPT scheme). Options of an ``ordered`` item keep their
authored order.

    ```{quiz-review}
    ```

is the spaced-review page (``chapters/review.md``): every item of the course embedded as above,
and, on that page only, the vendored ts-fsrs (FSRS-6) and ``_static/quiz/review.js``, which
schedule the learner's answered items; quiz.js shows the items due now and the next due dates.

A bank error fails the build with a warning naming file, line, item id and field (never a Sphinx
traceback: every authored file is read by the hardened loader, :mod:`bonemets.datafile`).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from bonemets import inputs
from bonemets.datafile import DataFileError, find_root
from bonemets.quiz import cbm
from bonemets.quiz.answers import ComputeError
from bonemets.quiz.bank import LoadedBank, load_bank
from bonemets.quiz.build import BuiltItem, build_item, build_items
from bonemets.syllabus import OBJECTIVES_FILE, syllabus

from .calculators import embed_json

__all__ = [
    "QuizDirective",
    "QuizReviewDirective",
    "bank_payload",
    "quiz_html",
    "setup",
    "standalone_page",
]

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
JS = "quiz/quiz.js"
CSS = "quiz/quiz.css"
#: The review page's scripts, before quiz.js: the vendored FSRS scheduler (assets/vendor, on the
#: static path; see assets/vendor/MANIFEST.md) and the course's rating of answers.
FSRS_JS = "ts-fsrs@5.4.2/index.umd.js"
REVIEW_JS = "quiz/review.js"
VENDOR = Path(__file__).resolve().parents[2] / "assets" / "vendor"


def number_syntax() -> dict[str, Any]:
    """The engine's decimal-number grammar and messages, for numeric answers on the page."""
    return {
        "pattern": inputs.NUMBER_PATTERN,
        "comma_pattern": inputs.COMMA_PATTERN,
        "max_chars": inputs.MAX_NUMBER_CHARS,
        "comma_message": "Use a decimal point and no comma (1.2, not 1,2; 1200, not 1,200).",
        "syntax_message": "That is not a number. Type digits with a decimal point, for example "
        "12.5.",
    }


def bank_payload(selection: str, items: list[BuiltItem], root: Path) -> dict[str, Any]:
    syl = syllabus(root)
    if selection == "all":
        title = "all chapters"
    else:
        title = ", ".join(syl.title(c) for c in selection.split(","))
    return {
        "selection": selection,
        "title": title,
        "items": [i.to_dict() for i in items],
        # The engine's number grammar (bonemets.inputs), so quiz.js holds no copy of it.
        "number_syntax": number_syntax(),
        # Confidence-based marks (bonemets.quiz.cbm), likewise.
        "cbm": cbm.as_data(),
    }


def quiz_html(selection: str, items: list[BuiltItem], root: Path, review: bool = False) -> str:
    """The HTML of one quiz (or of the review page, ``review``): its container and its bank as
    embedded JSON."""
    data_id = ("bm-review-data-" if review else "bm-quiz-data-") + selection.replace(",", "-")
    payload = bank_payload(selection, items, root)
    what = "Review" if review else "Quiz"
    flag = ' data-review="1"' if review else ""
    return (
        f'<div class="bm-quiz{" bm-review" if review else ""}" data-bank="{data_id}"{flag}>'
        f'<p class="bm-quiz-title">{what}: {len(items)} questions</p>'
        "<noscript><p>The quiz needs JavaScript, which is turned off in this browser. "
        "The questions are also in the course's quizzes/ folder and in Jupyter "
        "(quizzes/quiz.ipynb, from widgets.quiz import Quiz).</p></noscript></div>\n"
        f'<script type="application/json" id="{data_id}">{embed_json(payload)}</script>\n'
    )


def build_bank(app: Sphinx, root: Path) -> LoadedBank:
    """Every bank of the book at ``root``, checked, loaded once per build (each ``{quiz}``
    directive and the exports use the same): :func:`bonemets.quiz.bank.load_bank` reads and
    checks all the banks, so calling it per directive cost the build 18 full loads. The banks
    cannot change during a build; a problem found is raised again at every call, so each
    directive still reports it."""
    cache: dict[Path, LoadedBank | DataFileError] = app.__dict__.setdefault("_bm_banks", {})
    if root not in cache:
        try:
            cache[root] = load_bank(root)
        except DataFileError as exc:
            cache[root] = exc
    found = cache[root]
    if isinstance(found, DataFileError):
        raise found
    return found


def built_items(app: Sphinx, selection: str, root: Path, bank: LoadedBank) -> list[BuiltItem]:
    """:func:`bonemets.quiz.build.build_items` of ``selection``, each chapter's items built once
    per build: the chapters' quizzes, the self-assessment page and the review page (``all``)
    and the exports would otherwise build every item three or four times. An item's build is a
    pure function of the item, the book's folder and its syllabus (its option order is seeded by
    its id); an item that fails to build is not kept, so each directive still reports it. A
    selection naming a chapter the syllabus lacks goes to ``build_items``, which says so."""
    syl = bank.syllabus or syllabus(bank.root)
    wanted = None if selection.strip() == "all" else {s.strip() for s in selection.split(",")}
    if wanted is not None and not wanted <= set(syl.chapters):
        return build_items(selection, root, bank=bank)
    cache: dict[tuple[Path, str], list[BuiltItem]] = app.__dict__.setdefault("_bm_items", {})
    out: list[BuiltItem] = []
    for chapter, chapter_bank in bank.banks.items():
        if wanted is None or chapter in wanted:
            key = (Path(bank.root), chapter)
            if key not in cache:
                cache[key] = [build_item(item, bank.root, syl) for item in chapter_bank.items]
            out.extend(cache[key])
    return out


class QuizDirective(SphinxDirective):
    """``{quiz} CHAPTER_ID`` (or ``all``, or ``a,b``)."""

    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = False
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {"class": directives.class_option}

    #: the review page (``{quiz-review}``): every item, scheduled by FSRS
    review = False

    def run(self) -> list[nodes.Node]:
        selection = self.arguments[0].strip() if self.arguments else "all"
        root = Path(self.env.srcdir)
        for p in sorted((root / "quizzes").glob("*.yaml")):
            self.env.note_dependency(str(p))
        self.env.note_dependency(str(root / OBJECTIVES_FILE))
        try:
            bank = build_bank(self.env.app, root)
            items = built_items(self.env.app, selection, root, bank)
        except DataFileError as exc:  # a bank, chapters/objectives.yaml, or a case file
            for problem in exc.problems:
                logger.warning("quiz bank: %s", problem, location=self.get_location())
            return []
        except ComputeError as exc:
            logger.warning("quiz bank: %s", exc, location=self.get_location())
            return []
        except (KeyError, FileNotFoundError) as exc:
            msg = exc.args[0] if exc.args else str(exc)
            return [
                self.state.document.reporter.warning(
                    f"{{quiz}} {selection}: {msg}", line=self.lineno
                )
            ]
        if not items:
            logger.warning("{quiz} %s: no questions yet", selection, location=self.get_location())
            return []
        self.env.metadata[self.env.docname]["bm_quiz"] = True
        if self.review:
            self.env.metadata[self.env.docname]["bm_review"] = True
        html_text = quiz_html(selection, items, root, review=self.review)
        out: list[nodes.Node] = [nodes.raw("", html_text, format="html")]
        if any(i.math for i in items):
            # Make Sphinx load MathJax on this page: the math domain looks for math nodes.
            hint = nodes.inline(classes=["bm-hidden"])
            hint += nodes.math("", "", latex="")
            out.append(hint)
        return out


class QuizReviewDirective(QuizDirective):
    """``{quiz-review}``: the spaced-review page over every item of the course."""

    required_arguments = 0
    review = True


def needs_assets(app: Sphinx, pagename: str, context: dict[str, Any]) -> bool:
    """Does this page hold a quiz (then :mod:`coursebook` adds :data:`JS` and :data:`CSS`)?"""
    meta = app.env.metadata.get(pagename, {}) if app.env else {}
    return bool(meta.get("bm_quiz"))


def _review_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The review page's scripts, deferred and before quiz.js (priority < 500): ts-fsrs, then
    review.js. No other page loads them (the chapters' quizzes stay light)."""
    meta = app.env.metadata.get(pagename, {}) if app.env else {}
    if meta.get("bm_review"):
        app.add_js_file(FSRS_JS, loading_method="defer", priority=300)
        app.add_js_file(REVIEW_JS, loading_method="defer", priority=310)


def _escape_theme_titles(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """sphinx-book-theme 1.1 puts a page's title *text* (``title.astext()``: entities decoded)
    into its templates unescaped (``<h1>{{ pagetitle }}</h1>`` in the print header,
    ``{{ root_title }}`` in the sidebar), so a title holding ``<svg onload=...>`` would become an
    element on its page. Escape both after the theme has set them (it runs at priority 500)."""
    for key in ("pagetitle", "root_title"):
        value = context.get(key)
        if isinstance(value, str):
            context[key] = html.escape(value, quote=True)


def setup(app: Sphinx) -> dict[str, Any]:
    """Registered by :func:`coursebook.setup` (which also puts ``static/`` on the static path and
    adds the page assets, see :func:`needs_assets`)."""
    app.add_directive("quiz", QuizDirective)
    app.add_directive("quiz-review", QuizReviewDirective)
    # before coursebook's page-asset hook (priority 400), which adds quiz.js at priority 500
    app.connect("html-page-context", _review_assets, priority=390)
    app.connect("html-page-context", _escape_theme_titles, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def standalone_page(
    selection: str = "all",
    root: str | Path | None = None,
    items: list[BuiltItem] | None = None,
    review: bool = False,
) -> str:
    """A self-contained HTML page with one quiz, or the review page (``review``: with ts-fsrs and
    review.js), scripts and CSS inline: for tests and previews."""
    r = Path(root) if root else find_root()
    if items is None:
        items = build_items(selection, r)
    scripts = [STATIC / JS]
    if review:
        scripts = [VENDOR / FSRS_JS, STATIC / REVIEW_JS, *scripts]
    js = "".join(f"<script>{p.read_text(encoding='utf-8')}</script>" for p in scripts)
    css = (STATIC / CSS).read_text(encoding="utf-8")
    title = "Review" if review else "Self-assessment"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'
        f"<title>{title}: {selection}</title><style>{css}</style></head>"
        f"<body><main><h1>{title}: {selection}</h1>"
        f"{quiz_html(selection, items, r, review=review)}</main>{js}</body></html>\n"
    )
