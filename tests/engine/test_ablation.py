"""Thermal ablation screen (CIRSE standards, Ryan 2022; Nakatsuka 2009: lesions within 1 cm of the
cord needed canal thermometry)."""

from __future__ import annotations

import pytest

from bonemets.screens.ablation import ABLATION, MIN_NEURAL_DISTANCE_MM

from .helpers import calc


def test_suitable_patient():
    r = calc("ablation")
    assert r.band == "suitable" and r.reasons == ()


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"tolerates_anaesthesia": False}, "contraindicated", "anaesthesia"),
        ({"uncorrectable_bleeding": True}, "contraindicated", "bleeding"),
        ({"percutaneous_access": False}, "contraindicated", "no_access"),
        ({"widespread_metastases": True}, "caution", "widespread"),
        ({"active_infection": True}, "caution", "infection"),
        ({"critical_structure_adjacent": True}, "caution", "critical_structure"),
        ({"distance_to_neural_mm": 9.99}, "caution", "near_neural"),
    ],
)
def test_each_criterion(change, status, code):
    r = calc("ablation", **change)
    assert r.band == status
    assert [x.code for x in r.reasons] == [code]


@pytest.mark.parametrize(
    ("mm", "status"), [(0.0, "caution"), (9.99, "caution"), (10.0, "suitable")]
)
def test_neural_distance_edge(mm, status):
    assert MIN_NEURAL_DISTANCE_MM == 10.0
    assert calc("ablation", distance_to_neural_mm=mm).band == status


def test_absolute_beats_relative():
    r = calc("ablation", active_infection=True, uncorrectable_bleeding=True)
    assert r.band == "contraindicated"
    assert len(r.reasons) == 2


def test_every_reason_cited_and_notes():
    r = calc(
        "ablation",
        tolerates_anaesthesia=False,
        widespread_metastases=True,
        distance_to_neural_mm=2.0,
    )
    assert {x.citation.key for x in r.reasons} == {"ryan2022", "nakatsuka2009"}
    assert any("10 mm is not flagged" in n for n in ABLATION.notes)
