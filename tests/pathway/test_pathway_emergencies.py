"""MSCC and hypercalcaemia rules, on both sides of each trigger."""

from __future__ import annotations

import pytest
from pathway_variants import check

LUNG = "lung_hypercalcaemia_confusion"
MSCC = "prostate_mscc_weak_legs"

CASES = [
    # rule, case, changes, expected
    ("mscc_corticosteroids", MSCC, {}, "emergency"),
    ("mscc_corticosteroids", MSCC, {"neurology.frankel": "e"}, False),
    (
        "mscc_corticosteroids",
        MSCC,
        {"neurology.frankel": "e", "neurology.bladder_bowel_dysfunction": True},
        "bladder/bowel",
    ),
    ("mscc_corticosteroids", "breast_lytic_femur", {"neurology.frankel": "c"}, False),
    ("mscc_whole_spine_mri", MSCC, {}, "emergency"),
    ("mscc_whole_spine_mri", "prostate_widespread_radium", {}, False),
    ("mscc_whole_spine_mri", "unknown_primary_thoracic", {}, "urgent"),
    ("mscc_decompressive_surgery", MSCC, {}, "NOMS would route"),
    ("mscc_decompressive_surgery", MSCC, {"prognosis.expected_survival_months": 3}, True),
    ("mscc_decompressive_surgery", MSCC, {"prognosis.expected_survival_months": 2.9}, False),
    ("mscc_decompressive_surgery", MSCC, {"performance.fit_for_surgery": False}, False),
    ("mscc_decompressive_surgery", MSCC, {"lesions.0.escc_grade": "1c"}, False),
    ("mscc_decompressive_surgery", "melanoma_lumbar_separation", {}, True),
    # corrected = measured + 0.02 x (40 - 28) = measured + 0.24 mmol/L
    ("hypercalcaemia_hydration", LUNG, {}, "emergency"),
    ("hypercalcaemia_hydration", LUNG, {"labs.calcium.value": 2.50}, "urgent"),  # 2.74 mild
    ("hypercalcaemia_hydration", LUNG, {"labs.calcium.value": 2.38}, False),  # 2.62 = ULN
    ("hypercalcaemia_hydration", LUNG, {"labs.calcium.value": 2.39}, "urgent"),  # 2.63
    ("hypercalcaemia_antiresorptive", LUNG, {}, "Zoledronic acid 4 mg"),
    ("hypercalcaemia_antiresorptive", LUNG, {"labs.calcium.value": 2.76}, True),  # 3.00
    ("hypercalcaemia_antiresorptive", LUNG, {"labs.calcium.value": 2.75}, False),  # 2.99
    ("hypercalcaemia_antiresorptive", LUNG, {"labs.creatinine.value": 300}, "Denosumab 120 mg"),
    ("hypercalcaemia_antiresorptive", LUNG, {"labs.creatinine": None}, "measure creatinine"),
]


@pytest.mark.parametrize(("rule", "case", "changes", "expected"), CASES)
def test_emergency_rules(rule: str, case: str, changes: dict, expected: object) -> None:
    check(rule, case, changes, expected)  # type: ignore[arg-type]


def test_hypercalcaemia_in_mg_dl_uses_the_conventional_threshold() -> None:
    # 11.2 + 0.8 x (4.0 - 3.0) = 12.0 mg/dL exactly: zoledronic acid threshold reached
    changes = {
        "labs.calcium": {"value": 11.2, "unit": "mg/dL"},
        "labs.albumin": {"value": 3.0, "unit": "g/dL"},
    }
    check("hypercalcaemia_antiresorptive", LUNG, changes, "12.0 mg/dL")
    changes["labs.calcium"] = {"value": 11.1, "unit": "mg/dL"}
    check("hypercalcaemia_antiresorptive", LUNG, changes, False)
