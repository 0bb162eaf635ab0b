"""The command line: validate, evaluate, case new, case schema, case whatif. Exit codes, messages, no
traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bonemets.cases import evaluate_case, load_case, parse_case
from bonemets.cli import main

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "cases" / "data"
BAD = Path(__file__).parent / "malformed"


def test_validate_library_ok(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(DATA)]) == 0
    assert "files valid" in capsys.readouterr().out


def test_validate_malformed_directory(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(BAD)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "impossible_age.yaml:35: patient.age_years: found 150" in err


def test_validate_missing_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "no/such/file.yaml"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_validate_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--json", str(BAD / "bad_choice_size.yaml")]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["valid"] is False and out["problems"][0]["field"] == "lesions[0].size"


def test_evaluate_json_is_to_dict(capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "breast_lytic_femur.yaml"
    assert main(["evaluate", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(
        json.dumps(evaluate_case(load_case(path)).to_dict())
    )


def test_evaluate_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(DATA / "unknown_primary_thoracic.yaml")]) == 0
    out = capsys.readouterr().out
    assert "Not computed" in out and "noms:t8: needs lesions[0].escc_grade" in out
    assert "Emergency: today" in out and "Urgent: this week" in out


def test_evaluate_text_lists_withheld_actions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(DATA / "prostate_radium_on_abiraterone.yaml")]) == 0
    out = capsys.readouterr().out
    assert "Withheld (the patient's own record rules these out)" in out
    assert (
        "  - Radium-223 withheld: concurrent abiraterone with prednisolone (Smith M et al., "
        "Lancet Oncol 2019" in out
    )
    assert "proposed by: radiopharmaceutical" in out


def test_evaluate_json_lists_withheld_actions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(DATA / "unknown_primary_femur.yaml"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [fix] = [w for w in data["withheld"] if w["rule"] == "mirels_prophylactic_fixation"]
    assert fix["gate"] == "no_histology_definitive_local"
    assert fix["citation_keys"] == ["rougraff1993", "rajkumar2014"]
    assert fix["text"].startswith("Fixation withheld: no tissue diagnosis yet")


def test_evaluate_bad_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(BAD / "alias_bomb.yaml")]) == 2
    err = capsys.readouterr().err
    assert "alias" in err and "Traceback" not in err


def test_case_new_writes_a_valid_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "my_case.yaml"
    assert main(["case", "new", "my_case", "--output", str(out)]) == 0
    text = out.read_text()
    assert text.startswith("# FICTIONAL CASE")
    case = load_case(out)
    assert case.id == "my_case"
    evaluate_case(case)
    assert main(["case", "new", "my_case", "--output", str(out)]) == 2  # no overwrite
    assert main(["case", "new", "Bad Id"]) == 2
    assert "not allowed" in capsys.readouterr().err


def test_case_schema_check(tmp_path: Path) -> None:
    assert (
        main(["case", "schema", "--output", str(ROOT / "cases" / "case.schema.json"), "--check"])
        == 0
    )
    stale = tmp_path / "s.json"
    stale.write_text("{}")
    assert main(["case", "schema", "--output", str(stale), "--check"]) == 2


def test_parse_case_what_if_edit() -> None:
    case = load_case(DATA / "breast_lytic_femur.yaml")
    data = case.model_dump(mode="json")
    data["lesions"][0]["size"] = "lt_1_3"
    edited = parse_case(data, source="what-if")
    ev = evaluate_case(edited)
    assert ev.results["mirels:left_femur"].score == 10


def test_case_whatif_says_what_each_value_changes(capsys: pytest.CaptureFixture[str]) -> None:
    case = str(DATA / "prostate_mscc_weak_legs.yaml")
    edits = ["lesions[0].escc_grade=0,3,9", "pain.uncontrolled=true", "lesions[0].level=T10"]
    assert main(["case", "whatif", case, *edits]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("lesions[0].escc_grade = 0: changes the pathway (pathway: +")
    assert "escc:t10 High-grade ESCC -> Low-grade ESCC" in out[0]
    assert out[1] == "lesions[0].escc_grade = 3: current value (as in the case)"
    assert out[2].startswith("pain.uncontrolled = true: changes the pathway")
    assert out[3] == "lesions[0].level = T10: current value (as in the case)"
    assert out[4] == "lesions[0].escc_grade = 9: not allowed by the case model (left out)"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ("lesions[7].size=lt_1_3", "lesions[7].size: not a field of this case"),
        ("lesions[0]size=1", "'lesions[0]size' is not a case field path"),
        ("pain.uncontrolled", "'pain.uncontrolled': expected FIELD=VALUE[,VALUE...]"),
    ],
)
def test_case_whatif_refuses_a_bad_edit(
    edit: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["case", "whatif", str(DATA / "breast_lytic_femur.yaml"), edit]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
