"""bonemets.cases.live: the JSON interface the case pages call in the browser.

Every result is compared with ``evaluate_case`` on the edited case, built here independently of the
module (the case data with the edit set, validated by ``parse_case``): live mode shows what the
engine says of the edited case, nothing else.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bonemets.cases import evaluate_case, load_case, parse_case
from bonemets.cases.editable import case_findings, format_path
from bonemets.cases.live import evaluate, form, whatif
from bonemets.cases.whatif import PATHWAY, action_key, parse_path, what_if

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted((ROOT / "cases" / "data").glob("*.yaml"))
IDS = [p.stem for p in CASES]


def _text(case_id: str) -> str:
    return (ROOT / "cases" / "data" / f"{case_id}.yaml").read_text(encoding="utf-8")


def _expected(case_id: str, edits: dict[str, Any]) -> Any:
    """``evaluate_case`` of the case with ``edits`` (path -> case value) set in its data."""
    data = load_case(ROOT / "cases" / "data" / f"{case_id}.yaml").model_dump()
    for key, value in edits.items():
        node = data
        path = parse_path(key)
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
    return evaluate_case(parse_case(data, "test"))


def _shown(report: dict[str, Any]) -> dict[str, Any]:
    """What a reader sees of a report: scores, pathway, withheld."""
    return {
        "scores": [(s["key"], s["score"], s["band"], s["summary"]) for s in report["scores"]],
        "pathway": [
            (g["urgency"], [(a["rule"], a["text"], a["lesion"]) for a in g["actions"]])
            for g in report["pathway"]
        ],
        "withheld": [(w["rule"], w["action"], w["reason"]) for w in report["withheld"]],
        "not_computed": [(n["key"], n["needs"]) for n in report["not_computed"]],
    }


def _engine(ev: Any) -> dict[str, Any]:
    from bonemets.cases.live import result_summary

    return {
        "scores": [(k, r.score, r.band, result_summary(r)) for k, r in ev.results.items()],
        "pathway": [
            (u, [(a.rule, a.action, a.lesion) for a in acts]) for u, acts in ev.pathway.items()
        ],
        "withheld": [(w.action.rule, w.action.action, w.reason) for w in ev.withheld],
        "not_computed": [(k, list(v)) for k, v in ev.not_computed.items()],
    }


def _pathway_changing_edit(case_id: str) -> tuple[str, Any]:
    """The first single change (in ``what_if``'s order) that changes the pathway. ``what_if``'s
    rows are independent of one another, so it is asked one finding at a time and stops at the
    first finding with such a row: the same row as the first of the whole grid, without
    evaluating the rest of the grid."""
    case = load_case(ROOT / "cases" / "data" / f"{case_id}.yaml")
    finite = [(f.path, v) for f in case_findings(case) if (v := f.finite_values()) is not None]
    for variation in finite:
        for row in what_if(case, [variation]):
            if row.effect == PATHWAY:
                return format_path(row.path), row.value
    raise AssertionError(f"{case_id}: no single change of a finding changes the pathway")


def test_the_first_pathway_change_is_the_whole_grids_first() -> None:
    """Self-test of the shortcut above, on two cases: the whole grid's first pathway row."""
    for case_id in ("breast_lytic_femur", IDS[-1]):
        case = load_case(ROOT / "cases" / "data" / f"{case_id}.yaml")
        finite = [(f.path, v) for f in case_findings(case) if (v := f.finite_values()) is not None]
        row = next(r for r in what_if(case, finite) if r.effect == PATHWAY)
        assert _pathway_changing_edit(case_id) == (format_path(row.path), row.value), case_id


@pytest.mark.parametrize("case_id", IDS)
def test_the_case_as_written_is_evaluate_case(case_id: str) -> None:
    report = evaluate(_text(case_id))
    assert report["ok"] and report["errors"] == [] and report["changed"] == []
    assert _shown(report) == _engine(_expected(case_id, {}))
    assert {s["status"] for s in report["scores"]} == {"same"}
    assert report["removed_actions"] == [] and report["removed_scores"] == []
    json.dumps(report)  # plain JSON, nothing else


@pytest.mark.parametrize("case_id", IDS)
def test_three_real_edits_give_evaluate_case_of_the_edited_case(case_id: str) -> None:
    path, value = _pathway_changing_edit(case_id)
    case = load_case(ROOT / "cases" / "data" / f"{case_id}.yaml")
    typed = {  # two more findings, the way the page sends them: a number as typed, an integer
        "patient.weight_kg": (f"{case.patient.weight_kg + 7.5:g}", case.patient.weight_kg + 7.5),
        "patient.age_years": (int(case.patient.age_years) - 3, int(case.patient.age_years) - 3),
        "social.distress_score": (2, 2),
    }
    others = [k for k in typed if k != path][:2]
    edits: dict[str, Any] = {path: value, **{k: typed[k][0] for k in others}}
    report = evaluate(_text(case_id), edits)
    assert report["ok"], report["errors"]
    expected = _expected(case_id, {path: value, **{k: typed[k][1] for k in others}})
    assert _shown(report) == _engine(expected)
    before = {action_key(a) for a in _expected(case_id, {}).actions}
    after = {action_key(a) for a in expected.actions}
    assert before != after, "the what-if edit changes the pathway"
    new = [a["text"] for g in report["pathway"] for a in g["actions"] if a["status"] == "new"]
    assert sorted(new) == sorted(a.action for a in expected.actions if action_key(a) not in before)
    removed = [a["text"] for a in report["removed_actions"]]
    original = _expected(case_id, {}).actions
    assert sorted(removed) == sorted(a.action for a in original if action_key(a) not in after)
    assert {c["path"] for c in report["changed"]} <= set(edits) and path in {
        c["path"] for c in report["changed"]
    }


def test_changed_findings_say_old_and_new() -> None:
    report = evaluate(_text("breast_lytic_femur"), {"lesions[0].size": "lt_1_3"})
    assert report["changed"] == [
        {
            "path": "lesions[0].size",
            "label": report["changed"][0]["label"],
            "old": "gt_2_3",
            "new": "lt_1_3",
            "old_label": report["changed"][0]["old_label"],
            "new_label": report["changed"][0]["new_label"],
        }
    ]
    assert "femur" in report["changed"][0]["label"]
    assert report["changed"][0]["old_label"] != report["changed"][0]["new_label"]
    mirels = next(s for s in report["scores"] if s["key"] == "mirels:left_femur")
    assert (
        mirels["status"] == "changed" and mirels["score"] == 10 and mirels["was"].startswith("12")
    )


def test_an_edit_equal_to_the_case_is_no_change() -> None:
    text = _text("breast_lytic_femur")
    report = evaluate(text, {"patient.weight_kg": "68", "performance.kps": 70})
    assert report["changed"] == []
    assert _shown(report) == _shown(evaluate(text))


@pytest.mark.parametrize(
    ("edits", "path", "words"),
    [
        ({"patient.weight_kg": "1,2"}, "patient.weight_kg", "decimal point"),
        ({"patient.weight_kg": "12kg"}, "patient.weight_kg", "not a number"),
        ({"patient.weight_kg": "1e3"}, "patient.weight_kg", "not a number"),
        ({"performance.kps": "70.5"}, "performance.kps", "not a whole number"),
        ({"performance.kps": 45}, "performance.kps", "multiple of 10"),
        ({"patient.age_years": 300}, "patient.age_years", "at most"),
        ({"lesions[0].size": "huge"}, "lesions[0].size", "not allowed"),
        ({"lesions[9].size": "lt_1_3"}, "lesions[9].size", "not an editable finding"),
        ({"teaching.title": "x"}, "teaching.title", "not an editable finding"),
    ],
)
def test_a_bad_edit_is_an_error_naming_the_field(
    edits: dict[str, Any], path: str, words: str
) -> None:
    report = evaluate(_text("breast_lytic_femur"), edits)
    assert report["ok"] is False
    assert [e["path"] for e in report["errors"]] == [path]
    assert words in report["errors"][0]["message"]
    assert "scores" not in report and "pathway" not in report  # never a quietly different result


def test_every_bad_edit_is_reported_at_once() -> None:
    report = evaluate(_text("breast_lytic_femur"), {"x.y": 1, "patient.weight_kg": "1,5"})
    assert sorted(e["path"] for e in report["errors"]) == ["patient.weight_kg", "x.y"]


def test_a_bad_case_is_an_error_with_its_line() -> None:
    text = _text("breast_lytic_femur").replace("size: gt_2_3", "size: enormous")
    report = form(text)
    assert report["ok"] is False
    (error,) = report["errors"]
    assert error["path"] == "lesions[0].size"
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "enormous" in t)
    assert error["line"] == line
    assert evaluate(12)["errors"][0]["path"] == "(case)"  # type: ignore[arg-type]
    assert evaluate(_text("breast_lytic_femur"), ["x"])["ok"] is False  # type: ignore[arg-type]


