"""Revised Tokuhashi score (Tokuhashi 2005, Spine 30:2186). Table read from NICE CG75 (2008)
Appendix 3 Table 2 ("corrections made with permission from Y. Tokuhashi"), neurosurgerynotes and
the CRAN cliot documentation; see SOURCES.md."""

from __future__ import annotations

import pytest

from bonemets.scores.tokuhashi import TOKUHASHI

from .helpers import assert_rejected, calc, described_bands

#: Tokuhashi 2005 / NICE CG75 Table 2. Numeric items: (low, high) -> points; None is open-ended.
PAPER_NUMERIC = {
    "kps": {(10, 40): 0, (50, 70): 1, (80, 100): 2},
    "extraspinal_bone_mets": {(3, None): 0, (1, 2): 1, (0, 0): 2},
    "vertebral_mets": {(3, None): 0, (2, 2): 1, (1, 1): 2},  # CONFLICT: NICE reading chosen
}
PAPER_CHOICES = {
    "visceral_mets": {"unremovable": 0, "removable": 1, "none": 2},
    "primary": {
        "lung": 0,
        "osteosarcoma": 0,
        "stomach": 0,
        "bladder": 0,
        "esophagus": 0,
        "pancreas": 0,
        "liver": 1,
        "gallbladder": 1,
        "unknown": 1,
        "other": 2,
        "kidney": 3,
        "uterus": 3,
        "rectum": 4,
        "thyroid": 5,
        "breast": 5,
        "prostate": 5,
        "carcinoid": 5,
    },
    "palsy": {"a": 0, "b": 0, "c": 1, "d": 1, "e": 2},
}
#: 0-8 < 6 months; 9-11 >= 6 months; 12-15 >= 1 year.
PAPER_BANDS = [("under_6_months", 0, 8), ("6_months_or_more", 9, 11), ("1_year_or_more", 12, 15)]

BEST = dict(
    kps=100,
    extraspinal_bone_mets=0,
    vertebral_mets=1,
    visceral_mets="none",
    primary="breast",
    palsy="e",
)  # 2+2+2+2+5+2 = 15
WORST = dict(
    kps=10,
    extraspinal_bone_mets=3,
    vertebral_mets=3,
    visceral_mets="unremovable",
    primary="lung",
    palsy="a",
)  # 0


def test_described_table_matches_nice_cg75_point_by_point():
    comps = {c["name"]: c for c in TOKUHASHI.describe()["components"]}
    for name, rows in PAPER_NUMERIC.items():
        got = {tuple(o["between"]): o["points"] for o in comps[name]["options"]}
        assert got == rows, name
    for name, rows in PAPER_CHOICES.items():
        got = {v: o["points"] for o in comps[name]["options"] for v in o["values"]}
        assert got == rows, name


@pytest.mark.parametrize(
    ("field", "value", "points"),
    [
        ("kps", 10, 0),
        ("kps", 40, 0),
        ("kps", 50, 1),
        ("kps", 70, 1),
        ("kps", 80, 2),
        ("kps", 100, 2),
        ("extraspinal_bone_mets", 0, 2),
        ("extraspinal_bone_mets", 1, 1),
        ("extraspinal_bone_mets", 2, 1),
        ("extraspinal_bone_mets", 3, 0),
        ("extraspinal_bone_mets", 1000, 0),
        ("vertebral_mets", 1, 2),
        ("vertebral_mets", 2, 1),
        ("vertebral_mets", 3, 0),
        ("vertebral_mets", 33, 0),
    ],
)
def test_numeric_item_edges(field, value, points):
    r = calc("tokuhashi", WORST, **{field: value})
    assert {c.name: c.points for c in r.components}[field] == points
    assert r.score == points


def test_bands_match_the_paper_and_survival_is_not_reversed():
    assert described_bands("tokuhashi") == PAPER_BANDS
    # neurosurgerynotes prints "0-8 > 6 months, 9-11 <= 6 months, 12-15 <= 1 year": reversed.
    low = TOKUHASHI.band_named("under_6_months")
    high = TOKUHASHI.band_named("1_year_or_more")
    assert "less than 6 months" in low.interpretation
    assert "1 year or more" in high.interpretation
    assert "Excisional" in high.recommendation and "Conservative" in low.recommendation


@pytest.mark.parametrize(
    ("changes", "total", "band"),
    [
        # 8 | 9  (from the best patient, 15, take points away)
        (dict(primary="lung", kps=10), 8, "under_6_months"),
        (dict(primary="lung", kps=50), 9, "6_months_or_more"),
        # 11 | 12
        (dict(primary="other", palsy="c"), 11, "6_months_or_more"),
        (dict(primary="other"), 12, "1_year_or_more"),
        ({}, 15, "1_year_or_more"),
    ],
)
def test_band_edges(changes, total, band):
    r = calc("tokuhashi", BEST, **changes)
    assert (r.score, r.band) == (total, band)
    assert calc("tokuhashi", WORST).score == 0


def test_conflict_vertebral_item_single_metastasis_crosses_8_9():
    # NICE reading (chosen): 1 vertebral metastasis -> 2 points. The other reproduction
    # (>=3 -> 0, 1-2 -> 1, 0 -> 2) gives 1: this patient would be 8 (< 6 months), not 9.
    patient = dict(
        kps=60,
        extraspinal_bone_mets=1,
        vertebral_mets=1,
        visceral_mets="removable",
        primary="other",
        palsy="e",
    )  # 1 + 1 + 2 + 1 + 2 + 2 = 9
    r = calc("tokuhashi", patient)
    assert (r.score, r.band) == (9, "6_months_or_more")
    notes = " ".join(TOKUHASHI.notes)
    assert "NICE CG75" in notes and "1-2 -> 1" in notes and "0 -> 2" in notes


def test_regression_2005_not_1990():
    # 1990 original: range 0-12, primary lung/stomach 0, kidney/liver/uterus/other 1, thyroid/
    # prostate/breast/rectum 2. The 2005 revision: 0-15, rectum 4, thyroid/breast/prostate 5.
    assert TOKUHASHI.score_range == (0, 15)
    assert calc("tokuhashi", WORST, primary="rectum").score == 4
    assert calc("tokuhashi", WORST, primary="thyroid").score == 5
    assert calc("tokuhashi", WORST, primary="kidney").score == 3
    assert any("1990" in n and "0-12" in n for n in TOKUHASHI.notes)


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("kps", 45),
        ("kps", 0),
        ("kps", 110),
        ("kps", "80"),
        ("kps", 80.5),
        ("vertebral_mets", 0),
        ("vertebral_mets", -1),
        ("extraspinal_bone_mets", -1),
        ("extraspinal_bone_mets", 1.5),
        ("primary", "colon"),
        ("palsy", "f"),
        ("visceral_mets", "yes"),
    ],
)
def test_impossible_inputs_rejected(field, bad):
    assert_rejected("tokuhashi", field, {**BEST, field: bad})


def test_integral_float_counts_accepted():
    assert calc("tokuhashi", BEST, kps=80.0, vertebral_mets=1.0).score == 15


def test_accuracy_sources_are_not_merged():
    # Clinical review A2/D6: Gong 2021 (32.6%, 72/221) and the ten-study review (Zoccali 2016,
    # 63%) are two sources; "about 60%" must not be attributed to Gong.
    notes = " ".join(TOKUHASHI.notes)
    assert "32.6% (72/221)" in notes and "Zoccali" in notes and "63%" in notes
    assert "about 60%" not in notes
