"""The self-assessment quiz in Jupyter (and Binder), with ipywidgets.

    from widgets.quiz import Quiz, chapter_picker
    Quiz("radiotherapy")          # one chapter's bank; Quiz("all") for every question
    chapter_picker()              # a chapter menu and its quiz (quizzes/quiz.ipynb)

The same bank as the static site (``bonemets.quiz``: answers of calculation items from the engine,
stems and explanations rendered to safe HTML at build time), the same feedback (right or wrong,
the answer, the explanation and the source), and the same honest scoring: the FIRST answer to an
item is what counts; checking it again is practice, shown as such and never counted. Optional
confidence-based marking (Gardner-Medwin's LAPT scheme: confidence 1/2/3, right +1/+2/+3, wrong
0/-2/-6) is asked before a first answer is checked, and its marks are shown beside the score.
Options of an ``ordered`` item (a scale) keep their authored order.

Results are saved after every answer to ``quiz-results.json`` in the working folder (next to the
notebook) and reloaded next time, in the static site's format version 2 (see ``quiz.js``), so
either can import the other's. **Download progress** makes a link to the same file as a
``data:`` URL (the browser saves it; nothing leaves the machine through the kernel), and **Import
results** merges a site export (JSON or CSV) with the same rules as the site: per item the newer
latest answer and the earlier first answer; review cards (the site's spaced review) are kept
as they came and written back, newest review first.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import math
import os
import random
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import ipywidgets as w

from bonemets.quiz import cbm
from bonemets.quiz.build import BuiltItem, build_items
from bonemets.quiz.results import CSV_V2, FORMAT

__all__ = [
    "CBM_RIGHT",
    "CBM_WRONG",
    "RESULTS_FILE",
    "Quiz",
    "Results",
    "chapter_picker",
    "option_order",
    "parse_results",
    "read_results",
    "response_problem",
]

RESULTS_FILE = "quiz-results.json"
VERSION = 2
#: Confidence-based marks (Gardner-Medwin, LAPT) of a right / wrong answer at confidence 1, 2, 3.
CBM_RIGHT = cbm.RIGHT
CBM_WRONG = cbm.WRONG
#: The site's results format (and its CSV columns), defined once by the reader of exported files.
CSV_COLUMNS = CSV_V2
_TAGS = re.compile(r"<[^>]+>")


def _text(fragment: str) -> str:
    """Plain text of a build-time HTML fragment (for widget labels that take text only)."""
    return html.unescape(_TAGS.sub("", fragment)).strip()


# The static site's shuffle (quiz.js), so one seed gives the same option order in both.
def _fnv1a(text: str) -> int:
    h = 2166136261
    for ch in text:
        h ^= ord(ch)
        h = (h * 16777619) & 0xFFFFFFFF
    return h


def _mulberry32(seed: int):
    state = seed & 0xFFFFFFFF

    def imul(a: int, b: int) -> int:
        return (a * b) & 0xFFFFFFFF

    def nxt() -> float:
        nonlocal state
        state = (state + 0x6D2B79F5) & 0xFFFFFFFF
        t = state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return nxt


def option_order(keys: list[str], item_id: str, seed: int, ordered: bool = False) -> list[str]:
    """Option keys in the learner's order (Fisher-Yates with the seeded generator of quiz.js);
    an ``ordered`` item (a scale) keeps its authored order."""
    out = list(keys)
    if ordered:
        return out
    r = _mulberry32(_fnv1a(f"{seed}:{item_id}"))
    for i in range(len(out) - 1, 0, -1):
        j = int(r() * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out


MAX_RESULTS_BYTES = 5_000_000
MAX_ANSWERS = 5000
MAX_DAYS = 36500
_ID = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_]*$")
_KEY = re.compile(r"^[a-z0-9][a-z0-9_]*$")


def _attempts(value: Any) -> int:
    """A count of checks: a whole number from 1 (anything else is 1, as in quiz.js)."""
    if isinstance(value, str) and value.isdigit() and len(value) <= 7:
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 10**6:
        return value
    return 1


def _time(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value


def _confidence(value: Any) -> int | None:
    if isinstance(value, str) and value in ("1", "2", "3"):
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value in (1, 2, 3):
        return value
    return None


def cbm_marks(first: Mapping[str, Any] | None) -> int | None:
    """Confidence-based marks of a first answer (None without a confidence)."""
    if not first or first.get("confidence") not in (1, 2, 3):
        return None
    c = int(first["confidence"])
    return CBM_RIGHT[c] if first.get("correct") else CBM_WRONG[c]


def response_problem(item: BuiltItem, response: Any) -> str | None:
    """Why ``response`` cannot be an answer to ``item`` (None when it can)."""
    keys = [k for k, _ in item.options]
    if item.type == "numeric":
        if isinstance(response, bool) or not isinstance(response, str | int | float):
            return f"a numeric answer must be a number or text, not {type(response).__name__}"
        if isinstance(response, float) and not math.isfinite(response):
            return "a numeric answer must be finite"
        if isinstance(response, int) and response.bit_length() > 64:
            return "the number is too long"
        if isinstance(response, str) and len(response) > 64:
            return "the answer is longer than 64 characters"
        return None
    if item.type == "single":
        if not isinstance(response, str) or response not in keys:
            return "a single-choice answer must be one of the option keys " + ", ".join(keys)
        return None
    if not isinstance(response, list) or not all(isinstance(r, str) for r in response):
        return "a multiple-choice answer must be a list of option keys"
    unknown = [r for r in response if r not in keys]
    if unknown:
        return "not option keys: " + ", ".join(r[:20] for r in unknown[:5])
    return None


def _fit(item: BuiltItem | None, response: Any) -> Any:
    """A stored response in its item's shape (a CSV "a|b", a one-key list)."""
    if item is None:
        return response
    if item.type == "multiple" and isinstance(response, str):
        return [] if response == "" else response.split("|")
    if item.type == "single" and isinstance(response, list) and len(response) == 1:
        return response[0]
    return response


