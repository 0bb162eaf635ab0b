"""Tomita score (Tomita 2001, Spine 26:298). The primary table was not readable; points from the
sophiewell-style public implementation (find_string) and DEFINITIONS.md; bands from Tomita 2001 as
cited by WJSO 2014 and Gong 2021. See SOURCES.md (partly UNCONFIRMED)."""

from __future__ import annotations

import pytest

from bonemets.scores.tomita import TOMITA

from .helpers import assert_rejected, calc, described_bands, described_points

PAPER = {
    "primary_growth": {"slow": 1, "moderate": 2, "rapid": 4},
    "visceral_mets": {"none": 0, "treatable": 2, "untreatable": 4},
    "bone_mets": {"solitary": 1, "multiple": 2},
}
PAPER_BANDS = [
    ("long_term_control", 2, 3),
    ("middle_term_control", 4, 5),
    ("short_term_palliation", 6, 7),
    ("terminal_care", 8, 10),
]


def test_points_table_matches_point_by_point():
    assert described_points("tomita") == PAPER


def test_bands():
    assert described_bands("tomita") == PAPER_BANDS
    assert TOMITA.score_range == (2, 10)


@pytest.mark.parametrize(
    ("inputs", "total", "band"),
    [
        (("slow", "none", "solitary"), 2, "long_term_control"),
        (("slow", "none", "multiple"), 3, "long_term_control"),
        (("moderate", "none", "multiple"), 4, "middle_term_control"),
        (("slow", "treatable", "multiple"), 5, "middle_term_control"),
        (("moderate", "treatable", "multiple"), 6, "short_term_palliation"),
        (("rapid", "treatable", "solitary"), 7, "short_term_palliation"),
        (("rapid", "treatable", "multiple"), 8, "terminal_care"),
        (("rapid", "untreatable", "multiple"), 10, "terminal_care"),
    ],
)
def test_band_edges(inputs, total, band):
    g, v, b = inputs
    r = calc("tomita", primary_growth=g, visceral_mets=v, bone_mets=b)
    assert (r.score, r.band) == (total, band)


def test_regression_rapid_growth_is_4_not_3():
    # A review table gives rapid growth 3; the 2-10 range is then unreachable (max 9).
    r = calc("tomita", primary_growth="rapid", visceral_mets="none", bone_mets="solitary")
    assert r.score == 5 and r.band == "middle_term_control"  # with 3 it would be 4
    worst = calc(
        "tomita", primary_growth="rapid", visceral_mets="untreatable", bone_mets="multiple"
    )
    assert worst.score == 10
    assert any("3 points" in n for n in TOMITA.notes)


@pytest.mark.parametrize(
    ("field", "bad"), [("primary_growth", "fast"), ("visceral_mets", 0), ("bone_mets", "none")]
)
def test_bad_categories_rejected(field, bad):
    base = dict(primary_growth="slow", visceral_mets="none", bone_mets="solitary")
    assert_rejected("tomita", field, {**base, field: bad})
