"""The self-assessment quiz in Jupyter (and Binder), with ipywidgets.

    from widgets.quiz import Quiz
    Quiz("radiotherapy")          # one chapter's bank; Quiz("all") for every question

The same bank as the static site (``bonemets.quiz``: answers of calculation items from the engine,
stems and explanations rendered to safe HTML at build time), the same feedback (right or wrong,
the answer, the explanation and the source), a results summary per learning objective, and the
results saved after every answer to ``quiz-results.json`` in the working folder and reloaded next
time. The file has the format of the static site's export, so either can import the other's.
"""

from __future__ import annotations

import html
import json
import math
import os
import random
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import ipywidgets as w

from bonemets.quiz.build import BuiltItem, build_items

__all__ = ["RESULTS_FILE", "Quiz", "option_order", "read_results", "response_problem"]

RESULTS_FILE = "quiz-results.json"
FORMAT = "bonemets-quiz-results"
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


def option_order(keys: list[str], item_id: str, seed: int) -> list[str]:
    """Option keys in the learner's order (Fisher-Yates with the seeded generator of quiz.js)."""
    out = list(keys)
    r = _mulberry32(_fnv1a(f"{seed}:{item_id}"))
    for i in range(len(out) - 1, 0, -1):
        j = int(r() * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out


MAX_RESULTS_BYTES = 5_000_000
_ID = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_]*$")


def _attempts(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**6:
        return value
    return 0


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


def read_results(
    path: Path | None, items: dict[str, BuiltItem]
) -> tuple[int | None, dict[str, dict[str, Any]], list[str], bool]:
    """Read a results file (the static site's export format): ``(seed, answers, messages,
    refused)``. Never raises for what the file holds: a file that is not a results file is
    refused with a message (``refused`` True); an answer to one of ``items`` that does not fit the
    item is left out with a message; answers to other items are kept if they have a response."""
    if path is None or not path.is_file():
        return None, {}, [], False
    name = path.name
    try:
        if path.stat().st_size > MAX_RESULTS_BYTES:
            return None, {}, [f"{name} is larger than {MAX_RESULTS_BYTES} bytes; not read"], True
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        what = "not valid JSON" if isinstance(exc, ValueError) else "cannot be read"
        return None, {}, [f"{name} is {what}; starting with no saved answers"], True
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None, {}, [f"{name} is not a quiz results file (format {FORMAT}); not used"], True
    messages: list[str] = []
    raw = data.get("answers")
    if not isinstance(raw, dict):
        raw = {}
        messages.append(f"{name} has no answers mapping; starting with no saved answers")
    answers: dict[str, dict[str, Any]] = {}
    for k, v in raw.items():
        if not _ID.match(k) or not isinstance(v, dict) or "response" not in v:
            messages.append(f"{name}: an entry {k[:40]!r} is not an answer; ignored")
            continue
        if k in items:
            problem = response_problem(items[k], v["response"])
            if problem:
                messages.append(f"{name}: the answer to {k} was ignored: {problem}")
                continue
        answers[k] = {**v, "attempts": _attempts(v.get("attempts"))}
    seed = data.get("seed")
    if isinstance(seed, int) and not isinstance(seed, bool):
        return seed & 0xFFFFFFFF, answers, messages, False
    return None, answers, messages, False


class _ItemView:
    def __init__(self, quiz: Quiz, item: BuiltItem, index: int, total: int):
        self.quiz = quiz
        self.item = item
        head = f"Question {index + 1} of {total}"
        if item.type == "multiple":
            head += " (select all that apply)"
        parts: list[w.Widget] = [
            w.HTML(f"<b>{html.escape(head)}</b> &middot; <i>{html.escape(item.objective_text)}</i>")
        ]
        if item.case:
            parts.append(
                w.HTMLMath(
                    f"<b>Case:</b> {item.case['title_html']}<br>{item.case.get('summary_html', '')}"
                )
            )
        parts.append(w.HTMLMath(item.stem_html))
        layout = w.Layout(width="auto")
        if item.type == "numeric":
            self.input: Any = w.Text(
                placeholder="a number",
                description="Your answer",
                style={"description_width": "initial"},
            )
            parts.append(w.HBox([self.input, w.Label(item.unit)]))
        else:
            labels = {k: _text(h) for k, h in item.options}
            order = option_order([k for k, _ in item.options], item.id, quiz.seed)
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
        self.button = w.Button(description="Check answer", button_style="primary")
        self.button.on_click(lambda _b: self.check())
        self.feedback = w.HTMLMath()
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

    # -- actions
    def check(self) -> bool | None:
        resp = self.response()
        if resp in (None, "", []):
            self.feedback.value = "<i>Choose or type an answer first.</i>"
            return None
        ok = self.item.is_correct(resp)
        self.quiz._record(self.item, resp, ok)
        self.show()
        return ok

    def show(self) -> None:
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
            f"<p>{verdict}</p>{self.item.explanation_html}"
            f"<p><i>Source: {self.item.citation_html}</i></p>{how}"
        )


