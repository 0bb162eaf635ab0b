"""Spinal Instability Neoplastic Score (Fisher 2010, Spine 35:E1221; validated Fourney 2011, JCO
29:3072). Table read from the Fourney 2011 reproduction (spinemd.wordpress.com, 2014) and the CRAN
cliot documentation; see SOURCES.md."""

from __future__ import annotations

import pytest

from bonemets.scores.sins import LEVELS, SINS

from .helpers import assert_rejected, calc, described_bands, described_points, without

#: Fisher 2010, Table 4 (component: category -> points).
PAPER = {
    "location": {"junctional": 3, "mobile": 2, "semi_rigid": 1, "rigid": 0},
    "pain": {"mechanical": 3, "occasional": 1, "pain_free": 0},
    "lesion": {"lytic": 2, "mixed": 1, "blastic": 0},
    "alignment": {"subluxation": 4, "deformity": 2, "normal": 0},
    "collapse": {"gt_50": 3, "lt_50": 2, "involved_gt_50": 1, "none": 0},
    "posterolateral": {"bilateral": 3, "unilateral": 1, "none": 0},
}
PAPER_BANDS = [("stable", 0, 6), ("indeterminate", 7, 12), ("unstable", 13, 18)]

#: Location classes by level, as the paper writes them (occiput-C2, C7-T2, T11-L1, L5-S1 junctional;
#: C3-C6, L2-L4 mobile; T3-T10 semi-rigid; S2-S5 rigid).
PAPER_LEVELS = {
    "junctional": "C1 C2 C7 T1 T2 T11 T12 L1 L5 S1".split(),
    "mobile": "C3 C4 C5 C6 L2 L3 L4".split(),
    "semi_rigid": "T3 T4 T5 T6 T7 T8 T9 T10".split(),
    "rigid": "S2 S3 S4 S5".split(),
}

STABLE0 = dict(
    location="rigid",
    pain="pain_free",
    lesion="blastic",
    alignment="normal",
    collapse="none",
    posterolateral="none",
)


def test_points_table_matches_the_paper_point_by_point():
    assert described_points("sins") == PAPER


def test_bands_match_the_paper():
    assert described_bands("sins") == PAPER_BANDS
    assert SINS.score_range == (0, 18)


def test_every_level_maps_to_the_papers_location_class():
    mapped = {lv: cls for cls, levels in PAPER_LEVELS.items() for lv in levels}
    assert sorted(mapped, key=LEVELS.index) == list(LEVELS)  # C1...S5, each exactly once
    assert len(LEVELS) == 29
    for level, cls in mapped.items():
        by_level = calc("sins", without(STABLE0, "location"), level=level)
        assert by_level.components[0].points == PAPER["location"][cls], level
        by_class = calc("sins", STABLE0, location=cls)
        assert by_level.score == by_class.score


@pytest.mark.parametrize(
    ("changes", "total", "band"),
    [
        # 6 | 7
        (dict(location="junctional", pain="mechanical"), 6, "stable"),
        (dict(location="junctional", pain="mechanical", lesion="mixed"), 7, "indeterminate"),
        # 12 | 13
        (
            dict(location="junctional", pain="mechanical", alignment="subluxation", lesion="lytic"),
            12,
            "indeterminate",
        ),
        (
            dict(
                location="junctional",
                pain="mechanical",
                alignment="subluxation",
                lesion="lytic",
                posterolateral="unilateral",
            ),
            13,
            "unstable",
        ),
        ({}, 0, "stable"),
        (
            dict(
                location="junctional",
                pain="mechanical",
                lesion="lytic",
                alignment="subluxation",
                collapse="gt_50",
                posterolateral="bilateral",
            ),
            18,
            "unstable",
        ),
    ],
)
def test_band_edges(changes, total, band):
    r = calc("sins", STABLE0, **changes)
    assert (r.score, r.band) == (total, band)


def test_regression_pain_is_3_1_0_not_3_2_1():
    # neurosurgerynotes.bullet.site prints pain Yes 3 / No 2 / Pain-free 1: wrong against Fisher 2010.
    pts = {
        p: calc("sins", STABLE0, pain=p).score for p in ("mechanical", "occasional", "pain_free")
    }
    assert pts == {"mechanical": 3, "occasional": 1, "pain_free": 0}


def test_regression_stable_band_starts_at_0_not_1():
    r = calc("sins", STABLE0)
    assert (r.score, r.band) == (0, "stable")


def test_level_and_location_must_agree():
    msg = assert_rejected("sins", "level", {**STABLE0, "location": "rigid", "level": "t12"})
    assert "make them agree" in msg
    r = calc("sins", STABLE0, location="junctional", level="T12")  # agreeing: accepted
    assert r.components[0].points == 3


def test_neither_level_nor_location_is_missing_not_zero():
    msg = assert_rejected("sins", "location", without(STABLE0, "location"))
    assert "missing" in msg and "level" in msg


@pytest.mark.parametrize("missing", ["pain", "lesion", "alignment", "collapse", "posterolateral"])
def test_missing_component_rejected(missing):
    assert assert_rejected("sins", missing, without(STABLE0, missing)).startswith("missing")


@pytest.mark.parametrize("bad", [("level", "l6"), ("level", "t13"), ("level", "occiput")])
def test_impossible_levels_rejected(bad):
    field, value = bad
    assert_rejected("sins", field, {**without(STABLE0, "location"), field: value})


def test_conflict_notes():
    notes = " ".join(SINS.notes)
    assert "3/2/1" in notes  # the secondary-source error is named
    assert "most unstable class" in notes  # UNCONFIRMED spanning rule, documented
    collapse_help = SINS.components[4].input.help
    assert "50%" in collapse_help  # exactly 50% is not settled by the paper: flagged
