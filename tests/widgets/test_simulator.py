"""The case simulator, on every case of the library, shows exactly what the engine evaluates.

Edits are made through the controls (as a reader would) and the result is compared with
``bonemets.cases.evaluate_case`` on the same edit, made independently on the case data.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as ipw
import pytest

from bonemets.cases import CaseError, evaluate_case, library, parse_case
from bonemets.pathway.rules import URGENCIES
from widgets import CaseSimulator
from widgets.calculator import as_text
from widgets.findings import case_findings
from widgets.simulator import evaluation_lines, what_if_rows

ROOT = Path(__file__).resolve().parents[2]
CASES = library(ROOT / "cases" / "data")
IDS = sorted(CASES)


def edited(case, path, value):
    """The case data with one value changed, built without the widget's own helpers."""
    data = case.model_dump()
    node = data
    for part in path[:-1]:
        if node[part] is None:  # an absent optional section (dental, a lab): create it
            node[part] = {}
        node = node[part]
    node[path[-1]] = value
    return data


def engine(case, path, value):
    """(evaluation dict, problems) of the engine for one edit."""
    try:
        new = parse_case(edited(case, path, value), source=case.id)
    except CaseError as exc:
        return None, [(p.field, p.message) for p in exc.problems]
    return evaluate_case(new).to_dict(), []


def drive(sim, key, value):
    ctl = sim.controls[key]
    ctl.value = ("" if value is None else as_text(value)) if isinstance(ctl, ipw.Text) else value


def test_library_is_not_empty():
    assert len(IDS) >= 4


@pytest.mark.parametrize("cid", IDS)
def test_simulator_shows_the_engine_evaluation(cid):
    case = CASES[cid]
    sim = CaseSimulator(case, chart=False)
    expected = evaluate_case(case)
    assert sim.evaluation.to_dict() == expected.to_dict()
    assert sim.problems == [] and sim.changes() == []
    scores = html.unescape(sim.scores_box.value)
    for key, r in expected.results.items():
        assert f"<td>{key}</td>" in scores
        if r.band is not None:
            assert f'data-band="{r.band}"' in scores and f">{r.band_label}</span>" in scores
        if r.score is not None:
            assert r.display["score"] in scores
    for key in expected.not_computed:
        assert f"<li>{key}: needs" in scores
    pathway = html.unescape(sim.pathway_box.value)
    for urgency in URGENCIES:
        n = sum(a.urgency == urgency for a in expected.actions)
        assert f"<b>{urgency.capitalize()}</b> ({n})" in pathway
    for a in expected.actions:
        assert a.action in pathway and a.citation.short() in pathway
    assert "[new]" not in pathway
    text = sim.summary()
    assert "\n".join(evaluation_lines(expected)) in text
    assert sim._repr_mimebundle_()["text/plain"] == text


@pytest.mark.parametrize("cid", IDS)
def test_every_choice_edit_equals_the_engine(cid):
    """Each choice / yes-no finding set to each other value, through its control."""
    case = CASES[cid]
    sim = CaseSimulator(case, chart=False)
    base = case.model_dump()
    original = evaluate_case(case).to_dict()  # the engine is pure: once, not after each reset
    checked = 0
    for f in case_findings(case):
        if f.kind not in ("choice", "boolean"):
            continue
        node = base
        for part in f.path:
            node = None if node is None else node[part]
        for _label, value in f.options[:4]:
            if value == node:
                continue
            drive(sim, f.key, value)
            want, problems = engine(case, f.path, value)
            if problems:
                assert sim.evaluation is None
                assert [(p.field, p.message) for p in sim.problems] == problems
                assert "not a valid case" in sim.errors_box.value
            else:
                assert sim.problems == []
                assert sim.evaluation.to_dict() == want
                assert [c.finding.key for c in sim.changes()] == [f.key]
                assert html.escape(f.label) in sim.changes_box.value
            checked += 1
            sim.reset()
            assert sim.evaluation.to_dict() == original
    assert checked >= 20


@pytest.mark.parametrize("cid", IDS)
def test_number_edits_and_inline_errors(cid):
    case = CASES[cid]
    sim = CaseSimulator(case, chart=False)
    key = "patient.age_years"
    drive(sim, key, 81)
    want, problems = engine(case, ("patient", "age_years"), 81.0)
    assert problems == [] and sim.evaluation.to_dict() == want
    assert "✎" in sim.controls[key].description
    sim.controls[key].value = "eighty"  # not a number: the case model's message, no traceback
    assert sim.evaluation is None
    problems = [(p.field, p.message) for p in sim.problems]
    assert problems == engine(case, ("patient", "age_years"), "eighty")[1]
    assert problems[0][0] == key and "number" in problems[0][1]
    assert "⚠" in sim.controls[key].description
    assert "patient.age_years" in sim.errors_box.value and sim.scores_box.value == ""
    sim.controls[key].value = "500"  # out of the engine's range
    assert sim.evaluation is None
    problems = [(p.field, p.message) for p in sim.problems]
    assert problems == engine(case, ("patient", "age_years"), 500.0)[1]
    assert problems[0][0] == key and "120" in problems[0][1]
    sim.reset_button.click()
    assert sim.problems == [] and sim.changes() == []
    assert sim.evaluation.to_dict() == evaluate_case(case).to_dict()
    assert sim.controls[key].description == "Age (years)"


