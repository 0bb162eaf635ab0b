"""The score charts plot the engine's numbers: band edges, what-if totals, input-space counts."""

from __future__ import annotations

from collections import Counter

import pytest

import bonemets
from charts import scores

POINTS = scores.points_scores()


def layer_values(spec: dict, mark: str) -> list[dict]:
    """Inline data of every layer (at any depth) drawn with ``mark``."""
    out: list[dict] = []

    def walk(node, data=None):
        if isinstance(node, dict):
            data = node.get("data", data)  # a layer inherits its parent's data
            m = node.get("mark")
            if (m == mark or (isinstance(m, dict) and m.get("type") == mark)) and data:
                out.extend(data["values"])
            for v in node.values():
                walk(v, data)
        elif isinstance(node, list):
            for v in node:
                walk(v, data)

    walk(spec)
    return out


def test_points_scores_are_the_engine_points_tables():
    from bonemets.tables import PointsTable

    expected = [n for n, c in bonemets.CALCULATORS.items() if isinstance(c, PointsTable)]
    assert POINTS == expected
    assert {"mirels", "sins", "tokuhashi", "tomita", "bauer"} <= set(POINTS)


@pytest.mark.parametrize("name", POINTS)
def test_band_scale_draws_the_engine_bands(name):
    d = bonemets.get(name).describe()
    spec = scores.band_scale(name).to_dict()
    bars = layer_values(spec, "bar")
    assert [(b["band"], b["start"], b["end"]) for b in bars] == [
        (b["label"], b["low"] - 0.5, b["high"] + 0.5) for b in d["bands"]
    ]
    assert spec["title"]["text"].endswith("band scale") and spec["description"]
    colour = spec["layer"][0]["encoding"]["color"]["scale"]
    assert colour["domain"] == [b["label"] for b in d["bands"]]


def test_band_scale_marks_the_patient():
    r = bonemets.calculate("mirels", site="upper_limb", pain="mild", lesion="lytic", size="gt_2_3")
    assert r.score == 8
    spec = scores.band_scale("mirels", r).to_dict()
    rule = layer_values(spec, "rule")
    assert rule == [{"score": 8, "text": "this patient: 8 (Borderline fracture risk)"}]
    assert "This patient's total is 8, in the band Borderline fracture risk." in spec["description"]


@pytest.mark.parametrize("name", POINTS)
def test_context_counts_cover_the_input_space(name):
    table = bonemets.get(name)
    space = table.input_space()
    expected = Counter(bonemets.calculate(name, **combo).score for combo in space)
    dist = scores.score_distribution(name)
    assert {t: n for t, _b, n in dist} == dict(expected)
    assert sum(n for *_, n in dist) == len(space)
    spec = scores.context(name, dist[0][0]).to_dict()
    assert f"all {len(space)} input combinations" in spec["description"]


def test_mirels_context_numbers():
    # 81 combinations of four 1-3 items; a total of 12 is the single top combination.
    dist = dict((t, n) for t, _b, n in scores.score_distribution("mirels"))
    assert dist == {4: 1, 5: 4, 6: 10, 7: 16, 8: 19, 9: 16, 10: 10, 11: 4, 12: 1}
    spec = scores.context("mirels", 12).to_dict()
    assert "80 " not in spec["description"]
    assert "99% of combinations score lower, 1% the same" in spec["description"]


def test_what_if_rows_equal_the_engine():
    inputs = dict(site="lower_limb", pain="moderate", lesion="mixed", size="1_3_to_2_3")
    base = bonemets.calculate("mirels", **inputs)
    assert (base.score, base.band) == (8, "borderline")
    rows = scores.what_if_rows("mirels", inputs)
    assert len(rows) == 12
    for r in rows:
        comp = next(c for c in bonemets.get("mirels").components if c.label == r["input"])
        opt = next(o for o in comp.options if o.label == r["option"])
        res = bonemets.calculate("mirels", **{**inputs, comp.input.name: opt.values[0]})
        assert (r["total"], r["outcome"]) == (res.score, res.band_label)
        expected = (
            "current value"
            if res.score == base.score and opt.values[0] == inputs[comp.input.name]
            else "changes the band"
            if res.band != base.band
            else "same outcome"
        )
        assert r["effect"] == expected
    # at 8 (borderline), every item's other values move the band: up to 9 or down to 7
    assert sum(r["effect"] == "changes the band" for r in rows) == 8


