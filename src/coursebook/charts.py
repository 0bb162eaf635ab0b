"""The ``{chart}`` directive: an altair chart from the course code, embedded offline.

    ```{chart} charts.radiotherapy:fractionation_response
    ```

    ```{chart} charts.scores:band_scale mirels
    :height: 300
    ```

imports ``charts.scores``, calls ``band_scale("mirels")`` and embeds the returned altair chart as
Vega-Lite JSON drawn by the vendored vega-embed (SVG renderer), through the same HTML as the
notebook renderer (:func:`charts.render.chart_html`). Words after the target are the function's
arguments: ``name=value`` is a keyword argument, anything else positional; a value that reads as
a Python literal (``12``, ``1.5``, ``True``, ``"two words"``) is that literal, otherwise it is the
word as a string. The chart's title and ``description`` are written as a visible caption; a chart
without a ``description`` is a build warning (the description is its text alternative).
``:height:`` is accepted and ignored.
"""

from __future__ import annotations

import ast
import importlib
import re
import shlex
from functools import cache
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from charts.render import chart_html

from .deps import note_engine_dependency, note_file_dependency

logger = logging.getLogger(__name__)

__all__ = ["ChartDirective", "chart_arguments", "load_chart"]

_TARGET = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$")
_KEYWORD = re.compile(r"^([A-Za-z_]\w*)=(.*)$", re.DOTALL)


def _value(text: str) -> Any:
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def chart_arguments(words: list[str]) -> tuple[list[Any], dict[str, Any]]:
    """The directive's words after the target as ``(args, kwargs)``: ``name=value`` is a keyword
    argument, any other word positional; each value a Python literal if it reads as one."""
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for word in words:
        match = _KEYWORD.match(word)
        if match:
            if match[1] in kwargs:
                raise ValueError(f"argument {match[1]!r} given twice")
            kwargs[match[1]] = _value(match[2])
        elif kwargs:
            raise ValueError(f"positional argument {word!r} after a keyword argument")
        else:
            args.append(_value(word))
    return args, kwargs


@cache
def chart_package_files() -> tuple[str, ...]:
    """Every file of the :mod:`charts` package (the kit, palette and renderer a chart uses)."""
    import charts

    root = Path(charts.__file__).resolve().parent
    return tuple(sorted(str(p) for p in root.iterdir() if p.suffix in {".py", ".js"}))


def load_chart(target: str, *words: str) -> tuple[Any, str | None]:
    """Import ``module.path:function``, call it with the arguments read from ``words`` (see
    :func:`chart_arguments`), and return ``(chart, module file)``."""
    if not _TARGET.match(target):
        raise ValueError(f"{target!r} is not of the form module.path:function")
    module_name, func_name = target.split(":")
    module = importlib.import_module(module_name)
    func = getattr(module, func_name)
    args, kwargs = chart_arguments(list(words))
    return func(*args, **kwargs), getattr(module, "__file__", None)


class ChartDirective(SphinxDirective):
    """``{chart} module.path:function [arg ...] [name=value ...]``: the altair chart returned by
    that function called with those arguments."""

    required_arguments = 1
    optional_arguments = 1
    final_argument_whitespace = True
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
        try:
            words = shlex.split(self.arguments[1]) if len(self.arguments) > 1 else []
        except ValueError as exc:
            return self._warn("{chart} %s: cannot read the arguments: %s", target, exc)
        call = " ".join([target, *words])
        note_engine_dependency(self.env)
        try:
            chart, source = load_chart(target, *words)
        except Exception as exc:  # any failure is a build warning naming the target
            return self._warn("{chart} %s: %s: %s", call, type(exc).__name__, exc)
        for path in (source, *chart_package_files()):
            if path:
                note_file_dependency(self.env, path)
        to_dict = getattr(chart, "to_dict", None)
        if to_dict is None:
            return self._warn("{chart} %s: returned %r, not an altair chart", call, chart)
        try:
            spec = to_dict()
        except Exception as exc:
            return self._warn("{chart} %s: invalid chart: %s", call, exc)
        if not spec.get("description"):
            self._warn(
                "{chart} %s: the chart has no description (its text alternative); "
                "set .properties(description=...)",
                call,
            )
        serial = self.env.new_serialno("bm-chart")
        slug = re.sub(r"[^a-z0-9]+", "-", call.lower()).strip("-")
        element_id = self.options.get("name") or f"chart-{slug}-{serial}"
        html = chart_html(spec, element_id=element_id)
        node = nodes.raw("", html, format="html")
        container = nodes.container(classes=["bm-chart-block", *self.options.get("class", [])])
        container += node
        return [container]
