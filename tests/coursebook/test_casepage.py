"""The ``{case}`` directive (coursebook.casepage): a case page, predict then reveal, from the engine.

A small Sphinx project holds real case files; its page is checked against ``evaluate_case``: the
story and the questions come before the results, the results sit in a closed ``<details>``, each
score and pathway action shown is the engine's, authored text is escaped, nothing of the live
runtime is loaded before the reader asks, and the notebook and case file are written beside it.
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from sphinx.testing.util import SphinxTestApp

from bonemets.cases import evaluate_case, load_case
from coursebook import casepage, notebooks

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "cases" / "data"
PARTS = ("intro", "story", "teaches", "discussion", "results")
HOSTILE = 'Pain < 3 & "worse" at night; {{fact:x}} **bold** [link](javascript:alert(1)) $x$ `y`'


def _page(case_id: str, parts: tuple[str, ...] = PARTS) -> str:
    out = ["Case page", "=========", ""]
    for part in parts:
        out += [f".. case:: {case_id}", f"   :part: {part}", ""]
    return "\n".join(out) + "\n"


def _build(
    tmp_path: Path, pages: dict[str, str], cases: dict[str, str], conf: str = ""
) -> tuple[Path, str]:
    """Build a project with ``pages`` (name -> rst) and ``cases`` (id -> YAML text)."""
    src = tmp_path / "src"
    (src / "chapters").mkdir(parents=True)
    (src / "references").mkdir()
    (src / "cases" / "data").mkdir(parents=True)
    shutil.copy(ROOT / "chapters" / "objectives.yaml", src / "chapters" / "objectives.yaml")
    shutil.copy(ROOT / "references" / "engine.bib", src / "references" / "engine.bib")
    (src / "assets").symlink_to(ROOT / "assets", target_is_directory=True)  # live mode's runtime
    for cid, text in cases.items():
        (src / "cases" / "data" / f"{cid}.yaml").write_text(text, encoding="utf-8")
    (src / "conf.py").write_text(
        "extensions = ['coursebook']\nbibtex_bibfiles = ['references/engine.bib']\n"
        "html_theme = 'sphinx_book_theme'\n" + conf
    )
    toc = "\n".join(f"   {name}" for name in pages if name != "index")
    (src / "index.rst").write_text(
        pages.get("index", "Index\n=====\n") + f"\n.. toctree::\n\n{toc}\n"
    )
    for name, text in pages.items():
        if name != "index":
            (src / f"{name}.rst").write_text(text)
    warnings = io.StringIO()
    app = SphinxTestApp("html", srcdir=src, status=io.StringIO(), warning=warnings, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return src / "_build" / "html", warnings.getvalue()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    text = (DATA / "breast_lytic_femur.yaml").read_text(encoding="utf-8")
    hostile = text.replace("id: breast_lytic_femur", "id: hostile").replace(
        "title: A painful lytic lesion in the femur", f"title: {json.dumps(HOSTILE)}"
    )
    hostile = hostile.replace(
        "    - question: What is her Mirels score, and what does it recommend?",
        f"    - question: {json.dumps(HOSTILE)}",
    )
    cases = {
        "breast_lytic_femur": text,
        "pregnant_breast_bone_pain": (DATA / "pregnant_breast_bone_pain.yaml").read_text("utf-8"),
        "hostile": hostile,
    }
    pages = {cid: _page(cid) for cid in cases}
    pages["index"] = "Index\n=====\n"
    return _build(tmp_path_factory.mktemp("casepage"), pages, cases)


def _html(site: tuple[Path, str], name: str) -> str:
    return (site[0] / f"{name}.html").read_text(encoding="utf-8")


def _rows(page: str) -> list[tuple[str, str, str]]:
    return [
        (html.unescape(k), s, html.unescape(b))
        for k, s, b in re.findall(
            r'<tr data-key="([^"]*)" data-score="([^"]*)" data-band="([^"]*)"', page
        )
    ]


def test_the_page_builds_without_warnings(site: tuple[Path, str]) -> None:
    assert site[1].strip() == ""


def test_story_and_questions_come_before_the_results(site: tuple[Path, str]) -> None:
    page = _html(site, "breast_lytic_femur")
    case = load_case(DATA / "breast_lytic_femur.yaml")
    order = [
        page.index("Run this case live"),
        page.index("increasing pain in the left hip"),  # the story
        page.index("Question 1."),
        page.index('<form class="bm-predict"'),
        page.index('<details class="bm-reveal">'),
        page.index('<table class="bm-case-scores"'),
        page.index('class="bm-case-pathway"'),
    ]
    assert order == sorted(order)
    assert case.teaching.discussion[0].question in page
    # the answers are folded, and the results sit in a closed <details>
    assert page.count('<details class="bm-answer"><summary>Show the answer</summary>') == len(
        case.teaching.discussion
    )
    assert '<details class="bm-reveal" open' not in page
    assert f"<summary>{casepage.REVEAL}</summary>" in page


@pytest.mark.parametrize("case_id", ["breast_lytic_femur", "pregnant_breast_bone_pain"])
def test_scores_and_pathway_are_evaluate_case(site: tuple[Path, str], case_id: str) -> None:
    page = _html(site, case_id)
    ev = evaluate_case(load_case(DATA / f"{case_id}.yaml"))
    assert _rows(page) == [
        (k, "" if r.score is None else str(r.score), r.band or "") for k, r in ev.results.items()
    ]
    for urgency, actions in ev.pathway.items():
        section = re.search(
            rf'<section class="bm-urgency" data-urgency="{urgency}">(.*?)</section>', page, re.S
        )
        assert section is not None
        shown = re.findall(r'<li data-rule="([^"]*)"', section.group(1))
        assert shown == [a.rule for a in actions]
        for a in actions:
            assert html.escape(a.action) in section.group(1)
    withheld = page[page.index("<h3>Withheld</h3>") :]
    for w in ev.withheld:
        assert html.escape(w.reason) in withheld


def test_withheld_actions_are_listed_with_reason_and_source(site: tuple[Path, str]) -> None:
    page = _html(site, "pregnant_breast_bone_pain")
    ev = evaluate_case(load_case(DATA / "pregnant_breast_bone_pain.yaml"))
    assert ev.withheld, "this case has withheld actions"
    items = re.findall(r'<ul class="bm-withheld">(.*?)</ul>', page, re.S)[0]
    assert items.count("<li ") == len(ev.withheld)
    for w in ev.withheld:
        assert html.escape(w.sources) in items


def test_the_prediction_offers_the_engines_bands(site: tuple[Path, str]) -> None:
    page = _html(site, "breast_lytic_femur")
    start = page.index('<form class="bm-predict"')
    form = page[start : page.index("</form>", start)]
    mirels = re.search(r'data-predict-key="mirels:left_femur">(.*?)</select>', form, re.S)
    assert mirels is not None
    from bonemets import get

    assert re.findall(r'<option value="([^"]+)">', mirels.group(1)) == [
        b for b, _ in get("mirels").band_labels()
    ]
    assert "data-predict-urgency" in form and casepage.CHECK in form
    assert 'hidden=""' in form[:60]  # shown by the script; without it the reveal still works


def test_nothing_live_is_loaded_before_the_reader_asks(site: tuple[Path, str]) -> None:
    page = _html(site, "breast_lytic_femur")
    scripts = re.findall(r'<script[^>]*src="([^"]*)"', page)
    assert any(s.startswith("_static/case/case-live.js") for s in scripts)
    assert not any("live/" in s or "pyodide" in s or "html-manager" in s for s in scripts)
    assert "application/vnd.jupyter.widget" not in page
    assert '<div class="bm-live" hidden="">' in page  # shown by the script, which can run it


def test_the_case_source_is_embedded_as_safe_json(site: tuple[Path, str]) -> None:
    for cid in ("breast_lytic_femur", "hostile"):
        page = _html(site, cid)
        m = re.search(
            r'<script type="application/json" class="bm-case-source">(.*?)</script>', page
        )
        assert m is not None
        assert "<" not in m.group(1) and ">" not in m.group(1) and "&" not in m.group(1)
        data = json.loads(m.group(1))
        text = (site[0].parent.parent / "cases" / "data" / f"{cid}.yaml").read_text("utf-8")
        assert data == {"id": cid, "yaml": text, "runtime": casepage.RUNTIME}


def test_authored_text_is_escaped(site: tuple[Path, str]) -> None:
    page = _html(site, "hostile")
    assert "Pain &lt; 3 &amp; " in page and "Pain < 3" not in page
    shown = html.unescape(page).replace("\u201c", '"').replace("\u201d", '"')  # smart quotes
    assert HOSTILE in shown  # the question, as typed
    assert "javascript:" not in re.sub(r"\[link\]\(javascript:alert\(1\)\)", "", page)
    assert "<strong>bold</strong>" not in page and '<a href="javascript' not in page


def test_the_notebook_and_case_file_are_written_beside_the_page(site: tuple[Path, str]) -> None:
    page = _html(site, "breast_lytic_femur")
    assert 'href="breast_lytic_femur.ipynb" download=""' in page
    assert 'href="data/breast_lytic_femur.yaml" download=""' in page
    nb = nbformat.read(site[0] / "breast_lytic_femur.ipynb", as_version=4)
    assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert any("CaseSimulator(case)" in c.source for c in nb.cells)
    assert (site[0] / "data" / "breast_lytic_femur.yaml").read_bytes() == (
        DATA / "breast_lytic_femur.yaml"
    ).read_bytes()
    assert "mybinder" not in page  # no repository configured: no Binder link


def test_binder_link_from_the_book_settings(tmp_path: Path) -> None:
    text = (DATA / "breast_lytic_femur.yaml").read_text(encoding="utf-8")
    conf = (
        "html_theme_options = {'repository_url': 'https://github.com/org/course', "
        "'repository_branch': 'main', 'launch_buttons': {'binderhub_url': "
        "'https://mybinder.org', 'notebook_interface': 'jupyterlab'}}\n"
    )
    out, _warnings = _build(
        tmp_path,
        {"index": "Index\n=====\n", "c": _page("breast_lytic_femur", ("intro",))},
        {"breast_lytic_femur": text},
        conf,
    )
    page = (out / "c.html").read_text(encoding="utf-8")
    url = (
        "https://mybinder.org/v2/gh/org/course/main?urlpath=lab/tree/cases/breast_lytic_femur.ipynb"
    )
    assert f'href="{url}"' in page


def test_an_unknown_case_is_a_warning(tmp_path: Path) -> None:
    _out, warnings = _build(
        tmp_path, {"index": "Index\n=====\n", "c": _page("nope", ("story",))}, {}
    )
    assert "{case} nope: no case file" in warnings


def _generated_case_page(case_id: str) -> str:
    return notebooks.case_page(load_case(DATA / f"{case_id}.yaml"), ROOT)


def test_the_generated_page_holds_each_part_in_order() -> None:
    page = _generated_case_page("breast_lytic_femur")
    assert page.startswith(notebooks.PAGE_MARK)
    parts = re.findall(r":part: (\w+)", page)
    assert parts == list(PARTS)
    assert "# A painful lytic lesion in the femur" in page
    assert "coursebook.casepage:band_scales breast_lytic_femur" in page
    stored = (ROOT / "cases" / "breast_lytic_femur.md").read_text(encoding="utf-8")
    assert stored == page, "cases/*.md not as generated: python -m coursebook.notebooks generate"


def test_generate_writes_pages_and_check_flags_stale_ones(tmp_path: Path) -> None:
    course = tmp_path / "course"
    (course / "cases" / "data").mkdir(parents=True)
    (course / "chapters").mkdir()
    shutil.copy(ROOT / "chapters" / "objectives.yaml", course / "chapters" / "objectives.yaml")
    shutil.copy(DATA / "breast_lytic_femur.yaml", course / "cases" / "data")
    (course / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "nbval_sanitize.cfg", course / "tests")
    written = {p.name for p in notebooks.generate(course)}
    assert {"breast_lytic_femur.md", "breast_lytic_femur.ipynb", "index.md"} <= written
    page = course / "cases" / "breast_lytic_femur.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nedited\n", encoding="utf-8")
    assert any("breast_lytic_femur.md: not as generated" in p for p in notebooks.check(course))
    orphan = course / "cases" / "gone.md"
    orphan.write_text(notebooks.PAGE_MARK + ": old\n", encoding="utf-8")
    mine = course / "cases" / "mine.md"
    mine.write_text("# An authored page\n", encoding="utf-8")
    notebooks.generate(course)
    assert not orphan.exists() and mine.exists()
    index = (course / "cases" / "index.md").read_text(encoding="utf-8")
    assert "[breast\\_lytic\\_femur](breast_lytic_femur.md)" in index or (
        "(breast_lytic_femur.md)" in index
    )
