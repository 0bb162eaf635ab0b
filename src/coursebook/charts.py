"""The ``{chart}`` directive: an altair chart from the course code, embedded offline.

    ```{chart} charts.radiotherapy:fractionation_response
    ```

    ```{chart} charts.scores:band_scale mirels
    :height: 300
    ```

imports ``charts.scores``, calls ``band_scale("mirels")`` and draws the returned altair chart at
build time as a static SVG (``vl-convert-python``: vega and vega-lite in a Rust library, no network,
no browser), so the page loads no chart runtime. The SVG is ``role="img"`` with the chart's title
and description as its ``<title>`` and ``<desc>``; its text is set at :data:`FONT_PX` px or more
and, on a screen too narrow to show it at a scale that keeps text >= :data:`PHONE_MIN_PX` px, the
chart keeps that scale and scrolls sideways inside its own (focusable, labelled) box. The values a
tooltip showed are listed in a table in a ``<details>`` under the chart. ``:live:`` keeps the old
form instead: Vega-Lite JSON drawn in the browser by the vendored vega-embed through the same HTML
as the notebook renderer (:func:`charts.render.chart_html`), as is done where ``vl-convert`` is
not installed or does not know the spec's Vega-Lite version. Words after the target are the function's
arguments: ``name=value`` is a keyword argument, anything else positional; a value that reads as
a Python literal (``12``, ``1.5``, ``True``, ``"two words"``) is that literal, otherwise it is the
word as a string. The chart's title and ``description`` are written as a visible caption; a chart
without a ``description`` is a build warning (the description is its text alternative).
``:height:`` is accepted and ignored.
"""

from __future__ import annotations

import ast
import importlib
import math
import re
import shlex
from functools import cache
from html import escape as html_escape
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from charts.render import chart_html, spec_title

from .deps import note_engine_dependency, note_file_dependency

logger = logging.getLogger(__name__)

__all__ = [
    "ChartDirective",
    "chart_arguments",
    "load_chart",
    "memoise_altair_wrappers",
    "static_chart_html",
]

#: Font size (px, in the SVG's own units) of every text of a static chart: axis labels and titles,
#: legends, facet headers; the chart title a little larger.
FONT_PX = 12
#: Smallest text (px) a chart may show on a phone: below this the chart scrolls instead of shrinking.
PHONE_MIN_PX = 11

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


def memoise_altair_wrappers() -> None:
    """Build altair's schema-to-class table once per process instead of once per encoding.

    altair 6's ``SchemaBase.from_dict`` (called for every encoding channel of every chart) starts
    with ``_FromDict(wrapper_classes)``, which hashes the JSON schema of each of altair's ~600
    wrapper classes (``json.dumps`` of each): about a third of the CPU of drawing the book's
    charts. The table is a pure function of the classes passed, so it is kept per tuple of
    classes (a class defined later gives a new tuple and a new table): the classes found, and so
    every chart, are unchanged. Does nothing if altair's internals are not as expected."""
    try:
        from altair.utils import schemapi
    except ImportError:
        return
    cls = getattr(schemapi, "_FromDict", None)
    original = getattr(cls, "__init__", None)
    if cls is None or original is None or getattr(original, "_bm_memoised", False):
        return
    tables: dict[tuple[Any, ...], Any] = {}

    def __init__(self: Any, wrapper_classes: Any, /) -> None:
        key = tuple(wrapper_classes)
        table = tables.get(key)
        if table is None:
            original(self, key)
            tables[key] = self.class_dict
        else:
            self.class_dict = table

    __init__._bm_memoised = True  # type: ignore[attr-defined]
    __init__._bm_original = original  # type: ignore[attr-defined]
    cls.__init__ = __init__


def load_chart(target: str, *words: str) -> tuple[Any, str | None]:
    """Import ``module.path:function``, call it with the arguments read from ``words`` (see
    :func:`chart_arguments`), and return ``(chart, module file)``."""
    if not _TARGET.match(target):
        raise ValueError(f"{target!r} is not of the form module.path:function")
    memoise_altair_wrappers()
    module_name, func_name = target.split(":")
    module = importlib.import_module(module_name)
    func = getattr(module, func_name)
    args, kwargs = chart_arguments(list(words))
    return func(*args, **kwargs), getattr(module, "__file__", None)


_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_MARK_ATTRS = re.compile(
    r'\s(?:aria-label|aria-roledescription|aria-hidden|role|class|pointer-events)="[^"]*"'
)
_FONT = re.compile(r'font-size="([\d.]+)px"')
_SCHEMA = re.compile(r"/vega-lite/v(\d+)\.(\d+)")


_FONT_KEYS = frozenset({"fontSize", "labelFontSize", "titleFontSize"})


def _no_small_text(node: Any) -> Any:
    """A copy of ``node`` in which every explicit font size under :data:`FONT_PX` is FONT_PX."""
    if isinstance(node, dict):
        return {
            k: FONT_PX
            if k in _FONT_KEYS and isinstance(v, int | float) and v < FONT_PX
            else _no_small_text(v)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_no_small_text(v) for v in node]
    return node


