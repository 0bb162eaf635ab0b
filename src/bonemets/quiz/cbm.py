"""Confidence-based marking, the scheme of the London Agreed Protocol for Teaching (LAPT).

Gardner-Medwin AR, "Confidence-based marking: encouraging rigour through assessment",
Physiological Society teaching workshop, Bristol, 2005 (and UCL's LAPT help): the learner states a
confidence of 1, 2 or 3 before the answer is checked; a right answer scores 1, 2 or 3, a wrong one
0, -2 or -6. The scheme rewards honest confidence: 1 is the best choice below about 67 % certainty,
3 above about 80 %.

Defined once here; the Jupyter quiz (``widgets.quiz``) and the site's quiz (``quiz.js``, through
each embedded bank's ``cbm`` entry) read it.
"""

from __future__ import annotations

from typing import TypedDict

__all__ = ["CONFIDENCE", "RIGHT", "WRONG", "CbmData", "as_data", "marks"]

#: The confidence levels a learner may state.
CONFIDENCE = (1, 2, 3)
#: Marks of a right answer at confidence 1, 2, 3.
RIGHT = {1: 1, 2: 2, 3: 3}
#: Marks of a wrong answer at confidence 1, 2, 3.
WRONG = {1: 0, 2: -2, 3: -6}


def marks(correct: bool, confidence: int) -> int:
    """The marks of one first answer (``confidence`` in :data:`CONFIDENCE`)."""
    if confidence not in CONFIDENCE:
        raise ValueError(f"confidence must be one of {CONFIDENCE}, not {confidence!r}")
    return RIGHT[confidence] if correct else WRONG[confidence]


class CbmData(TypedDict):
    right: list[int]
    wrong: list[int]


def as_data() -> CbmData:
    """The scheme as the site's quiz reads it: lists indexed by confidence (index 0 unused)."""
    return {
        "right": [0, *(RIGHT[c] for c in CONFIDENCE)],
        "wrong": [0, *(WRONG[c] for c in CONFIDENCE)],
    }
