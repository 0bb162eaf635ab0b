"""The static-site quiz in Debian chromium: feedback, saved progress, export/import, safety, a11y.

Most tests drive a small test page made with the renderer (``coursebook.quiz.standalone_page``:
the radiotherapy bank plus one test-only item full of markup, never shipped in the real bank); one
test checks the built book's self-assessment page when ``_build/html`` exists. Every request that
leaves the served origin is refused by chromium and fails the test (``quiz_page.Page``). One page
serves the quiz modules (``quiz_page.shared_tab``): each test opens it as a new profile would
(``Page.reuse``: storage cleared). The two storage-blocked pages are pages of their own in that
page's context, the init script that blocks storage being theirs (``page.add_init_script``).
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import pytest

from bonemets.quiz.build import build_item
from bonemets.quiz.models import Item
from coursebook.exports import ANKI, FOLDER, QTI
from coursebook.quiz import standalone_page

from .checker import AXE_SERIOUS_OPTIONS, inject_axe
from .quiz_page import Page, built_items, course_bank, shared_tab

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
EVIL_ID = "radiotherapy.test_markup"


@functools.cache
def _evil_item():
    item = Item(
        id=EVIL_ID,
        type="single",
        objective="radiotherapy.toxicity",
        stem='Markup test <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> **bold**',
        options={"a": '<b onmouseover="window.__pwned = 3">inert option</b>', "b": "plain option"},
        answer="a",
        explanation="<iframe src='https://evil.example/'></iframe> explained",
        citation="<script>window.__pwned = 4</script> Test A, Test J 2024",
    )
    return build_item(item, ROOT, course_bank().syllabus)


@pytest.fixture(scope="module")
def quiz_url(serve, tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("quiz_page")
    items = [*_items().values(), _evil_item()]
    (folder / "index.html").write_text(standalone_page("radiotherapy", ROOT, items=items), "utf-8")
    return serve(folder) + "index.html"


@pytest.fixture(scope="module")
def tab(browser) -> Page:
    """The quiz modules' one page, reused by each test as a new profile (``Page.reuse``)."""
    return shared_tab(browser)


@functools.cache
def _items():
    """The radiotherapy bank's built items by id (built once; the tests only read them)."""
    return {i.id: i for i in built_items("radiotherapy")}


def _choose(p: Page, item, keys):
    fs = p.q(item.id)
    for k in keys:
        fs.locator(f"input[value='{k}']").check()
    fs.locator("button.bm-check").click()
    return fs.locator(".bm-feedback")


def test_right_and_wrong_feedback(tab, quiz_url):
    p = tab.reuse(quiz_url)
    items = _items()
    single = items["radiotherapy.dutch_bms"]
    fb = _choose(p, single, single.answer)
    assert fb.inner_text().startswith("Correct.")
    assert "van der Linden" in fb.inner_text()
    wrong = next(k for k, _ in single.options if k not in single.answer)
    other = items["radiotherapy.rtog9714"]
    wrong = next(k for k, _ in other.options if k not in other.answer)
    fb2 = _choose(p, other, [wrong])
    assert fb2.inner_text().startswith("Not quite.")
    assert "Hartsell" in fb2.inner_text()
    num = items["radiotherapy.eqd2_20_5"]
    fs = p.q(num.id)
    fs.locator("input.bm-q-number").fill(f"{num.answer:.1f}")
    fs.locator("input.bm-q-number").press("Enter")
    assert fs.locator(".bm-feedback").inner_text().startswith("Correct.")
    assert "bonemets calc eqd2" in fs.locator(".bm-feedback").inner_text()
    score = p.page.locator(".bm-quiz-score").inner_text()
    assert "2 correct of 3 answered" in score
    row = p.page.locator("tr[data-objective='radiotherapy.fractionation'] td")
    assert row.nth(0).inner_text() == "1" and row.nth(1).inner_text() == "2"
    assert fb.get_attribute("aria-live") == "polite"
    p.close()