def test_changes_are_marked_against_the_case():
    case = CASES["breast_lytic_femur"]
    sim = CaseSimulator(case, chart=False)
    before = sim.evaluation.results["mirels:left_femur"]
    assert (before.score, before.band) == (12, "high")
    sim.set("lesions[0].size", "lt_1_3")
    sim.set("lesions[0].lesion", "blastic")
    now = sim.evaluation.results["mirels:left_femur"]
    assert (now.score, now.band) == (8, "borderline")
    scores = html.unescape(sim.scores_box.value)
    assert "<b>changed</b> (was 12 (range 4–12); High fracture risk)" in scores
    assert [str(c) for c in sim.changes()] == [
        "left femur (peritrochanteric): Radiographic lesion type: Lytic -> Blastic",
        "left femur (peritrochanteric): Size (fraction of the bone's diameter): "
        "More than 2/3 -> Less than 1/3",
    ]
    data = case.model_dump()
    data["lesions"][0].update(lesion="blastic", size="lt_1_3")
    want = evaluate_case(parse_case(data)).to_dict()
    assert sim.evaluation.to_dict() == want
    pathway = sim.pathway_box.value
    orig_rules = {a.rule for a in evaluate_case(case).actions}
    new_rules = {a.rule for a in sim.evaluation.actions}
    for a in sim.evaluation.actions:
        if a.rule not in orig_rules:
            assert f"{html.escape(a.action)} <b>[new]</b>" in pathway
    if orig_rules - new_rules:
        assert "No longer in the pathway" in pathway
    sim.reset()
    assert sim.evaluation.results["mirels:left_femur"].score == 12


def test_absent_lab_needs_value_and_unit():
    # a lab with a fixed unit that some case did not record
    case, lab = next(
        (c, lab)
        for c in CASES.values()
        for lab in ("anc", "platelets", "alkaline_phosphatase")
        if getattr(c.labs, lab) is None
    )
    sim = CaseSimulator(case, chart=False)
    unit = next(f for f in sim.findings if f.key == f"labs.{lab}.unit").options[0][1]
    sim.set(f"labs.{lab}.value", 2)
    assert sim.evaluation is None
    assert [(p.field, p.message) for p in sim.problems] == [
        (f"labs.{lab}.unit", "missing; this field is required")
    ]
    sim.set(f"labs.{lab}.unit", unit)
    assert sim.problems == []
    data = case.model_dump()
    data["labs"][lab] = {"value": 2.0, "unit": unit}
    assert sim.evaluation.to_dict() == evaluate_case(parse_case(data)).to_dict()
    sim.set_many({f"labs.{lab}.value": None, f"labs.{lab}.unit": None})
    assert sim.changes() == [] and sim.evaluation.to_dict() == evaluate_case(case).to_dict()


def test_unknown_finding_is_refused():
    sim = CaseSimulator(CASES[IDS[0]], chart=False)
    with pytest.raises(KeyError, match="not an editable finding"):
        sim.set("teaching.title", "x")


def test_what_if_rows_equal_the_engine():
    case = CASES["breast_lytic_femur"]
    rows = what_if_rows(case)
    original = evaluate_case(case)
    assert rows
    for row in rows[:: max(1, len(rows) // 25)]:
        path = next(f.path for f in case_findings(case) if f.key == row["key"])
        want, problems = engine(case, path, row["value"])
        assert not problems
        if row["effect"] == "current value":
            continue
        bands_moved = set(want["results"]) != set(original.results) or any(
            original.results[k].band != r["band"] for k, r in want["results"].items()
        )
        acts = {
            (a["urgency"], a["rule"], str(a["lesion"]), a["action"])
            for group in want["pathway"].values()
            for a in group
        }
        orig_acts = {(a.urgency, a.rule, str(a.lesion), a.action) for a in original.actions}
        if acts != orig_acts:
            assert row["effect"] == "changes the pathway"
        elif bands_moved:
            assert row["effect"] == "changes the band"
        else:
            assert row["effect"] == "same outcome"
    size = [r for r in rows if r["key"] == "lesions[0].size"]
    assert [r["option"] for r in size] == ["Less than 1/3", "1/3 to 2/3", "More than 2/3"]
    assert size[2]["effect"] == "current value"


def test_case_charts_carry_the_engine_numbers():
    from charts import scores

    case = CASES["breast_lytic_femur"]
    rows = what_if_rows(case)
    spec = scores.case_what_if(rows, case.id).to_dict()
    matters = {
        r["input"] for r in rows if r["effect"] in ("changes the band", "changes the pathway")
    }
    shown = (
        spec["layer"][0]["data"]["values"] if "data" in spec["layer"][0] else spec["data"]["values"]
    )
    assert {r["input"] for r in shown} == matters
    assert spec["description"].startswith(f"What-if grid for case {case.id}.")
    results = {cid: evaluate_case(c).results for cid, c in CASES.items()}
    spec = scores.library_context(results, highlight=case.id).to_dict()
    points = spec["data"]["values"]
    mine = [p for p in points if p["this"] == "this case"]
    assert {(p["key"], p["total"]) for p in mine} == {
        (k, r.score) for k, r in results[case.id].items() if r.score is not None
    }
    assert ("mirels:left_femur", 12) in {(p["key"], p["total"]) for p in mine}
    assert len({p["case"] for p in points}) == len(CASES)


def test_what_if_button_and_internal_errors_stay_inline(monkeypatch):
    import bonemets.cases.whatif

    case = CASES["breast_lytic_femur"]
    sim = CaseSimulator(case, chart=False)
    rows = sim.show_what_if()
    assert rows == what_if_rows(case)

    def broken(_case):
        raise RuntimeError("boom")

    monkeypatch.setattr(bonemets.cases.whatif, "evaluate_case", broken)
    sim.set("lesions[0].size", "lt_1_3")
    assert sim.evaluation is None
    assert "could not evaluate this edit (RuntimeError: boom)" in sim.errors_box.value
