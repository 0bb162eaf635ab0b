"""The malformed-case corpus: each file gets a clear error; nothing crashes or hangs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bonemets.cases import CaseError, load_case
from bonemets.cases.io import MAX_BYTES, load_yaml
from bonemets.commands.validate import validate_paths

BAD = Path(__file__).parent / "malformed"

EXPECTED = {
    "empty": ("(file)", "empty"),
    "only_comment": ("(file)", "no data"),
    "broken_yaml": ("(file)", "not valid YAML"),
    "tab_indent": ("(file)", "not valid YAML"),
    "unknown_field": ("favourite_colour", "unknown field; allowed here: kind, id"),
    "wrong_type_age": ("patient.age_years", "found str 'sixty-four'"),
    "missing_required": ("patient.sex", "missing"),
    "impossible_age": ("patient.age_years", "found 150; allowed: at most 120"),
    "impossible_nrs": ("pain.worst_nrs", "found 11; allowed: at most 10"),
    "kps_not_step": ("performance.kps", "multiple of 10"),
    "wrong_unit_calcium": (
        "labs.calcium.unit",
        "'mg' is not allowed; allowed: 'mg/dL' or 'mmol/L'",
    ),
    "albumin_wrong_scale": ("labs.albumin", "39 g/dL is out of range"),
    "bad_choice_size": ("lesions[0].size", "'huge' is not allowed"),
    "spine_field_on_femur": ("lesions[0].escc_grade", "only for spinal lesions"),
    "id_mismatch": ("id", "does not match the file name"),
    "duplicate_key": ("(file)", "duplicate key 'fictional'"),
    "unknown_lesion_ref": ("treatments.radiotherapy[0].lesion", "'nowhere' is not a lesion id"),
    "date_in_future": ("primary.diagnosed", "after the case date"),
    "not_fictional": ("fictional", "not allowed"),
    "bad_date": ("date", "found str 'yesterday'"),
    "subtype_wrong_site": ("primary.subtype", "not a subtype of breast"),
    "alias_bomb": ("(file)", "alias"),
    "python_object_tag": ("(file)", "python/object/apply:os.system' is not allowed"),
    "custom_tag": ("(file)", "tag '!secret' is not allowed"),
    "top_level_list": ("(top level)", "expected a mapping"),
    "unknown_kind": ("kind", "not a known kind"),
    "not_utf8": ("(file)", "not UTF-8"),
    "deep_nesting": ("(file)", "nested"),
}


def test_corpus_is_complete() -> None:
    files = {p.stem for p in BAD.glob("*.yaml")}
    assert files == set(EXPECTED)
    assert len(files) >= 20


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_malformed_file_gets_a_clear_error(name: str) -> None:
    path = BAD / f"{name}.yaml"
    start = time.perf_counter()
    count, problems = validate_paths([str(path)])
    assert time.perf_counter() - start < 2.0
    assert count == 1 and problems, name
    field, text = EXPECTED[name]
    assert any(p.field == field and text in p.message for p in problems), problems
    assert all(p.file == str(path) for p in problems)


@pytest.mark.parametrize("name", ["unknown_field", "impossible_age", "duplicate_key", "alias_bomb"])
def test_line_numbers_are_given(name: str) -> None:
    _, problems = validate_paths([str(BAD / f"{name}.yaml")])
    assert all(p.line for p in problems)


def test_load_case_raises_case_error_with_problems() -> None:
    with pytest.raises(CaseError) as info:
        load_case(BAD / "impossible_age.yaml")
    (p,) = info.value.problems
    assert (p.field, p.line) == ("patient.age_years", 35)
    assert "impossible_age.yaml:35: patient.age_years" in str(p)


def test_five_megabyte_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"kind: case\n" + b"# padding\n" * (5 * 1024 * 1024 // 10))
    assert big.stat().st_size > MAX_BYTES
    start = time.perf_counter()
    with pytest.raises(CaseError) as info:
        load_yaml(big)
    assert time.perf_counter() - start < 1.0
    assert "at most" in info.value.problems[0].message


def test_python_tag_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.yaml"
    evil.write_text(f'kind: case\nx: !!python/object/apply:os.system ["touch {marker}"]\n')
    with pytest.raises(CaseError):
        load_yaml(evil)
    assert not marker.exists()


def test_duplicate_ids_across_files() -> None:
    _, problems = validate_paths([str(BAD / "dup")])
    assert any("duplicate case id 'breast_lytic_femur'" in p.message for p in problems)
