"""F19: the Jupyter quiz reads the site's results files and refuses malformed ones with a message;
it never crashes, never loses the file, and grading never raises whatever a response holds."""

from __future__ import annotations

import base64
import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from bonemets.quiz import build_items
from bonemets.quiz.results import parse_results
from widgets.quiz import Quiz, chapter_picker, read_results

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
    # the good answer is kept
    assert quiz.score() == {"correct": 1, "answered": 1, "total": 3, "practice": 0}


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


def test_bad_attempts_count_is_read_as_one(course: Path) -> None:
    """As quiz.js: a count that is not a whole number from 1 is 1, so a version-1 answer with it
    is its own first answer; the next check is practice."""
    path = course / "quiz-results.json"
    path.write_text(_results({"radiotherapy.single": {"response": "b", "attempts": "many"}}))
    quiz = Quiz("radiotherapy", results_path=path, root=course)
    quiz.answer("radiotherapy.single", "a")
    saved = quiz.answers["radiotherapy.single"]
    assert saved["attempts"] == 2 and saved["first"]["response"] == "b"
    assert quiz.score()["correct"] == 0


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


# ------------------------------------------------------------------------------ issue 15


def test_first_answer_counts_and_retries_are_practice(course: Path) -> None:
    path = course / "quiz-results.json"
    quiz = Quiz("radiotherapy", results_path=path, root=course)
    assert quiz.answer("radiotherapy.single", "b") is False
    assert quiz.answer("radiotherapy.single", "a") is True  # the revealed answer: practice
    fb = quiz.views_by_id["radiotherapy.single"].feedback.value
    assert "First answer: wrong (this counts in your score); practised: correct (2 checks)" in fb
    assert quiz.score() == {"correct": 0, "answered": 1, "total": 3, "practice": 0}
    saved = json.loads(path.read_text())
    assert saved["version"] == 2
    a = saved["answers"]["radiotherapy.single"]
    assert (a["first"]["response"], a["first"]["correct"], a["response"], a["correct"]) == (
        "b",
        False,
        "a",
        True,
    )
    assert a["attempts"] == 2 and a["first"]["confidence"] is None
    assert saved["scores"]["quizzes"]["radiotherapy"]["correct"] == 0


def test_confidence_based_marks(course: Path) -> None:
    quiz = Quiz("radiotherapy", results_path=None, root=course, cbm=True)
    assert quiz.answer("radiotherapy.single", "a") is None  # no confidence: not checked
    assert "Choose how sure you are" in quiz.views_by_id["radiotherapy.single"].feedback.value
    assert quiz.answers == {}
    assert quiz.answer("radiotherapy.single", "a", confidence=3) is True
    assert quiz.answer("radiotherapy.multiple", ["a"], confidence=3) is False
    assert quiz.answer("radiotherapy.numeric", "7", confidence=1) is False
    assert quiz.answer("radiotherapy.numeric", "8") is True  # practice: no confidence asked
    assert quiz.cbm_score() == {"marks": -3, "answered": 3, "mean": -1.0}
    assert "Confidence 3: +3 marks." in quiz.views_by_id["radiotherapy.single"].feedback.value
    assert "Confidence 3: -6 marks." in quiz.views_by_id["radiotherapy.multiple"].feedback.value
    assert "Confidence-based marks: -3 from 3 answers" in quiz.score_html.value
    data = quiz.results()
    assert data["scores"]["cbm"]["radiotherapy"] == {"marks": -3, "answered": 3, "mean": -1.0}
    assert data["answers"]["radiotherapy.numeric"]["first"]["confidence"] == 1


ORDERED_BANK = """\
kind: quiz
chapter: radiotherapy
items:
  - id: radiotherapy.scale
    type: single
    objective: radiotherapy.fractionation
    stem: Which grade?
    options: {e: Grade 1, d: Grade 2, c: Grade 3, b: Grade 4, a: Grade 5}
    answer: c
    ordered: true
    explanation: A scale.
    citation: Author A et al., Journal 2020
"""


def test_ordered_options_keep_their_order(course: Path) -> None:
    (course / "quizzes" / "radiotherapy.yaml").write_text(ORDERED_BANK, encoding="utf-8")
    for seed in range(8):
        path = course / f"r{seed}.json"
        path.write_text(
            json.dumps({"format": "bonemets-quiz-results", "seed": seed, "answers": {}})
        )
        quiz = Quiz("radiotherapy", results_path=path, root=course)
        view = quiz.views_by_id["radiotherapy.scale"]
        assert [k for _, k in view.input.options] == ["e", "d", "c", "b", "a"]


def test_v1_file_is_migrated_keeping_every_answer(course: Path) -> None:
    path = course / "quiz-results.json"
    path.write_text(
        _results(
            {
                "radiotherapy.single": {"response": "a", "attempts": 1},
                "radiotherapy.multiple": {"response": ["a", "c"], "attempts": 3},
                "bma.elsewhere": {"response": "b", "attempts": 1, "chapter": "bma"},
            }
        )
    )
    quiz = Quiz("radiotherapy", results_path=path, root=course)
    assert set(quiz.answers) == {"radiotherapy.single", "radiotherapy.multiple", "bma.elsewhere"}
    assert quiz.answers["radiotherapy.single"]["first"]["response"] == "a"
    assert quiz.answers["radiotherapy.multiple"]["first"] is None
    assert quiz.score() == {"correct": 1, "answered": 1, "total": 3, "practice": 1}
    assert any("kept as practice" in m for m in quiz.messages)
    assert "Practice only" in quiz.views_by_id["radiotherapy.multiple"].feedback.value
    quiz.answer("radiotherapy.numeric", "8")
    saved = json.loads(path.read_text())["answers"]
    assert (
        saved["bma.elsewhere"]["response"] == "b"
        and saved["radiotherapy.multiple"]["first"] is None
    )