def test_progress_kept_on_reload_with_same_order(tab, quiz_url):
    p = tab.reuse(quiz_url)
    item = _items()["radiotherapy.sc24"]
    order = p.q(item.id).locator("input").evaluate_all("els => els.map(e => e.value)")
    _choose(p, item, item.answer)
    p.page.reload()
    p.page.wait_for_selector("fieldset.bm-q")
    fs = p.q(item.id)
    assert fs.locator(f"input[value='{item.answer[0]}']").is_checked()
    assert fs.locator(".bm-feedback").inner_text().startswith("Correct.")
    assert fs.locator("input").evaluate_all("els => els.map(e => e.value)") == order
    assert "1 correct of 1 answered" in p.page.locator(".bm-quiz-score").inner_text()
    p.page.locator("button.bm-reset").click()
    assert "0 correct of 0 answered" in p.page.locator(".bm-quiz-score").inner_text()
    p.page.reload()
    p.page.wait_for_selector("fieldset.bm-q")
    assert not p.q(item.id).locator(f"input[value='{item.answer[0]}']").is_checked()
    p.close()


def test_export_and_reimport(tab, quiz_url, tmp_path: Path):
    items = _items()
    a, b = items["radiotherapy.hemibody"], items["radiotherapy.acute_effects_site"]
    p = tab.reuse(quiz_url)
    _choose(p, a, a.answer)
    wrong = [k for k, _ in b.options if k not in b.answer][:1]
    _choose(p, b, wrong)
    order = p.q(a.id).locator("input").evaluate_all("els => els.map(e => e.value)")
    files = {}
    for kind in ("JSON", "CSV"):
        with p.page.expect_download() as dl:
            p.page.get_by_role("button", name=f"Export {kind}").click()
        files[kind] = tmp_path / dl.value.suggested_filename
        dl.value.save_as(files[kind])
    data = json.loads(files["JSON"].read_text())
    assert data["format"] == "bonemets-quiz-results"
    assert data["answers"][a.id]["correct"] is True and data["answers"][b.id]["correct"] is False
    assert data["scores"]["objectives"]["radiotherapy.hemibody"]["correct"] == 1
    csv = files["CSV"].read_text()
    assert csv.startswith("item_id,chapter,objective,type,first_response,first_correct,confidence")
    assert a.id in csv
    p.close()

    for kind in ("JSON", "CSV"):
        fresh = tab.reuse(quiz_url)  # as a new browser profile: empty storage, another seed
        assert "0 correct of 0 answered" in fresh.page.locator(".bm-quiz-score").inner_text()
        fresh.page.locator("input.bm-import").set_input_files(str(files[kind]))
        # a preview first (what will change), then the merge
        summary = fresh.page.locator(".bm-import-summary")
        assert "2 answers added, 0 changed" in summary.inner_text()
        fresh.page.get_by_role("button", name="Apply import").click()
        fresh.page.wait_for_function(
            "document.querySelector('.bm-quiz-status').textContent.startsWith('Imported')"
        )
        assert "1 correct of 2 answered" in fresh.page.locator(".bm-quiz-score").inner_text()
        assert fresh.q(a.id).locator(f"input[value='{a.answer[0]}']").is_checked()
        assert fresh.q(a.id).locator("input").evaluate_all("els => els.map(e => e.value)") == order
        fresh.page.reload()
        fresh.page.wait_for_selector("fieldset.bm-q")
        assert "1 correct of 2 answered" in fresh.page.locator(".bm-quiz-score").inner_text()
        fresh.close()


def test_item_with_markup_renders_inert(tab, quiz_url):
    p = tab.reuse(quiz_url)
    fs = p.q(EVIL_ID)
    assert "<script>window.__pwned = 1</script>" in fs.locator(".bm-q-stem").inner_text()
    assert fs.locator(".bm-q-stem strong").inner_text() == "bold"
    assert fs.locator("script, img, iframe, [onerror], [onmouseover]").count() == 0
    fs.locator("label").filter(has_text="inert option").hover()
    _choose(p, _evil_item(), ["a"])
    assert "<iframe" in fs.locator(".bm-feedback").inner_text()
    assert fs.locator(".bm-feedback iframe, .bm-feedback script").count() == 0
    assert p.page.evaluate("window.__pwned === undefined")
    p.close()


