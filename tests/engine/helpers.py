"""Shared helpers for the engine tests: a valid example per calculator and error assertions.

The example inputs are ordinary patients chosen by hand; no expected value here is copied from the
engine's output.
"""

from __future__ import annotations

from typing import Any

import pytest

import bonemets
from bonemets import InputError

#: One valid input per calculator (used as a base that single tests and properties mutate).
VALID: dict[str, dict[str, Any]] = {
    "mirels": {"site": "lower_limb", "pain": "moderate", "lesion": "mixed", "size": "1_3_to_2_3"},
    "sins": {
        "location": "junctional",
        "pain": "occasional",
        "lesion": "mixed",
        "alignment": "normal",
        "collapse": "none",
        "posterolateral": "none",
    },
    "escc": {"grade": "1b"},
    "noms": {
        "escc_grade": "1a",
        "radiosensitivity": "resistant",
        "sins": 5,
        "fit_for_surgery": True,
    },
    "tokuhashi": {
        "kps": 60,
        "extraspinal_bone_mets": 1,
        "vertebral_mets": 2,
        "visceral_mets": "removable",
        "primary": "other",
        "palsy": "d",
    },
    "tomita": {"primary_growth": "moderate", "visceral_mets": "treatable", "bone_mets": "multiple"},
    "bauer": {"visceral_mets": False, "primary": "breast", "solitary": False},
    "calcium": {"calcium": 9.6, "albumin": 4.0, "units": "conventional"},
    "zoledronic_acid": {
        "age": 60,
        "sex": "male",
        "weight_kg": 70,
        "creatinine": 1.0,
        "creatinine_unit": "mg_dl",
    },
    "eqd2": {"fractions": 10, "dose_per_fraction_gy": 3.0},
    "pain": {"nrs": 5},
    "exercise": {
        "untreated_cord_compression": False,
        "acute_pathologic_fracture": False,
        "severe_hypercalcaemia": False,
        "impending_fracture_unstabilised": False,
        "uncontrolled_pain": False,
        "platelets": 200.0,
        "expected_survival_months": 24.0,
        "sins_band": "stable",
        "mirels_band": "low",
    },
    "radiopharmaceutical": {
        "agent": "sr89",
        "painful_bone_metastases": True,
        "positive_bone_scan": True,
        "lesion_type": "blastic",
        "life_expectancy_months": 12.0,
        "crpc": True,
        "visceral_mets": False,
        "acute_cord_compression": False,
        "fracture_or_impending": False,
        "renal_failure": False,
        "pregnant_or_breastfeeding": False,
        "chemotherapy_last_6_weeks": False,
        "platelets": 250.0,
        "anc": 4.0,
        "haemoglobin": 13.0,
    },
    "ablation": {
        "tolerates_anaesthesia": True,
        "uncorrectable_bleeding": False,
        "percutaneous_access": True,
        "widespread_metastases": False,
        "active_infection": False,
        "critical_structure_adjacent": False,
        "distance_to_neural_mm": 25.0,
    },
}


def calc(name: str, base: dict[str, Any] | None = None, /, **changes: Any) -> bonemets.Result:
    """Run ``name`` on ``base`` (default: VALID[name]) updated with ``changes``."""
    inputs = dict(VALID[name] if base is None else base)
    inputs.update(changes)
    return bonemets.calculate(name, **inputs)


def errors_of(name: str, inputs: dict[str, Any]) -> list[bonemets.FieldError]:
    with pytest.raises(InputError) as info:
        bonemets.calculate(name, **inputs)
    return info.value.errors


def assert_rejected(name: str, field: str, inputs: dict[str, Any]) -> str:
    """``inputs`` must raise InputError naming ``field``; returns that field's message."""
    errs = errors_of(name, inputs)
    named = [e for e in errs if e.field == field]
    assert named, f"{field!r} not named in {[str(e) for e in errs]}"
    return named[0].message


def without(d: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k not in keys}


def component_points(result: bonemets.Result) -> dict[str, int]:
    return {c.name: c.points for c in result.components}


def described_points(name: str) -> dict[str, dict[str, int]]:
    """A points table as published by ``describe()``: component -> input value -> points."""
    out: dict[str, dict[str, int]] = {}
    for comp in bonemets.get(name).describe()["components"]:
        table: dict[str, int] = {}
        for opt in comp["options"]:
            for v in opt["values"]:
                table[str(v)] = opt["points"]
        out[comp["name"]] = table
    return out


def described_bands(name: str) -> list[tuple[str, int, int]]:
    return [(b["name"], b["low"], b["high"]) for b in bonemets.get(name).describe()["bands"]]
