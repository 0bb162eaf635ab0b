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
    "duplicate_key": ("fictional", "duplicate key 'fictional'"),
    "unknown_lesion_ref": ("treatments.radiotherapy[0].lesion", "'nowhere' is not a lesion id"),
    "date_in_future": ("primary.diagnosed", "after the case date"),
    "not_fictional": ("fictional", "not allowed"),
    "bad_date": ("date", "found str 'yesterday'"),
    "subtype_wrong_site": ("primary.subtype", "not a subtype of breast"),
    "alias_bomb": ("b[0]", "alias"),
    "python_object_tag": ("payload", "python/object/apply:os.system' is not allowed"),
    "custom_tag": ("date", "tag '!secret' is not allowed"),
    "top_level_list": ("(top level)", "expected a mapping"),
    "unknown_kind": ("kind", "not a known kind"),
    "not_utf8": ("(file)", "not UTF-8"),
    "deep_nesting": ("a" + "[0]" * 39, "nested"),
    # the hardened loader (bonemets.datafile): review finding F13 and item 4 of issue 12
    "control_char": ("id", "character U+0001 at column 7"),
    "control_char_escaped": ("teaching.title", "character U+0007"),
    "nul_byte": ("id", "character U+0000"),
    "bidi_override": ("teaching.title", "character U+202E"),
    "unhashable_key": ("(top level)", "a list cannot be a key"),
    "number_key": ("patient", "key '1' is read by YAML as the number 1, not text"),
    "huge_integer": ("patient.age_years", "a number of 5000 digits; allowed: at most 30"),
    "octal_integer": ("patient.age_years", "YAML would read it as 52"),
    "invalid_date": ("date", "'2001-13-45' is not a valid date"),
    "nan_number": ("patient.weight_kg", "'.nan' is not a finite number"),
    "inf_number": ("patient.weight_kg", "'-.inf' is not a finite number"),
    # F1: what the notebook renderer would otherwise show as markup is refused with the field
    "svg_onload_title": ("teaching.title", "looks like HTML markup"),
    "script_summary": ("teaching.summary", "looks like HTML markup"),
    "details_ontoggle_answer": ("teaching.discussion[0].answer", "looks like HTML markup"),
    "iframe_srcdoc_histology": ("primary.histology", "looks like HTML markup"),
    "javascript_link_question": ("teaching.discussion[0].question", "looks like HTML markup"),
    "phishing_form_goals": ("goals.summary", "looks like HTML markup"),
    # F3 in case text: MathJax commands that attach links, styles, classes or ids
    "mathjax_href_summary": ("teaching.summary", "\\href is not allowed"),
    "mathjax_style_overlay": ("teaching.discussion[0].question", "\\style is not allowed"),
    "mathjax_cssid_regimen": ("treatments.systemic[0].regimen", "\\cssId is not allowed"),
    # R2 review of issue 12: explicit tags that PyYAML cannot construct or would silently change,
    # an underflowing number, invisible format characters (Unicode Cf)
    "tagged_empty_int": ("patient.age_years", "'' is not a plain decimal number"),
    "tagged_bool_maybe": ("fictional", "'maybe' is not true or false"),
    "tagged_null_text": ("fictional", "'hello' is tagged !!null"),
    "tag_shorthand_timestamp": ("date", "'x' is not a date"),
    "underflow_number": ("patient.weight_kg", "'1.0e-400' is too small"),
    "zero_width_space": ("teaching.title", "character U+200B at column 16"),
    "tag_characters": ("teaching.title", "character U+E0041"),
}

#: Every file refused by the loader or the text checks gives its line.
WITH_LINES = [
    name
    for name in EXPECTED
    if name not in {"empty", "only_comment", "top_level_list", "unknown_kind"}
]


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


@pytest.mark.parametrize("name", WITH_LINES)
def test_line_numbers_are_given(name: str) -> None:
    _, problems = validate_paths([str(BAD / f"{name}.yaml")])
    assert problems and all(p.line for p in problems)


def test_control_character_does_not_stop_a_directory_run(tmp_path: Path) -> None:
    """F13: one file with a control character is reported and the later files still are."""
    (tmp_path / "a.yaml").write_bytes(b'kind: case\nid: "a\x01b"\n')
    (tmp_path / "b.yaml").write_text("kind: case\nid: [\n", encoding="utf-8")
    count, problems = validate_paths([str(tmp_path)])
    assert count == 2
    assert {Path(p.file).name for p in problems} == {"a.yaml", "b.yaml"}
    (a,) = [p for p in problems if p.file.endswith("a.yaml")]
    assert (a.field, a.line) == ("id", 2) and "U+0001" in a.message


def test_fifty_megabyte_file_is_refused_fast(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with open(big, "wb") as fh:
        fh.write(b"kind: case\n")
        fh.truncate(50 * 1024 * 1024)
    start = time.perf_counter()
    count, problems = validate_paths([str(big)])
    assert time.perf_counter() - start < 0.5
    assert count == 1 and "allowed: at most 1000000 bytes" in problems[0].message


def test_error_messages_never_echo_a_whole_value(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text("kind: case\nx: !tag " + "y" * 200_000 + "\n", encoding="utf-8")
    _, problems = validate_paths([str(path)])
    assert problems and all(len(p.message) < 400 for p in problems)


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
