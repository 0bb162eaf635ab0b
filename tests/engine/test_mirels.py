"""Mirels score (Mirels 1989, Clin Orthop Relat Res 249:256; CORR 2003 reprint; Jawad & Scully,
CORR 2010 468:2825). Sources read: see SOURCES.md (orthobullets 20352387 copy of Jawad & Scully,
epomedicine, cliot CRAN documentation)."""

from __future__ import annotations

import itertools

import pytest

from bonemets.scores.mirels import MIRELS, ORIGINAL_FIXATION_CUTOFF

from .helpers import assert_rejected, calc, described_bands, described_points

#: Mirels 1989, Table 1, as printed (factor: category -> points).
PAPER = {
    "site": {"upper_limb": 1, "lower_limb": 2, "peritrochanteric": 3},
    "pain": {"mild": 1, "moderate": 2, "functional": 3},
    "lesion": {"blastic": 1, "mixed": 2, "lytic": 3},
    "size": {"lt_1_3": 1, "1_3_to_2_3": 2, "gt_2_3": 3},
}
#: <= 7 low, 8 borderline, >= 9 high (Jawad & Scully 2010; range 4-12).
PAPER_BANDS = [("low", 4, 7), ("borderline", 8, 8), ("high", 9, 12)]
#: The lowest-scoring lesion (4 points).
BASE = dict(site="upper_limb", pain="mild", lesion="blastic", size="lt_1_3")


def test_points_table_matches_the_paper_point_by_point():
    assert described_points("mirels") == PAPER


def test_bands_match_the_published_cut_offs():
    assert described_bands("mirels") == PAPER_BANDS
    assert MIRELS.score_range == (4, 12)


@pytest.mark.parametrize(
    ("inputs", "total", "band"),
    [
        # 7 | 8 | 9: the edges on both sides
        (dict(site="upper_limb", pain="mild", lesion="blastic", size="gt_2_3"), 6, "low"),
        (dict(site="upper_limb", pain="mild", lesion="lytic", size="1_3_to_2_3"), 7, "low"),
        (dict(site="lower_limb", pain="mild", lesion="lytic", size="1_3_to_2_3"), 8, "borderline"),
        (dict(site="lower_limb", pain="moderate", lesion="lytic", size="1_3_to_2_3"), 9, "high"),
        (dict(site="upper_limb", pain="mild", lesion="blastic", size="lt_1_3"), 4, "low"),
        (
            dict(site="peritrochanteric", pain="functional", lesion="lytic", size="gt_2_3"),
            12,
            "high",
        ),
    ],
)
def test_band_edges(inputs, total, band):
    r = calc("mirels", inputs)
    assert (r.score, r.band) == (total, band)


def test_worked_example_epomedicine():
    # Lytic femoral diaphysis lesion over half the diameter with severe pain at rest:
    # 3 (lytic) + 2 (lower limb) + 2 (1/3-2/3) + 3 (functional) = 10 (epomedicine.com).
    r = calc("mirels", site="lower_limb", pain="functional", lesion="lytic", size="1_3_to_2_3")
    assert r.score == 10
    assert r.band == "high"
    assert {c.name: c.points for c in r.components} == {
        "site": 2,
        "pain": 3,
        "lesion": 3,
        "size": 2,
    }


def test_functional_pain_and_lytic_alone_reach_borderline():
    # Epomedicine: functional pain with a lytic lesion "automatically scores 8 or more".
    for site, size in itertools.product(PAPER["site"], PAPER["size"]):
        r = calc("mirels", site=site, pain="functional", lesion="lytic", size=size)
        assert r.score >= 8


@pytest.mark.parametrize(
    "extra",
    ["age", "primary", "cortical_destruction", "axial_length_mm", "bone", "fracture_history"],
)
def test_invented_items_are_rejected_as_unknown_fields(extra):
    # One public "Mirels" app adds items of its own; the published score has four.
    msg = assert_rejected("mirels", extra, {**BASE, extra: "yes"})
    assert "unknown input" in msg
    assert "site" in msg and "size" in msg


def test_no_zero_point_pain_option():
    # Mirels has no "no pain" row: each factor scores 1-3.
    msg = assert_rejected("mirels", "pain", {**BASE, "pain": "none"})
    assert "mild, moderate, functional" in msg


@pytest.mark.parametrize("missing", list(PAPER))
def test_missing_factor_is_never_scored_as_zero(missing):
    base = {k: v for k, v in BASE.items() if k != missing}
    msg = assert_rejected("mirels", missing, base)
    assert msg.startswith("missing")


def test_conflict_fixation_cut_off_chosen_reading_and_alternative_in_notes():
    # Chosen: >= 9 fixes, 8 borderline. Original abstract: fix from 8. Both shown.
    assert calc(
        "mirels", site="lower_limb", pain="mild", lesion="lytic", size="1_3_to_2_3"
    ).band == ("borderline")
    assert ORIGINAL_FIXATION_CUTOFF == 8
    notes = " ".join(MIRELS.notes)
    assert "original abstract" in notes and "from a score of 8" in notes
    assert "fix from 9" in notes


def test_conflict_size_reference_diameter_with_cortex_in_notes():
    assert "diameter" in MIRELS.components[3].label
    assert any("cortex" in n for n in MIRELS.notes)


def test_recommendation_follows_band():
    low = calc("mirels", BASE)
    high = calc("mirels", site="peritrochanteric", pain="functional", lesion="lytic", size="gt_2_3")
    assert "not indicated" in low.recommendation
    assert "Prophylactic fixation" in high.recommendation