def test_the_case_as_data_gives_the_same_result() -> None:
    case = load_case(ROOT / "cases" / "data" / "lung_humerus_fracture.yaml")
    data = json.loads(case.model_dump_json())
    assert _shown(evaluate(data)) == _shown(evaluate(_text("lung_humerus_fracture")))


@pytest.mark.parametrize("case_id", IDS)
def test_form_lists_every_editable_finding_with_its_value(case_id: str) -> None:
    case = load_case(ROOT / "cases" / "data" / f"{case_id}.yaml")
    out = form(_text(case_id))
    findings = case_findings(case)
    assert [f["path"] for f in out["fields"]] == [f.key for f in findings]
    data = case.model_dump()
    for field, finding in zip(out["fields"], findings, strict=True):
        node: Any = data
        for part in finding.path:
            node = None if node is None else node[part]
        assert field["value"] == node
        assert field["kind"] == finding.kind
        assert [(o["label"], o["value"]) for o in field["options"]] == list(finding.options)
        if field["kind"] in ("choice", "boolean") and field["value"] is not None:
            assert field["value"] in [o["value"] for o in field["options"]]
    json.dumps(out)


def test_form_gives_bounds_and_groups() -> None:
    out = form(_text("breast_lytic_femur"))
    age = next(f for f in out["fields"] if f["path"] == "patient.age_years")
    assert (age["min"], age["max"], age["kind"]) == (18, 120, "number")
    kps = next(f for f in out["fields"] if f["path"] == "performance.kps")
    assert kps["step"] == 10 and kps["kind"] == "integer"
    size = next(f for f in out["fields"] if f["path"] == "lesions[0].size")
    assert size["group"].startswith("Lesion: ") and "femur" in size["group"]


