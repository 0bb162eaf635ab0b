"""The item-quality linter (:mod:`bonemets.quiz.quality`): the course's built bank passes every
rule, and each rule catches what it names (synthetic items built with the real pipeline)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from bonemets.cli import main
from bonemets.quiz.build import BuiltItem, build_item
from bonemets.quiz.models import AnyItem
from bonemets.quiz.quality import (
    ALPHA,
    MIN_ITEMS,
    Finding,
    is_vignette,
    lint,
    lint_bank,
    looks_ordinal,
    poisson_binomial_tail,
)

ROOT = Path(__file__).resolve().parents[2]
# one worker runs the module (``--dist loadgroup``): its module fixtures are made once,
# not once per worker
pytestmark = pytest.mark.xdist_group("tests/quiz/test_quality.py")
ITEM = TypeAdapter(AnyItem)


def make(name: str, **fields: Any) -> BuiltItem:
    """A built item of chapter radiotherapy (defaults: single, 4 options of equal length, key a)."""
    data: dict[str, Any] = {
        "id": f"radiotherapy.{name}",
        "type": "single",
        "objective": "radiotherapy.fractionation",
        "stem": "Which schedule?",
        "options": {"a": "Option aaaa", "b": "Option bbbb", "c": "Option cccc", "d": "Option dddd"},
        "answer": "a",
        "explanation": "Because.",
        "citation": "Author A, Journal 2020",
    }
    data.update(fields)
    return build_item(ITEM.validate_python(data), ROOT)


def found(items: list[BuiltItem], rule: str) -> list[Finding]:
    return [f for f in lint(items).failures if f.rule == rule]


# --------------------------------------------------------------------------- the course's bank


@pytest.fixture(scope="module")
def report():
    return lint_bank(ROOT)


def test_the_course_bank_meets_the_item_writing_standard(report):
    assert report.passed, "item-quality failures:\n" + "\n".join(map(str, report.failures))


def test_the_course_bank_figures(report):
    f = report.figures
    assert f["items"] >= MIN_ITEMS
    assert f["objectives"]["min"] >= 3
    assert f["key_longest"]["p_value"] >= ALPHA
    assert f["select_all"]["count"] <= 0.05 * f["items"]


def test_stats_cli_prints_the_linter(capsys, report):
    code = main(["quiz", "--root", str(ROOT), "stats", "--json", "--check"])
    data = json.loads(capsys.readouterr().out)
    assert data["quality"]["passed"] is report.passed
    assert code == (0 if report.passed else 1)
    assert (
        data["quality"]["figures"]["key_longest"]["items"] == report.figures["key_longest"]["items"]
    )
    assert main(["quiz", "--root", str(ROOT), "stats"]) == 0
    text = capsys.readouterr().out
    assert "item quality (" in text and "vignette stems:" in text


# --------------------------------------------------------------------------- (a) + (g) length cue


def test_poisson_binomial_tail_is_the_binomial_for_equal_p():
    assert poisson_binomial_tail([0.25] * 4, 2) == pytest.approx(1 - 0.75**4 - 4 * 0.25 * 0.75**3)
    assert poisson_binomial_tail([0.25] * 4, 0) == pytest.approx(1.0)
    assert poisson_binomial_tail([0.25] * 4, 5) == 0.0
    # mixed option counts: P(X >= 2) for p = 1/4, 1/5 is their product
    assert poisson_binomial_tail([0.25, 0.2], 2) == pytest.approx(0.05)


def _binomial_tail(n: int, p: float, k: int) -> float:
    return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k, n + 1))


def test_key_longest_fails_beyond_chance_and_reports_the_share():
    long_key = {"a": "The much longer keyed option", "b": "Short b", "c": "Short c", "d": "Short d"}
    items = [make(f"q{i}", options=long_key) for i in range(20)]
    fails = found(items, "key-longest")
    assert len(fails) == 1 and fails[0].item == "-" and "20 of 20" in fails[0].message
    fig = lint(items).figures["key_longest"]
    assert fig["share"] == 1.0 and fig["expected_share"] == pytest.approx(0.25)
    assert fig["p_value"] == pytest.approx(0.25**20)
    # at most 8 of 20 four-option items: P(X >= 9) < 0.05 <= P(X >= 8) for Binomial(20, 1/4)
    assert _binomial_tail(20, 0.25, 9) < ALPHA <= _binomial_tail(20, 0.25, 8)
    assert fig["allowed"] == 8


def test_key_longest_at_the_threshold():
    long_key = {"a": "The much longer keyed option", "b": "Short b", "c": "Short c", "d": "Short d"}
    short_key = {"a": "Short a", "b": "A longer distractor", "c": "Short c", "d": "Short d"}
    ok = [make(f"l{i}", options=long_key) for i in range(8)]
    ok += [make(f"s{i}", options=short_key) for i in range(12)]
    assert found(ok, "key-longest") == []
    bad = [*ok[:8], make("l8", options=long_key), *ok[9:]]  # one short-key item made long
    assert len(bad) == 20 and found(bad, "key-longest")


def test_a_key_over_one_and_a_half_times_the_mean_is_a_cue_even_if_not_longest():
    # key 31 chars; distractors 10, 10, 40 -> mean 20; 31 > 1.5 x 20 but not the longest
    options = {"a": "k" * 31, "b": "d" * 10, "c": "e" * 10, "d": "f" * 40}
    report = lint([make("ratio", options=options)])
    assert [c["item"] for c in report.cued] == ["radiotherapy.ratio"]
    assert report.cued[0]["strictly_longest"] is False and report.cued[0]["ratio"] == 1.55
    options["a"] = "k" * 30  # exactly 1.5x: not a cue
    assert lint([make("ratio", options=options)]).cued == []


def test_tied_longest_is_no_cue():
    options = {"a": "Same length", "b": "Same lengtx", "c": "Shorter", "d": "Shorter"}
    assert lint([make("tie", options=options)]).cued == []


# --------------------------------------------------------------------------- (b) select-all


def _multiple(name: str, options: dict[str, str], answer: list[str]) -> BuiltItem:
    return make(name, type="multiple", options=options, answer=answer)


def test_select_all_share_and_false_options():
    four = {"a": "One", "b": "Two", "c": "Three", "d": "Four"}
    singles = [make(f"s{i}") for i in range(19)]
    good = _multiple("m", four, ["a", "b"])
    assert found([*singles, good], "select-all") == []  # 1 of 20 = 5 %
    fails = found([*singles[:9], good], "select-all")  # 1 of 10 > 5 %
    assert len(fails) == 1 and "radiotherapy.m" in fails[0].message and fails[0].item == "-"
    one_false = _multiple("m1", four, ["a", "b", "c"])
    fails = found([*singles, one_false], "select-all")
    assert [(f.item, f.file) for f in fails] == [("radiotherapy.m1", "quizzes/radiotherapy.yaml")]


# --------------------------------------------------------------------------- (c) absolute words


@pytest.mark.parametrize(
    ("distractor", "flagged"),
    [
        ("Radiotherapy is never repeated", True),
        ("NEVER repeated", True),
        ("It cures the disease", True),
        ("A guaranteed response", True),
        ("Pain must settle first", True),
        ("None of the patients", True),
        ("Completely pain-free", True),
        ("Bone-only disease", False),
        ("All-cause mortality fell", False),
        ("Allowed after a week", False),
        ("Mustard gas", False),
        ("Curettage of the lesion", False),
    ],
)
def test_absolute_words_in_distractors(distractor, flagged):
    item = make("abs", options={"a": "Key", "b": distractor, "c": "Other c", "d": "Other d"})
    fails = found([item], "absolute-word")
    assert bool(fails) is flagged
    if flagged:
        assert fails[0].item == "radiotherapy.abs" and "distractor b" in fails[0].message


def test_absolute_word_in_the_key_is_not_a_distractor_problem():
    item = make("abs", options={"a": "Always check calcium", "b": "B", "c": "C", "d": "D"})
    assert found([item], "absolute-word") == []


def test_allow_absolute_with_a_reason_and_unused_allowances():
    options = {"a": "Key", "b": "Only in myeloma", "c": "Other c", "d": "Other d"}
    ok = make("abs", options=options, allow_absolute={"only": "the label's wording"})
    assert found([ok], "absolute-word") == []
    unused = make("abs", options=options, allow_absolute={"only": "x", "never": "y"})
    fails = found([unused], "absolute-word")
    assert len(fails) == 1 and "'never'" in fails[0].message and "no distractor" in fails[0].message


def test_allow_absolute_names_only_the_listed_words():
    with pytest.raises(ValidationError):
        make("abs", allow_absolute={"sometimes": "not an absolute word"})
    with pytest.raises(ValidationError):
        make("abs", allow_absolute={"only": ""})


# --------------------------------------------------------------------------- (d) units


def _numeric(unit: str) -> BuiltItem:
    return make("num", type="numeric", options=None, answer=3, tolerance=0, unit=unit)


def test_numeric_item_needs_a_unit():
    assert [f.item for f in found([_numeric("")], "numeric-unit")] == ["radiotherapy.num"]
    assert found([_numeric("points")], "numeric-unit") == []


# --------------------------------------------------------------------------- (e) ordinal options


def test_looks_ordinal():
    assert looks_ordinal(["Stage 2", "Stage 1", "Stage 3", "Stage 0"])
    assert looks_ordinal(["15 mg as needed", "2.5 mg as needed", "60 mg as needed"])
    assert looks_ordinal(["< 30 mL/min", "30–39 mL/min", "40–49 mL/min", "≥ 60 mL/min"])
    assert looks_ordinal(["Low", "Borderline", "High"])
    assert looks_ordinal(["Grade 1", "Grade 2", "Grade 3", "Grade 4"])
    assert looks_ordinal(["8 Gy", "20 Gy in 5 fractions", "30 Gy in 10 fractions"])
    assert not looks_ordinal(
        [
            "90 mg intravenously over 2 hours every 3–4 weeks",
            "4 mg over 15 minutes every 3–4 weeks",
            "120 mg subcutaneously every 4 weeks",
            "90 mg as a 5-minute bolus",
        ]
    )
    assert not looks_ordinal(["Surgery", "Radiotherapy", "Observation", "Ablation"])
    assert not looks_ordinal(["Grade 1", "Grade 2"])  # two options are no scale


def test_ordinal_options_must_be_ordered():
    stages = {"a": "Stage 2", "b": "Stage 1", "c": "Stage 3", "d": "Stage 0"}
    fails = found([make("ord", options=stages)], "ordinal-shuffled")
    assert [f.item for f in fails] == ["radiotherapy.ord"] and "ordered: true" in fails[0].message
    ascending = {"a": "Stage 0", "b": "Stage 1", "c": "Stage 2", "d": "Stage 3"}
    ordered = make("ord", options=ascending, answer="c", ordered=True)
    assert found([ordered], "ordinal-shuffled") == []
    assert ordered.to_dict()["ordered"] is True and make("x").to_dict()["ordered"] is False
    descending = dict(zip("abcd", reversed(list(ascending.values())), strict=True))
    assert found([make("ord", options=descending, ordered=True)], "ordinal-shuffled") == []
    fails = found([make("ord", options=stages, ordered=True)], "ordinal-shuffled")
    assert fails and "neither ascending nor descending" in fails[0].message


def test_ordered_is_for_choice_items_only():
    with pytest.raises(ValidationError, match="ordered"):
        make("num", type="numeric", options=None, answer=3, tolerance=0, unit="Gy", ordered=True)


# --------------------------------------------------------------------------- (f) option count


@pytest.mark.parametrize(("n", "ok"), [(3, False), (4, True), (5, True), (6, False)])
def test_single_answer_items_have_four_or_five_options(n, ok):
    options = {k: f"Option {k}" for k in "abcdef"[:n]}
    fails = found([make("count", options=options)], "option-count")
    assert (fails == []) is ok
    if not ok:
        assert f"has {n} options" in fails[0].message


# --------------------------------------------------------------------------- coverage, size, figures


def test_objective_coverage_and_bank_size():
    items = [make(f"q{i}") for i in range(2)]
    report = lint(items, objectives=["radiotherapy.fractionation", "radiotherapy.sbrt"])
    cover = [f for f in report.failures if f.rule == "objective-coverage"]
    assert sorted(f.message for f in cover) == [
        "objective radiotherapy.fractionation has 2 item(s); at least 3",
        "objective radiotherapy.sbrt has 0 item(s); at least 3",
    ]
    assert [f.message for f in report.failures if f.rule == "bank-size"] == [
        f"2 items in all; at least {MIN_ITEMS}"
    ]


def test_vignette_heuristic():
    assert is_vignette(make("v", stem="A 64-year-old woman with breast cancer has hip pain."))
    assert is_vignette(make("v", stem="A man aged 70 has back pain. What next?"))
    assert not is_vignette(make("v", stem="What dose was used in the trial of 70 patients?"))
    assert not is_vignette(make("v", stem="A patient has back pain."))  # no age


def test_a_failure_names_file_item_and_rule():
    f = Finding("quizzes/bma.yaml", "bma.x", "option-count", "has 3 options")
    assert str(f) == "quizzes/bma.yaml: bma.x: [option-count] has 3 options"
    report = lint([make("count", options={"a": "A", "b": "B", "c": "C"})], {"radiotherapy": "q.y"})
    assert any(
        str(x).startswith("q.y: radiotherapy.count: [option-count]") for x in report.failures
    )


def test_a_reverse_length_cue_is_a_warning_not_a_failure():
    short_key = {"a": "Key", "b": "Longer option b", "c": "Longer option c", "d": "Longer d"}
    report = lint([make(f"q{i}", options=short_key) for i in range(20)])
    assert [f for f in report.failures if f.rule == "key-longest"] == []
    assert report.figures["key_shortest"]["count"] == 20
    # P(X <= 0) for Binomial(20, 1/4) = 0.75**20
    assert report.figures["key_longest"]["p_value_below"] == pytest.approx(0.75**20)
    assert len(report.warnings) == 2
    assert report.warnings[0].startswith("the key is the longest option less often than chance")
    assert "strictly the shortest option in 20 of 20" in report.warnings[1]
    balanced = [make(f"q{i}", options=short_key) for i in range(5)]
    long_key = {"a": "The much longer key", "b": "Short b", "c": "Short c", "d": "Short d"}
    balanced += [make(f"l{i}", options=long_key) for i in range(5)]
    balanced += [make(f"m{i}") for i in range(10)]  # equal lengths: neither
    assert lint(balanced).warnings == []
