"""The ``{fact}`` role: any number or label of the engine, written once, shown in the prose.

    The high-risk Mirels band starts at {fact}`mirels.bands.high.low` points.

renders the text of :func:`bonemets.facts.text` for that dotted path. A path that does not resolve is
a build warning naming the path and what was available (an error under ``-W``).
"""

from __future__ import annotations

from docutils import nodes
from docutils.nodes import Node, system_message
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from bonemets.facts import text

from .deps import note_engine_dependency

logger = logging.getLogger(__name__)

__all__ = ["FactRole"]


class FactRole(SphinxRole):
    """``{fact}`dotted.path``` -> the engine's value at that path, as text."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        path = self.text.strip()
        note_engine_dependency(self.env)
        try:
            value = text(path)
        except KeyError as exc:
            msg = exc.args[0] if exc.args else str(exc)
            logger.warning(
                "{fact}`%s`: unresolvable engine path (%s)",
                path,
                msg,
                location=self.get_location(),
                type="coursebook",
                subtype="fact",
            )
            node = nodes.problematic(self.rawtext, self.rawtext)
            return [node], []
        node = nodes.inline(self.rawtext, value, classes=["bm-fact"])
        return [node], []
