"""NRS pain bands (Serlin 1995, Pain 61:277: 1-4 mild, 5-6 moderate, 7-10 severe; Paul 2005) and
the WHO analgesic ladder. See SOURCES.md."""

from __future__ import annotations

import pytest

from bonemets.formulas.pain import ALTERNATIVE_BANDS, PAIN

from .helpers import assert_rejected, calc

SERLIN = {0: "none", **dict.fromkeys(range(1, 5), "mild"), 5: "moderate", 6: "moderate"}
SERLIN.update(dict.fromkeys(range(7, 11), "severe"))
WHO_STEP = {"none": None, "mild": 1, "moderate": 2, "severe": 3}


@pytest.mark.parametrize("nrs", range(11))
def test_every_nrs_value(nrs):
    r = calc("pain", nrs=nrs)
    assert r.band == SERLIN[nrs]
    assert r.values["who_step"] == WHO_STEP[SERLIN[nrs]]


@pytest.mark.parametrize(("a", "b"), [(0, 1), (4, 5), (6, 7)])
def test_edges_change_band(a, b):
    assert calc("pain", nrs=a).band != calc("pain", nrs=b).band


@pytest.mark.parametrize("bad", [11, -1, 4.5, "5", True, None, float("inf"), 100])
def test_impossible_nrs_rejected(bad):
    assert_rejected("pain", "nrs", {"nrs": bad})


def test_alternative_reading_is_shown():
    assert [tuple(a) for a in ALTERNATIVE_BANDS] == [
        ("mild", 1, 3),
        ("moderate", 4, 6),
        ("severe", 7, 10),
    ]
    notes = " ".join(PAIN.notes)
    assert "Serlin" in notes and "<= 3" in notes and "Paul 2005" in notes


def test_who_2018_and_breakthrough_dose_are_held():
    from bonemets.formulas.pain import PAIN

    # ONS PEP "opioids proportional to basal dose": 10-20% of the total daily dose.
    assert PAIN.describe()["data"]["breakthrough_percent_of_daily"] == [10, 20]
    assert {"who1996", "who2018"} <= {c.key for c in PAIN.citations}
    assert any("WHO 2018" in n for n in PAIN.notes)
