"""Live mode's band scales, as the book build writes them (``coursebook.livecharts``): every points
score, every total it can take, drawn by the same chart function and renderer as the case pages'
static charts. Read from the built book (``_build/html``; ``./course test`` builds it first)."""

from __future__ import annotations

import html as html_text
import json
import re
from pathlib import Path

import bonemets
from bonemets.tables import PointsTable
from charts.render import spec_title
from charts.scores import band_scale_spec, has_band_scale
from coursebook.livecharts import FOLDER

ROOT = Path(__file__).resolve().parents[2]
CHARTS = ROOT / "_build" / "html" / "_static" / FOLDER


def _read(name: str) -> dict:
    text = (CHARTS / f"{name}.json").read_text(encoding="utf-8")
    assert "<" not in text and ">" not in text, f"{name}.json: markup is escaped inside the JSON"
    return json.loads(text)


def test_every_points_score_is_drawn() -> None:
    points = sorted(n for n in bonemets.CALCULATORS if has_band_scale(n))
    assert points == ["bauer", "mirels", "sins", "teachh", "tokuhashi", "tomita"]
    index = json.loads((CHARTS / "index.json").read_text(encoding="utf-8"))
    assert index == {"scores": points}


def test_one_drawing_per_total_with_that_total() -> None:
    for name in json.loads((CHARTS / "index.json").read_text(encoding="utf-8"))["scores"]:
        table = bonemets.get(name)
        assert isinstance(table, PointsTable)
        lo, hi = table.score_range
        drawn = _read(name)
        assert drawn["calculator"] == name and drawn["range"] == [lo, hi]
        assert sorted(drawn["figures"], key=int) == [str(t) for t in range(lo, hi + 1)]
        for total, html in drawn["figures"].items():
            band = table.band_for(int(total)).label
            title, description = spec_title(band_scale_spec(name, int(total), ""))
            assert html.startswith('<figure class="bm-chart bm-chart-static">')
            assert f"This patient&#x27;s total is {total}, in the band" in html, (name, total)
            assert re.search(r"<svg role=\"img\"[^>]*aria-labelledby=", html)
            assert html.count("<svg") == 1 and "<script" not in html.lower()
            assert description and str(total) in description and band in description
            assert title and html_text.escape(title) in html
