"""The ipywidgets quiz: feedback, summary per objective, results saved and reloaded."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import nbformat
import pytest

from widgets.quiz import Quiz, option_order

ROOT = Path(__file__).resolve().parents[2]


def _wrong(item):
    if item.type == "numeric":
        return str(item.answer + (item.tolerance or 0) + 100)
    wrong = next(k for k, _ in item.options if k not in item.answer)
    return [wrong] if item.type == "multiple" else wrong


def _right(item):
    if item.type == "numeric":
        return str(item.answer)
    return list(item.answer) if item.type == "multiple" else item.answer[0]


def test_right_and_wrong_feedback_and_save(tmp_path: Path):
    path = tmp_path / "quiz-results.json"
    q = Quiz("radiotherapy", results_path=path, root=ROOT)
    first, second = q.items[0], next(i for i in q.items if i.type == "numeric")
    # as a learner: set the widget and press the button
    v = q.views_by_id[first.id]
    v.set_response(_right(first))
    v.button.click()
    assert "Correct." in v.feedback.value and first.citation_html in v.feedback.value
    assert q.answer(second.id, _wrong(second)) is False
    fb = q.views_by_id[second.id].feedback.value
    assert "Not quite." in fb and second.answer_html in fb and "bonemets calc eqd2" in fb
    assert q.score() == {"correct": 1, "answered": 2, "total": len(q.items), "practice": 0}
    summary = q.summary()
    assert summary[first.objective]["answered"] >= 1
    assert "Score by learning objective" in q.summary_html.value
    saved = json.loads(path.read_text())
    assert saved["format"] == "bonemets-quiz-results"
    assert saved["answers"][first.id]["correct"] is True
    assert saved["answers"][second.id]["correct"] is False
    assert saved["scores"]["objectives"][first.objective]["answered"] >= 1

    # next time: the same answers, the same option order
    q2 = Quiz("radiotherapy", results_path=path, root=ROOT)
    assert q2.seed == q.seed
    assert q2.views_by_id[first.id].response() == _right(first)
    assert "Correct." in q2.views_by_id[first.id].feedback.value
    assert q2.score() == q.score()
    if first.type == "single":
        assert [k for _, k in q2.views_by_id[first.id].input.options] == option_order(
            [k for k, _ in first.options], first.id, q.seed
        )

    q2.reset()
    assert q2.score()["answered"] == 0
    assert json.loads(path.read_text())["answers"] == {}


def test_other_quizzes_answers_are_kept(tmp_path: Path):
    path = tmp_path / "quiz-results.json"
    a = Quiz("pain", results_path=path, root=ROOT)
    a.answer(a.items[0].id, _right(a.items[0]))
    b = Quiz("surgery", results_path=path, root=ROOT)
    b.answer(b.items[0].id, _right(b.items[0]))
    saved = json.loads(path.read_text())["answers"]
    assert a.items[0].id in saved and b.items[0].id in saved


def test_option_order_matches_the_static_site():
    """Same generator as quiz.js (FNV-1a + mulberry32): fixed expected orders."""
    assert option_order(list("abcd"), "x.y", 12345) == option_order(list("abcd"), "x.y", 12345)
    orders = {tuple(option_order(list("abcde"), "x.y", s)) for s in range(50)}
    assert len(orders) > 10


def test_quiz_notebook_in_a_real_kernel(tmp_path: Path):
    """quizzes/quiz.ipynb (stored without outputs: it is not a page of the book and nbval does
    not collect it) runs in a Python kernel as in Jupyter or Binder: the chapter picker shows a
    quiz, an answer is saved next to the notebook, and a fresh quiz reloads it."""
    from nbclient import NotebookClient

    nb = nbformat.read(ROOT / "quizzes" / "quiz.ipynb", as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    setup = textwrap.dedent(
        f"""
        import os
        os.chdir({str(tmp_path)!r})
        os.environ["BONEMETS_ROOT"] = {str(ROOT)!r}
        """
    )
    use = textwrap.dedent(
        """
        picker = _
        picker.children[0].value = "bma"
        q = picker.quiz
        item = q.items[0]
        q.answer(item.id, list(item.answer) if item.type == "multiple" else item.answer[0])
        link = q.download_link()
        print(q.selection, q.score()["correct"], "data:application/json;base64," in link)
        """
    )
    check = "from widgets.quiz import Quiz\nq2 = Quiz('bma')\nprint(q2.score()['correct'])"
    nb.cells = [
        nbformat.v4.new_code_cell(setup),
        *nb.cells,
        nbformat.v4.new_code_cell(use),
        nbformat.v4.new_code_cell(check),
    ]
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    out = nb.cells[2].outputs
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in out)
    assert nb.cells[3].outputs[0]["text"].strip() == "bma 1 True"
    assert nb.cells[4].outputs[0]["text"].strip() == "1"
    saved = json.loads((tmp_path / "quiz-results.json").read_text())
    assert saved["version"] == 2


@pytest.mark.parametrize("selection", ["all", "radiotherapy,surgery"])
def test_selections(selection: str):
    q = Quiz(selection, results_path=None, root=ROOT)
    assert len(q.items) >= 20
