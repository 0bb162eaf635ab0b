"""Confidence-based marking (Gardner-Medwin, LAPT): the published marks, and one definition."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bonemets.quiz import cbm

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("correct", "confidence", "expected"),
    [(True, 1, 1), (True, 2, 2), (True, 3, 3), (False, 1, 0), (False, 2, -2), (False, 3, -6)],
)
def test_the_lapt_marks(correct: bool, confidence: int, expected: int) -> None:
    assert cbm.marks(correct, confidence) == expected


@pytest.mark.parametrize("confidence", [0, 4, -1])
def test_a_confidence_outside_1_to_3_is_refused(confidence: int) -> None:
    with pytest.raises(ValueError, match="confidence must be one of"):
        cbm.marks(True, confidence)


def test_the_site_and_the_widget_read_the_engine() -> None:
    from coursebook.quiz import bank_payload
    from widgets import quiz as widget_quiz

    assert cbm.as_data() == {"right": [0, 1, 2, 3], "wrong": [0, 0, -2, -6]}
    assert widget_quiz.CBM_RIGHT is cbm.RIGHT and widget_quiz.CBM_WRONG is cbm.WRONG
    assert bank_payload("radiotherapy", [], ROOT)["cbm"] == cbm.as_data()
    js = (ROOT / "src" / "coursebook" / "static" / "quiz" / "quiz.js").read_text()
    assert not re.search(r"-2\s*,\s*-6", js), "quiz.js holds its own copy of the marks"