def test_what_if_sins_by_level_and_tokuhashi_numeric():
    sins_inputs = dict(
        level="t12",
        pain="mechanical",
        lesion="lytic",
        alignment="normal",
        collapse="none",
        posterolateral="none",
    )
    rows = scores.what_if_rows("sins", sins_inputs)
    loc = [r for r in rows if r["input"] == "Location"]
    assert [r["total"] for r in loc] == [8, 7, 6, 5]
    assert loc[0]["effect"] == "current value"
    assert loc[2]["effect"] == "changes the band"  # semi-rigid: 6, stable
    tok = dict(
        kps=80,
        extraspinal_bone_mets=1,
        vertebral_mets=2,
        visceral_mets="none",
        primary="breast",
        palsy="e",
    )
    total = bonemets.calculate("tokuhashi", **tok).score
    rows = scores.what_if_rows("tokuhashi", tok)
    kps = [r for r in rows if r["input"].startswith("General condition")]
    assert [r["total"] for r in kps] == [total - 2, total - 1, total]
    spec = scores.what_if("tokuhashi", tok).to_dict()
    assert spec["description"].startswith("What-if for the Revised Tokuhashi score (2005)")


def test_band_scales_for_several_results():
    results = {
        "sins": bonemets.calculate(
            "sins",
            location="junctional",
            pain="mechanical",
            lesion="lytic",
            alignment="normal",
            collapse="lt_50",
            posterolateral="unilateral",
        ),
        "mirels:left_femur": bonemets.calculate(
            "mirels", site="peritrochanteric", pain="moderate", lesion="lytic", size="gt_2_3"
        ),
        "escc": bonemets.calculate("escc", grade="2"),
    }
    spec = scores.band_scales(results).to_dict()
    assert len(spec["vconcat"]) == 2
    assert spec["vconcat"][1]["title"]["text"].endswith("(left_femur)")
    assert "sins: 11 (Indeterminate" in spec["description"]
    assert "mirels:left_femur: 11 (High fracture risk)" in spec["description"]


def test_cached_spec_equals_the_altair_chart():
    results = {
        "sins:t12": bonemets.calculate(
            "sins",
            level="t12",
            pain="occasional",
            lesion="mixed",
            alignment="normal",
            collapse="none",
            posterolateral="unilateral",
        ),
        "tokuhashi": bonemets.calculate(
            "tokuhashi",
            kps=70,
            extraspinal_bone_mets=3,
            vertebral_mets=1,
            visceral_mets="none",
            primary="breast",
            palsy="e",
        ),
    }
    assert scores.band_scales_spec(results) == scores.band_scales(results).to_dict()
    assert scores.band_scale_spec("mirels", 9) == scores.band_scale("mirels", 9).to_dict()
    assert scores.band_scales_spec({"escc": bonemets.calculate("escc", grade="2")}) is None


@pytest.mark.parametrize("name", POINTS)
@pytest.mark.parametrize("func", ["band_scale", "context"])
def test_the_book_draws_each_score_chart_through_directive_arguments(func, name):
    from coursebook.charts import load_chart

    chart, path = load_chart(f"charts.scores:{func}", name)
    spec = chart.to_dict()
    assert spec == getattr(scores, func)(name).to_dict()
    assert spec["description"] and spec["title"]
    assert bonemets.get(name).title in spec["description"]
    assert path == scores.__file__
