"""Modified Bauer score (Leithner 2008, Eur Spine J 17:1488; original Bauer & Wedin 1995). Read
from the dss.dign.eu decision-support page citing Leithner 2008; see SOURCES.md."""

from __future__ import annotations

import pytest

from bonemets.scores.bauer import BAUER

from .helpers import assert_rejected, calc, described_bands

PAPER_BANDS = [("supportive", 0, 1), ("palliative", 2, 2), ("local_control", 3, 4)]
FAVOURABLE = {"breast", "kidney", "lymphoma", "myeloma"}


def test_bands():
    assert described_bands("bauer") == PAPER_BANDS
    assert BAUER.score_range == (0, 4)


def test_each_item_is_one_point_as_in_leithner():
    primaries = BAUER.components[1].input.values
    for p in primaries:
        r = calc("bauer", visceral_mets=True, primary=p, solitary=False)
        expected = (p != "lung") + (p in FAVOURABLE)
        assert r.score == expected, p
    assert calc("bauer", visceral_mets=False, primary="lung", solitary=False).score == 1
    assert calc("bauer", visceral_mets=True, primary="lung", solitary=True).score == 1


def test_primary_list_is_tokuhashis_plus_lymphoma_and_myeloma():
    from bonemets.scores.tokuhashi import PRIMARY_FIELD

    assert set(BAUER.components[1].input.values) == set(PRIMARY_FIELD.values) | {
        "lymphoma",
        "myeloma",
    }


@pytest.mark.parametrize(
    ("inputs", "total", "band"),
    [
        ((True, "lung", False), 0, "supportive"),
        ((True, "stomach", False), 1, "supportive"),
        ((False, "stomach", False), 2, "palliative"),
        ((True, "myeloma", False), 2, "palliative"),
        ((False, "lymphoma", False), 3, "local_control"),
        ((False, "kidney", True), 4, "local_control"),
    ],
)
def test_band_edges(inputs, total, band):
    v, p, s = inputs
    r = calc("bauer", visceral_mets=v, primary=p, solitary=s)
    assert (r.score, r.band) == (total, band)


def test_original_fifth_item_is_not_scored():
    assert len(BAUER.components) == 4
    assert any("fifth item" in n and "0-5" in n for n in BAUER.notes)
    assert_rejected(
        "bauer",
        "pathological_fracture",
        dict(visceral_mets=False, primary="breast", solitary=True, pathological_fracture=False),
    )


@pytest.mark.parametrize("bad", ["yes", "true", 1, 0, None])
def test_python_api_wants_real_booleans(bad):
    assert_rejected("bauer", "solitary", dict(visceral_mets=False, primary="breast", solitary=bad))
