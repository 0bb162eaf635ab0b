"""The band-scale charts of live mode: every total of every points score, drawn at build time.

A case page shows its points scores on their band scales as a static SVG (the ``{chart}``
directive, :func:`charts.scores.band_scales`). In live mode the totals change in the reader's
browser, where no chart library runs; so the build draws, once, the band scale of every points
score at every total it can take (:func:`charts.scores.band_scale_spec`: the same chart the page
and the notebooks show, drawn by the same renderer, :func:`coursebook.charts.static_chart_html`)
and writes them to ``_static/live/charts/<score>.json``, listed in ``_static/live/charts/index.json``.
The case page's live script (``static/case/case-live.js``) shows, for each score the engine returns,
the drawing of its total: it picks a drawing by (score, total) and computes nothing.

Drawings are cached in ``_build/.live-charts/`` (or the folder named by the environment variable
:data:`CACHE_ENV`, which lets two builds of one checkout share them: the fixture book of the browser
tests draws the same band scales as the course), each under the hash of everything it is drawn
from: the score, the total, the element id, and every file and version the drawing depends on (the
engine, the :mod:`charts` package, this module and :mod:`coursebook.charts`, altair and
vl-convert; :func:`inputs_digest`). A cached drawing is used without building its chart, and a
rebuild redraws only what changed. Builds running at the same time split the drawings: each claims
a drawing (a ``.claim`` file, created exclusively) before drawing it, draws what nobody else has
claimed, then reads the others' drawings as they are written (or draws one itself if its claim is
abandoned: its process has ended, or it is older than :data:`CLAIM_SECONDS`); files are
written whole (a temporary file, then renamed), so no build reads half a drawing.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Where the drawings go, under the built site's ``_static``.
FOLDER = "live/charts"
#: Environment variable naming the cache folder (default: ``.live-charts`` beside the output).
CACHE_ENV = "COURSEBOOK_LIVE_CHARTS_CACHE"
#: A claim on a drawing (another build is drawing it) older than this was abandoned.
CLAIM_SECONDS = 60.0


@cache
def inputs_digest() -> str:
    """A hash of every file and version a drawing is made from: the engine's files, the
    :mod:`charts` package (every file), this module and :mod:`coursebook.charts` (which draws),
    and the versions of altair and vl-convert."""
    import charts

    from .deps import engine_files

    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    chart_root = Path(charts.__file__).resolve().parent
    chart_files = sorted(
        str(p) for p in chart_root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )
    local = [str(here / "charts.py"), str(here / "livecharts.py")]
    for path in [*engine_files(), *chart_files, *local]:
        digest.update(path.encode("utf-8") + b"\0")
        digest.update(Path(path).read_bytes())
    for dist in ("altair", "vl-convert-python"):
        try:
            digest.update(f"{dist}=={version(dist)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{dist} missing\0".encode())
    return digest.hexdigest()


def _write_whole(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then rename it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _cached_path(name: str, total: int, cache: Path) -> Path:
    element_id = _element_id(name, total)
    key = hashlib.sha256(
        json.dumps([inputs_digest(), name, total, element_id]).encode("utf-8")
    ).hexdigest()
    return cache / f"{key}.html"


def _element_id(name: str, total: int) -> str:
    return f"bm-live-{name}-{total}"


def _abandoned(claim: Path) -> bool:
    """Is ``claim`` (a file naming the process that made it) abandoned: older than
    :data:`CLAIM_SECONDS`, or made by a process that has ended? (False once it is gone.)"""
    try:
        if time.time() - claim.stat().st_mtime >= CLAIM_SECONDS:
            return True
        pid = int(claim.read_text(encoding="ascii") or "0")
    except (FileNotFoundError, ValueError):
        return False  # gone, or being written
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _claim(path: Path) -> bool:
    """Claim the drawing of ``path`` for this build (False: another build is drawing it; an
    abandoned claim is taken over)."""
    claim = path.with_suffix(".claim")
    path.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(2):
        try:
            fd = os.open(claim, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            if not _abandoned(claim):
                return False
            claim.unlink(missing_ok=True)
            continue
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(str(os.getpid()))
        return True
    return False


def _draw(name: str, total: int, cached: Path | None) -> str | None:
    from charts.scores import band_scale_spec

    from .charts import memoise_altair_wrappers, static_chart_html

    memoise_altair_wrappers()
    html = static_chart_html(band_scale_spec(name, total, ""), _element_id(name, total))
    if html is not None and cached is not None:
        _write_whole(cached, html)
    return html


def _figure(name: str, total: int, cache: Path | None) -> str | None:
    """The drawing of ``name`` at ``total``: from the cache, once another build drawing it has
    written it, or drawn here."""
    if cache is None:
        return _draw(name, total, None)
    cached = _cached_path(name, total, cache)
    claim = cached.with_suffix(".claim")
    while not cached.is_file() and claim.is_file() and not _abandoned(claim):
        time.sleep(0.05)
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    return _draw(name, total, cached)


def _draw_unclaimed(names: list[str], cache: Path) -> None:
    """Draw (into the cache) every drawing of ``names`` that is neither cached nor being drawn by
    another build, claiming each first: two builds sharing a cache split the work."""
    from bonemets import get
    from bonemets.tables import PointsTable

    for name in names:
        table = get(name)
        if not isinstance(table, PointsTable):
            continue  # band_scale_drawings says so
        lo, hi = table.score_range
        for total in range(lo, hi + 1):
            cached = _cached_path(name, total, cache)
            if cached.is_file() or not _claim(cached):
                continue
            try:
                _draw(name, total, cached)
            finally:
                cached.with_suffix(".claim").unlink(missing_ok=True)


def band_scale_drawings(name: str, cache: Path | None = None) -> dict[str, Any] | None:
    """``{"calculator", "range": [lo, hi], "figures": {total: figure HTML}}`` for a points score,
    None where the charts cannot be drawn here (no vl-convert)."""
    from bonemets import get
    from bonemets.tables import PointsTable

    table = get(name)
    if not isinstance(table, PointsTable):
        raise ValueError(f"{name!r} has no band scale")
    lo, hi = table.score_range
    figures: dict[str, str] = {}
    for total in range(lo, hi + 1):
        html = _figure(name, total, cache)
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
    points = [n for n in sorted(CALCULATORS) if has_band_scale(n)]
    if cache is not None:
        _draw_unclaimed(points, cache)
    names: list[str] = []
    for name in points:
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
    cache = Path(os.environ.get(CACHE_ENV) or Path(app.outdir).parent / ".live-charts")
    names = write_band_scales(static, cache)
    logger.info("live mode: band scales of %s drawn for every total", ", ".join(names) or "none")
