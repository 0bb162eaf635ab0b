"""Exhaustive enumeration of every points table's input space, scored against the literal paper
tables held in the per-calculator test files (not against the engine's own data)."""

from __future__ import annotations

import itertools
from typing import Any

import bonemets
from bonemets.scores.escc import GRADES

from . import test_bauer, test_mirels, test_sins, test_tokuhashi, test_tomita


def band_index(bands: list[tuple[str, int, int]], total: int) -> int:
    hits = [i for i, (_, lo, hi) in enumerate(bands) if lo <= total <= hi]
    assert len(hits) == 1, total
    return hits[0]


def check_space(
    name: str,
    axes: dict[str, list[Any]],
    points: dict[str, Any],
    bands: list[tuple[str, int, int]],
    fixed: dict[str, Any] | None = None,
) -> dict[tuple, int]:
    """Score every combination; check total, components, band and range; return totals."""
    table = bonemets.get(name)
    lo, hi = table.score_range
    names = list(axes)
    totals: dict[tuple, int] = {}
    for combo in itertools.product(*axes.values()):
        inputs = dict(zip(names, combo, strict=True)) | (fixed or {})
        r = bonemets.calculate(name, **inputs)
        expected = sum(points[n](v) for n, v in zip(names, combo, strict=True))
        assert r.score == expected, inputs
        assert r.score == sum(c.points for c in r.components)
        assert lo <= r.score <= hi
        assert r.band == bands[band_index(bands, r.score)][0], inputs
        totals[combo] = r.score
    return totals


def check_monotone(axes: dict[str, list[Any]], totals: dict[tuple, int], points, bands) -> None:
    """Moving any one component to an option with more points never lowers the total or band."""
    names = list(axes)
    for combo, total in totals.items():
        for i, n in enumerate(names):
            here = points[n](combo[i])
            for other in axes[n]:
                if points[n](other) > here:
                    moved = (*combo[:i], other, *combo[i + 1 :])
                    assert totals[moved] > total
                    assert band_index(bands, totals[moved]) >= band_index(bands, total)


def lookup(table: dict[str, dict[str, int]]) -> dict[str, Any]:
    return {k: v.__getitem__ for k, v in table.items()}


def test_mirels_all_81():
    axes = {k: list(v) for k, v in test_mirels.PAPER.items()}
    pts = lookup(test_mirels.PAPER)
    totals = check_space("mirels", axes, pts, test_mirels.PAPER_BANDS)
    assert len(totals) == 81
    assert sorted(set(totals.values())) == list(range(4, 13))
    check_monotone(axes, totals, pts, test_mirels.PAPER_BANDS)  # more points: higher risk


def test_sins_all_1296_by_location():
    axes = {k: list(v) for k, v in test_sins.PAPER.items()}
    pts = lookup(test_sins.PAPER)
    totals = check_space("sins", axes, pts, test_sins.PAPER_BANDS)
    assert len(totals) == 1296
    assert sorted(set(totals.values())) == list(range(19))
    check_monotone(axes, totals, pts, test_sins.PAPER_BANDS)  # more points: less stable


def test_sins_every_level_with_every_other_combination():
    rest = {k: list(v) for k, v in test_sins.PAPER.items() if k != "location"}
    for cls, levels in test_sins.PAPER_LEVELS.items():
        for level in levels:
            axes = {"level": [level], **rest}
            pts = lookup(test_sins.PAPER) | {
                "level": lambda _v, c=cls: test_sins.PAPER["location"][c]
            }
            totals = check_space("sins", axes, pts, test_sins.PAPER_BANDS)
            assert len(totals) == 324


def _tokuhashi_points() -> dict[str, Any]:
    def numeric(rows):
        def f(v):
            hits = [p for (lo, hi), p in rows.items() if v >= lo and (hi is None or v <= hi)]
            assert len(hits) == 1
            return hits[0]

        return f

    pts = {k: numeric(v) for k, v in test_tokuhashi.PAPER_NUMERIC.items()}
    return pts | lookup(test_tokuhashi.PAPER_CHOICES)


def test_tokuhashi_every_band_edge_of_every_item():
    axes: dict[str, list[Any]] = {
        "kps": [10, 40, 50, 70, 80, 100],
        "extraspinal_bone_mets": [0, 1, 2, 3],
        "vertebral_mets": [1, 2, 3],
        **{k: list(v) for k, v in test_tokuhashi.PAPER_CHOICES.items()},
    }
    pts = _tokuhashi_points()
    totals = check_space("tokuhashi", axes, pts, test_tokuhashi.PAPER_BANDS)
    assert len(totals) == 6 * 4 * 3 * 3 * 17 * 5
    assert sorted(set(totals.values())) == list(range(16))
    # More points: longer predicted survival (worsening = fewer points never raises the band).
    check_monotone(axes, totals, pts, test_tokuhashi.PAPER_BANDS)


def test_tokuhashi_engine_input_space_is_covered():
    space = bonemets.get("tokuhashi").input_space()
    assert len(space) == 6885
    for inputs in space[::97]:
        assert bonemets.calculate("tokuhashi", **inputs).band is not None


def test_tomita_all_18():
    axes = {k: list(v) for k, v in test_tomita.PAPER.items()}
    pts = lookup(test_tomita.PAPER)
    totals = check_space("tomita", axes, pts, test_tomita.PAPER_BANDS)
    assert len(totals) == 18
    assert min(totals.values()) == 2 and max(totals.values()) == 10
    check_monotone(axes, totals, pts, test_tomita.PAPER_BANDS)


def test_bauer_all_76():
    primaries = list(bonemets.get("bauer").components[1].input.values)
    axes = {"visceral_mets": [True, False], "primary": primaries, "solitary": [True, False]}
    fav = test_bauer.FAVOURABLE
    pts = {
        "visceral_mets": lambda v: 0 if v else 1,
        "primary": lambda p: (p != "lung") + (p in fav),
        "solitary": lambda s: 1 if s else 0,
    }
    totals = check_space("bauer", axes, pts, test_bauer.PAPER_BANDS)
    assert len(totals) == 76
    check_monotone(axes, totals, pts, test_bauer.PAPER_BANDS)


def test_escc_all_grades_and_noms_all_456():
    order = {"low": 0, "borderline": 1, "high": 2}
    bands = [bonemets.calculate("escc", grade=g.grade).band for g in GRADES]
    assert [order[b] for b in bands] == sorted(order[b] for b in bands)  # never improves
    n = 0
    for g, sens, sins, fit in itertools.product(
        [g.grade for g in GRADES], ("sensitive", "resistant"), range(19), (True, False)
    ):
        r = bonemets.calculate(
            "noms", escc_grade=g, radiosensitivity=sens, sins=sins, fit_for_surgery=fit
        )
        v = r.values
        assert v["surgical_consultation"] is (sins >= 7)
        assert v["stabilization"] is (sins >= 13 and fit)
        if sens == "sensitive":
            assert v["pathway"] == "cebrt"
        elif g in ("2", "3"):
            assert v["pathway"] == (
                "separation_surgery_srs" if fit else "radiation_without_surgery"
            )
        else:
            assert v["pathway"] == "srs"
        n += 1
    assert n == 456
