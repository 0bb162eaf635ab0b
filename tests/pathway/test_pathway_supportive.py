"""Supportive and palliative care rules, on both sides of each trigger."""

from __future__ import annotations

import pytest
from pathway_variants import DELETE, check

KIDNEY = "kidney_humerus_oligometastasis"
COLON = "colon_lumbar_poor_prognosis"

CASES = [
    ("palliative_care", COLON, {}, "urgent"),
    ("palliative_care", KIDNEY, {}, "planned"),
    ("palliative_care", KIDNEY, {"prognosis.expected_survival_months": 2.9}, "urgent"),
    ("palliative_care", KIDNEY, {"prognosis.expected_survival_months": 3}, "planned"),
    ("nutrition_support", COLON, {}, "9%"),
    ("nutrition_support", COLON, {"social.weight_loss_percent_6_months": 5}, False),
    ("nutrition_support", COLON, {"social.weight_loss_percent_6_months": 5.1}, True),
    ("nutrition_support", KIDNEY, {}, False),
    ("falls_home_safety", "prostate_mscc_weak_legs", {}, "Frankel C"),
    ("falls_home_safety", KIDNEY, {}, False),
    ("falls_home_safety", KIDNEY, {"patient.age_years": 65}, "age 65"),
    ("falls_home_safety", KIDNEY, {"patient.age_years": 64.9}, False),
    ("falls_home_safety", KIDNEY, {"social.falls_last_year": 1}, "fall(s)"),
    ("psychosocial_support", KIDNEY, {"social.distress_score": 4}, "Psychosocial referral"),
    ("psychosocial_support", KIDNEY, {}, False),  # 3
    ("psychosocial_support", KIDNEY, {"social.distress_score": DELETE}, "Screen for distress"),
]


@pytest.mark.parametrize(("rule", "case", "changes", "expected"), CASES)
def test_supportive_rules(rule: str, case: str, changes: dict, expected: object) -> None:
    check(rule, case, changes, expected)  # type: ignore[arg-type]


def test_declined_modality_is_kept_and_flagged() -> None:
    from pathway_variants import planned, variant

    acts = planned(variant(COLON), "mirels_prophylactic_fixation")
    assert acts and "declined" in acts[0].trigger
