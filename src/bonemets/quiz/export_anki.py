"""The bank as an Anki deck (``.apkg``), built with genanki (``bonemets quiz export --format anki``).

One note per built item, in one deck with a subdeck per chapter (``Bone Metastases course::03
Assessment``...). The note's front is the question (a case item's case summary, the stem, the
options lettered A, B, ... in :func:`bonemets.quiz.build.presentation_order`, or the unit a
numeric answer is given in); its back the key (letter and text; a number with its unit and the
accepted difference), the explanation and the primary source. Every field is the built item's
HTML (the safe renderer's output; math stays ``\\(...\\)``, which Anki typesets itself).

The note's GUID comes from the item id alone (:func:`note_guid`), so re-importing a newer deck
updates a learner's notes (and keeps their review history) instead of duplicating them; the note
model and deck ids are fixed numbers derived from their names. Notes carry the tags
``bonemets``, the chapter and the objective.

The package's note timestamps are the build time (``SOURCE_DATE_EPOCH`` when set): Anki updates
an existing note only from a newer file.
"""

from __future__ import annotations

import hashlib
import html
import os
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from .build import BuiltItem, presentation_order

__all__ = ["DECK_NAME", "FIELDS", "LETTERS", "deck_id", "note_fields", "note_guid", "write_apkg"]

DECK_NAME = "Bone Metastases course"
FIELDS = ("ItemId", "Question", "Answer", "Explanation", "Citation", "Chapter", "Objective")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

_CSS = """.card { font-family: system-ui, sans-serif; font-size: 18px; text-align: left;
  color: #1b1b1b; background: #fff; max-width: 46em; margin: 0 auto; }
.bm-options { list-style: none; padding-left: 0; }
.bm-options li { margin: .3em 0; }
.bm-letter { font-weight: bold; margin-right: .4em; }
.bm-case { border-left: 3px solid #888; padding-left: .6em; color: #333; }
.bm-source, .bm-id { font-size: 80%; color: #555; }
.nightMode .card, .card.nightMode { color: #eee; background: #222; }
"""


def _stable_id(name: str) -> int:
    """A fixed id in Anki's usual range (2**30 .. 2**31) from a name."""
    digest = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big")
    return (1 << 30) + digest % (1 << 30)


def deck_id(name: str) -> int:
    return _stable_id(f"bonemets-deck:{name}")


def _genanki() -> Any:
    """genanki, imported when a deck is made (so importing this module, e.g. in the browser's
    Python, needs nothing the engine does not)."""
    import genanki  # type: ignore[import-untyped]

    return genanki


def note_guid(item_id: str) -> str:
    """The note's GUID: from the item id only (stable across builds and wording changes)."""
    return str(_genanki().guid_for("bonemets-quiz", item_id))


@cache
def _model() -> Any:
    return _genanki().Model(
        _stable_id("bonemets-quiz-model:1"),
        "Bone Metastases course question",
        fields=[{"name": f} for f in FIELDS],
        templates=[
            {
                "name": "Question",
                "qfmt": "{{Question}}",
                "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}{{Explanation}}{{Citation}}"
                '<p class="bm-id">{{Chapter}} · {{ItemId}}</p>',
            }
        ],
        css=_CSS,
        sort_field_index=0,
    )


def note_fields(item: BuiltItem) -> list[str]:
    """The note's fields (in :data:`FIELDS` order) for one built item."""
    front: list[str] = []
    if item.case:
        front.append(
            f'<div class="bm-case"><p><strong>{item.case["title_html"]}</strong></p>'
            f"{item.case['summary_html']}</div>"
        )
    front.append(item.stem_html)
    keys = set(item.answer) if isinstance(item.answer, tuple) else set()
    if item.type == "numeric":
        if item.unit:
            front.append(f"<p>Answer in {html.escape(item.unit)}.</p>")
        tol = f" (accepted within ± {item.tolerance:g})" if item.tolerance else ""
        unit = f" {html.escape(item.unit)}" if item.unit else ""
        answer = f"<p><strong>Answer:</strong> {item.answer_html}{unit}{tol}</p>"
    else:
        order = presentation_order(item)
        if item.type == "multiple":
            front.append("<p><em>Select all that apply.</em></p>")
        front.append(
            '<ul class="bm-options">'
            + "".join(
                f'<li><span class="bm-letter">{LETTERS[i]}.</span>{h}</li>'
                for i, (_, h) in enumerate(order)
            )
            + "</ul>"
        )
        right = [(LETTERS[i], h) for i, (k, h) in enumerate(order) if k in keys]
        label = "Answer" if len(right) == 1 else "Answers"
        answer = (
            f"<p><strong>{label}:</strong></p><ul class='bm-options'>"
            + "".join(f'<li><span class="bm-letter">{ltr}.</span>{h}</li>' for ltr, h in right)
            + "</ul>"
        )
    return [
        item.id,
        "".join(front),
        answer,
        item.explanation_html,
        f'<p class="bm-source">Source: {item.citation_html}</p>',
        html.escape(item.chapter_title),
        html.escape(item.objective_text),
    ]


def _timestamp() -> float:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return float(epoch) if epoch.isdigit() else time.time()


def write_apkg(
    items: Sequence[BuiltItem], out: str | Path, chapter_order: Sequence[str] = ()
) -> int:
    """Write the deck to ``out`` (an ``.apkg``); returns the number of notes. Subdecks are
    numbered in ``chapter_order`` (the syllabus order), else in the items' order."""
    genanki = _genanki()
    order = list(dict.fromkeys([*chapter_order, *(i.chapter for i in items)]))
    decks: dict[str, Any] = {}
    for item in items:
        if item.chapter not in decks:
            name = f"{DECK_NAME}::{order.index(item.chapter) + 1:02d} {item.chapter_title}"
            decks[item.chapter] = genanki.Deck(deck_id(name), name)
        note = genanki.Note(
            model=_model(),
            fields=note_fields(item),
            guid=note_guid(item.id),
            tags=["bonemets", f"bonemets::{item.chapter}", f"objective::{item.objective}"],
        )
        decks[item.chapter].add_note(note)
    ordered = [decks[c] for c in order if c in decks]
    genanki.Package(ordered).write_to_file(str(out), timestamp=_timestamp())
    return len(items)
