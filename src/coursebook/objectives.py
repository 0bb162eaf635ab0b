"""The ``{objectives}`` directive: a chapter's learning objectives from ``chapters/objectives.yaml``.

    ```{objectives} surgery
    ```

renders a "Learning objectives" admonition: one list item per objective, each carrying its id in a
``data-objective`` attribute (quizzes and tests find objectives by id). An unknown chapter id is a
build warning naming the ids available.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from bonemets.datafile import DataFileError
from bonemets.syllabus import OBJECTIVES_FILE, Chapter, syllabus

from .deps import note_file_dependency

logger = logging.getLogger(__name__)

__all__ = ["ObjectivesDirective", "load_objectives", "objective_item", "setup"]


def load_objectives(srcdir: str | Path) -> dict[str, Chapter]:
    """The chapters of ``chapters/objectives.yaml`` under ``srcdir`` (empty when there is no such
    file), from :func:`bonemets.syllabus.syllabus` (read once, checked). Raises
    :class:`bonemets.datafile.DataFileError` naming file, line and field."""
    if not (Path(srcdir) / OBJECTIVES_FILE).is_file():
        return {}
    return syllabus(srcdir).chapters


class objective_item(nodes.list_item):
    """A list item that carries ``data-objective`` in HTML."""


def _visit_objective_item(self: HTML5Translator, node: objective_item) -> None:
    self.body.append(
        self.starttag(node, "li", "", **{"data-objective": node["objective"]})  # type: ignore[arg-type]
    )


def _depart_objective_item(self: HTML5Translator, node: objective_item) -> None:
    self.body.append("</li>\n")


def _visit_plain_item(self: Any, node: objective_item) -> None:
    self.visit_list_item(node)


def _depart_plain_item(self: Any, node: objective_item) -> None:
    self.depart_list_item(node)


class ObjectivesDirective(SphinxDirective):
    """``{objectives} CHAPTER_ID``: the chapter's learning objectives as an admonition."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        chapter = self.arguments[0].strip()
        note_file_dependency(self.env, Path(self.env.srcdir) / OBJECTIVES_FILE)
        try:
            chapters = load_objectives(self.env.srcdir)
        except DataFileError as exc:
            for problem in exc.problems:
                logger.warning(
                    "{objectives} %s: %s",
                    chapter,
                    problem,
                    location=self.get_location(),
                    type="coursebook",
                    subtype="objectives",
                )
            return []
        if chapter not in chapters:
            logger.warning(
                "{objectives} %s: no such chapter in %s; allowed: %s",
                chapter,
                OBJECTIVES_FILE,
                ", ".join(chapters) or "(none)",
                location=self.get_location(),
                type="coursebook",
                subtype="objectives",
            )
            return []
        objectives = chapters[chapter].objectives
        adm = nodes.admonition(classes=["bm-objectives", "tip"])
        adm["ids"] = [f"objectives-{chapter.replace('_', '-')}"]
        adm += nodes.title("Learning objectives", "Learning objectives")
        intro = "By the end of this chapter you should be able to:"
        adm += nodes.paragraph(intro, intro)
        items = nodes.bullet_list(classes=["bm-objective-list"])
        for oid, text in objectives.items():
            item = objective_item(objective=oid)
            item += nodes.paragraph(text, text)
            items += item
        adm += items
        return [adm]


def setup(app: Sphinx) -> None:
    """Register the directive and the node."""
    plain = (_visit_plain_item, _depart_plain_item)
    app.add_node(
        objective_item,
        html=(_visit_objective_item, _depart_objective_item),
        latex=plain,
        text=plain,
        man=plain,
        texinfo=plain,
    )
    app.add_directive("objectives", ObjectivesDirective)
