"""Bone-modifying agent and bone-loss rules, on both sides of each trigger."""

from __future__ import annotations

import pytest
from pathway_variants import check

FEMUR = "breast_lytic_femur"
EGFR = "lung_egfr_renal_denosumab"  # CrCl about 17 mL/min, corrected calcium 2.04 mmol/L

CASES = [
    ("bma_start", FEMUR, {}, "zoledronic acid 4.0 mg"),
    ("bma_start", "prostate_femur_postop", {}, False),  # castration-sensitive
    ("bma_start", "prostate_femur_postop", {"primary.subtype": "castration_resistant"}, True),
    ("bma_start", "colon_lumbar_poor_prognosis", {}, False),  # survival 2 < 3 months
    (
        "bma_start",
        "colon_lumbar_poor_prognosis",
        {"prognosis.expected_survival_months": 3},
        "3.0 mg",
    ),
    ("bma_start", EGFR, {}, "Start denosumab"),
    ("bma_start", "thyroid_cervical_unstable", {}, False),  # already on zoledronic acid
    ("bma_dental_examination", FEMUR, {}, "before the first dose"),
    ("bma_dental_examination", FEMUR, {"dental.status": "cleared"}, False),
    ("bma_dental_examination", "unknown_primary_thoracic", {}, False),  # no agent
    ("bma_onj_warning", EGFR, {}, "urgent"),
    (
        "bma_onj_warning",
        EGFR,
        {"dental.status": "cleared", "dental.invasive_procedure_planned": False},
        False,
    ),
    ("bma_calcium_vitamin_d", FEMUR, {}, "calcium 500 mg"),
    ("bma_calcium_vitamin_d", "lung_hypercalcaemia_confusion", {}, False),  # hypercalcaemic
    ("bma_renal_monitoring", FEMUR, {}, "before every dose"),
    ("bma_renal_monitoring", EGFR, {}, False),  # denosumab
    ("bma_deescalation", "thyroid_cervical_unstable", {}, "every 4 weeks for 2 months"),
    ("bma_deescalation", "prostate_widespread_radium", {}, False),  # already 12-weekly
    (
        "bma_deescalation",
        "prostate_widespread_radium",
        {"treatments.bone_modifying_agent.interval_weeks": 11},
        True,
    ),
    ("bma_hypocalcaemia_warning", EGFR, {}, "urgent"),
    (
        "bma_hypocalcaemia_warning",
        EGFR,
        {"labs.creatinine.value": 1.0, "labs.calcium.value": 2.30},
        False,
    ),
    (
        "bma_hypocalcaemia_warning",
        "breast_widespread_hemibody",
        {},
        False,
    ),  # normal calcium, CrCl ok
    ("endocrine_bone_loss", "prostate_femur_postop", {}, "osteoporosis-dose"),
    ("endocrine_bone_loss", FEMUR, {}, "also protects"),
    ("endocrine_bone_loss", "kidney_humerus_oligometastasis", {}, False),
]


@pytest.mark.parametrize(("rule", "case", "changes", "expected"), CASES)
def test_bma_rules(rule: str, case: str, changes: dict, expected: object) -> None:
    check(rule, case, changes, expected)  # type: ignore[arg-type]


def test_zoledronic_dose_decided_on_unrounded_clearance() -> None:
    """CrCl 60.4 must stay in the 4.0 mg band (label: > 60), never be rounded to 60 (3.5 mg)."""
    from pathway_variants import variant

    # female 64 y, 68 kg: (140-64) x 68 x 0.85 / (72 x SCr) = 60.4 -> SCr = 1.01395 mg/dL
    ev = variant(FEMUR, {"labs.creatinine": {"value": 1.01395, "unit": "mg/dL"}})
    zol = ev.results["zoledronic_acid"]
    assert 60.0 < zol.values["crcl_ml_min"] < 61.0
    assert zol.values["dose_mg"] == 4.0
