"""Analgesia, radiotherapy, radiopharmaceutical and ablation rules, on both sides of each trigger."""

from __future__ import annotations

import pytest
from pathway_variants import DELETE, check

CASES = [
    ("who_analgesic_ladder", "breast_lytic_femur", {}, "WHO step 3"),
    ("who_analgesic_ladder", "breast_lytic_femur", {"pain.worst_nrs": 4}, "WHO step 1"),
    ("who_analgesic_ladder", "breast_lytic_femur", {"pain.worst_nrs": 5}, "WHO step 2"),
    ("who_analgesic_ladder", "breast_lytic_femur", {"pain.worst_nrs": 0}, False),
    ("sbrt_selected_disease", "kidney_humerus_oligometastasis", {}, "Stereotactic body"),
    (
        "sbrt_selected_disease",
        "kidney_humerus_oligometastasis",
        {"prognosis.expected_survival_months": 5.9},
        False,
    ),
    (
        "sbrt_selected_disease",
        "kidney_humerus_oligometastasis",
        {"prognosis.expected_survival_months": 6},
        True,
    ),
    ("ebrt_single_fraction", "lung_hypercalcaemia_confusion", {}, "8 Gy single fraction"),
    (
        "ebrt_single_fraction",
        "lung_hypercalcaemia_confusion",
        {"lesions.0.pain": "none", "lesions.0.pain_nrs": 0},
        False,
    ),
    ("ebrt_single_fraction", "kidney_humerus_oligometastasis", {}, False),  # SBRT chosen instead
    ("reirradiation", "breast_pelvis_reirradiation_ablation", {}, "EQD2 12.0 Gy"),
    (
        "reirradiation",
        "breast_pelvis_reirradiation_ablation",
        {"treatments.radiotherapy": []},
        False,
    ),
    ("radiopharmaceutical", "prostate_widespread_radium", {}, "Radium-223"),
    (
        "radiopharmaceutical",
        "prostate_widespread_radium",
        {"labs.platelets.value": 99},
        "withheld",
    ),
    ("radiopharmaceutical", "prostate_widespread_radium", {"labs.platelets.value": 100}, True),
    (
        "radiopharmaceutical",
        "prostate_widespread_radium",
        {"prognosis.expected_survival_months": 3},
        "withheld",
    ),
    ("radiopharmaceutical", "prostate_widespread_radium", {"metastases.widespread": False}, False),
    ("hemibody_irradiation", "breast_widespread_hemibody", {}, "ANC below 1.5"),
    ("hemibody_irradiation", "prostate_widespread_radium", {}, False),
    ("hemibody_irradiation", "prostate_widespread_radium", {"labs.anc": DELETE}, "not computed"),
    ("hemibody_irradiation", "breast_widespread_hemibody", {"pain.uncontrolled": False}, False),
    ("thermal_ablation", "breast_pelvis_reirradiation_ablation", {}, "cementoplasty"),
    (
        "thermal_ablation",
        "breast_pelvis_reirradiation_ablation",
        {"lesions.0.distance_to_neural_mm": 9},
        "thermal protection",
    ),
    (
        "thermal_ablation",
        "breast_pelvis_reirradiation_ablation",
        {"lesions.0.distance_to_neural_mm": 10},
        True,
    ),
    (
        "thermal_ablation",
        "breast_pelvis_reirradiation_ablation",
        {"lesions.0.percutaneous_access": False},
        "withheld",
    ),
    (
        "thermal_ablation",
        "breast_pelvis_reirradiation_ablation",
        {"metastases.widespread": True},
        False,
    ),
    (
        "thermal_ablation",
        "breast_pelvis_reirradiation_ablation",
        {"comorbidities.tolerates_anaesthesia": DELETE},
        False,
    ),
]


@pytest.mark.parametrize(("rule", "case", "changes", "expected"), CASES)
def test_pain_rules(rule: str, case: str, changes: dict, expected: object) -> None:
    check(rule, case, changes, expected)  # type: ignore[arg-type]


def test_ablation_distance_edge_is_not_flagged_at_exactly_10_mm() -> None:
    from pathway_variants import fired, variant

    acts = fired(
        variant("breast_pelvis_reirradiation_ablation", {"lesions.0.distance_to_neural_mm": 10}),
        "thermal_ablation",
    )
    assert acts and "thermal protection" not in acts[0].action
