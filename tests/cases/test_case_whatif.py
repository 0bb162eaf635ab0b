"""What would change it (``bonemets.cases.whatif``): one edit at a time, re-evaluated by the
engine, compared band by band and action by action."""

from __future__ import annotations

from pathlib import Path

from bonemets.cases import evaluate_case, library
from bonemets.cases.whatif import (
    URGENCIES,
    WhatIf,
    action_key,
    build_case_data,
    evaluate_data,
    get_path,
    what_if,
)
from bonemets.pathway.rules import URGENCIES as PATHWAY_URGENCIES

ROOT = Path(__file__).resolve().parents[2]
LIB = library(ROOT / "cases" / "data")


def test_urgencies_are_the_pathways() -> None:
    assert URGENCIES is PATHWAY_URGENCIES


def test_an_edit_that_clears_the_cord_changes_the_pathway() -> None:
    case = LIB["prostate_mscc_weak_legs"]
    assert (case.lesions[0].id, case.lesions[0].escc_grade) == ("t10", "3")
    rows = what_if(case, [(("lesions", 0, "escc_grade"), ["0", "3"])])
    assert [(r.value, r.effect) for r in rows] == [
        ("0", "changes the pathway"),
        ("3", "current value"),
    ]
    assert "escc:t10 High-grade ESCC -> Low-grade ESCC" in rows[0].outcome
    assert rows[0].outcome.startswith("pathway: +")


def test_a_change_within_the_band_is_the_same_outcome() -> None:
    """Mirels 12 -> 10 (a smaller lesion) stays in the high band, and the plan is unchanged."""
    case = LIB["breast_lytic_femur"]
    assert evaluate_case(case).results["mirels:left_femur"].score == 12
    rows = what_if(case, [(("lesions", 0, "size"), ["lt_1_3"])])
    assert rows == [WhatIf(("lesions", 0, "size"), "lt_1_3", "same outcome", "no change")]


def test_a_value_the_case_model_refuses_is_left_out() -> None:
    case = LIB["breast_lytic_femur"]
    assert what_if(case, [(("lesions", 0, "size"), ["huge"])]) == []
    _case, ev, problems = evaluate_data(
        build_case_data(case.model_dump(), {("lesions", 0, "size"): "huge"}), "what-if"
    )
    assert ev is None
    assert [(p.file, p.field) for p in problems] == [("what-if", "lesions[0].size")]
    assert "'huge' is not allowed" in problems[0].message


def test_build_case_data_creates_parents_and_removes_them_when_left_empty() -> None:
    case = LIB["breast_cervical_collar"]
    base = case.model_dump()
    alp = ("labs", "alkaline_phosphatase")
    assert get_path(base, alp) is None
    data = build_case_data(base, {(*alp, "value"): 200.0})
    assert get_path(data, alp) == {"value": 200.0}
    emptied = build_case_data(base, {(*alp, "value"): None})
    assert get_path(emptied, alp) is None
    assert get_path(base, alp) is None  # the base is not edited
    assert get_path(base, (*alp, "value")) is None


def test_the_same_action_has_the_same_key() -> None:
    ev = evaluate_case(LIB["prostate_mscc_weak_legs"])
    again = evaluate_case(LIB["prostate_mscc_weak_legs"])
    assert [action_key(a) for a in ev.actions] == [action_key(a) for a in again.actions]
    a = ev.actions[0]
    assert action_key(a) == (a.urgency, a.rule, a.lesion, a.action)
    assert len({action_key(a) for a in ev.actions}) == len(ev.actions)
