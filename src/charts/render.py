"""An offline altair renderer: charts load the book's vendored vega, never a CDN.

    import charts.render
    charts.render.enable()        # alt.renderers.enable("bonemets")

Altair's default ``html`` renderer loads vega, vega-lite and vega-embed from jsDelivr: offline, every
chart shows "Error loading script". This renderer emits the same chart as a ``<figure>`` holding the
spec (JSON) and a small loader (``loader.js``) that finds the vendored files

* on a page of the built book: ``<html data-content_root>`` + ``_static/<pkg>@<version>/...``
  (correct from nested pages);
* in a live Jupyter server (Lab or Notebook) started from any folder:
  ``<baseUrl>bonemets/vendor/<pkg>@<version>/...``, served by the :mod:`charts.server` extension
  (then ``<baseUrl>files/assets/vendor/...``, a server started at the repository's root);

and works on pages with require.js (widget pages: vega goes through ``requirejs``) and without
(plain ``<script>`` tags, loaded once per page). The chart's title and ``description`` are also
written as a visible caption, and vega writes the description into the SVG's ``aria-label``.

Output is deterministic for nbval: the element id is ``bm-chart-<spec hash>-<n>`` (``n`` counts the
charts shown by this kernel) and the loader is one line starting ``<script>/*bonemets-vega-loader*/``
so ``tests/nbval_sanitize.cfg`` can reduce a chart output to its caption and spec.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "LOADER_MARK",
    "RENDERER_NAME",
    "SERVER_PATH",
    "VEGA_FILES",
    "chart_html",
    "enable",
    "mimebundle",
    "spec_title",
]

RENDERER_NAME = "bonemets"
LOADER_MARK = "/*bonemets-vega-loader*/"

#: Vendored files (under assets/vendor, served from _static/), without ".js" (require.js style).
#: vega-lite must be altair's SCHEMA_VERSION; see scripts/vendor_js.sh.
VEGA_FILES: dict[str, str] = {
    "vega": "vega@6.4.0/vega.min",
    "vega-lite": "vega-lite@6.1.0/vega-lite.min",
    "vega-embed": "vega-embed@7.3.0/vega-embed.min",
}

#: Where the charts.server extension serves the vendored files in a live Jupyter server.
SERVER_PATH = "bonemets/vendor/"

#: The loader's source (a header comment, then the function; see loader.js).
LOADER_FILE = Path(__file__).with_name("loader.js")


@cache
def _loader_js() -> str:
    """loader.js as one line: the header comment dropped, each line stripped and joined."""
    text = LOADER_FILE.read_text(encoding="utf-8")
    if text.startswith("/*"):
        text = text[text.index("*/") + 2 :]
    js = "".join(line.strip() for line in text.strip().splitlines())
    js = js.replace("__FILES__", json.dumps(VEGA_FILES, separators=(",", ":")))
    return js.replace("__SERVED__", json.dumps(SERVER_PATH))


_counter = itertools.count(1)


def _loader(element_id: str) -> str:
    return f"<script>{LOADER_MARK}{_loader_js()}({json.dumps(element_id)});</script>"


def _text(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("text", "")
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value or "")


def spec_title(spec: dict[str, Any]) -> tuple[str, str]:
    """The chart's ``(title, description)`` as plain text (``""`` where absent)."""
    return _text(spec.get("title")), _text(spec.get("description"))


def spec_json(spec: dict[str, Any]) -> str:
    """The spec as compact JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def chart_html(spec: dict[str, Any], element_id: str | None = None) -> str:
    """A ``<figure>`` with a caption (title, description), the spec and the offline loader."""
    data = spec_json(spec)
    if element_id is None:
        digest = hashlib.sha256(data.encode()).hexdigest()[:12]
        element_id = f"bm-chart-{digest}-{next(_counter)}"
    title, description = spec_title(spec)
    caption = ""
    if title or description:
        parts = []
        if title:
            parts.append(f'<span class="bm-chart-title">{html.escape(title)}</span>')
        if description:
            parts.append(f'<span class="bm-chart-description">{html.escape(description)}</span>')
        caption = f'<figcaption id="{element_id}-caption">{" ".join(parts)}</figcaption>'
    return (
        f'<figure class="bm-chart">'
        f'<div class="bm-vega" id="{element_id}"></div>{caption}'
        f'<script type="application/json" id="{element_id}-spec">{data}</script>'
        f"{_loader(element_id)}</figure>"
    )


def mimebundle(spec: dict[str, Any], **metadata: Any) -> dict[str, str]:
    """The altair renderer: ``text/html`` (figure + loader) and a ``text/plain`` summary."""
    title, _ = spec_title(spec)
    return {
        "text/html": chart_html(spec),
        "text/plain": f"<bonemets chart: {title or 'untitled'}>",
    }


def enable() -> None:
    """Register the ``bonemets`` renderer with altair and make it the active one."""
    import altair as alt

    if RENDERER_NAME not in alt.renderers.names():
        alt.renderers.register(RENDERER_NAME, mimebundle)
    alt.renderers.enable(RENDERER_NAME)
