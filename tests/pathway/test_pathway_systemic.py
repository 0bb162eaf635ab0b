"""Systemic-therapy rules, on both sides of each trigger."""

from __future__ import annotations

import pytest
from pathway_variants import DELETE, check

CASES = [
    ("systemic_therapy_by_primary", "breast_lytic_femur", {}, "CDK4/6"),
    ("systemic_therapy_by_primary", "kidney_humerus_oligometastasis", {}, "immune checkpoint"),
    ("systemic_therapy_by_primary", "unknown_primary_thoracic", {}, False),
    ("systemic_therapy_by_primary", "breast_lytic_femur", {"primary.subtype": DELETE}, False),
    ("systemic_needs_subtype_or_biopsy", "unknown_primary_thoracic", {}, False),
    ("unknown_primary_workup", "unknown_primary_thoracic", {}, "free light chains"),
    ("unknown_primary_workup", "breast_lytic_femur", {}, False),
    (
        "unknown_primary_workup",
        "breast_lytic_femur",
        {"primary.histology_confirmed": False},
        "protect the left femur",
    ),
    (
        "systemic_needs_subtype_or_biopsy",
        "breast_lytic_femur",
        {"primary.subtype": DELETE},
        "subtype",
    ),
    ("systemic_needs_subtype_or_biopsy", "breast_lytic_femur", {}, False),
]


@pytest.mark.parametrize(("rule", "case", "changes", "expected"), CASES)
def test_systemic_rules(rule: str, case: str, changes: dict, expected: object) -> None:
    check(rule, case, changes, expected)  # type: ignore[arg-type]
