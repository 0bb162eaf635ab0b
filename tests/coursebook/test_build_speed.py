"""What makes the book build cheaper changes nothing it builds.

* altair's schema-to-class table, kept per process (``coursebook.charts.memoise_altair_wrappers``),
  is the table altair itself computes, and charts built with it are the same charts;
* a case's band scales (``coursebook.casepage.band_scales``) are ``charts.scores.band_scales``;
* a formatted reference (``coursebook.pybtex_plugins``) and a search stem
  (``coursebook.memoise_english_stemmer``) are what pybtex and the Porter stemmer give, and
  differ where their inputs differ;
* live mode's drawings (``coursebook.livecharts``): drawn once for builds sharing a cache, the
  same with and without it; a drawing another build has claimed is read when written, an
  abandoned claim is drawn here.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

from coursebook import casepage, livecharts, memoise_english_stemmer, pybtex_plugins
from coursebook.charts import memoise_altair_wrappers, static_chart_html

ROOT = Path(__file__).resolve().parents[2]


def test_altair_table_is_altairs_own() -> None:
    from altair.utils import schemapi

    memoise_altair_wrappers()
    memoise_altair_wrappers()  # once only
    init = schemapi._FromDict.__init__
    assert init._bm_memoised
    classes = list(schemapi.SchemaBase._default_wrapper_classes())
    fresh = schemapi._FromDict.__new__(schemapi._FromDict)
    init._bm_original(fresh, classes)
    kept = schemapi._FromDict(classes)
    assert dict(kept.class_dict) == dict(fresh.class_dict)
    assert len(fresh.class_dict) > 100
    # a different set of classes gets its own table
    fewer = schemapi._FromDict(classes[:10])
    assert sum(len(v) for v in fewer.class_dict.values()) == sum(
        1 for c in classes[:10] if c._schema is not None
    )


def test_case_band_scales_are_the_charts_band_scales() -> None:
    from bonemets.cases import evaluate_case, load_case
    from charts.scores import band_scales

    for case_id in ("prostate_mscc_weak_legs",):  # a per-lesion score and a whole-patient one
        results = evaluate_case(load_case(ROOT / "cases" / "data" / f"{case_id}.yaml")).results
        chart = casepage.band_scales(case_id)
        assert chart.to_dict() == band_scales(results).to_dict(), case_id
        # each call gives its own copy
        chart.to_dict()["title"] = "changed"
        assert chart.to_dict()["title"] == "Scores of this case on their band scales"


def test_formatted_references_are_pybtex_own() -> None:
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin
    from pybtex.style.formatting import BaseStyle

    bib = parse_string(
        "@article{a, author={Mirels, H.}, title={Metastatic disease}, journal={Clin Orthop},"
        " year={1989}}\n@article{b, author={Bauer, H.}, title={Survival}, journal={Acta},"
        " year={1995}}",
        "bibtex",
    )
    pybtex_plugins.setup()
    assert BaseStyle.format_entry._bm_memoised
    style = find_plugin("pybtex.style.formatting", "plain")()
    backend = find_plugin("pybtex.backends", "text")()
    a, b = bib.entries["a"], bib.entries["b"]
    first = style.format_entry("", a)
    assert style.format_entry("", a) is first  # kept
    assert first.text.render(backend) == "H. Mirels. Metastatic disease. Clin Orthop, 1989."
    own = BaseStyle.format_entry._bm_original(style, "", a)
    assert (own.key, own.label, own.text.render(backend)) == (
        first.key,
        first.label,
        first.text.render(backend),
    )
    assert style.format_entry("", b).text.render(backend).startswith("H. Bauer. Survival.")
    assert style.format_entry("x", a).label == "x"
    # a style that writes names differently gets its own formatting
    other = find_plugin("pybtex.style.formatting", "plain")(abbreviate_names=True)
    assert other.format_entry("", a) is not first


def test_stems_are_sphinxs_own() -> None:
    from sphinx.search.en import SearchEnglish

    memoise_english_stemmer()
    lang = SearchEnglish({})
    original = SearchEnglish.stem._bm_original  # type: ignore[attr-defined]
    for word in ("metastases", "Metastases", "radiotherapy", "fractures", "fractured", "bone"):
        assert lang.stem(word) == original(lang, word), word
        assert lang.stem(word) == original(lang, word), word  # kept
    assert lang.stem("metastases") == "metastas"


@pytest.fixture
def counted_draws(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """``livecharts._draw`` made cheap and counted (the cache's protocol, not vl-convert)."""
    drawn: list[tuple[str, int]] = []

    def draw(name: str, total: int, cached: Path | None) -> str:
        drawn.append((name, total))
        html = f"<figure>{name} {total}</figure>"
        if cached is not None:
            livecharts._write_whole(cached, html)
        return html

    monkeypatch.setattr(livecharts, "_draw", draw)
    return drawn


def _every_drawing() -> list[tuple[str, int]]:
    import bonemets
    from charts.scores import has_band_scale

    out = []
    for name in sorted(bonemets.CALCULATORS):
        if has_band_scale(name):
            lo, hi = bonemets.get(name).score_range
            out += [(name, t) for t in range(lo, hi + 1)]
    return out


def test_a_shared_cache_draws_once(tmp_path: Path, counted_draws: list) -> None:
    cache = tmp_path / "cache"
    first = livecharts.write_band_scales(tmp_path / "one", cache)
    assert counted_draws == _every_drawing()  # each drawn once (claimed, drawn, then read)
    assert not list(cache.glob("*.claim"))
    second = livecharts.write_band_scales(tmp_path / "two", cache)
    assert second == first == ["bauer", "mirels", "sins", "teachh", "tokuhashi", "tomita"]
    assert counted_draws == _every_drawing()  # nothing drawn again
    for name in first:
        one = (tmp_path / "one" / livecharts.FOLDER / f"{name}.json").read_bytes()
        assert one == (tmp_path / "two" / livecharts.FOLDER / f"{name}.json").read_bytes()
    without = livecharts.write_band_scales(tmp_path / "three", None)
    assert without == first
    for name in first:
        one = (tmp_path / "one" / livecharts.FOLDER / f"{name}.json").read_bytes()
        assert one == (tmp_path / "three" / livecharts.FOLDER / f"{name}.json").read_bytes()


def test_a_claimed_drawing_is_read_when_written(tmp_path: Path, counted_draws: list) -> None:
    cache = tmp_path / "cache"
    cached = livecharts._cached_path("mirels", 9, cache)
    assert livecharts._claim(cached)  # "another build" is drawing mirels at 9
    assert not livecharts._claim(cached)
    html = "<figure>drawn by the other build</figure>"

    def other_build() -> None:
        time.sleep(0.3)
        livecharts._write_whole(cached, html)
        cached.with_suffix(".claim").unlink()

    thread = threading.Thread(target=other_build)
    thread.start()
    livecharts.write_band_scales(tmp_path / "site", cache)
    thread.join()
    assert ("mirels", 9) not in counted_draws
    assert len(counted_draws) == len(_every_drawing()) - 1
    data = json.loads((tmp_path / "site" / livecharts.FOLDER / "mirels.json").read_text())
    assert data["figures"]["9"] == html


def test_an_abandoned_claim_is_drawn_here(tmp_path: Path, counted_draws: list) -> None:
    cache = tmp_path / "cache"
    cached = livecharts._cached_path("sins", 3, cache)
    assert livecharts._claim(cached)
    old = time.time() - livecharts.CLAIM_SECONDS - 5
    os.utime(cached.with_suffix(".claim"), (old, old))
    livecharts.write_band_scales(tmp_path / "site", cache)
    assert counted_draws == _every_drawing()
    assert not cached.with_suffix(".claim").exists()


def test_a_claim_of_an_ended_process_is_drawn_here(tmp_path: Path, counted_draws: list) -> None:
    cache = tmp_path / "cache"
    cached = livecharts._cached_path("tomita", 5, cache)
    cache.mkdir()
    cached.with_suffix(".claim").write_text("999999999")  # above any pid_max: no such process
    assert livecharts._abandoned(cached.with_suffix(".claim"))
    cached.with_suffix(".claim").write_text(str(os.getpid()))  # a live one
    assert not livecharts._abandoned(cached.with_suffix(".claim"))
    assert not livecharts._claim(cached)
    cached.with_suffix(".claim").write_text("999999999")
    livecharts.write_band_scales(tmp_path / "site", cache)
    assert counted_draws == _every_drawing()
    assert not cached.with_suffix(".claim").exists()


def test_the_cache_key_follows_every_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = livecharts._cached_path("mirels", 9, tmp_path)
    assert a == livecharts._cached_path("mirels", 9, tmp_path)
    assert a != livecharts._cached_path("mirels", 10, tmp_path)
    assert a != livecharts._cached_path("tomita", 9, tmp_path)
    from coursebook import deps

    engine = deps.engine_files()
    assert any(f.endswith("tables.py") for f in engine)
    extra = tmp_path / "engine_file.yaml"
    extra.write_text("a: 1\n")
    monkeypatch.setattr(deps, "engine_files", lambda: (*engine, str(extra)))
    livecharts.inputs_digest.cache_clear()
    try:
        before = livecharts.inputs_digest()
        extra.write_text("a: 2\n")  # an engine file changes: every key changes
        livecharts.inputs_digest.cache_clear()
        assert livecharts.inputs_digest() != before
        assert livecharts._cached_path("mirels", 9, tmp_path) != a
    finally:
        livecharts.inputs_digest.cache_clear()


def test_a_cached_drawing_is_the_drawing(tmp_path: Path) -> None:
    from charts.scores import band_scale_spec

    drawn = livecharts._figure("mirels", 9, tmp_path)
    assert drawn == static_chart_html(band_scale_spec("mirels", 9, ""), "bm-live-mirels-9")
    assert livecharts._cached_path("mirels", 9, tmp_path).read_text(encoding="utf-8") == drawn
    assert livecharts._figure("mirels", 9, tmp_path) == drawn
