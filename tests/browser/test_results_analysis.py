"""Item analysis from real exports (issue 15, item 6), in Debian chromium on the built book.

Four learners (each as a new browser profile: the page's localStorage cleared, ``Page.reuse``)
answer three questions of the radiotherapy chapter's quiz, one of them re-trying a wrong answer
(practice, not a first answer); each exports with the page's own buttons (two as JSON, two as CSV,
as downloads); then ``bonemets quiz analyse`` reads the four files and its per-item counts are
exactly what was clicked. The Anki deck and the QTI package built with the book hold every item
(the self-assessment page's links to them: test_quiz.py::test_course_self_assessment_page, which
loads that page once for all its checks).
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest

from bonemets.cli import main
from bonemets.quiz.build import BuiltItem
from coursebook.exports import ANKI, FOLDER, QTI

from .quiz_page import Page, built_items, course_bank, shared_tab

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PAGE = "chapters/07_radiotherapy.html"


@pytest.fixture(scope="module")
def tab(browser) -> Page:
    """The quiz modules' one page, reused by each learner as a new profile (``Page.reuse``)."""
    return shared_tab(browser)


@pytest.fixture(scope="module")
def items() -> dict[str, BuiltItem]:
    return {i.id: i for i in built_items("radiotherapy")}


def _pick(items: dict[str, BuiltItem]) -> tuple[BuiltItem, BuiltItem, BuiltItem]:
    """Two single-answer items with at least three options, and one numeric item."""
    singles = [i for i in items.values() if i.type == "single" and len(i.options) >= 3]
    numeric = next(i for i in items.values() if i.type == "numeric")
    return singles[0], singles[1], numeric


def _wrong(item: BuiltItem, n: int) -> str:
    return [k for k, _ in item.options if k not in item.answer][n]  # type: ignore[operator]


def _answer(p: Page, item: BuiltItem, response: str) -> None:
    fs = p.q(item.id)
    if item.type == "numeric":
        fs.locator("input.bm-q-number").fill(response)
    else:
        fs.locator(f"input[value='{response}']").check()
    fs.locator("button.bm-check").click()
    fs.locator(".bm-feedback").wait_for()


def _export(p: Page, label: str, out: Path) -> Path:
    with p.page.expect_download() as download:
        p.page.locator("button.bm-btn", has_text=label).first.click()
    download.value.save_as(out)
    return out


def test_analysis_counts_what_the_learners_clicked(
    tab, course_site, items, tmp_path, capsys
) -> None:
    s1, s2, num = _pick(items)
    key1, key2 = s1.answer[0], s2.answer[0]  # type: ignore[index]
    right, wrong = f"{num.answer:.{num.decimals or 0}f}", "0"
    # learner -> ((s1, s2, numeric) first answers, re-try of s1, export format)
    plan: dict[str, tuple[tuple[str, str, str], str | None, str]] = {
        "l1": ((key1, _wrong(s2, 0), right), None, "JSON"),
        "l2": ((key1, key2, wrong), None, "CSV"),
        "l3": ((_wrong(s1, 0), key2, right), None, "JSON"),
        "l4": ((_wrong(s1, 1), _wrong(s2, 0), wrong), key1, "CSV"),
    }
    files = []
    for name, (responses, retry, fmt) in plan.items():
        p = tab.reuse(course_site.base_url + PAGE)  # a learner of their own
        for item, response in zip((s1, s2, num), responses, strict=True):
            _answer(p, item, response)
        if retry is not None:  # practice after the feedback: not a first answer
            _answer(p, s1, retry)
        suffix = fmt.lower()
        files.append(str(_export(p, f"Export {fmt}", tmp_path / f"{name}.{suffix}")))
        p.close()

    exported = json.loads(Path(files[0]).read_text(encoding="utf-8"))
    assert exported["format"] == "bonemets-quiz-results" and exported["version"] == 2

    report = tmp_path / "report.html"
    args = ["quiz", "--root", str(ROOT), "analyse", *files, "--json", "--html", str(report)]
    assert main(args) == 0
    assert s1.id in report.read_text(encoding="utf-8")
    analysis = json.loads(capsys.readouterr().out)
    assert analysis["learners"] == files and analysis["not_first"] == 0
    rows: dict[str, Any] = {r["id"]: r for r in analysis["items"]}
    assert set(rows) == {s1.id, s2.id, num.id}

    def counts(item: BuiltItem, k: int) -> dict[str, int]:
        out = {key: 0 for key, _ in item.options}
        for responses, _, _ in plan.values():
            out[responses[k]] += 1
        return out

    for k, item in enumerate((s1, s2)):
        row = rows[item.id]
        assert row["n"] == 4
        assert {o["key"]: o["count"] for o in row["options"]} == counts(item, k)
        first_right = sum(1 for r, _, _ in plan.values() if r[k] == item.answer[0])  # type: ignore[index]
        assert row["correct"] == first_right == 2
    assert (rows[num.id]["n"], rows[num.id]["correct"]) == (4, 2)
    assert rows[num.id]["wrong_numeric"] == [[wrong, 2]]
    # l4's re-try of s1 with the key is practice: s1 is right for l1 and l2 only
    assert rows[s1.id]["facility"] == 0.5


def test_the_exports_hold_every_item(course_site) -> None:
    built = course_bank().items  # build_items("all") builds one item per item, same id
    apkg = course_site.root / FOLDER / ANKI
    with zipfile.ZipFile(apkg) as z:
        con = sqlite3.connect(":memory:")  # the deck's database read in memory: nothing written
        con.deserialize(z.read("collection.anki2"))
        notes = con.execute("select count(*) from notes").fetchone()[0]
        con.close()
    assert notes == len(built)
    with zipfile.ZipFile(course_site.root / FOLDER / QTI) as z:
        assert {n for n in z.namelist() if n.startswith("items/")} == {
            f"items/{i.id}.xml" for i in built
        }
