"""Exercise screen and rehabilitation rules, on both sides of each trigger."""

from __future__ import annotations

import pytest
from pathway_variants import DELETE, check

KIDNEY = "kidney_humerus_oligometastasis"  # screen: cleared

CASES = [
    ("exercise_programme", KIDNEY, {}, "qualified exercise professional"),
    ("exercise_programme", KIDNEY, {"labs.platelets.value": 49}, "modified"),
    ("exercise_programme", KIDNEY, {"labs.platelets.value": 50}, "qualified exercise professional"),
    ("exercise_programme", "prostate_mscc_weak_legs", {}, False),
    ("exercise_deferred", "prostate_mscc_weak_legs", {}, "Untreated spinal cord compression"),
    ("exercise_deferred", "lung_hypercalcaemia_confusion", {}, "Severe hypercalcaemia"),
    ("exercise_deferred", KIDNEY, {}, False),
    ("no_physical_modalities_over_tumour", KIDNEY, {}, "ultrasound"),
    ("no_physical_modalities_over_tumour", KIDNEY, {"labs.platelets": DELETE}, False),
    ("no_physical_modalities_over_tumour", "unknown_primary_thoracic", {}, False),
]


@pytest.mark.parametrize(("rule", "case", "changes", "expected"), CASES)
def test_rehab_rules(rule: str, case: str, changes: dict, expected: object) -> None:
    check(rule, case, changes, expected)  # type: ignore[arg-type]
