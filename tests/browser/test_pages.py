"""Every page of the built course, and of the fixture book, in Debian chromium with no network.

Per page, at 1280 px: zero console errors, every chart drawn (SVG/canvas in each container), saved
widgets rendered, math typeset, no request to any origin but the test server, the notice present,
no broken internal link or ``#fragment``, and no serious or critical axe-core violation (the
theme's header and sidebar, the same on every page, on the first page only). A failing page saves
a screenshot in ``test-artifacts/``.

Each course page is then resized to a 390 px phone screen in the same visit (one load per page
for both widths; see ``checker.phone_problems``). What depends on the page's own content is
checked on EVERY page there: nothing scrolls sideways, chart text is 11 px or more, and every box
that scrolls at that width can be reached with the keyboard (axe-core's
``scrollable-region-focusable``, the one serious rule whose result at 390 px depends on which of
the page's boxes overflow). What is the theme's or a component's mechanism, the same wherever it
occurs, is checked on the PHONE COVER only (issue 14, rule 1 of that round): axe-core's serious
and critical rules at 390 px (colour contrast, names, ARIA... of each component as the narrow
layout shows it) and the menu and contents dialogs (a real click, then Escape). The cover is
computed from the built site when the tests run (``pages.phone_cover``, explained in
``pages.PHONE_COVER_WHY``): every feature of any page (element and component kinds, class
tokens, quiz item kinds, folder, page contents) is on a cover page, the smallest page that holds
a feature not yet covered, and each cover page runs axe-core at 390 px on the elements of the
features it was picked for. So a new page with a new component is picked automatically, and the
self-assessment page (9,000 elements once its 284 questions are drawn) is checked at 390 px only
for what no smaller page holds (its export list and its Python code block). A failure names the
page, the width of each problem and what the page covers (``test_phone_cover`` prints the cover).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page

from coursebook.calculators import JS as CALCULATOR_JS

from .checker import PageReport, check_page
from .conftest import FIXTURE_BOOK, ROOT, Site
from .pages import (
    PHONE_COVER_WHY,
    WEIGHT_TARGETS,
    axe_include,
    built_pages,
    cover,
    feature_selector,
    page_features,
    phone_cover,
    site_features,
    site_pages,
)

pytestmark = pytest.mark.browser

COURSE_PAGES = site_pages(ROOT)
FIXTURE_PAGES = site_pages(FIXTURE_BOOK)


@pytest.fixture(scope="module")
def tab(browser_context) -> Iterator[Page]:
    """One tab for the per-page checks: each page is loaded in it in turn, as a reader moves
    from page to page (see ``checker.check_page``)."""
    page = browser_context.new_page()
    yield page
    page.close()


def _cover_note(path: str, covered: dict[str, tuple[str, ...]] | None) -> str:
    if covered is None:
        return ""
    if path in covered:
        return f"\n(phone cover page for: {' '.join(covered[path])})"
    return f"\n(not a phone cover page; the cover: {' '.join(covered)})"


def _assert_clean(
    browser,
    site: Site,
    path: str,
    *,
    phone: bool = False,
    tab=None,
    covered: dict[str, tuple[str, ...]] | None = None,
) -> None:
    # The theme's navigation and header are the same on every page: axe checks them on the first.
    on_cover = covered is not None and path in covered
    report = check_page(
        browser,
        site.base_url,
        path,
        site.root,
        axe_chrome=path == site.pages[0],
        phone=phone,
        phone_cover=on_cover,
        phone_axe_include=axe_include(covered[path]) if covered and on_cover else None,
        tab=tab,
    )
    problems = report.problems()
    shots = [s for s in (report.screenshot, report.phone_screenshot) if s]
    shot = f"\nscreenshots: {', '.join(map(str, shots))}" if shots else ""
    note = _cover_note(path, covered)
    assert not problems, f"{path}:\n  " + "\n  ".join(problems) + shot + note


@pytest.fixture(scope="module")
def course_cover(course_site: Site) -> dict[str, tuple[str, ...]]:
    """The phone cover of the built course (``pages.phone_cover``): page -> features."""
    return phone_cover(course_site.root, course_site.pages)


@pytest.mark.parametrize("path", COURSE_PAGES)
def test_course_page(browser_context, tab, course_site: Site, course_cover, path: str) -> None:
    """The page at the default width (1280 px), then at 390 px (phone checks; the theme's
    mechanisms on the cover's pages only), one visit."""
    _assert_clean(browser_context, course_site, path, phone=True, tab=tab, covered=course_cover)


@pytest.mark.parametrize("path", FIXTURE_PAGES)
def test_fixture_page(browser_context, tab, fixture_site: Site, path: str) -> None:
    _assert_clean(browser_context, fixture_site, path, tab=tab)


def test_every_built_page_is_checked(course_site: Site) -> None:
    unchecked = sorted(set(built_pages(course_site.root)) - set(course_site.pages))
    assert not unchecked, f"built pages not in _toc.yml (so not browser-tested): {unchecked}"
    missing = sorted(p for p in course_site.pages if not (course_site.root / p).is_file())
    assert not missing, f"pages of _toc.yml that were not built: {missing}"


def test_root_redirects_to_first_chapter(course_site: Site) -> None:
    html = (course_site.root / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="Refresh"' in html or "http-equiv='refresh'" in html.lower()
    assert "chapters/01_start_here.html" in html


def test_fixture_book_exercises_every_feature(browser_context, fixture_site: Site) -> None:
    """The per-page checks above are only as good as what the pages contain: prove the fixture
    book really has charts (with and without require.js), widgets, math and tables. (Only what
    is asserted here is checked: axe-core and the links of these pages are test_fixture_page's.)"""

    def check(path: str) -> PageReport:
        return check_page(
            browser_context, fixture_site.base_url, path, fixture_site.root, axe=False, links=False
        )

    charts = check("nested/charts.html")
    assert len(charts.charts) == 2 and all(c["drawn"] for c in charts.charts), charts.charts
    nb = check("notebooks/widgets_and_charts.html")
    assert len(nb.charts) == 2 and all(c["drawn"] for c in nb.charts), nb.charts
    assert nb.widgets["expected"] == 1 and nb.widgets["rendered"] >= 1, nb.widgets
    math = check("nested/deeper/math.html")
    assert math.math["expected"] >= 2 and math.math["rendered"] >= 2, math.math
    html = (fixture_site.root / "notebooks" / "widgets_and_charts.html").read_text()
    assert "requirejs@2.3.8/require.js" in html and "embed-amd.js" in html
    tables = (fixture_site.root / "tables.html").read_text()
    for name in ("mirels", "sins", "tokuhashi", "tomita", "bauer", "escc", "exercise"):
        assert f'id="points-table-{name}"' in tables


def _search_results(context, site: Site, term: str) -> list[str]:
    page = context.new_page()  # the shared context: the search index loads from the cache
    try:
        page.goto(f"{site.base_url}search.html?q={quote(term)}")
        page.wait_for_selector("#search-results p.search-summary", timeout=15_000)
        return page.eval_on_selector_all("ul.search li a", "els => els.map(e => e.href)")
    finally:
        page.close()


@pytest.mark.parametrize(
    ("term", "expected_page"),
    [
        ("radiotherapy", "chapters/07_radiotherapy.html"),
        ("denosumab", "chapters/06_bone_modifying_agents.html"),
        ("zoledronic", "chapters/06_bone_modifying_agents.html"),
    ],
)
def test_search_finds_modalities(
    browser_context, course_site: Site, term: str, expected_page: str
) -> None:
    hits = _search_results(browser_context, course_site, term)
    assert hits, f"no search results for {term!r}"
    assert any(expected_page in h for h in hits), f"{expected_page} not among results {hits}"


def test_search_finds_nothing_for_nonsense(browser_context, course_site: Site) -> None:
    assert _search_results(browser_context, course_site, "xyzzyplughnotaword") == []


def test_fixture_pages_listed_from_toc() -> None:
    assert "nested/deeper/math.html" in FIXTURE_PAGES
    assert Path(FIXTURE_BOOK / "notebooks" / "widgets_and_charts.ipynb").is_file()


def test_pages_load_only_what_they_use(course_site: Site) -> None:
    """Issue 13 (light pages), read from the built HTML: the theme's icon script and the search
    index are on no page but search; MathJax is never in a page's own <script> (it loads near the
    first formula) and every page with math has its loader; require.js and the widgets'
    html-manager only with saved widget state; no chapter holds a live chart (they are SVG)."""
    wrong: list[str] = []
    for rel in course_site.pages:
        html = (course_site.root / rel).read_text(encoding="utf-8")
        if "fontawesome.js" in html:
            wrong.append(f"{rel}: loads the Font Awesome script")
        if "searchindex.js" in html and rel != "search.html":
            wrong.append(f"{rel}: loads the search index")
        if re.search(r'<script[^>]*\ssrc="[^"]*tex-chtml\.js', html):
            wrong.append(f"{rel}: loads MathJax on opening")
        # (Sphinx also gives the loader to the toctree's root page, which holds no math: there
        # it never loads MathJax, as nothing on the page is a formula.)
        if 'class="math' in html and "coursebook-math.js" not in html:
            wrong.append(f"{rel}: math but no MathJax loader")
        widgets = "application/vnd.jupyter.widget-state+json" in html
        if ("require.js" in html or "embed-amd.js" in html) and not widgets:
            wrong.append(f"{rel}: loads require.js or the html-manager with no saved widgets")
        if rel.startswith("chapters/") and "bonemets-vega-loader" in html:
            wrong.append(f"{rel}: a chapter chart is drawn in the browser, not a static SVG")
    assert not wrong, "\n".join(wrong)


#: What a page fetches on opening: scripts and images by ``src``, style sheets and the icon by
#: ``href`` (not ``data-src``: Bootstrap's script, loaded at the reader's first interaction), and
#: the style sheets a style sheet imports.
_OPENING = re.compile(
    r'<(?:script|img)\b[^>]*?\ssrc="([^"]+)"'
    r'|<link\b(?=[^>]*\srel="(?:stylesheet|icon|preload|modulepreload)")[^>]*?\shref="([^"]+)"'
)
_IMPORT = re.compile(r"""@import\s+(?:url\()?["']?([^"')\s;]+)""")
#: Chromium counts each response's headers too (python's http.server: about 200 bytes).
_HEADERS = 400


def _opening_bytes(root: Path, rel: str) -> int:
    """The bytes a first visit to ``root/rel`` fetches before any interaction, read from the
    built files (benchmarks/page_weight.py measures the same in chromium)."""
    todo = [(root / rel).resolve()]
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        if path.suffix in {".html", ".css"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            found = [a or b for a, b in _OPENING.findall(text)] + _IMPORT.findall(text)
            todo += [(path.parent / f.split("?")[0]).resolve() for f in found if "://" not in f]
    return sum(p.stat().st_size + _HEADERS for p in seen)


def test_every_calculator_page_within_target(course_site: Site) -> None:
    """Issue 13: every page that holds a calculator (not only the one the benchmark shows) loads
    at most the calculator page's target on opening."""
    target = WEIGHT_TARGETS["calculator page"]
    assert target is not None
    weights = {
        rel: _opening_bytes(course_site.root, rel)
        for rel in course_site.pages
        if CALCULATOR_JS in (course_site.root / rel).read_text(encoding="utf-8")
    }
    assert len(weights) >= 10, sorted(weights)
    heavy = {rel: w for rel, w in weights.items() if w > target}
    assert not heavy, f"over {target:,} bytes on opening: {heavy}"


# --- The phone cover (see the module docstring and ``pages.PHONE_COVER_WHY``) -----------------


def test_cover_picks_the_only_page_with_a_feature() -> None:
    """``pages.cover``: the one page that holds a feature is picked, for that feature only,
    however large; a feature several pages hold goes to the smallest of them; the first page
    keeps every feature it holds."""
    features = {
        "first.html": frozenset({"a", "b"}),
        "big.html": frozenset({"a", "c", "d", "only-here"}),
        "small.html": frozenset({"c"}),
        "mid.html": frozenset({"c", "d"}),
    }
    cost = {"first.html": 100, "big.html": 5_000, "small.html": 10, "mid.html": 50}
    assert cover(features, cost, "first.html") == {
        "first.html": ("a", "b"),
        "small.html": ("c",),
        "mid.html": ("d",),
        "big.html": ("only-here",),
    }
    # a new page with a new feature is picked without anything else to change
    features["new.html"] = frozenset({"a", "new-component"})
    cost["new.html"] = 20
    assert cover(features, cost, "first.html")["new.html"] == ("new-component",)


def test_page_features_from_the_built_html() -> None:
    """``pages.page_features``: element kinds, class tokens, input types, the kinds of item a
    quiz draws (not those of the review page's bank, which it does not draw on opening), the
    folder and whether the page has contents."""
    item = '{"type": "numeric", "kind": "case", "ordered": false, "unit": "mg"}'
    html = (
        "<html><head><title>t</title></head><body>"
        '<div class="bm-quiz" data-bank="q"></div>'
        f'<script type="application/json" id="q">{{"items": [{item}]}}</script>'
        '<div class="bm-quiz bm-review" data-bank="r" data-review="1"></div>'
        '<script type="application/json" id="r">{"items": [{"type": "multiple",'
        ' "kind": "multiple"}]}</script>'
        '<table class="bm-table x"><tr><td><input type="radio"></td></tr></table>'
        '<div id="pst-secondary-sidebar"><nav><a href="#s">S</a></nav></div></body></html>'
    )
    found = page_features(html, "chapters/calculators/x.html")
    expected = {".bm-table", ".x", "<table>", "input:radio", "quiz:numeric/case/unit"}
    assert expected | {"folder:chapters/calculators", "contents"} <= found, sorted(found)
    assert not any(f.startswith("quiz:multiple") for f in found), sorted(found)
    assert "<title>" not in found  # the body's only
    bare = page_features(html.replace("#s", "").replace("href=", "x="), "search.html")
    assert "contents" not in bare and "folder:." in bare
    assert feature_selector(".bm-table") == ".bm-table"
    assert feature_selector("<table>") == "table"
    assert feature_selector("input:radio") == 'input[type="radio"]'
    assert feature_selector("contents") is None and axe_include(["contents", ".x"]) is None


def test_phone_cover(course_site: Site, course_cover) -> None:
    """The course's phone cover, as test_course_page uses it: every feature of every page is
    checked on exactly one cover page, the first page (the theme's chrome) first, every other
    feature on the smallest page that holds it, and each feature only one page holds on that
    page. Printed (``-s``, or the message of a failure)."""
    pages = course_site.pages
    features, cost = site_features(course_site.root, pages)
    listing = "\n".join(f"  {p}: {' '.join(f)}" for p, f in course_cover.items())
    print(f"phone cover ({len(course_cover)} of {len(pages)} pages):\n{listing}\n{PHONE_COVER_WHY}")
    assert next(iter(course_cover)) == pages[0], listing
    assigned = [f for fs in course_cover.values() for f in fs]
    assert len(assigned) == len(set(assigned)), listing
    assert set(assigned) == set().union(*features.values()), listing
    for page, fs in course_cover.items():
        assert fs and set(fs) <= features[page], (page, fs)
        if page == pages[0]:
            continue
        for f in fs:
            holders = [p for p in pages if f in features[p]]
            assert f not in features[pages[0]] and cost[page] == min(cost[p] for p in holders), (
                page,
                f,
            )
    only = {
        f: p
        for f in assigned
        if len(holders := [p for p in pages if f in features[p]]) == 1
        for p in holders
    }
    assert only, "no feature held by one page only: the check below would test nothing"
    for f, p in only.items():
        assert f in course_cover[p], (f, p, listing)
    assert len(course_cover) < len(pages), listing  # a cover, not every page
