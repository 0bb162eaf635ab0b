"""Prognostic scores and the survival gate on surgery, on both sides of each trigger."""

from __future__ import annotations

import pytest
from pathway_variants import DELETE, check, variant

from bonemets.pathway import RULES, Context
from bonemets.pathway.findings import surgery_gate

CASES = [
    ("prognostic_scores", "prostate_mscc_weak_legs", {}, "Revised Tokuhashi score 9"),
    ("prognostic_scores", "breast_lytic_femur", {}, "Modified Bauer score 3"),
    ("surgery_prognosis_gate", "colon_lumbar_poor_prognosis", {}, "not favoured"),
    ("surgery_prognosis_gate", "breast_lytic_femur", {}, False),
    (
        "surgery_prognosis_gate",
        "breast_lytic_femur",
        {"prognosis.expected_survival_months": 2.9},
        "not favoured",
    ),
    (
        "surgery_prognosis_gate",
        "breast_lytic_femur",
        {"prognosis.expected_survival_months": 3},
        False,
    ),
    # No stated survival: the scores decide (Bauer 3 opens the gate; Bauer 0-1 closes it)
    (
        "surgery_prognosis_gate",
        "breast_lytic_femur",
        {"prognosis.expected_survival_months": DELETE},
        False,
    ),
    (
        "surgery_prognosis_gate",
        "lung_humerus_fracture",
        {"prognosis.expected_survival_months": DELETE},
        "Bauer",
    ),
    ("surgery_prognosis_gate", "kidney_humerus_oligometastasis", {}, False),  # no surgical option
]


@pytest.mark.parametrize(("rule", "case", "changes", "expected"), CASES)
def test_prognosis_rules(rule: str, case: str, changes: dict, expected: object) -> None:
    check(rule, case, changes, expected)  # type: ignore[arg-type]


def test_no_scores_no_prognosis_action_and_unknown_gate() -> None:
    ev = variant("breast_lytic_femur", {"prognosis.expected_survival_months": DELETE})
    results = {k: v for k, v in ev.results.items() if k != "bauer"}
    ctx = Context(ev.case, results, ev.not_computed)
    assert RULES["prognostic_scores"](ctx) == []
    assert surgery_gate(ev.case, results).ok is None
    acts = RULES["surgery_prognosis_gate"](ctx)
    assert acts and "Estimate prognosis" in acts[0].action


def test_every_rule_has_a_citation_with_a_year_and_an_area() -> None:
    for r in RULES.values():
        assert r.citations and all(c.year and c.authors and c.title for c in r.citations), r.name
        assert r.trigger and r.title
