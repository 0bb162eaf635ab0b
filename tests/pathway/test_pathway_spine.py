"""SINS, stabilisation, cement augmentation and the NOMS route, on both sides of each trigger."""

from __future__ import annotations

import pytest
from pathway_variants import check

MSCC = "prostate_mscc_weak_legs"  # T10: 1 + 3 + 1 + 0 + 2 + 1 = SINS 8
THY = "thyroid_cervical_unstable"  # C5: 2 + 3 + 2 + 4 + 3 + 3 = SINS 17
COLON = "colon_lumbar_poor_prognosis"  # L3: SINS 9, ESCC 1a, mechanical, collapse < 50%

CASES = [
    ("sins_surgical_consultation", MSCC, {}, "SINS 8"),
    ("sins_surgical_consultation", MSCC, {"lesions.0.posterolateral": "none"}, "SINS 7"),
    (
        "sins_surgical_consultation",
        MSCC,
        {"lesions.0.posterolateral": "none", "lesions.0.collapse": "involved_gt_50"},
        False,
    ),  # SINS 6
    ("spinal_stabilization", THY, {}, "Stabilisation of C5"),
    ("spinal_stabilization", THY, {"lesions.0.alignment": "normal"}, True),  # SINS 13
    (
        "spinal_stabilization",
        THY,
        {"lesions.0.alignment": "normal", "lesions.0.collapse": "lt_50"},
        False,
    ),  # 12
    (
        "spinal_stabilization",
        THY,
        {"performance.fit_for_surgery": False},
        "not fit for open surgery",
    ),
    ("vertebral_augmentation", COLON, {}, "urgent"),
    ("vertebral_augmentation", COLON, {"lesions.0.pain": "occasional"}, False),
    ("vertebral_augmentation", COLON, {"lesions.0.escc_grade": 2}, False),
    ("vertebral_augmentation", COLON, {"lesions.0.collapse": "none"}, False),
    ("noms_radiation_route", MSCC, {}, "20 Gy in 5 fractions"),
    ("noms_radiation_route", "melanoma_lumbar_separation", {}, "Separation surgery"),
    (
        "noms_radiation_route",
        "melanoma_lumbar_separation",
        {"performance.fit_for_surgery": False},
        "without surgery",
    ),
    ("noms_radiation_route", THY, {}, "stereotactic radiosurgery"),
    ("noms_radiation_route", COLON, {}, "8 Gy single fraction: NOMS would choose SRS"),
    ("noms_radiation_route", "unknown_primary_thoracic", {}, False),  # NOMS not computed
    ("noms_radiation_route", "lung_humerus_fracture", {}, False),  # T8 painless, ESCC 0, stable
]


@pytest.mark.parametrize(("rule", "case", "changes", "expected"), CASES)
def test_spine_rules(rule: str, case: str, changes: dict, expected: object) -> None:
    check(rule, case, changes, expected)  # type: ignore[arg-type]


def test_noms_route_is_an_emergency_only_for_high_grade_escc() -> None:
    from pathway_variants import fired, variant

    assert {a.urgency for a in fired(variant(MSCC), "noms_radiation_route")} >= {"emergency"}
    acts = fired(variant(THY), "noms_radiation_route")
    assert acts and all(a.urgency != "emergency" for a in acts)