def _plain_response_problem(response: Any) -> str | None:
    """For an item not in this quiz: a key, a list of keys or a short text."""
    if isinstance(response, str):
        return None if len(response) <= 26 * 40 else "the answer is too long"
    if isinstance(response, list) and len(response) <= 26:
        if all(isinstance(r, str) and _KEY.match(r) for r in response):
            return None
    return "an answer must be text or a list of option keys"


def _clean_answer(item: BuiltItem | None, v: Any) -> tuple[dict[str, Any] | None, str | None]:
    """One answer of a results file, checked: (clean answer, None) or (None, why it was left
    out). Version 2 answers carry ``first`` (or null: unknown); a version-1 answer (no ``first``)
    is its own first answer when given at the first attempt, else its first answer is unknown."""
    if not isinstance(v, dict) or "response" not in v:
        return None, "not an answer"
    response = _fit(item, v["response"])
    problem = response_problem(item, response) if item else _plain_response_problem(response)
    if problem:
        return None, problem
    attempts = _attempts(v.get("attempts"))
    correct = item.is_correct(response) if item else v.get("correct") is True
    out: dict[str, Any] = {
        "response": response,
        "correct": correct,
        "time": _time(v.get("time")),
        "attempts": attempts,
    }
    kind = item.type if item else v.get("type")
    if kind in ("single", "multiple", "numeric"):
        out["type"] = kind
    for k in ("chapter", "objective"):
        if item:
            out[k] = getattr(item, k)
        elif isinstance(v.get(k), str) and len(v[k]) <= 80:
            out[k] = v[k]
    if "first" in v:
        f = v["first"]
        if f is None:
            out["first"] = None
        elif isinstance(f, dict) and "response" in f:
            fr = _fit(item, f["response"])
            problem = response_problem(item, fr) if item else _plain_response_problem(fr)
            if problem:
                return None, "its first answer: " + problem
            out["first"] = {
                "response": fr,
                "correct": item.is_correct(fr) if item else f.get("correct") is True,
                "confidence": _confidence(f.get("confidence")),
                "time": _time(f.get("time")),
            }
        else:
            return None, "its first answer is not an answer"
    else:
        out["first"] = (
            {"response": response, "correct": correct, "confidence": None, "time": out["time"]}
            if attempts == 1
            else None
        )
    return out, None


def _clean_card(c: Any) -> dict[str, Any] | None:
    """One FSRS card (ts-fsrs's Card with ISO dates), checked as quiz.js does, or None."""
    if not isinstance(c, dict):
        return None
    due = _time(c.get("due"))
    last = c.get("last_review")
    if not due or (last is not None and not _time(last)):
        return None
    limits = {
        "elapsed_days": MAX_DAYS * 10,
        "scheduled_days": MAX_DAYS,
        "learning_steps": 100,
        "reps": 10**6,
        "lapses": 10**6,
        "state": 3,
    }
    out: dict[str, Any] = {"due": due}
    for k, hi in limits.items():
        v = c.get(k)
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= hi:
            return None
        out[k] = v
    for k, hi in (("stability", 1e6), ("difficulty", 11.0)):
        v = c.get(k)
        if isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v <= hi:
            return None
        if not math.isfinite(v):
            return None
        out[k] = v
    out["last_review"] = last
    return out


@dataclass
class Results:
    """A results file, read and checked (:func:`parse_results`)."""

    seed: int | None = None
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    review: dict[str, dict[str, Any]] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    refused: bool = False
    #: answers whose first answer is unknown (version 1, several attempts): practice
    practice: int = 0


