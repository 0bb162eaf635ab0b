"""F19: the Jupyter quiz reads the site's results files and refuses malformed ones with a message;
it never crashes, never loses the file, and grading never raises whatever a response holds."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from bonemets.quiz import build_items
from widgets.quiz import Quiz, read_results

ROOT = Path(__file__).resolve().parents[2]

BANK = """\
kind: quiz
chapter: radiotherapy
items:
  - id: radiotherapy.single
    type: single
    objective: radiotherapy.fractionation
    stem: Which schedule needs retreatment more often?
    options: {a: 8 Gy in 1 fraction, b: 20 Gy in 5 fractions}
    answer: a
    explanation: Single fractions are retreated more often.
    citation: Author A et al., Journal 2020
  - id: radiotherapy.multiple
    type: multiple
    objective: radiotherapy.fractionation
    stem: Which are single fractions?
    options: {a: 8 Gy x 1, b: 4 Gy x 5, c: 6 Gy x 1}
    answer: [a, c]
    explanation: One fraction each.
    citation: Author A et al., Journal 2020
  - id: radiotherapy.numeric
    type: numeric
    objective: radiotherapy.fractionation
    stem: How many Gy in one fraction?
    answer: 8
    tolerance: 0
    unit: Gy
    explanation: Eight.
    citation: Author A et al., Journal 2020
"""


@pytest.fixture
def course(tmp_path: Path) -> Path:
    (tmp_path / "chapters").mkdir()
    shutil.copy(ROOT / "chapters" / "objectives.yaml", tmp_path / "chapters" / "objectives.yaml")
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "radiotherapy.yaml").write_text(BANK, encoding="utf-8")
    return tmp_path


def _results(answers: dict[str, Any]) -> str:
    return json.dumps({"format": "bonemets-quiz-results", "seed": 7, "answers": answers})


#: The review's four crashing files, and more shapes a hand edit or another tool could leave.
BAD_RESPONSES = [
    5,
    True,
    [{"a": 1}],
    [["a"]],
    {"toString": 1},
    None,
    10**40,
    "x" * 100_000,
    [1, 2],
    "nan",
    1.5e308,
    -0.0,
]


@pytest.mark.parametrize("response", BAD_RESPONSES, ids=lambda r: repr(r)[:20])
@pytest.mark.parametrize("item", ["radiotherapy.single", "radiotherapy.multiple"])
def test_malformed_response_is_ignored_with_a_message(
    course: Path, item: str, response: Any
) -> None:
    path = course / "quiz-results.json"
    path.write_text(
        _results({item: {"response": response}, "radiotherapy.numeric": {"response": "8"}})
    )
    quiz = Quiz("radiotherapy", results_path=path, root=course)
    assert quiz.seed == 7
    assert item not in quiz.answers
    assert any(item in m and "ignored" in m for m in quiz.messages)
    assert "ignored" in quiz.notice_html.value
    assert quiz.score() == {"correct": 1, "answered": 1, "total": 3}  # the good answer is kept


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        "[]",
        '{"format": "something-else", "answers": {}}',
        "[" * 100_000 + "]" * 100_000,
        '{"format": "bonemets-quiz-results", "answers": []}',
        '{"format": "bonemets-quiz-results", "answers": {"../x": {"response": "a"}, "a.b": 5}}',
    ],
    ids=["not-json", "list", "other-format", "deep", "answers-list", "bad-entries"],
)
def test_malformed_file_is_refused_and_kept(course: Path, content: str) -> None:
    path = course / "quiz-results.json"
    path.write_text(content)
    quiz = Quiz("radiotherapy", results_path=path, root=course)
    assert quiz.answers == {} and quiz.messages
    assert quiz.answer("radiotherapy.single", "a") is True
    saved = json.loads(path.read_text())
    assert saved["answers"]["radiotherapy.single"]["response"] == "a"
    _, _, _, refused = read_results(path, {})
    assert not refused
    if content.startswith('{"format": "bonemets-quiz-results"'):
        return  # a results file with bad parts: the good parts are used, the file rewritten
    backups = list(course.glob("quiz-results.unreadable-*.json"))
    assert len(backups) == 1 and backups[0].read_text() == content  # nothing is lost


def test_huge_file_is_refused_without_reading(course: Path) -> None:
    path = course / "quiz-results.json"
    path.write_bytes(
        b'{"format": "bonemets-quiz-results", "answers": {}, "pad": "' + b"x" * 6_000_000 + b'"}'
    )
    quiz = Quiz("radiotherapy", results_path=path, root=course)
    assert quiz.answers == {} and "larger than" in quiz.messages[0]


def test_bad_attempts_count_is_reset(course: Path) -> None:
    path = course / "quiz-results.json"
    path.write_text(_results({"radiotherapy.single": {"response": "b", "attempts": "many"}}))
    quiz = Quiz("radiotherapy", results_path=path, root=course)
    quiz.answer("radiotherapy.single", "a")
    assert quiz.answers["radiotherapy.single"]["attempts"] == 1


def test_grading_never_raises(course: Path) -> None:
    items = build_items("radiotherapy", course)
    rng = random.Random(5)
    values: list[Any] = [*BAD_RESPONSES, "a", ["a", "c"], "8", "8,0", 8, float("nan"), float("inf")]
    for _ in range(2_000):
        v = rng.choice(values)
        if rng.random() < 0.3:
            v = [v, rng.choice(values)]
        for item in items:
            assert item.is_correct(v) in (True, False)
    single, multiple, numeric = items
    assert single.is_correct("a") and not single.is_correct(["a"])
    assert multiple.is_correct(["c", "a"]) and not multiple.is_correct([["a"], "c"])
    assert numeric.is_correct("8") and numeric.is_correct(8) and not numeric.is_correct(True)
