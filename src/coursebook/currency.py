"""Currency of the book: the table of guideline versions the course tracks, and each chapter's
"last reviewed" date.

* Directive ``{guidelines}`` renders :data:`bonemets.guidelines.GUIDELINES` as a table (guideline,
  version, topic, what it replaced, source, chapters). The table is generated, so the page and the
  engine cannot disagree about which version is current.
* A chapter's front matter ``last_reviewed: YYYY-MM-DD`` is shown under its title as
  "Last reviewed: 26 November 2026". A value that is not an ISO date, or lies after the date the
  course was reviewed (:data:`bonemets.guidelines.REVIEWED`), is a build warning naming the page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docutils import nodes
from docutils.nodes import Node
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from bonemets.guidelines import GUIDELINES, REVIEWED
from bonemets.result import Citation

from .deps import note_engine_dependency

logger = logging.getLogger(__name__)

__all__ = [
    "FIELD",
    "GuidelinesDirective",
    "last_reviewed_text",
    "parse_reviewed",
    "setup",
    "source_text",
]

#: The front-matter field holding a page's review date.
FIELD = "last_reviewed"

_HEAD = ("Guideline", "Version", "Topic", "Replaces", "Source", "Chapters")


def parse_reviewed(value: Any) -> dt.date:
    """A review date from front matter (a YAML date or an ISO string); :class:`ValueError`
    otherwise, or when it is later than :data:`REVIEWED`."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value).strip())
        except ValueError as exc:
            raise ValueError(f"{FIELD}: {value!r} is not a date (YYYY-MM-DD)") from exc
    latest = dt.date.fromisoformat(REVIEWED)
    if value > latest:
        raise ValueError(f"{FIELD}: {value.isoformat()} is after the course review ({REVIEWED})")
    return value


def last_reviewed_text(value: Any) -> str:
    """``"Last reviewed: 26 November 2026"`` for a valid date."""
    d = parse_reviewed(value)
    return f"Last reviewed: {d.day} {d.strftime('%B')} {d.year}"


def source_text(c: Citation) -> str:
    """A short source for the table: ``"Alcorn S et al., Pract Radiat Oncol 2024"``; an
    organisation that is also the publisher is named once (``"World Health Organization, Geneva
    2018"``)."""
    first = c.authors.split(",")[0].strip()
    if c.journal.startswith(first):
        return f"{c.journal} {c.year}"
    return c.short()


def _cell(content: Node | str) -> nodes.entry:
    entry = nodes.entry()
    para = nodes.paragraph()
    para += nodes.Text(content) if isinstance(content, str) else content
    entry += para
    return entry


class GuidelinesDirective(SphinxDirective):
    """``{guidelines}``: the tracked guideline versions, from the engine."""

    has_content = False

    def run(self) -> list[Node]:
        note_engine_dependency(self.env)
        table = nodes.table(classes=["bm-guidelines"])
        title = nodes.title(text="Guidelines this course tracks")
        table += title
        group = nodes.tgroup(cols=len(_HEAD))
        table += group
        for width in (18, 8, 26, 16, 20, 12):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        row = nodes.row()
        for h in _HEAD:
            row += _cell(h)
        head += row
        group += head
        body = nodes.tbody()
        for g in GUIDELINES:
            row = nodes.row()
            row += _cell(g.name)
            row += _cell(g.version)
            row += _cell(g.topic + (f" {g.note}" if g.note else ""))
            row += _cell("; ".join(s.label for s in g.supersedes) or "none named")
            row += _cell(source_text(g.citation))
            links = nodes.inline()
            for i, chapter in enumerate(g.chapters):
                if i:
                    links += nodes.Text(", ")
                ref = addnodes.pending_xref(
                    "",
                    nodes.inline(text=chapter.split("_", 1)[0].lstrip("0")),
                    refdomain="std",
                    reftype="doc",
                    reftarget=chapter,
                    refexplicit=True,
                    refdoc=self.env.docname,
                )
                links += ref
            row += _cell(links)
            body += row
        group += body
        return [table]


def _show_last_reviewed(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    meta = env.metadata.get(env.docname, {})
    if FIELD not in meta:
        return
    try:
        text = last_reviewed_text(meta[FIELD])
    except ValueError as exc:
        logger.warning("%s", exc, location=env.docname, type="coursebook", subtype="last_reviewed")
        return
    para = nodes.paragraph(classes=["bm-last-reviewed"])
    para += nodes.emphasis(text=text)
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, para)
    else:
        doctree.insert(0, para)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("guidelines", GuidelinesDirective)
    app.connect("doctree-read", _show_last_reviewed)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