def _csv_answers(text: str) -> tuple[dict[str, Any], int | None]:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or "item_id" not in rows[0] or "response" not in rows[0]:
        raise ValueError("not a quiz results file")
    head = rows[0][:32]
    v2 = "first_response" in head
    out: dict[str, Any] = {}
    seed = None
    for r in rows[1 : MAX_ANSWERS + 2]:
        cell = dict(zip(head, r, strict=False))
        entry: dict[str, Any] = {
            "response": cell.get("response", ""),
            "type": cell.get("type"),
            "time": cell.get("answered_at"),
            "attempts": cell.get("attempts"),
            "correct": cell.get("correct") == "true",
        }
        if v2:
            fr = cell.get("first_response", "")
            entry["first"] = (
                None
                if fr == "" and cell.get("first_correct", "") == ""
                else {
                    "response": fr,
                    "correct": cell.get("first_correct") == "true",
                    "confidence": cell.get("confidence"),
                    "time": entry["time"] if str(entry["attempts"]) == "1" else None,
                }
            )
        for k in ("response",):
            if isinstance(entry[k], str) and entry[k][:2] in ("'=", "'+", "'-", "'@"):
                entry[k] = entry[k][1:]  # quiz.js's guard against spreadsheet formulas
        if entry["type"] == "multiple" and isinstance(entry["response"], str):
            entry["response"] = [] if entry["response"] == "" else entry["response"].split("|")
            if isinstance(entry.get("first"), dict):
                fr = entry["first"]["response"]
                entry["first"]["response"] = [] if fr == "" else fr.split("|")
        out[cell.get("item_id", "")] = entry
        sd = cell.get("seed", "")
        if seed is None and sd.isdigit() and len(sd) <= 10:
            seed = int(sd) & 0xFFFFFFFF
    return out, seed


def parse_results(text: str, items: Mapping[str, BuiltItem], name: str = "the file") -> Results:
    """A results file's text (the site's JSON or CSV export, version 1 or 2, or this quiz's
    file), checked like quiz.js does. Never raises for what the text holds: a text that is not a
    results file is refused with a message (``refused``); an answer that does not fit its item
    is left out with a message; answers to other items are kept if they have a response."""
    res = Results()
    if len(text) > MAX_RESULTS_BYTES:
        res.messages.append(f"{name} is larger than {MAX_RESULTS_BYTES} bytes; not read")
        res.refused = True
        return res
    t = text.lstrip("\ufeff").strip()
    raw_cards: Any = None
    if t.startswith("{") or not t:
        try:
            data = json.loads(t)
        except (ValueError, RecursionError):
            res.messages.append(f"{name} is not valid JSON; starting with no saved answers")
            res.refused = True
            return res
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            res.messages.append(f"{name} is not a quiz results file (format {FORMAT}); not used")
            res.refused = True
            return res
        version = data.get("version", 1)
        if version not in (1, VERSION):
            res.messages.append(
                f"{name} is of format version {str(version)[:20]}; this quiz reads versions 1 "
                f"and {VERSION}; not used"
            )
            res.refused = True
            return res
        raw = data.get("answers")
        if not isinstance(raw, dict):
            raw = {}
            res.messages.append(f"{name} has no answers mapping; starting with no saved answers")
        raw_cards = data.get("review")
        seed = data.get("seed")
        if isinstance(seed, int) and not isinstance(seed, bool):
            res.seed = seed & 0xFFFFFFFF
    else:
        try:
            raw, res.seed = _csv_answers(t)
        except (ValueError, csv.Error):
            res.messages.append(f"{name} is not a quiz results file (JSON or CSV); not used")
            res.refused = True
            return res
    if len(raw) > MAX_ANSWERS:
        res.messages.append(f"{name} has more than {MAX_ANSWERS} answers; not used")
        res.refused = True
        return res
    for k, v in raw.items():
        if not isinstance(k, str) or not _ID.match(k):
            res.messages.append(f"{name}: an entry {str(k)[:40]!r} is not an answer; ignored")
            continue
        a, why = _clean_answer(items.get(k), v)
        if a is None:
            res.messages.append(f"{name}: the answer to {k} was ignored: {why}")
            continue
        if a["first"] is None:
            res.practice += 1
        res.answers[k] = a
    if raw_cards is not None:
        if not isinstance(raw_cards, dict):
            res.messages.append(f"{name}: its review schedule is not a mapping; ignored")
        else:
            for k, c in list(raw_cards.items())[:MAX_ANSWERS]:
                card = _clean_card(c) if k in res.answers else None
                if card is None:
                    res.messages.append(f"{name}: the review card of {str(k)[:40]} was ignored")
                else:
                    res.review[k] = card
    if res.practice:
        res.messages.append(
            f"{name}: {res.practice} answer(s) were saved before first answers were recorded, "
            "after more than one attempt: the first answer is unknown, so they are kept as "
            "practice and not counted in the score"
        )
    return res