def test_keyboard_only(tab, quiz_url):
    p = tab.reuse(quiz_url)
    first = p.page.locator("fieldset.bm-q").first
    first.locator("input").first.focus()
    p.page.keyboard.press("Space")
    p.page.keyboard.press("Tab")
    focused = p.page.evaluate("document.activeElement.textContent")
    assert focused == "Check answer"
    p.page.keyboard.press("Enter")
    assert first.locator(".bm-feedback").inner_text().split(".")[0] in ("Correct", "Not quite")
    # every option has a label, every group a legend
    assert p.page.locator("fieldset.bm-q:not(:has(legend))").count() == 0
    unlabeled = p.page.evaluate(
        "[...document.querySelectorAll('.bm-quiz input')].filter(i => !i.labels.length).length"
    )
    assert unlabeled == 0
    p.close()


def test_no_serious_axe_violations(tab, quiz_url):
    p = tab.reuse(quiz_url)
    item = _items()["radiotherapy.dutch_bms"]
    _choose(p, item, item.answer)  # with feedback showing too
    inject_axe(p.page)
    res = p.page.evaluate(f"axe.run(document, {AXE_SERIOUS_OPTIONS})")
    bad = [v for v in res["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in bad]
    p.close()


#: axe on the quiz with every item but the first (the one answered) left out: the page as it loads
#: (every item, at 1280 and 390 px) is axe-checked by test_pages.py::test_course_page; what an
#: answer changes is the first item (its feedback) and the quiz's own header, score, status and
#: objectives table, all checked here.
#: (Listed as the parts to include: an exclude list of 283 items makes axe slower, not faster.)
_AXE_ANSWERED = (
    """() => {
    const quiz = document.querySelector(".bm-quiz");
    const parts = [...quiz.children].flatMap((e) => e.matches(".bm-quiz-items")
        ? [e.querySelector(":scope > .bm-quiz-li:first-child")] : [e]);
    return axe.run({include: parts}, """
    + AXE_SERIOUS_OPTIONS
    + """);
}"""
)


def test_course_self_assessment_page(tab, serve):
    """The course's own self-assessment page (every item of every bank, one page load for all of
    these checks): every item is there, answering works, axe finds nothing serious in what an
    answer changes, and the page links the Anki deck and the QTI package built with the book
    (their contents: test_results_analysis.py)."""
    site = Path(os.environ.get("BONEMETS_SITE", ROOT / "_build" / "html"))
    page = site / "chapters" / "self_assessment.html"
    if not page.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("the book is not built: jupyter-book build . -W -n --keep-going")
        pytest.skip("the book is not built (_build/html): jupyter-book build . -W -n --keep-going")
    url = serve(site) + "chapters/self_assessment.html"
    p = tab.reuse(url)
    hrefs = p.page.eval_on_selector_all(
        "ul.bm-quiz-exports a", "els => els.map(e => e.getAttribute('href'))"
    )
    assert hrefs == [f"../{FOLDER}/{ANKI}", f"../{FOLDER}/{QTI}"]
    n = p.page.locator("fieldset.bm-q").count()
    assert n == len(course_bank().items)  # the bank's items: each built into one fieldset
    fs = p.page.locator("fieldset.bm-q").first
    fs.locator("input").first.check()
    fs.locator("button.bm-check").click()
    assert fs.locator(".bm-feedback").inner_text()
    first_item = p.page.locator(".bm-quiz-items > .bm-quiz-li:first-child fieldset.bm-q")
    assert first_item.get_attribute("id") == fs.get_attribute("id")  # the one answered
    inject_axe(p.page)
    res = p.page.evaluate(_AXE_ANSWERED)
    bad = [v for v in res["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["help"]) for v in bad]
    p.close()


def test_numeric_answer_uses_the_course_number_grammar(tab, quiz_url):
    """A decimal comma is refused with a message (never read as x10 or dropped); so are units,
    exponents and non-ASCII digits; nothing is saved for a refused answer."""
    p = tab.reuse(quiz_url)
    num = _items()["radiotherapy.eqd2_20_5"]
    fs = p.q(num.id)
    box = fs.locator("input.bm-q-number")
    right = f"{num.answer:.1f}"
    for text, says in [
        (right.replace(".", ","), "Use a decimal point and no comma"),
        (right + " Gy", "That is not a number"),
        ("2.5e1", "That is not a number"),
        ("\u0662\u0665", "That is not a number"),
        ("1_0", "That is not a number"),
    ]:
        box.fill(text)
        box.press("Enter")
        assert fs.locator(".bm-feedback").inner_text().startswith(says), text
    assert num.id not in p.page.evaluate("window.bonemetsQuiz.state().answers")
    box.fill(f" {right} ")
    box.press("Enter")
    assert fs.locator(".bm-feedback").inner_text().startswith("Correct.")
    p.close()


BLOCK_STORAGE_JS = """Object.defineProperty(window, 'localStorage', {
  configurable: true,
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }
});"""


def test_course_page_with_storage_blocked_has_no_errors_and_warns(browser, tab, serve):
    """Security review F10: with storage blocked, the theme's colour-mode script used to throw a
    SecurityError on every page; the course layout guards it, and the quiz says saving is blocked."""
    site = Path(os.environ.get("BONEMETS_SITE", ROOT / "_build" / "html"))
    page = site / "chapters" / "07_radiotherapy.html"
    if not page.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("the book is not built: jupyter-book build . -W -n --keep-going")
        pytest.skip("the book is not built (_build/html): jupyter-book build . -W -n --keep-going")
    url = serve(site) + "chapters/07_radiotherapy.html"
    # a page of its own whose every document has storage blocked before its scripts run (the
    # init script is the page's, not the shared context's: no second profile to start)
    p = Page(browser, None, context=tab.context)
    p.page.add_init_script(BLOCK_STORAGE_JS)
    p.goto(url)
    warning = p.page.locator(".bm-quiz-warning").first
    assert warning.is_visible() and "Saving is blocked" in warning.inner_text()
    assert p.errors == [], p.errors
    p.close()
    p.page.close()
    # the same page with storage available shows no warning (the check can fail)
    q = tab.reuse(url)
    assert q.page.locator(".bm-quiz-warning").first.is_hidden()
    assert q.errors == [], q.errors
    q.close()


def test_the_page_records_requests_outside_its_origin_and_starts_empty(tab, quiz_url):
    """Self-test of ``quiz_page.Page``: a request that leaves the origin (a fetch, an image) is
    recorded and fails ``close()`` (chromium refuses it: no Playwright routing), and ``reuse``
    leaves no progress of the test before."""
    p = tab.reuse(quiz_url)
    item = _items()["radiotherapy.dutch_bms"]
    _choose(p, item, item.answer)  # progress the next reuse must not see
    p.page.evaluate(
        """() => { const img = document.createElement("img");
                   img.src = "https://example.invalid/pixel.png"; document.body.append(img);
                   return fetch("http://example.invalid/x").catch(() => "refused"); }"""
    )
    for _ in range(100):  # the image's request event may come after the fetch is refused
        if len(p.external) == 2:
            break
        p.page.wait_for_timeout(50)
    assert sorted(p.external) == ["http://example.invalid/x", "https://example.invalid/pixel.png"]
    with pytest.raises(AssertionError, match="external requests"):
        p.close()
    p = tab.reuse(quiz_url)
    assert (
        p.external == []
        and "0 correct of 0 answered" in p.page.locator(".bm-quiz-score").inner_text()
    )
    assert p.page.evaluate("JSON.parse(localStorage.getItem('bonemets-quiz:v2')).answers") == {}
    p.close()