class Quiz:
    """One quiz (a chapter id, several separated by commas, or ``all``) as ipywidgets."""

    def __init__(
        self,
        selection: str = "all",
        results_path: str | os.PathLike[str] | None = RESULTS_FILE,
        root: str | Path | None = None,
        items: list[BuiltItem] | None = None,
    ):
        self.selection = selection
        self.items = items if items is not None else build_items(selection, root)
        self.by_id = {i.id: i for i in self.items}
        self.path = Path(results_path) if results_path else None
        self.seed, self.answers = self._load()
        self.views = [_ItemView(self, it, n, len(self.items)) for n, it in enumerate(self.items)]
        self.views_by_id = {v.item.id: v for v in self.views}
        self.score_html = w.HTML()
        self.summary_html = w.HTML()
        self.notice_html = w.HTML()
        reset = w.Button(description="Reset this quiz", button_style="warning")
        reset.on_click(lambda _b: self.reset())
        title = html.escape(selection if selection != "all" else "all chapters")
        where = html.escape(str(self.path)) if self.path else "nowhere (results_path=None)"
        self.widget = w.VBox(
            [
                w.HTML(
                    f"<h3>Quiz: {title}</h3><p>{len(self.items)} questions. "
                    f"Results are saved to <code>{where}</code> after every answer.</p>"
                ),
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
        self._refused = False
        seed, answers, messages, refused = read_results(self.path, self.by_id)
        self.messages.extend(messages)
        self._refused = refused
        return (seed if seed is not None else random.getrandbits(32)), answers

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
        # Keep answers to items of other quizzes that were in the file.
        _, old, _, refused = read_results(self.path, {})
        if not refused:
            for k, v in old.items():
                if k not in self.by_id and k not in data["answers"]:
                    data["answers"][k] = v
        text = json.dumps(data, indent=2, ensure_ascii=False)
        folder = self.path.resolve().parent
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".quiz-results-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, self.path)

    def _record(self, item: BuiltItem, response: Any, ok: bool) -> None:
        prev = self.answers.get(item.id) or {}
        self.answers[item.id] = {
            "response": response,
            "correct": ok,
            "time": datetime.now(UTC).isoformat(timespec="seconds"),
            "attempts": _attempts(prev.get("attempts")) + 1,
            "chapter": item.chapter,
            "objective": item.objective,
        }
        self._save()
        self._refresh()

    # -- scores
    def summary(self) -> dict[str, dict[str, Any]]:
        """Per learning objective: text, correct, answered, total (items of this quiz)."""
        out: dict[str, dict[str, Any]] = {}
        for it in self.items:
            o = out.setdefault(
                it.objective, {"text": it.objective_text, "correct": 0, "answered": 0, "total": 0}
            )
            o["total"] += 1
            a = self.answers.get(it.id)
            if a:
                o["answered"] += 1
                o["correct"] += int(it.is_correct(a["response"]))
        return out

    def score(self) -> dict[str, int]:
        s = self.summary().values()
        return {
            "correct": sum(o["correct"] for o in s),
            "answered": sum(o["answered"] for o in s),
            "total": len(self.items),
        }

    def results(self) -> dict[str, Any]:
        """Everything saved: the static site's export format."""
        answers = {}
        for k, a in sorted(self.answers.items()):
            it = self.by_id.get(k)
            answers[k] = {
                **a,
                "correct": it.is_correct(a["response"]) if it else bool(a.get("correct")),
            }
        return {
            "format": FORMAT,
            "version": 1,
            "exported": datetime.now(UTC).isoformat(timespec="seconds"),
            "seed": self.seed,
            "answers": answers,
            "scores": {
                "quizzes": {self.selection: self.score()},
                "objectives": {
                    k: {kk: v[kk] for kk in ("correct", "answered", "total")}
                    for k, v in self.summary().items()
                },
            },
        }

    def _refresh(self) -> None:
        self.notice_html.value = "".join(
            f'<p style="color:#8a4b00">&#9888; {html.escape(m)}</p>' for m in self.messages
        )
        s = self.score()
        self.score_html.value = (
            f"<b>Score: {s['correct']} correct of {s['answered']} answered "
            f"({s['total']} questions).</b>"
        )
        rows = "".join(
            f"<tr><td>{html.escape(o['text'])}</td><td>{o['correct']}</td>"
            f"<td>{o['answered']}</td><td>{o['total']}</td></tr>"
            for o in self.summary().values()
        )
        self.summary_html.value = (
            "<table><caption><b>Score by learning objective</b></caption>"
            "<tr><th>Learning objective</th><th>Correct</th><th>Answered</th><th>Questions</th></tr>"
            f"{rows}</table>"
        )

    # -- actions
    def answer(self, item_id: str, response: Any) -> bool | None:
        """Set an item's answer and check it, as a learner would (for scripts and tests)."""
        view = self.views_by_id[item_id]
        view.set_response(response)
        return view.check()

    def reset(self) -> None:
        """Clear the answers to this quiz's items (and save)."""
        for it in self.items:
            self.answers.pop(it.id, None)
        for v in self.views:
            v.set_response(None)
            v.show()
        self._save()
        self._refresh()

    # -- display
    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)
