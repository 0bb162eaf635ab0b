"""Bilsky ESCC scale (Bilsky 2010, J Neurosurg Spine 13:324). Read from Radiopaedia (two versions),
UpToDate graphic 119111 and bio-protocol; see SOURCES.md."""

from __future__ import annotations

import pytest

from bonemets.scores.escc import ESCC, GRADES, band_of

from .helpers import assert_rejected, calc

#: Grade -> (key words of Bilsky's definition, course band: low 0-1b, borderline 1c, high 2-3).
PAPER = {
    "0": ("bone", "low"),
    "1a": ("epidural impingement", "low"),
    "1b": ("thecal sac", "low"),
    "1c": ("abutment", "borderline"),
    "2": ("visible", "high"),
    "3": ("no cerebrospinal fluid", "high"),
}


def test_six_grades_in_order():
    assert [g.grade for g in GRADES] == list(PAPER)


@pytest.mark.parametrize(("grade", "words", "band"), [(g, *v) for g, v in PAPER.items()])
def test_each_grade_definition_and_band(grade, words, band):
    r = calc("escc", grade=grade)
    assert r.band == band
    assert band_of(grade) == band
    assert words in r.values["description"].lower()


def test_low_high_edges():
    assert calc("escc", grade="1b").band == "low"
    assert calc("escc", grade="1c").band == "borderline"
    assert calc("escc", grade="2").band == "high"


@pytest.mark.parametrize(("given", "grade"), [(0, "0"), (2, "2"), (3, "3"), ("1C", "1c")])
def test_integer_and_upper_case_grades_are_accepted(given, grade):
    assert calc("escc", grade=given).values["grade"] == grade


@pytest.mark.parametrize("bad", [1, "1", "1d", 4, "-1", 2.0, True, "", "high"])
def test_impossible_grades_rejected(bad):
    msg = assert_rejected("escc", "grade", {"grade": bad})
    assert "0, 1a, 1b, 1c, 2, 3" in msg


def test_1c_conflict_documented():
    assert any("1c" in n and "low grade" in n for n in ESCC.notes)
