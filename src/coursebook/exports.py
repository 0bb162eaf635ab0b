"""The quiz bank's downloads, built with the book: an Anki deck and an IMS QTI 2.1 package.

When an HTML build finishes, the whole built bank (:func:`bonemets.quiz.build_items`) is written to
``_static/quiz/`` as

* :data:`ANKI` (:mod:`bonemets.quiz.export_anki`): one note per question, a subdeck per chapter;
* :data:`QTI` (:mod:`bonemets.quiz.export_qti`): one QTI 2.1 ``assessmentItem`` per question,
  for learning platforms that import QTI question banks.

The same files as ``bonemets quiz export --format anki|qti``. The directive

    ```{quiz-exports}
    ```

lists both downloads (links relative to the page, so the site works from any folder).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from bonemets.quiz.bank import LoadedBank
    from bonemets.quiz.build import BuiltItem

logger = logging.getLogger(__name__)

__all__ = ["ANKI", "FOLDER", "QTI", "QuizExportsDirective", "setup", "write_exports"]

FOLDER = "_static/quiz"
ANKI = "bonemets-quiz.apkg"
QTI = "bonemets-quiz-qti21.zip"


def write_exports(
    srcdir: str | Path,
    outdir: str | Path,
    bank: LoadedBank | None = None,
    items: list[BuiltItem] | None = None,
) -> tuple[Path, Path]:
    """Write both files into ``outdir/_static/quiz/``; returns their paths. ``bank``: the banks
    of ``srcdir`` already loaded (default: load them); ``items``: every item of ``bank`` already
    built (default: build them)."""
    from bonemets.quiz import build_items, load_bank
    from bonemets.quiz.export_anki import write_apkg
    from bonemets.quiz.export_qti import write_qti

    if bank is None:
        bank = load_bank(srcdir)
    if items is None:
        items = build_items("all", bank=bank)
    folder = Path(outdir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    chapters = list(bank.syllabus.chapters) if bank.syllabus else []
    write_apkg(items, folder / ANKI, chapters)
    write_qti(items, folder / QTI)
    return folder / ANKI, folder / QTI


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from bonemets.datafile import DataFileError
    from bonemets.quiz.answers import ComputeError

    from .quiz import build_bank, built_items

    try:
        bank = build_bank(app, Path(app.srcdir))
        items = built_items(app, "all", Path(app.srcdir), bank)
        write_exports(app.srcdir, app.outdir, bank, items)
    except DataFileError as exc:  # the {quiz} directive has already named each problem
        logger.warning("quiz downloads not written: %s", exc.problems[0])
    except ComputeError as exc:
        logger.warning("quiz downloads not written: %s: %s", exc.field, exc.message)


class QuizExportsDirective(SphinxDirective):
    """The download links of the Anki deck and the QTI package (written at build end)."""

    has_content = False
    required_arguments = 0

    def run(self) -> list[nodes.Node]:
        prefix = "../" * self.env.docname.count("/")

        def link(name: str, text: str) -> str:
            href = html.escape(f"{prefix}{FOLDER}/{name}", quote=True)
            return f'<a class="bm-download" href="{href}" download>{html.escape(text)}</a>'

        body = (
            '<ul class="bm-quiz-exports">'
            f"<li>{link(ANKI, 'Anki deck (.apkg)')}: every question as a note (options on "
            "the front; answer, explanation and source on the back), a subdeck per chapter. "
            "Import it in Anki with File, Import; importing a newer deck later updates the notes "
            "and keeps your review history.</li>"
            f"<li>{link(QTI, 'IMS QTI 2.1 package (.zip)')}: every question as a QTI 2.1 item, "
            "for instructors who build quizzes in a learning platform that imports QTI question "
            "banks.</li></ul>"
        )
        return [nodes.raw("", body, format="html")]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive and the build-end hook (called by :func:`coursebook.setup`)."""
    app.add_directive("quiz-exports", QuizExportsDirective)
    app.connect("build-finished", _build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