CARD = {
    "due": "2030-01-04T00:00:00.000Z",
    "stability": 2.3065,
    "difficulty": 2.118,
    "elapsed_days": 0,
    "scheduled_days": 3,
    "learning_steps": 0,
    "reps": 1,
    "lapses": 0,
    "state": 2,
    "last_review": "2030-01-01T00:00:00.000Z",
}


def test_site_export_imports_and_round_trips(course: Path) -> None:
    quiz = Quiz("radiotherapy", results_path=course / "mine.json", root=course)
    quiz.answer("radiotherapy.single", "a")
    site = {
        "format": "bonemets-quiz-results",
        "version": 2,
        "seed": 99,
        "answers": {
            # an earlier first answer (wrong) than the one given here: it becomes the first
            "radiotherapy.single": {
                "response": "a",
                "time": "2001-01-02T00:00:00Z",
                "attempts": 2,
                "first": {
                    "response": "b",
                    "correct": True,
                    "confidence": 2,
                    "time": "2001-01-01T00:00:00Z",
                },
            },
            "radiotherapy.numeric": {
                "response": "8",
                "time": "2030-01-01T00:00:00Z",
                "attempts": 1,
                "first": {
                    "response": "8",
                    "correct": True,
                    "confidence": None,
                    "time": "2030-01-01T00:00:00Z",
                },
            },
        },
        "review": {"radiotherapy.numeric": CARD},
    }
    counts = quiz.import_text(json.dumps(site), "site.json")
    assert counts == {"added": 1, "changed": 1, "kept": 0, "cards": 1}
    first = quiz.answers["radiotherapy.single"]["first"]
    assert first["response"] == "b" and first["correct"] is False  # graded here, not trusted
    assert quiz.score()["correct"] == 1 and quiz.cbm_score()["marks"] == -2
    saved = json.loads((course / "mine.json").read_text())
    assert saved["review"] == {"radiotherapy.numeric": CARD}
    # the instructors' reader (bonemets quiz analyse) takes the file and the CSV
    for text, kind in (((course / "mine.json").read_text(), "json"), (quiz.results_csv(), "csv")):
        learner = parse_results(text, "mine", kind)
        assert learner.first["radiotherapy.single"].correct is False
        assert learner.first["radiotherapy.numeric"].correct is True
    # the link downloads the same format
    link = quiz.download_link()
    b64 = link.split("base64,", 1)[1].split('"', 1)[0]
    data = json.loads(base64.b64decode(b64))
    assert data["answers"] == saved["answers"] and data["review"] == saved["review"]
    # CSV (the site's columns) into a fresh quiz: the same first and latest answers
    csv_text = quiz.results_csv()
    assert csv_text.startswith(
        "item_id,chapter,objective,type,first_response,first_correct,confidence,response,"
        "correct,answered_at,attempts,seed\r\n"
    )
    fresh = Quiz("radiotherapy", results_path=None, root=course)
    assert fresh.import_text(csv_text, "r.csv")["added"] == 2
    for k in ("radiotherapy.single", "radiotherapy.numeric"):
        mine, theirs = quiz.answers[k], fresh.answers[k]
        assert (theirs["response"], theirs["first"]["response"]) == (
            mine["response"],
            mine["first"]["response"],
        )
        assert theirs["first"]["confidence"] == mine["first"]["confidence"]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"version": 99, "answers": {}}, "format version 99"),
        ({"answers": {"radiotherapy.single": {"response": "a", "first": "yes"}}}, "first answer"),
        (
            {"answers": {"radiotherapy.single": {"response": "a", "first": {"response": 5}}}},
            "first answer",
        ),
        ({"answers": {"radiotherapy.single": {"response": "a"}}, "review": [1]}, "not a mapping"),
        (
            {
                "answers": {"radiotherapy.single": {"response": "a"}},
                "review": {"radiotherapy.single": {**CARD, "stability": float("inf")}},
            },
            "review card of radiotherapy.single was ignored",
        ),
        (
            {
                "answers": {"radiotherapy.single": {"response": "a"}},
                "review": {"radiotherapy.single": {**CARD, "due": "soon"}},
            },
            "review card of radiotherapy.single was ignored",
        ),
    ],
    ids=["future", "first-text", "first-number", "review-list", "card-inf", "card-date"],
)
def test_hostile_imports_are_refused_with_a_message(
    course: Path, body: dict[str, Any], says: str
) -> None:
    quiz = Quiz("radiotherapy", results_path=None, root=course)
    quiz.import_text(json.dumps({"format": "bonemets-quiz-results", **body}), "bad.json")
    assert any(says in m for m in quiz.messages), quiz.messages
    assert says.split()[0] in quiz.notice_html.value or "version" in quiz.notice_html.value
    assert quiz.review == {}
    assert quiz.score()["correct"] <= 1


def test_chapter_picker_shows_the_chosen_quiz(course: Path) -> None:
    picker = chapter_picker(results_path=None, root=course)
    menu = picker.children[0]
    assert [v for _, v in menu.options] == ["radiotherapy", "all"]
    menu.value = "radiotherapy"
    assert picker.quiz.selection == "radiotherapy" and len(picker.quiz.items) == 3
