"""Pre-exercise screen (Campbell 2022 IBMEWG consensus; the course's source article for the
contraindication list; Australian Cancer Exercise Toolkit for the platelet alternative)."""

from __future__ import annotations

import pytest

from bonemets.scores.mirels import MIRELS
from bonemets.scores.sins import SINS
from bonemets.screens.exercise import EXERCISE

from .helpers import VALID, assert_rejected, calc

#: Finding -> the status it forces (absolute contraindications defer; relative ones modify).
FINDINGS = [
    ({"untreated_cord_compression": True}, "defer", "untreated_mscc"),
    ({"acute_pathologic_fracture": True}, "defer", "acute_fracture"),
    ({"severe_hypercalcaemia": True}, "defer", "severe_hypercalcaemia"),
    ({"sins_band": "unstable"}, "defer", "unstable_spine"),
    ({"impending_fracture_unstabilised": True}, "modify", "impending_fracture"),
    ({"uncontrolled_pain": True}, "modify", "uncontrolled_pain"),
    ({"platelets": 49.9}, "modify", "low_platelets"),
    ({"expected_survival_months": 3.0}, "modify", "short_survival"),
    ({"sins_band": "indeterminate"}, "modify", "indeterminate_spine"),
    ({"mirels_band": "borderline"}, "modify", "long_bone_risk"),
    ({"mirels_band": "high"}, "modify", "long_bone_risk"),
]


def test_no_finding_clears():
    r = calc("exercise")
    assert r.band == "cleared" and r.reasons == ()


@pytest.mark.parametrize(("change", "status", "code"), FINDINGS)
def test_each_finding_alone(change, status, code):
    r = calc("exercise", **change)
    assert r.band == status
    assert [x.code for x in r.reasons] == [code]
    assert r.reasons[0].citation.key == "campbell2022"


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"platelets": 50.0}, "cleared"),  # "below 50": 50 itself is not below
        ({"platelets": 49.99}, "modify"),
        ({"expected_survival_months": 3.01}, "cleared"),
        ({"sins_band": "no_spinal_lesion"}, "cleared"),
        ({"mirels_band": "no_long_bone_lesion"}, "cleared"),
        ({"sins_band": "stable", "mirels_band": "low"}, "cleared"),
    ],
)
def test_threshold_edges(change, status):
    assert calc("exercise", **change).band == status


def test_most_severe_effect_wins_and_every_reason_is_listed():
    r = calc("exercise", uncontrolled_pain=True, acute_pathologic_fracture=True, platelets=10.0)
    assert r.band == "defer"
    assert {x.code for x in r.reasons} == {"uncontrolled_pain", "acute_fracture", "low_platelets"}


def test_lesion_band_options_come_from_the_score_tables():
    sins = next(f for f in EXERCISE.inputs if f.name == "sins_band")
    mirels = next(f for f in EXERCISE.inputs if f.name == "mirels_band")
    assert sins.values[1:] == tuple(b.name for b in SINS.bands)
    assert mirels.values[1:] == tuple(b.name for b in MIRELS.bands)
    assert "13–18" in dict(sins.options)["unstable"]


def test_platelet_conflict_documented():
    assert EXERCISE.data["platelets_modify_below"] == 50.0
    assert any("< 20" in n for n in EXERCISE.notes)


@pytest.mark.parametrize("field", list(VALID["exercise"]))
def test_every_input_required(field):
    base = dict(VALID["exercise"])
    del base[field]
    assert_rejected("exercise", field, base)