def _font_config(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with every text of the chart at :data:`FONT_PX` px or more (font sizes only: the
    chart's data, marks and encodings are otherwise unchanged)."""
    spec = _no_small_text(spec)
    big = {"labelFontSize": FONT_PX, "titleFontSize": FONT_PX}
    config = dict(spec.get("config") or {})
    for part in ("axis", "legend", "header"):
        config[part] = {**big, **dict(config.get(part) or {})}
    config["title"] = {"fontSize": FONT_PX + 2, **dict(config.get("title") or {})}
    config["text"] = {"fontSize": FONT_PX, **dict(config.get("text") or {})}
    return {**spec, "config": config}


def _vl_version(spec: dict[str, Any], known: list[str]) -> str | None:
    """The spec's Vega-Lite version as vl-convert names it (``"6.1"``), if vl-convert has it."""
    match = _SCHEMA.search(str(spec.get("$schema", "")))
    version = f"{match[1]}.{match[2]}" if match else None
    return version if version in known else None


def render_svg(spec: dict[str, Any]) -> str | None:
    """The chart as SVG text (vl-convert), or None where vl-convert cannot draw it here."""
    try:
        import vl_convert
    except ImportError:
        return None
    version = _vl_version(spec, list(vl_convert.get_vegalite_versions()))
    if version is None:
        return None
    return str(vl_convert.vegalite_to_svg(_font_config(spec), vl_version=version))


def _walk(node: Any) -> Any:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def tooltip_columns(spec: dict[str, Any]) -> list[tuple[str, str]]:
    """The ``(field, heading)`` pairs every tooltip of the chart shows, in order, once each."""
    out: dict[str, str] = {}
    for node in _walk(spec):
        enc = node.get("encoding")
        if not isinstance(enc, dict) or "tooltip" not in enc:
            continue
        tips = enc["tooltip"]
        for tip in tips if isinstance(tips, list) else [tips]:
            if isinstance(tip, dict) and tip.get("field"):
                out.setdefault(str(tip["field"]), str(tip.get("title") or tip["field"]))
    return list(out.items())


def chart_rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The chart's inline data rows (``data.values`` and named ``datasets``), in order."""
    rows: list[dict[str, Any]] = []
    for values in (spec.get("datasets") or {}).values():
        rows += [r for r in values if isinstance(r, dict)]
    for node in _walk(spec):
        data = node.get("data")
        if isinstance(data, dict) and isinstance(data.get("values"), list):
            rows += [r for r in data["values"] if isinstance(r, dict)]
    return rows


def _cell(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return html_escape("" if value is None else str(value))


def data_table_html(spec: dict[str, Any], label: str) -> str:
    """The values the chart's tooltips showed, as a table in a ``<details>`` ("" if none)."""
    rows = chart_rows(spec)
    columns = [(f, h) for f, h in tooltip_columns(spec) if any(f in r for r in rows)]
    if not columns:
        return ""
    seen: set[tuple[str, ...]] = set()
    body = []
    for row in rows:
        cells = tuple(_cell(row.get(f)) for f, _ in columns)
        if cells in seen or not any(cells):
            continue
        seen.add(cells)
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f'<th scope="col">{html_escape(h)}</th>' for _, h in columns)
    return (
        f'<details class="bm-chart-data"><summary>The chart\'s values (table)</summary>'
        f'<div class="bm-table-scroll" tabindex="0" role="region" '
        f'aria-label="{html_escape(label)}: values"><table class="bm-table">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div></details>"
    )


def static_chart_html(spec: dict[str, Any], element_id: str) -> str | None:
    """A ``<figure>``: the chart drawn as an accessible SVG, its caption and its data table
    (None where vl-convert cannot draw it here)."""
    svg = render_svg(spec)
    if svg is None:
        return None
    opening = _SVG_OPEN.search(svg)
    width_match = re.search(r'width="([\d.]+)"', opening[0]) if opening else None
    if opening is None or width_match is None:
        return None
    width = float(width_match[1])
    smallest = min((float(f) for f in _FONT.findall(svg)), default=float(FONT_PX))
    # Never shown narrower than this: on a narrower screen the box scrolls, text stays legible.
    min_width = min(width, math.ceil(width * PHONE_MIN_PX / smallest))
    title, description = spec_title(spec)
    tag = opening[0][:-1].replace("<svg ", '<svg role="img" ', 1)
    tag += f' aria-labelledby="{element_id}-svg-title" aria-describedby="{element_id}-svg-desc"'
    tag += f' style="width:{width:g}px;min-width:{min_width:g}px">'
    tag += f'<title id="{element_id}-svg-title">{html_escape(title or "Chart")}</title>'
    tag += f'<desc id="{element_id}-svg-desc">{html_escape(description)}</desc>'
    # The whole drawing is one image (role="img", named by its title and description): the ARIA
    # roles and labels vega writes on every mark, and its class names, are dropped (a third of
    # the SVG's bytes), so a screen reader meets one image, not hundreds of marks.
    marks = _MARK_ATTRS.sub("", svg[opening.end() :])
    drawing = svg[: opening.start()] + tag + marks
    label = html_escape(title or "Chart")
    caption = ""
    if title or description:
        parts = []
        if title:
            parts.append(f'<span class="bm-chart-title">{label}</span>')
        if description:
            parts.append(f'<span class="bm-chart-description">{html_escape(description)}</span>')
        caption = f'<figcaption id="{element_id}-caption">{" ".join(parts)}</figcaption>'
    return (
        f'<figure class="bm-chart bm-chart-static">'
        f'<div class="bm-vega bm-chart-scroll" id="{element_id}" tabindex="0" role="region" '
        f'aria-label="{label} (chart; scrolls sideways on a narrow screen)">{drawing}</div>'
        f"{caption}{data_table_html(spec, title or 'Chart')}</figure>"
    )


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
        "live": directives.flag,
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
        html = None if "live" in self.options else static_chart_html(spec, element_id)
        if html is None:
            html = chart_html(spec, element_id=element_id)
        node = nodes.raw("", html, format="html")
        container = nodes.container(classes=["bm-chart-block", *self.options.get("class", [])])
        container += node
        return [container]
