"""The band-scale charts of live mode: every total of every points score, drawn at build time.

A case page shows its points scores on their band scales as a static SVG (the ``{chart}``
directive, :func:`charts.scores.band_scales`). In live mode the totals change in the reader's
browser, where no chart library runs; so the build draws, once, the band scale of every points
score at every total it can take (:func:`charts.scores.band_scale_spec`: the same chart the page
and the notebooks show, drawn by the same renderer, :func:`coursebook.charts.static_chart_html`)
and writes them to ``_static/live/charts/<score>.json``, listed in ``_static/live/charts/index.json``.
The case page's live script (``static/case/case-live.js``) shows, for each score the engine returns,
the drawing of its total: it picks a drawing by (score, total) and computes nothing.

Renders are cached in ``_build/.live-charts/`` under the hash of their spec, so a rebuild redraws
only what changed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Where the drawings go, under the built site's ``_static``.
FOLDER = "live/charts"


def _figure(spec: dict[str, Any], element_id: str, cache: Path | None) -> str | None:
    from .charts import static_chart_html

    key = hashlib.sha256(json.dumps([spec, element_id], sort_keys=True).encode("utf-8")).hexdigest()
    cached = cache / f"{key}.html" if cache is not None else None
    if cached is not None and cached.is_file():
        return cached.read_text(encoding="utf-8")
    html = static_chart_html(spec, element_id)
    if html is not None and cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(html, encoding="utf-8")
    return html


def band_scale_drawings(name: str, cache: Path | None = None) -> dict[str, Any] | None:
    """``{"calculator", "range": [lo, hi], "figures": {total: figure HTML}}`` for a points score,
    None where the charts cannot be drawn here (no vl-convert)."""
    from bonemets import get
    from bonemets.tables import PointsTable
    from charts.scores import band_scale_spec

    table = get(name)
    if not isinstance(table, PointsTable):
        raise ValueError(f"{name!r} has no band scale")
    lo, hi = table.score_range
    figures: dict[str, str] = {}
    for total in range(lo, hi + 1):
        html = _figure(band_scale_spec(name, total, ""), f"bm-live-{name}-{total}", cache)
        if html is None:
            return None
        figures[str(total)] = html
    return {"calculator": name, "range": [lo, hi], "figures": figures}


def write_band_scales(static: Path, cache: Path | None = None) -> list[str]:
    """Write every points score's drawings under ``static/live/charts``; the scores written."""
    from bonemets import CALCULATORS
    from charts.scores import has_band_scale

    out = static / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    names: list[str] = []
    for name in sorted(CALCULATORS):
        if not has_band_scale(name):
            continue
        drawings = band_scale_drawings(name, cache)
        if drawings is None:
            continue
        text = json.dumps(drawings, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        # the figures are HTML inside JSON read by fetch(): "<" escaped all the same
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        (out / f"{name}.json").write_text(text, encoding="utf-8")
        names.append(name)
    (out / "index.json").write_text(json.dumps({"scores": names}), encoding="utf-8")
    return names


def build_finished(app: Sphinx, static: Path) -> None:
    """Called by :mod:`coursebook.live` once live mode's files are written."""
    cache = Path(app.outdir).parent / ".live-charts"
    names = write_band_scales(static, cache)
    logger.info("live mode: band scales of %s drawn for every total", ", ".join(names) or "none")
