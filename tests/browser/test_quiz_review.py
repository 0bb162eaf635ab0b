"""Honest scoring, confidence-based marking, ordered options, spaced review (FSRS), the v2 progress
format and its migration from v1, in Debian chromium.

Pages are made with the renderer (``coursebook.quiz.standalone_page``): the radiotherapy quiz, the
review page over the same items (with the vendored ts-fsrs and review.js), and a small page with
one ``ordered`` item. The quiz modules' one browser context (``quiz_page.shared_tab``) holds this
module's two pages (with and without a fixed clock), reused from test to test, each opened as a
new profile would (storage cleared: ``Tab``); items are chosen by type from the bank, never by id,
so a rewritten bank keeps them valid.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bonemets.quiz.build import build_item
from bonemets.quiz.models import Item
from bonemets.quiz.results import parse_results
from coursebook.quiz import standalone_page

from .checker import AXE_SERIOUS_OPTIONS, inject_axe
from .quiz_page import built_items, clear_local_storage, course_bank, shared_tab

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
KEY = "bonemets-quiz:v2"
OLD_KEY = "bonemets-quiz:v1"
BACKUP = "bonemets-quiz:backup"
T0 = datetime(2030, 3, 1, 9, 0, tzinfo=UTC)
ORDERED_ID = "radiotherapy.test_ordered"
SHUFFLED_ID = "radiotherapy.test_unordered"
SCALE = {"a": "Grade 1", "b": "Grade 2", "c": "Grade 3", "d": "Grade 4", "e": "Grade 5"}


def _scale_item(item_id: str, ordered: bool):
    item = Item(
        id=item_id,
        type="single",
        objective="radiotherapy.toxicity",
        stem="Test scale item: which grade?",
        options=SCALE,
        answer="c",
        ordered=ordered,
        explanation="Test item.",
        citation="Test A, Test J 2024",
    )
    return build_item(item, ROOT, course_bank().syllabus)


@pytest.fixture(scope="module")
def items() -> list[Any]:
    return built_items("radiotherapy")


@pytest.fixture(scope="module")
def singles(items) -> list[Any]:
    """Single-answer items with at least three options (enough for right, wrong and another)."""
    out = [i for i in items if i.type == "single" and len(i.options) >= 3]
    assert len(out) >= 4, "the radiotherapy bank needs four single-answer items for these tests"
    return out


@pytest.fixture(scope="module")
def urls(serve, tmp_path_factory, items) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("review")
    (folder / "quiz.html").write_text(standalone_page("radiotherapy", ROOT, items=items), "utf-8")
    (folder / "review.html").write_text(
        standalone_page("radiotherapy", ROOT, items=items, review=True), "utf-8"
    )
    scale = [_scale_item(ORDERED_ID, True), _scale_item(SHUFFLED_ID, False)]
    (folder / "scale.html").write_text(standalone_page("radiotherapy", ROOT, items=scale), "utf-8")
    base = serve(folder)
    return {k: base + f"{k}.html" for k in ("quiz", "review", "scale")}


@pytest.fixture(scope="module")
def context(browser):
    """The quiz modules' one browser context (``quiz_page.shared_tab``): this module's pages are
    opened in it, beside the shared page (which this module leaves alone), and closed after it."""
    yield shared_tab(browser).context
    for page, _sink in _PAGES.values():
        page.close()
    _PAGES.clear()


#: The module's two reused pages (one with a fixed clock, one without), made on first use, each
#: with the list its console errors go to (the current Tab's).
_PAGES: dict[tuple[int, bool], tuple[Any, list[list[str]]]] = {}


@pytest.fixture(autouse=True)
def close_other_pages(browser, context):
    """Pages a test opens besides the two reused ones are closed after it, even if it failed."""
    yield
    kept = {id(page) for page, _sink in _PAGES.values()} | {id(shared_tab(browser).page)}
    for page in context.pages:
        if id(page) not in kept:
            page.close()


class Tab:
    """A page of the module's context opened as a new profile would open ``url`` (its origin's
    ``localStorage`` cleared: the quiz keeps its progress there alone); every request leaving the
    origin and every console error fails the test. The page is reused from test to test (one with
    a fixed clock, one without), not started again."""

    def __init__(self, context, url: str, clock: datetime | None = None):
        key = (id(context), clock is not None)
        if key not in _PAGES:
            page = context.new_page()
            sink: list[list[str]] = [[]]
            page.on("pageerror", lambda e: sink[0].append(str(e)))
            page.on("console", lambda m: sink[0].append(m.text) if m.type == "error" else None)
            page.on("dialog", lambda d: d.accept())
            _PAGES[key] = (page, sink)
        self.page, sink = _PAGES[key]
        self.errors: list[str] = []
        sink[0] = self.errors
        self.page.goto("about:blank")
        clear_local_storage(context, self.page, url)
        if clock is not None:
            self.page.clock.set_fixed_time(clock)
        self.goto(url)

    def goto(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_selector(".bm-quiz-title")

    def q(self, item_id: str):
        return self.page.locator(f"fieldset[data-item='{item_id}']")

    def choose(self, item, key: str, confidence: int | None = None) -> str:
        fs = self.q(item.id)
        fs.locator(f"input[name='q-{item.id.replace('.', '-')}'][value='{key}']").check()
        if confidence is not None:
            fs.locator(f"input.bm-conf[value='{confidence}']").check()
        fs.locator("button.bm-check").click()
        return fs.locator(".bm-feedback").inner_text()

    def stored(self) -> dict[str, Any]:
        return json.loads(self.page.evaluate(f"localStorage.getItem('{KEY}')"))

    def text(self, selector: str) -> str:
        return self.page.locator(selector).first.inner_text()

    def download(self, button: str, path: Path) -> str:
        with self.page.expect_download() as dl:
            self.page.get_by_role("button", name=button).click()
        dl.value.save_as(path)
        return path.read_bytes().decode("utf-8")

    def close(self) -> None:
        assert self.errors == [], f"console errors: {self.errors}"


def _wrong(item) -> str:
    return next(k for k, _ in item.options if k not in item.answer)


def _right(item) -> str:
    return item.answer[0]


# ------------------------------------------------------------------------------ honest scoring


def test_first_answer_counts_and_retries_are_practice(context, urls, singles, tmp_path):
    t = Tab(context, urls["quiz"])
    a, b = singles[0], singles[1]
    first = t.choose(a, _wrong(a))
    assert first.startswith("Not quite.") and "First answer: wrong" in first
    # the revealed answer, chosen and checked again: practice, never counted as correct
    again = t.choose(a, _right(a))
    assert again.startswith("Correct.")
    assert "First answer: wrong (this counts in your score); practised: correct (2 checks)" in again
    t.choose(b, _right(b))
    t.choose(b, _wrong(b))  # right first, then wrong: still counts right
    assert "1 correct of 2 answered" in t.text(".bm-quiz-score")
    t.page.reload()
    t.page.wait_for_selector("fieldset.bm-q")
    assert "1 correct of 2 answered" in t.text(".bm-quiz-score")
    data = json.loads(t.download("Export JSON", tmp_path / "r.json"))
    assert data["version"] == 2 and data["format"] == "bonemets-quiz-results"
    ea, eb = data["answers"][a.id], data["answers"][b.id]
    assert (ea["first"]["correct"], ea["correct"], ea["attempts"]) == (False, True, 2)
    assert ea["first"]["response"] == _wrong(a) and ea["response"] == _right(a)
    assert ea["first"]["confidence"] is None and ea["first"]["time"]
    assert (eb["first"]["correct"], eb["correct"]) == (True, False)
    assert data["scores"]["quizzes"]["radiotherapy"]["correct"] == 1
    assert data["scores"]["quizzes"]["radiotherapy"]["answered"] == 2
    csv = t.download("Export CSV", tmp_path / "r.csv")
    head, *rows = csv.strip().split("\r\n")
    assert head == (
        "item_id,chapter,objective,type,first_response,first_correct,confidence,response,"
        "correct,answered_at,attempts,seed"
    )
    row = next(r.split(",") for r in rows if r.startswith(a.id + ","))
    assert row[4:9] == [_wrong(a), "false", "", _right(a), "true"] and row[10] == "2"
    # the instructors' reader (bonemets quiz analyse) takes both files: first answers only
    for text, kind in ((json.dumps(data), "json"), (csv, "csv")):
        learner = parse_results(text, f"export.{kind}", kind)
        assert learner.first[a.id].response == _wrong(a) and learner.first[a.id].correct is False
        assert learner.first[b.id].correct is True
    t.close()


def test_confidence_based_marks(context, urls, singles):
    t = Tab(context, urls["quiz"])
    t.page.locator(".bm-cbm-toggle").check()
    a, b, c = singles[0], singles[1], singles[2]
    fs = t.q(a.id)
    fs.locator(f"input[value='{_right(a)}']").first.check()
    fs.locator("button.bm-check").click()
    assert "Choose how sure you are" in fs.locator(".bm-feedback").inner_text()
    assert t.stored()["answers"] == {}  # nothing saved without a confidence
    assert "Confidence 3: +3 marks." in t.choose(a, _right(a), 3)
    assert "Confidence 3: -6 marks." in t.choose(b, _wrong(b), 3)
    assert "Confidence 1: 0 marks." in t.choose(c, _wrong(c), 1)
    # a re-try asks no confidence and changes no mark
    assert t.q(c.id).locator(".bm-confidence").is_hidden()
    assert "Confidence 1: 0 marks." in t.choose(c, _right(c))
    cbm = t.text(".bm-quiz-cbm")
    assert "Confidence-based marks: -3 from 3 answers" in cbm and "mean -1" in cbm
    assert "1 correct of 3 answered" in t.text(".bm-quiz-score")
    data = t.page.evaluate("window.bonemetsQuiz.exportData()")
    assert data["answers"][a.id]["first"]["confidence"] == 3
    assert data["scores"]["cbm"]["radiotherapy"] == {"marks": -3, "answered": 3, "mean": -1}
    assert t.stored()["settings"]["cbm"] is True
    t.close()


def test_ordered_items_keep_their_order(context, urls):
    t = Tab(context, urls["scale"])
    orders = {ORDERED_ID: set(), SHUFFLED_ID: set()}
    for seed in (1, 2, 3, 4, 5, 6):
        state = {"version": 2, "seed": seed, "answers": {}, "review": {}}
        t.page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(state)])
        t.page.reload()
        t.page.wait_for_selector("fieldset.bm-q")
        for item_id, seen in orders.items():
            keys = t.q(item_id).locator("input[type='radio']:not(.bm-conf)")
            seen.add(tuple(keys.evaluate_all("els => els.map(e => e.value)")))
    assert orders[ORDERED_ID] == {tuple(SCALE)}
    assert len(orders[SHUFFLED_ID]) > 1  # the same options without `ordered` are shuffled
    t.close()


# ------------------------------------------------------------------------------ spaced review


def test_review_schedules_answers_with_fsrs_and_travels_in_export(context, urls, singles, tmp_path):
    start = time.perf_counter()
    a, b = singles[0], singles[1]
    t = Tab(context, urls["quiz"], clock=T0)
    t.choose(a, _wrong(a))  # first answer wrong -> Again: due after 1 day
    t.choose(a, _right(a))  # practice: does not change the schedule
    t.choose(b, _right(b))  # right, no confidence -> Good: due after 3 days
    t.goto(urls["review"])
    assert t.page.evaluate("window.FSRS.FSRSVersion") == "v5.4.2 using FSRS-6.0"
    assert "0 due now; 2 questions scheduled" in t.text(".bm-quiz-score")
    assert t.page.locator(".bm-review-items fieldset.bm-q").count() == 0
    cards = t.stored()["review"]
    assert cards[a.id]["due"] == (T0 + timedelta(days=1)).isoformat().replace("+00:00", ".000Z")
    assert cards[b.id]["due"] == (T0 + timedelta(days=3)).isoformat().replace("+00:00", ".000Z")
    assert (cards[a.id]["reps"], cards[a.id]["state"]) == (1, 2)
    rows = t.page.locator(".bm-review-schedule tbody tr")
    assert rows.nth(0).get_attribute("data-item") == a.id  # next due first
    # a day later the wrong one is due, the right one is not
    t.page.clock.set_fixed_time(T0 + timedelta(days=1, minutes=1))
    t.page.reload()
    t.page.wait_for_selector(".bm-review-schedule")
    due = t.page.locator(".bm-review-items fieldset.bm-q")
    assert due.count() == 1 and due.first.get_attribute("data-item") == a.id
    assert "1 due now; 2 questions scheduled" in t.text(".bm-quiz-score")
    # the review starts blank (the chapter's answer is not shown) and is rated on its answer
    assert t.q(a.id).locator(".bm-feedback").inner_text() == ""
    feedback = t.choose(a, _right(a))
    assert "Reviewed (FSRS rating: Good). Next review:" in feedback
    assert "First answer: wrong" in feedback  # the score still counts the first answer
    card = t.stored()["review"][a.id]
    assert card["reps"] == 2 and card["last_review"].startswith("2030-03-02T09:01")
    assert datetime.fromisoformat(card["due"]) > T0 + timedelta(days=2)
    data = json.loads(t.download("Export JSON", tmp_path / "review.json"))
    assert data["review"][a.id] == card and data["review"][b.id] == cards[b.id]
    assert data["answers"][a.id]["first"]["correct"] is False
    assert data["answers"][a.id]["attempts"] == 3
    inject_axe(t.page)
    res = t.page.evaluate(f"axe.run(document, {AXE_SERIOUS_OPTIONS})")
    bad = [v for v in res["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in bad]
    t.close()

    # another browser (to the quiz, a profile with empty storage): the import restores the
    # answers and the schedule
    u = Tab(context, urls["review"], clock=T0 + timedelta(days=1, minutes=2))
    u.page.locator("input.bm-import").set_input_files(str(tmp_path / "review.json"))
    summary = u.text(".bm-import-summary")
    assert "2 answers added" in summary and "2 review cards added or updated" in summary
    u.page.get_by_role("button", name="Apply import").click()
    assert u.stored()["review"] == data["review"]
    assert "0 due now; 2 questions scheduled" in u.text(".bm-quiz-score")
    u.close()
    print(f"review scheduling, export and import: {time.perf_counter() - start:.2f} s")


# ------------------------------------------------------------------------------ v1 -> v2


def test_v1_progress_is_migrated_keeping_every_answer(context, urls, singles):
    a, b, c = singles[0], singles[1], singles[2]
    v1 = {
        "version": 1,
        "seed": 42,
        "answers": {
            a.id: {"response": _right(a), "time": "2025-01-01T00:00:00Z", "attempts": 1},
            b.id: {"response": _wrong(b), "time": "2025-01-02T00:00:00Z", "attempts": 1},
            # right after three attempts: the first answer is unknown -> practice
            c.id: {"response": _right(c), "time": "2025-01-03T00:00:00Z", "attempts": 3},
            "bma.other_chapter": {"response": ["a", "b"], "type": "multiple", "attempts": 1},
        },
    }
    raw = json.dumps(v1)
    t = Tab(context, urls["quiz"])
    t.page.evaluate(
        "([k, v, n]) => { localStorage.clear(); localStorage.setItem(k, v); }", [OLD_KEY, raw, KEY]
    )
    t.page.reload()
    t.page.wait_for_selector("fieldset.bm-q")
    state = t.stored()
    assert state["version"] == 2 and state["seed"] == 42
    assert set(state["answers"]) == set(v1["answers"])
    assert state["answers"][a.id]["first"]["response"] == _right(a)
    assert state["answers"][b.id]["first"]["correct"] is False
    assert state["answers"][c.id]["first"] is None and state["answers"][c.id]["attempts"] == 3
    assert state["answers"]["bma.other_chapter"]["response"] == ["a", "b"]
    assert t.page.evaluate(f"localStorage.getItem('{OLD_KEY}')") == raw  # left as it was
    backup = json.loads(t.page.evaluate(f"localStorage.getItem('{BACKUP}')"))
    assert backup["reason"] == "migration" and backup["data"] == raw
    warning = t.text(".bm-quiz-warning")
    assert "1 saved answer was given before this quiz recorded first answers" in warning
    score = t.text(".bm-quiz-score")
    assert "1 correct of 2 answered" in score and "1 more answered before first answers" in score
    assert "Practice only" in t.q(c.id).locator(".bm-feedback").inner_text()
    # a v1 export file: the same rules
    file_v1 = json.dumps(
        {
            "format": "bonemets-quiz-results",
            "version": 1,
            "answers": {singles[3].id: {"response": _right(singles[3]), "attempts": 2}},
        }
    )
    got = t.page.evaluate("t => window.bonemetsQuiz.preview(t)", file_v1)
    assert (got["added"], got["practice"], got["ignored"]) == (1, 1, 0)
    t.page.evaluate("t => window.bonemetsQuiz.importText(t)", file_v1)
    assert t.stored()["answers"][singles[3].id]["first"] is None
    t.close()


def test_import_keeps_the_earlier_first_answer(context, urls, singles):
    a = singles[0]
    t = Tab(context, urls["quiz"])
    t.choose(a, _right(a))
    file_ = json.dumps(
        {
            "format": "bonemets-quiz-results",
            "version": 2,
            "answers": {
                a.id: {
                    "response": _right(a),
                    "time": "2001-01-02T00:00:00Z",
                    "attempts": 2,
                    "first": {
                        "response": _wrong(a),
                        "correct": True,  # a claim: graded again here
                        "confidence": 3,
                        "time": "2001-01-01T00:00:00Z",
                    },
                }
            },
        }
    )
    assert t.page.evaluate("t => window.bonemetsQuiz.importText(t)", file_) == 1
    stored = t.stored()["answers"][a.id]
    assert stored["first"]["response"] == _wrong(a) and stored["first"]["correct"] is False
    # the stored answer is the newer one: its response and count of checks stay
    assert stored["response"] == _right(a) and stored["attempts"] == 1
    assert "0 correct of 1 answered" in t.text(".bm-quiz-score")
    t.close()


# ------------------------------------------------------------------------------ hostile files


def test_hostile_imports_are_refused_with_a_message(context, urls, singles, tmp_path):
    a = singles[0]
    t = Tab(context, urls["review"], clock=T0)
    good = {"response": _right(a), "time": "2029-01-01T00:00:00Z", "attempts": 1}
    card = {
        "due": "2029-01-02T00:00:00.000Z",
        "stability": 1.0,
        "difficulty": 5.0,
        "elapsed_days": 0,
        "scheduled_days": 1,
        "learning_steps": 0,
        "reps": 1,
        "lapses": 0,
        "state": 2,
        "last_review": "2029-01-01T00:00:00.000Z",
    }
    refused = {
        "future.json": ({"version": 99, "answers": {a.id: good}}, "format version 99"),
        "review.json": ({"version": 2, "answers": {a.id: good}, "review": [1]}, "not a mapping"),
        "review-null.json": ({"answers": {a.id: good}, "review": None}, "not a mapping"),
    }
    for name, (body, says) in refused.items():
        path = tmp_path / name
        path.write_text(json.dumps({"format": "bonemets-quiz-results", **body}), "utf-8")
        t.page.locator("input.bm-import").set_input_files(str(path))
        t.page.wait_for_function(
            f"document.querySelector('.bm-quiz-status').textContent.includes('{name}')"
        )
        status = t.text(".bm-quiz-status")
        assert says in status and "Nothing changed" in status, (name, status)
    bad_cards = {
        "nan": {**card, "stability": "NaN"},
        "huge": {**card, "reps": 1e300},
        "date": {**card, "due": "tomorrow"},
        "proto": {**card, "state": 7},
        "list": [card],
    }
    ids = [s.id for s in singles[:4]]
    answers = {s.id: {**good, "response": _right(s)} for s in singles[:4]}
    answers[ids[0]] = {**good, "first": {"response": {"toString": 1}}}  # not an answer
    answers[ids[1]] = {**good, "response": _right(singles[1]), "first": "yes"}
    body = {
        "format": "bonemets-quiz-results",
        "version": 2,
        "answers": answers,
        "review": dict(zip(ids, bad_cards.values(), strict=False)) | {"__proto__": card},
    }
    got = t.page.evaluate("t => window.bonemetsQuiz.preview(t)", json.dumps(body))
    assert got["cards"] == 0  # every card malformed, or for an answer that was refused
    assert got["ignored"] == 2 + len(ids) + 1
    assert t.stored()["answers"] == {} and t.stored()["review"] == {}
    assert t.page.evaluate("window.__proto__ === Window.prototype")
    t.close()
