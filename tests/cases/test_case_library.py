"""The case library: validity, coverage, every rule fires somewhere, golden evaluations."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from bonemets.cases import evaluate_case, library, load_yaml
from bonemets.cases.schema import schema_text
from bonemets.pathway import RULES

if TYPE_CHECKING:
    from conftest import Golden  # tests/cases/conftest.py: the golden fixture

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "cases" / "data"
LIB = library(DATA)


def test_library_size() -> None:
    assert len(LIB) >= 20


#: Every library case records its subtype (tested on a variant in tests/pathway).
NOT_IN_LIBRARY = {"systemic_needs_subtype_or_biopsy"}


def test_every_rule_fires_in_some_case() -> None:
    """Recommended (on its own or merged into another action) or withheld with a reason."""
    fired: set[str] = set()
    for case in LIB.values():
        ev = evaluate_case(case)
        fired |= {a.rule for a in ev.actions} | {r for a in ev.actions for r in a.merged}
        fired |= {w.action.rule for w in ev.withheld}
    assert sorted(set(RULES) - fired - NOT_IN_LIBRARY) == []


def test_library_spans_primaries_sites_and_situations() -> None:
    cases = list(LIB.values())
    sites = {c.primary.site for c in cases}
    assert {"breast", "prostate", "lung", "kidney", "thyroid"} <= sites
    assert sites & {"melanoma", "colon", "rectum"}
    bones = {les.bone for c in cases for les in c.lesions}
    assert {"femur", "humerus", "pelvis"} <= bones
    levels = {les.level[0] for c in cases for les in c.lesions if les.level}
    assert {"c", "t", "l"} <= levels
    evs = [evaluate_case(c) for c in cases]
    assert any(a.urgency == "emergency" for e in evs for a in e.actions)
    months = [c.prognosis.expected_survival_months for c in cases]
    assert any(m is not None and m < 3 for m in months) and any(m and m >= 24 for m in months)
    crcl = [
        e.results["zoledronic_acid"].values["crcl_ml_min"]
        for e in evs
        if "zoledronic_acid" in e.results
    ]
    assert any(x < 30 for x in crcl) and any(30 <= x < 50 for x in crcl)


def test_the_two_starting_cases_are_there() -> None:
    femur = LIB["breast_lytic_femur"]
    assert femur.patient.age_years == 64 and femur.primary.site == "breast"
    assert femur.lesions[0].bone == "femur" and femur.lesions[0].lesion == "lytic"
    legs = LIB["prostate_mscc_weak_legs"]
    assert legs.primary.site == "prostate" and legs.neurology.frankel in ("c", "d")
    assert any("hormone_adt" in line.types for line in legs.treatments.systemic)


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda p: p.stem)
def test_case_file_says_it_is_fictional(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#") and "FICTIONAL" in first


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda p: p.stem)
def test_library_uses_pregnant_and_breastfeeding_not_the_deprecated_alias(path: Path) -> None:
    patient = load_yaml(path).data["patient"]
    assert "pregnant_or_breastfeeding" not in patient
    if patient["sex"] == "female":
        assert isinstance(patient.get("pregnant"), bool), path.stem
        assert isinstance(patient.get("breastfeeding"), bool), path.stem


def test_learning_objectives_exist() -> None:
    chapters = yaml.safe_load((ROOT / "chapters" / "objectives.yaml").read_text())["chapters"]
    known = {oid for ch in chapters.values() for oid in ch["objectives"]}
    for case in LIB.values():
        unknown = set(case.teaching.learning_objectives) - known
        assert not unknown, (case.id, unknown)


@pytest.mark.parametrize("case_id", sorted(LIB))
def test_golden_evaluation(case_id: str, golden: Golden) -> None:
    """Record on purpose with: .venv/bin/python -m pytest tests/cases --update-golden"""
    golden.check(case_id, evaluate_case(LIB[case_id]).to_dict())


def test_no_stale_golden_files(golden: Golden) -> None:
    golden.check_no_stale(set(LIB))


def test_schema_file_is_up_to_date() -> None:
    """Regenerate with: bonemets case schema --output cases/case.schema.json"""
    assert (ROOT / "cases" / "case.schema.json").read_text(encoding="utf-8") == schema_text()


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda p: p.stem)
def test_cases_validate_against_the_published_schema(path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "cases" / "case.schema.json").read_text())
    data = json.loads(json.dumps(load_yaml(path).data, default=str))
    jsonschema.validate(data, schema)


def test_results_record_their_inputs_and_missing_fields_are_listed() -> None:
    ev = evaluate_case(LIB["unknown_primary_thoracic"])
    assert ev.inputs_from["sins:t8"]["level"] == "lesions[0].level"
    assert set(ev.not_computed["noms:t8"]) == {
        "lesions[0].escc_grade",
        "primary.radiosensitivity",
        "performance.fit_for_surgery",
    }
    assert "prognosis.expected_survival_months" in ev.not_computed["exercise"]
    assert "noms:t8" not in ev.results


def test_mirels_not_applied_to_an_actual_fracture() -> None:
    ev = evaluate_case(LIB["lung_humerus_fracture"])
    assert "mirels:left_humerus" in ev.not_applicable
    assert "exercise" in ev.results and ev.results["exercise"].band == "defer"


def test_to_dict_groups_actions_by_urgency_with_citations() -> None:
    d = evaluate_case(LIB["prostate_mscc_weak_legs"]).to_dict()
    assert list(d["pathway"]) == ["emergency", "urgent", "planned"]
    first = d["pathway"]["emergency"][0]
    assert set(first) >= {"modality", "action", "trigger", "rule", "citation", "urgency"}
    assert d["results"]["mirels:left_femur" if False else "sins:t10"]["score"] == 8


def test_a_new_case_gets_a_message_naming_it_and_the_command(
    golden: Golden, tmp_path: Path
) -> None:
    evaluation = evaluate_case(LIB["breast_lytic_femur"]).to_dict()
    with pytest.raises(pytest.fail.Exception) as info:
        replace(golden, folder=tmp_path, update=False).check("my_new_case", evaluation)
    message = str(info.value)
    assert "case 'my_new_case' has no golden evaluation yet" in message
    assert ".venv/bin/python -m pytest tests/cases --update-golden" in message
    replace(golden, folder=tmp_path, update=True).check("my_new_case", evaluation)
    written = (tmp_path / "my_new_case.json").read_text(encoding="utf-8")
    assert json.loads(written) == json.loads(json.dumps(evaluation))
    replace(golden, folder=tmp_path, update=False).check("my_new_case", evaluation)