def test_whatif_rows_are_the_engines() -> None:
    text = _text("breast_lytic_femur")
    out = whatif(text)
    case = load_case(ROOT / "cases" / "data" / "breast_lytic_femur.yaml")
    finite = [(f.path, v) for f in case_findings(case) if (v := f.finite_values()) is not None]
    rows = [
        r for r in what_if(case, finite) if r.effect in ("changes the pathway", "changes the band")
    ]
    assert sorted(
        (r["path"], repr(r["value"]), r["effect"], r["outcome"]) for r in out["rows"]
    ) == sorted((format_path(r.path), repr(r.value), r.effect, r.outcome) for r in rows)
    assert out["rows"][0]["effect"] == "changes the pathway"
    assert out["tried"] == out["inert"] + len(out["rows"])
    # on the edited case: a smaller femoral lesion has other single changes that matter
    edited = whatif(text, {"lesions[0].size": "lt_1_3"})
    assert edited["ok"] and edited["rows"] != out["rows"]
    assert whatif(text, {"patient.weight_kg": "x"})["ok"] is False


def test_the_module_needs_only_what_the_browser_runtime_has() -> None:
    """Pyodide ships the engine with pydantic and PyYAML only: importing and calling the live
    interface must load no Jupyter, chart, Markdown or build package."""
    import subprocess
    import sys

    code = (
        "import json, sys\nfrom bonemets.cases import live\n"
        f"live.evaluate(open({str(ROOT / 'cases' / 'data' / 'breast_lytic_femur.yaml')!r}).read(),"
        " {'lesions[0].size': 'lt_1_3'})\nprint(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    modules = {m.split(".")[0] for m in json.loads(out.stdout.strip().splitlines()[-1])}
    foreign = {"ipywidgets", "widgets", "charts", "altair", "markdown_it", "nbformat", "sphinx"}
    assert modules & foreign == set()
