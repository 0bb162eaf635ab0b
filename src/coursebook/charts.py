"""The ``{chart}`` directive: an altair chart from the course code, embedded offline.

    ```{chart} widgets.charts.scores:mirels_bands
    :height: 300
    ```

imports ``widgets.charts.scores``, calls ``mirels_bands()`` with no arguments and embeds the returned
altair chart as Vega-Lite JSON drawn by the vendored vega-embed (SVG renderer), through the same
HTML as the notebook renderer (:func:`widgets.render.chart_html`). The chart's title and
``description`` are written as a visible caption; a chart without a ``description`` is a build
warning (the description is its text alternative). ``:height:`` is accepted and ignored.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from widgets.render import chart_html

from .deps import note_engine_dependency, note_file_dependency

logger = logging.getLogger(__name__)

__all__ = ["ChartDirective", "load_chart"]

_TARGET = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$")


def load_chart(target: str) -> tuple[Any, str | None]:
    """Import ``module.path:function``, call it, and return ``(chart, module file)``."""
    if not _TARGET.match(target):
        raise ValueError(f"{target!r} is not of the form module.path:function")
    module_name, func_name = target.split(":")
    module = importlib.import_module(module_name)
    func = getattr(module, func_name)
    return func(), getattr(module, "__file__", None)


class ChartDirective(SphinxDirective):
    """``{chart} module.path:function``: the altair chart returned by that function."""

    required_arguments = 1
    has_content = False
    option_spec = {  # noqa: RUF012 - docutils API
        "height": directives.unchanged,
        "width": directives.unchanged,
        "name": directives.unchanged,
        "class": directives.class_option,
    }

    def _warn(self, message: str, *args: Any) -> list[nodes.Node]:
        logger.warning(
            message,
            *args,
            location=self.get_location(),
            type="coursebook",
            subtype="chart",
        )
        return []

    def run(self) -> list[nodes.Node]:
        target = self.arguments[0].strip()
        note_engine_dependency(self.env)
        try:
            chart, source = load_chart(target)
        except Exception as exc:  # any failure is a build warning naming the target
            return self._warn("{chart} %s: %s: %s", target, type(exc).__name__, exc)
        if source:
            note_file_dependency(self.env, source)
        to_dict = getattr(chart, "to_dict", None)
        if to_dict is None:
            return self._warn("{chart} %s: returned %r, not an altair chart", target, chart)
        try:
            spec = to_dict()
        except Exception as exc:
            return self._warn("{chart} %s: invalid chart: %s", target, exc)
        if not spec.get("description"):
            self._warn(
                "{chart} %s: the chart has no description (its text alternative); "
                "set .properties(description=...)",
                target,
            )
        serial = self.env.new_serialno("bm-chart")
        slug = re.sub(r"[^a-z0-9]+", "-", target.lower()).strip("-")
        element_id = self.options.get("name") or f"chart-{slug}-{serial}"
        html = chart_html(spec, element_id=element_id)
        node = nodes.raw("", html, format="html")
        container = nodes.container(classes=["bm-chart-block", *self.options.get("class", [])])
        container += node
        return [container]