def load_results(path: Path | None, items: Mapping[str, BuiltItem]) -> Results:
    """:func:`parse_results` of a file (nothing when there is no file)."""
    if path is None or not path.is_file():
        return Results()
    name = path.name
    try:
        if path.stat().st_size > MAX_RESULTS_BYTES:
            return Results(
                messages=[f"{name} is larger than {MAX_RESULTS_BYTES} bytes; not read"],
                refused=True,
            )
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Results(
            messages=[f"{name} cannot be read; starting with no saved answers"], refused=True
        )
    return parse_results(text, items, name)


def read_results(
    path: Path | None, items: dict[str, BuiltItem]
) -> tuple[int | None, dict[str, dict[str, Any]], list[str], bool]:
    """Read a results file: ``(seed, answers, messages, refused)`` (see :func:`load_results`,
    which also returns the review cards)."""
    res = load_results(path, items)
    return res.seed, res.answers, res.messages, res.refused


def _when(t: Any) -> float:
    if not isinstance(t, str):
        return 0.0
    try:
        return datetime.fromisoformat(t.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return 0.0


def merge_answer(mine: dict[str, Any] | None, theirs: dict[str, Any]) -> dict[str, Any]:
    """An item's answer after an import, as quiz.js merges: the newer latest answer; the first
    answer known to be first (the stored one, unless the file's is dated earlier)."""
    if not mine:
        return theirs
    latest = theirs if _when(theirs.get("time")) > _when(mine.get("time")) else mine
    first = mine.get("first")
    tf = theirs.get("first")
    if not first:
        first = tf
    elif tf and tf.get("time") and first.get("time") and _when(tf["time"]) < _when(first["time"]):
        first = tf
    attempts = mine.get("attempts", 1)
    if latest is theirs:
        attempts = max(attempts, theirs.get("attempts", 1))
    return {
        **mine,
        "response": latest["response"],
        "correct": latest["correct"],
        "time": latest.get("time"),
        "attempts": attempts,
        "first": first,
    }


def _newer_card(a: dict[str, Any], b: dict[str, Any]) -> bool:
    ta, tb = _when(a.get("last_review")), _when(b.get("last_review"))
    return ta > tb or (ta == tb and a.get("reps", 0) > b.get("reps", 0))


class _ItemView:
    def __init__(self, quiz: Quiz, item: BuiltItem, index: int, total: int):
        self.quiz = quiz
        self.item = item
        head = f"Question {index + 1} of {total}"
        if item.type == "multiple":
            head += " (select all that apply)"
        plain = quiz.plain_layout  # (one default layout model for the quiz's plain widgets)
        parts: list[w.Widget] = [
            w.HTML(
                f"<b>{html.escape(head)}</b> &middot; <i>{html.escape(item.objective_text)}</i>",
                layout=plain,
            )
        ]
        if item.case:
            parts.append(
                w.HTMLMath(
                    f"<b>Case:</b> {item.case['title_html']}<br>{item.case.get('summary_html', '')}",
                    layout=plain,
                )
            )
        parts.append(w.HTMLMath(item.stem_html, layout=plain))
        layout = w.Layout(width="auto")
        if item.type == "numeric":
            self.input: Any = w.Text(
                placeholder="a number",
                description="Your answer",
                style={"description_width": "initial"},
                layout=plain,
            )
            parts.append(w.HBox([self.input, w.Label(item.unit, layout=plain)], layout=plain))
        else:
            labels = {k: _text(h) for k, h in item.options}
            order = option_order(
                [k for k, _ in item.options], item.id, quiz.seed, getattr(item, "ordered", False)
            )
            if item.type == "single":
                self.input = w.RadioButtons(
                    options=[(labels[k], k) for k in order], value=None, layout=layout
                )
                parts.append(self.input)
            else:
                self.boxes = {
                    k: w.Checkbox(value=False, description=labels[k], indent=False, layout=layout)
                    for k in order
                }
                self.input = w.VBox(list(self.boxes.values()))
                parts.append(self.input)
        self.confidence = w.ToggleButtons(
            options=[("1 (low)", 1), ("2 (mid)", 2), ("3 (high)", 3)],
            value=None,
            description="How sure?",
            tooltips=["confidence 1: +1 / 0", "confidence 2: +2 / -2", "confidence 3: +3 / -6"],
        )
        parts.append(self.confidence)
        self.button = w.Button(description="Check answer", button_style="primary", layout=plain)
        self.button.on_click(lambda _b: self.check())
        self.feedback = w.HTMLMath(layout=plain)
        parts += [self.button, self.feedback]
        self.box = w.VBox(
            parts, layout=w.Layout(border="1px solid #c9ced6", padding="6px", margin="0 0 8px 0")
        )

    # -- values
    def response(self) -> Any:
        if self.item.type == "numeric":
            return self.input.value.strip()
        if self.item.type == "single":
            return self.input.value
        return [k for k, b in self.boxes.items() if b.value]

    def set_response(self, response: Any) -> None:
        if self.item.type == "numeric":
            self.input.value = "" if response is None else str(response)
        elif self.item.type == "single":
            keys = [k for k, _ in self.item.options]
            self.input.value = response if response in keys else None
        else:
            chosen = set(response or [])
            for k, b in self.boxes.items():
                b.value = k in chosen

    def asks_confidence(self) -> bool:
        """Confidence-based marking is on and the next check is a first answer."""
        return self.quiz.cbm and self.item.id not in self.quiz.answers

    def show_confidence(self) -> None:
        self.confidence.layout.display = None if self.asks_confidence() else "none"

    # -- actions
    def check(self) -> bool | None:
        resp = self.response()
        if resp in (None, "", []):
            self.feedback.value = "<i>Choose or type an answer first.</i>"
            return None
        confidence = None
        if self.asks_confidence():
            confidence = self.confidence.value
            if confidence not in (1, 2, 3):
                self.feedback.value = (
                    "<i>Choose how sure you are (1, 2 or 3) first: "
                    "confidence-based marking is on.</i>"
                )
                return None
        ok = self.item.is_correct(resp)
        self.quiz._record(self.item, resp, ok, confidence)
        self.show()
        return ok

    def show(self) -> None:
        self.show_confidence()
        a = self.quiz.answers.get(self.item.id)
        if not a:
            self.feedback.value = ""
            return
        ok = self.item.is_correct(a["response"])
        verdict = (
            '<b style="color:#1b7a3a">Correct.</b>'
            if ok
            else f'<b style="color:#b3261e">Not quite.</b> The answer is: {self.item.answer_html}'
        )
        first = a.get("first")
        if not first:
            counted = (
                "Practice only: this answer was saved before the quiz recorded first answers, "
                "after more than one attempt, so your first answer is unknown and it is not in "
                "your score."
            )
        elif a.get("attempts", 1) > 1:
            counted = (
                f"First answer: {'right' if first['correct'] else 'wrong'} (this counts in your "
                f"score); practised: {'correct' if ok else 'wrong'} ({a['attempts']} checks)."
            )
        else:
            counted = (
                f"First answer: {'right' if first['correct'] else 'wrong'} (this counts in your "
                "score; checking again is practice)."
            )
        marks = cbm_marks(first)
        if marks is not None:
            plural = "" if abs(marks) == 1 else "s"
            counted += f" Confidence {first['confidence']}: {marks:+d} mark{plural}."
        how = ""
        if self.item.computed:
            c = self.item.computed
            how = (
                f"<p><small>Answer computed by the course engine: bonemets calc "
                f"{html.escape(c['calculator'])} ({html.escape(str(c['output']))}).</small></p>"
                if "calculator" in c
                else f"<p><small>Answer read from the course engine: {html.escape(c['fact'])}.</small></p>"
            )
        self.feedback.value = (
            f"<p>{verdict}</p><p><b>{html.escape(counted)}</b></p>{self.item.explanation_html}"
            f"<p><i>Source: {self.item.citation_html}</i></p>{how}"
        )


class Quiz:
    """One quiz (a chapter id, several separated by commas, or ``all``) as ipywidgets.

    ``cbm`` starts with confidence-based marking on (the learner can switch it in the quiz)."""

    def __init__(
        self,
        selection: str = "all",
        results_path: str | os.PathLike[str] | None = RESULTS_FILE,
        root: str | Path | None = None,
        items: list[BuiltItem] | None = None,
        cbm: bool = False,
    ):
        self.selection = selection
        self.items = items if items is not None else build_items(selection, root)
        self.by_id = {i.id: i for i in self.items}
        self.path = Path(results_path) if results_path else None
        self.cbm = cbm
        self.seed, self.answers = self._load()
        #: the layout of every widget whose layout is never changed (ipywidgets gives each
        #: widget a layout model of its own by default: ~2,000 models for the whole bank)
        self.plain_layout = w.Layout()
        self.views = [_ItemView(self, it, n, len(self.items)) for n, it in enumerate(self.items)]
        self.views_by_id = {v.item.id: v for v in self.views}
        self.score_html = w.HTML()
        self.summary_html = w.HTML()
        self.notice_html = w.HTML()
        self.download_html = w.HTML()
        reset = w.Button(description="Reset this quiz", button_style="warning")
        reset.on_click(lambda _b: self.reset())
        self.cbm_box = w.Checkbox(value=cbm, description="Confidence-based marking", indent=False)
        self.cbm_box.observe(lambda ch: self.set_cbm(bool(ch["new"])), names="value")
        download = w.Button(description="Download progress", icon="download")
        download.on_click(lambda _b: self.download_link())
        self.upload = w.FileUpload(
            accept=".json,.csv", multiple=False, description="Import results"
        )
        self.upload.observe(lambda _ch: self._upload(), names="value")
        title = html.escape(selection if selection != "all" else "all chapters")
        where = html.escape(str(self.path)) if self.path else "nowhere (results_path=None)"
        self.widget = w.VBox(
            [
                w.HTML(
                    f"<h3>Quiz: {title}</h3><p>{len(self.items)} questions. Your first answer to "
                    "each question is what counts; checking again is practice. Results are saved "
                    f"to <code>{where}</code> after every answer.</p>"
                    "<p><small>Confidence-based marking (Gardner-Medwin's LAPT scheme): before you "
                    "check a first answer, say how sure you are. Right answers earn 1, 2 or 3 "
                    "marks at confidence 1, 2 or 3; wrong answers earn 0, -2 or -6.</small></p>"
                ),
                w.HBox([self.cbm_box, download, self.upload]),
                self.download_html,
                self.notice_html,
                self.score_html,
                *[v.box for v in self.views],
                self.summary_html,
                reset,
            ]
        )
        for v in self.views:
            a = self.answers.get(v.item.id)
            if a:
                v.set_response(a["response"])
            v.show()
        self._refresh()

    # -- persistence
    def _load(self) -> tuple[int, dict[str, dict[str, Any]]]:
        """The seed and answers of the results file. A file that cannot be read, or is not a
        results file, is refused with a message (and kept: it is copied aside before the first
        save); an answer whose response does not fit its item is ignored with a message."""
        self.messages: list[str] = []
        res = load_results(self.path, self.by_id)
        self.messages.extend(res.messages)
        self._refused = res.refused
        self.review: dict[str, dict[str, Any]] = res.review
        seed = res.seed if res.seed is not None else random.getrandbits(32)
        return seed, res.answers

    def _backup_refused(self) -> None:
        """Keep a refused results file before it is overwritten (once)."""
        if not (self._refused and self.path and self.path.is_file()):
            return
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        backup = self.path.with_name(f"{self.path.stem}.unreadable-{stamp}{self.path.suffix}")
        try:
            os.replace(self.path, backup)
            self.messages.append(f"The unreadable file was kept as {backup.name}.")
        except OSError:
            pass
        self._refused = False

    def _save(self) -> None:
        if not self.path:
            return
        self._backup_refused()
        data = self.results()
        # Keep answers (and review cards) of other quizzes that are in the file.
        old = load_results(self.path, {})
        if not old.refused:
            for k, v in old.answers.items():
                if k not in self.by_id and k not in data["answers"]:
                    data["answers"][k] = v
            for k, c in old.review.items():
                if k in data["answers"] and k not in data["review"]:
                    data["review"][k] = c
        text = json.dumps(data, indent=2, ensure_ascii=False)
        folder = self.path.resolve().parent
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".quiz-results-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, self.path)

    def _record(self, item: BuiltItem, response: Any, ok: bool, confidence: int | None) -> None:
        prev = self.answers.get(item.id)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        first = (
            prev.get("first")
            if prev
            else {"response": response, "correct": ok, "confidence": confidence, "time": now}
        )
        self.answers[item.id] = {
            "type": item.type,
            "chapter": item.chapter,
            "objective": item.objective,
            "response": response,
            "correct": ok,
            "time": now,
            "attempts": (prev.get("attempts", 1) + 1) if prev else 1,
            "first": first,
        }
        self._save()
        self._refresh()

    # -- scores
    def summary(self) -> dict[str, dict[str, Any]]:
        """Per learning objective, from FIRST answers: text, correct, answered, total,
        cbm_marks and cbm_answered (items of this quiz)."""
        out: dict[str, dict[str, Any]] = {}
        for it in self.items:
            o = out.setdefault(
                it.objective,
                {
                    "text": it.objective_text,
                    "correct": 0,
                    "answered": 0,
                    "total": 0,
                    "cbm_marks": 0,
                    "cbm_answered": 0,
                },
            )
            o["total"] += 1
            a = self.answers.get(it.id)
            first = a.get("first") if a else None
            if first:
                o["answered"] += 1
                o["correct"] += int(it.is_correct(first["response"]))
                marks = cbm_marks({**first, "correct": it.is_correct(first["response"])})
                if marks is not None:
                    o["cbm_marks"] += marks
                    o["cbm_answered"] += 1
        return out

    def score(self) -> dict[str, int]:
        """From first answers: correct, answered, total; ``practice``: answered items whose
        first answer is unknown (not counted)."""
        s = self.summary().values()
        practice = sum(
            1 for it in self.items if it.id in self.answers and not self.answers[it.id].get("first")
        )
        return {
            "correct": sum(o["correct"] for o in s),
            "answered": sum(o["answered"] for o in s),
            "total": len(self.items),
            "practice": practice,
        }

    def cbm_score(self) -> dict[str, Any]:
        """Confidence-based marks of the first answers given with a confidence."""
        s = self.summary().values()
        n = sum(o["cbm_answered"] for o in s)
        marks = sum(o["cbm_marks"] for o in s)
        return {"marks": marks, "answered": n, "mean": round(marks / n, 2) if n else None}

    def results(self) -> dict[str, Any]:
        """Everything saved: the static site's export format, version 2."""
        answers = {}
        for k, a in sorted(self.answers.items()):
            it = self.by_id.get(k)
            first = a.get("first")
            if first and it:
                first = {**first, "correct": it.is_correct(first["response"])}
            answers[k] = {
                "type": it.type if it else a.get("type"),
                "chapter": it.chapter if it else a.get("chapter", k.split(".")[0]),
                "objective": it.objective if it else a.get("objective"),
                "response": a["response"],
                "correct": it.is_correct(a["response"]) if it else bool(a.get("correct")),
                "time": a.get("time"),
                "attempts": a.get("attempts", 1),
                "first": first,
            }
        return {
            "format": FORMAT,
            "version": VERSION,
            "exported": datetime.now(UTC).isoformat(timespec="seconds"),
            "seed": self.seed,
            "answers": answers,
            "review": {k: c for k, c in sorted(self.review.items()) if k in answers},
            "scores": {
                "quizzes": {self.selection: self.score()},
                "objectives": {
                    k: {kk: v[kk] for kk in ("correct", "answered", "total")}
                    for k, v in self.summary().items()
                },
                "cbm": {self.selection: self.cbm_score()},
            },
        }

    def results_csv(self) -> str:
        """The results as the site's CSV export (version 2; no review cards)."""
        data = self.results()
        buf = io.StringIO()
        out = csv.writer(buf, lineterminator="\r\n")
        out.writerow(CSV_COLUMNS)

        def cell(v: Any) -> str:
            s = "|".join(v) if isinstance(v, list) else "" if v is None else str(v)
            return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s

        for k, a in data["answers"].items():
            f = a["first"] or {}
            out.writerow(
                [
                    cell(x)
                    for x in (
                        k,
                        a["chapter"],
                        a["objective"],
                        a["type"],
                        f.get("response"),
                        "" if not f else str(bool(f.get("correct"))).lower(),
                        f.get("confidence"),
                        a["response"],
                        str(bool(a["correct"])).lower(),
                        a["time"],
                        a["attempts"],
                        data["seed"],
                    )
                ]
            )
        return buf.getvalue()

    def _refresh(self) -> None:
        self.notice_html.value = "".join(
            f'<p style="color:#8a4b00">&#9888; {html.escape(m)}</p>' for m in self.messages
        )
        s = self.score()
        practice = (
            f" {s['practice']} more answered before first answers were recorded (practice, not "
            "counted)."
            if s["practice"]
            else ""
        )
        c = self.cbm_score()
        cbm = ""
        if c["answered"] or self.cbm:
            mean = f" (mean {c['mean']} per answer; at most 3)" if c["answered"] else ""
            cbm = (
                f"<br>Confidence-based marks: {c['marks']:+d} from {c['answered']} "
                f"answer{'' if c['answered'] == 1 else 's'} with a confidence{mean}."
            )
        self.score_html.value = (
            f"<b>Score: {s['correct']} correct of {s['answered']} answered "
            f"({s['total']} questions; first answers count, re-tries are practice).{practice}"
            f"{cbm}</b>"
        )
        rows = "".join(
            f"<tr><td>{html.escape(o['text'])}</td><td>{o['correct']}</td>"
            f"<td>{o['answered']}</td><td>{o['total']}</td>"
            f"<td>{o['cbm_marks'] if o['cbm_answered'] else '-'}</td></tr>"
            for o in self.summary().values()
        )
        self.summary_html.value = (
            "<table><caption><b>Score by learning objective (first answers)</b></caption>"
            "<tr><th>Learning objective</th><th>Correct</th><th>Answered</th><th>Questions</th>"
            f"<th>Confidence marks</th></tr>{rows}</table>"
        )

    # -- actions
    def answer(self, item_id: str, response: Any, confidence: int | None = None) -> bool | None:
        """Set an item's answer (and confidence) and check it, as a learner would (for scripts
        and tests)."""
        view = self.views_by_id[item_id]
        view.set_response(response)
        view.confidence.value = confidence
        return view.check()

    def set_cbm(self, on: bool) -> None:
        """Confidence-based marking on or off (asked before each first answer)."""
        self.cbm = on
        if self.cbm_box.value != on:
            self.cbm_box.value = on
        for v in self.views:
            v.show_confidence()
        self._refresh()

    def reset(self) -> None:
        """Clear the answers (and review cards) of this quiz's items (and save)."""
        for it in self.items:
            self.answers.pop(it.id, None)
            self.review.pop(it.id, None)
        for v in self.views:
            v.set_response(None)
            v.show()
        self._save()
        self._refresh()

    def download_link(self, kind: str = "json") -> str:
        """A link that saves the progress (``quiz-results.json``, or ``.csv``) from a ``data:``
        URL; shown under the buttons and returned. The browser saves it: in JupyterLab and in
        Binder the link downloads the file; the file next to the notebook is saved too."""
        if kind == "csv":
            text, mime, name = self.results_csv(), "text/csv", "quiz-results.csv"
        else:
            text = json.dumps(self.results(), indent=2, ensure_ascii=False)
            mime, name = "application/json", "quiz-results.json"
        b64 = base64.b64encode(text.encode("utf-8")).decode("ascii")
        where = (
            f" It is also saved as <code>{html.escape(str(self.path))}</code> next to this "
            "notebook (in Binder, right-click it in the file browser and choose Download "
            "before the session ends)."
            if self.path
            else ""
        )
        link = (
            f'<a download="{name}" href="data:{mime};base64,{b64}">Save {name}</a> '
            f"({len(self.answers)} answers, the site's format: import it on the Review or "
            f"Self-assessment page).{where}"
        )
        self._save()
        self.download_html.value = f"<p>{link}</p>"
        return link

    def import_text(self, text: str, name: str = "the file") -> dict[str, int]:
        """Merge a results file's text (the site's JSON or CSV export) into this quiz's progress
        with the site's rules (per item: the newer latest answer, the earlier first answer; the
        review card reviewed last) and save. Returns counts: added, changed, kept, cards."""
        res = parse_results(text, self.by_id, name)
        self.messages = list(res.messages)
        counts = {"added": 0, "changed": 0, "kept": 0, "cards": 0}
        if res.refused:
            self.messages.append(f"Nothing was imported from {name}.")
            self._refresh()
            return counts
        for k, theirs in res.answers.items():
            mine = self.answers.get(k)
            merged = merge_answer(mine, theirs)
            if mine is None:
                counts["added"] += 1
            elif merged == mine:
                counts["kept"] += 1
                continue
            else:
                counts["changed"] += 1
            self.answers[k] = merged
        for k, card in res.review.items():
            if k not in self.review or _newer_card(card, self.review[k]):
                self.review[k] = card
                counts["cards"] += 1
        if res.seed is not None and not any(k in self.answers for k in self.by_id):
            self.seed = res.seed
        for v in self.views:
            a = self.answers.get(v.item.id)
            v.set_response(a["response"] if a else None)
            v.show()
        self.messages.append(
            f"Imported {name}: {counts['added']} added, {counts['changed']} changed, "
            f"{counts['kept']} kept, {counts['cards']} review cards."
        )
        self._save()
        self._refresh()
        return counts

    def _upload(self) -> None:
        value = self.upload.value
        files = list(value.values()) if isinstance(value, dict) else list(value or ())
        if not files:
            return
        f = files[0]
        name = str(f.get("name", "the file"))[:80]
        content = f.get("content", b"")
        if len(content) > MAX_RESULTS_BYTES:
            self.messages = [f"{name} is larger than {MAX_RESULTS_BYTES} bytes; nothing imported."]
            self._refresh()
            return
        try:
            text = bytes(content).decode("utf-8")
        except UnicodeDecodeError:
            self.messages = [f"{name} is not UTF-8 text; nothing imported."]
            self._refresh()
            return
        self.import_text(text, name)

    # -- display
    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def chapter_picker(
    results_path: str | os.PathLike[str] | None = RESULTS_FILE,
    root: str | Path | None = None,
    cbm: bool = False,
) -> w.VBox:
    """A chapter menu (every chapter of ``chapters/objectives.yaml`` with questions, and "all")
    and the chosen chapter's :class:`Quiz` below it; every quiz saves to the same file."""
    from bonemets.datafile import find_root
    from bonemets.syllabus import syllabus

    r = Path(root) if root else find_root()
    syl = syllabus(r)
    every = build_items("all", r)
    chapters = [c for c in syl.chapters if any(i.chapter == c for i in every)]
    options = [(f"{syl.title(c)} ({sum(i.chapter == c for i in every)})", c) for c in chapters]
    options.append((f"All chapters ({len(every)})", "all"))
    menu = w.Dropdown(options=options, value=None, description="Chapter")
    out = w.Output()
    box = w.VBox([menu, out])

    def show(change: dict[str, Any]) -> None:
        sel = change["new"]
        if not sel:
            return
        items = every if sel == "all" else [i for i in every if i.chapter == sel]
        out.clear_output()
        quiz = Quiz(sel, results_path=results_path, root=r, items=items, cbm=cbm)
        box.quiz = quiz  # type: ignore[attr-defined]
        with out:
            from IPython.display import display

            display(quiz.widget)

    menu.observe(show, names="value")
    return box
