"""Long-bone fracture rules, on both sides of each trigger."""

from __future__ import annotations

import pytest
from pathway_variants import DELETE, check

FEMUR = "breast_lytic_femur"  # Mirels 3+3+3+3 = 12; axial 35 mm
ARM = "lung_humerus_fracture"

CASES = [
    ("pathologic_fracture", ARM, {}, "emergency"),
    ("pathologic_fracture", ARM, {"lesions.0.fracture": "impending"}, False),
    (
        "pathologic_fracture",
        ARM,
        {"prognosis.expected_survival_months": 2},
        "does not support surgery",
    ),
    (
        "pathologic_fracture",
        ARM,
        {
            "treatments.surgery": [
                {"lesion": "left_humerus", "procedure": "fracture_fixation", "date": "2025-11-03"}
            ]
        },
        False,
    ),
    ("mirels_prophylactic_fixation", FEMUR, {}, "urgent"),
    # diaphysis 2 + moderate 2 + lytic 3 + < 1/3 1 = 8: borderline
    (
        "mirels_prophylactic_fixation",
        FEMUR,
        {"lesions.0.region": "diaphysis", "lesions.0.pain": "moderate", "lesions.0.size": "lt_1_3"},
        "planned",
    ),
    (
        "mirels_prophylactic_fixation",
        FEMUR,
        {"lesions.0.region": "diaphysis", "lesions.0.pain": "mild", "lesions.0.size": "lt_1_3"},
        False,
    ),  # 7
    (
        "mirels_prophylactic_fixation",
        FEMUR,
        {"lesions.0.region": "diaphysis", "lesions.0.size": "lt_1_3"},
        "urgent",
    ),  # 9
    (
        "mirels_prophylactic_fixation",
        FEMUR,
        {"prognosis.expected_survival_months": 1},
        "does not support surgery",
    ),
    ("femoral_axial_cortical_involvement", FEMUR, {}, "35 mm"),
    (
        "femoral_axial_cortical_involvement",
        FEMUR,
        {"lesions.0.axial_cortical_involvement_mm": 30},
        False,
    ),
    (
        "femoral_axial_cortical_involvement",
        FEMUR,
        {"lesions.0.axial_cortical_involvement_mm": 30.5},
        True,
    ),
    (
        "femoral_axial_cortical_involvement",
        FEMUR,
        {"lesions.0.axial_cortical_involvement_mm": DELETE},
        False,
    ),
    ("postoperative_radiotherapy", "prostate_femur_postop", {}, "urgent"),
    (
        "postoperative_radiotherapy",
        "prostate_femur_postop",
        {
            "treatments.radiotherapy": [
                {"lesion": "right_femur", "dose_gy": 8, "fractions": 1, "date": "2025-05-20"}
            ]
        },
        False,
    ),
    ("postoperative_radiotherapy", FEMUR, {}, "planned"),
    ("postoperative_radiotherapy", FEMUR, {"prognosis.expected_survival_months": 2}, False),
    ("postoperative_radiotherapy", "kidney_humerus_oligometastasis", {}, False),
]


@pytest.mark.parametrize(("rule", "case", "changes", "expected"), CASES)
def test_fracture_rules(rule: str, case: str, changes: dict, expected: object) -> None:
    check(rule, case, changes, expected)  # type: ignore[arg-type]
