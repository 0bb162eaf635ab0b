"""The page checker fails pages that are broken: proof that the per-page browser tests can fail.

The checks share one browser context (a warm HTTP cache, as the per-page tests have: see
``conftest.browser_context``) and, like the per-page tests, one tab (``check_page(tab=...)``);
test_good_page_passes keeps a fresh tab, the other path of ``check_page``.

The phone checks come in the two forms test_pages.py runs: on every page (``phone_cover=False``:
sideways scroll, chart text, keyboard access to boxes that scroll at 390 px;
test_reduced_phone_checks_still_fail) and on the phone cover's pages (axe-core at 390 px on the
features a page covers, and the dialogs; test_phone_width_problems,
test_cover_axe_runs_on_the_features_of_its_page, test_phone_dialog_checks_can_fail,
test_the_cover_of_this_site_catches_its_dialog_fault)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

from charts.render import chart_html

from . import checker
from .checker import AXE_JS, check_page
from .conftest import ROOT
from .local_server import AXE_PATH
from .pages import axe_include, phone_cover

pytestmark = pytest.mark.browser

NOTICE_HTML = '<p class="bm-notice">Educational use only, not clinical advice.</p>'
SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v6.1.0.json",
    "data": {"values": [{"a": "x", "b": 2}]},
    "mark": "bar",
    "encoding": {
        "x": {"field": "a", "type": "nominal"},
        "y": {"field": "b", "type": "quantitative"},
    },
    "description": "One bar.",
}


@pytest.fixture(scope="module")
def site(serve, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    root = tmp_path_factory.mktemp("checker_site")
    (root / "_static").symlink_to(ROOT / "assets" / "vendor", target_is_directory=True)
    shutil.copy(ROOT / "assets" / "favicon.svg", root / "favicon.ico")

    def page(name: str, body: str, lang: bool = True) -> None:
        head = '<meta charset="utf-8"><title>t</title>'
        attr = ' lang="en"' if lang else ""
        (root / name).write_text(
            f'<!doctype html><html{attr} data-content_root="./"><head>{head}</head>'
            f"<body><main>{body}</main></body></html>"
        )

    page(
        "good.html",
        NOTICE_HTML + '<h1 id="top">Good</h1><a href="good.html#top">self</a>' + chart_html(SPEC),
    )
    page(
        "cdn.html",
        NOTICE_HTML + '<h1>CDN</h1><script src="https://cdn.jsdelivr.net/npm/vega@6"></script>',
    )
    page(
        "links.html",
        NOTICE_HTML
        + '<h1 id="a">L</h1><a href="good.html#nowhere">x</a>'
        + '<a href="missing.html">y</a><a href="https://example.org/">external link is fine</a>',
    )
    page("nonotice.html", "<h1>No notice</h1>")
    page(
        "error.html",
        NOTICE_HTML + "<h1>E</h1><script>console.error('boom'); undefinedFn();</script>",
    )
    broken = dict(SPEC, mark="no-such-mark")
    page("chart.html", NOTICE_HTML + "<h1>C</h1>" + chart_html(broken))
    # serious and critical violations (no lang, an image without alt), and moderate and minor
    # ones (a heading level skipped, an empty heading), which the checker does not report
    page(
        "axe.html",
        NOTICE_HTML + '<h1>A</h1><img src="favicon.ico"><h4>Skipped</h4><h2></h2>',
        lang=False,
    )
    # Clean at 1280 px; at 390 px a 600 px box sticks out, a chart's text is 6 px, an image
    # shown only on narrow screens has no text alternative, and a box that scrolls only there
    # (a line of about 600 px) is not in the keyboard's tab order.
    chart = (
        '<figure class="bm-chart"><svg width="300" height="40" viewBox="0 0 300 40">'
        '<text x="5" y="20" style="font-size: 6px">tiny label</text></svg></figure>'
    )
    page(
        "narrow.html",
        NOTICE_HTML
        + "<style>.wide{width:600px} .narrow-only{display:none}"
        + "@media (max-width: 500px){.narrow-only{display:block} svg text{font-size:6px}}"
        + "@media (min-width: 501px){svg text{font-size:14px !important}}</style>"
        + '<h1>N</h1><div class="wide">wide</div><img class="narrow-only" src="favicon.ico">'
        + '<div class="scroller" style="overflow-x: auto"><p style="white-space: nowrap">'
        + "a row of figures: "
        + "12.5 mg, " * 10
        + "</p></div>"
        + chart,
    )
    # The phone checks' dialog waits can fail: a menu button whose dialog the Escape key does
    # not close (its cancel event is refused); a contents button that opens nothing.
    menu = (
        '<button class="primary-toggle" onclick="document.getElementById('
        + "'pst-primary-sidebar-modal').showModal()\">Menu</button>"
        + '<dialog id="pst-primary-sidebar-modal"><nav><a href="good.html">Good</a></nav></dialog>'
    )
    page(
        "menu_stays_open.html",
        NOTICE_HTML
        + "<h1>M</h1>"
        + menu
        + "<script>document.getElementById('pst-primary-sidebar-modal').addEventListener("
        + "'cancel', (e) => e.preventDefault());</script>",
    )
    page(
        "contents_do_not_open.html",
        NOTICE_HTML
        + "<h1>C</h1>"
        + menu
        + '<div id="pst-secondary-sidebar"><nav><a href="good.html">Good</a></nav></div>'
        + '<button class="secondary-toggle">Contents</button>'
        + '<dialog id="pst-secondary-sidebar-modal"><nav><a href="good.html">G</a></nav></dialog>',
    )
    return serve(root), root


@pytest.fixture(scope="module")
def context(browser) -> Iterator[BrowserContext]:
    """One context for this module's checks (a warm cache, as in the per-page tests)."""
    c = browser.new_context()
    yield c
    c.close()


@pytest.fixture(scope="module")
def tab(context) -> Iterator[Page]:
    """One tab for most of this module's checks, as test_pages.py has (``check_page(tab=...)``:
    each page reported alone, which test_one_tab_for_many_pages shows); test_good_page_passes
    keeps the fresh-tab path."""
    page = context.new_page()
    yield page
    page.close()


def test_good_page_passes(context, site) -> None:
    base, root = site
    report = check_page(context, base, "good.html", root)
    assert report.problems() == []
    assert len(report.charts) == 1 and report.charts[0]["drawn"]


def test_cdn_script_is_an_external_request(context, tab, site) -> None:
    base, root = site
    problems = check_page(context, base, "cdn.html", root, tab=tab).problems()
    assert any("cdn.jsdelivr.net" in p and "another origin" in p for p in problems), problems


def test_the_browser_itself_refuses_every_outside_request(browser, site) -> None:
    """The closed proxy in ``chromium.CHROMIUM_ARGS``: an outside fetch fails (by name and by IP
    address), while the page's own server answers."""
    base, _root = site
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "good.html")
    probe = """(url) => fetch(url, {mode: "no-cors"}).then(() => "reached", () => "refused")"""
    assert page.evaluate(probe, "https://cdn.jsdelivr.net/npm/vega@6") == "refused"
    assert page.evaluate(probe, "http://93.184.215.14/") == "refused"
    assert page.evaluate(probe, base + "good.html") == "reached"
    context.close()


def test_broken_links_and_anchors(context, tab, site) -> None:
    base, root = site
    problems = check_page(context, base, "links.html", root, tab=tab).problems()
    assert any("good.html#nowhere" in p and "no id 'nowhere'" in p for p in problems), problems
    assert any("missing.html" in p for p in problems), problems
    assert not any("example.org" in p for p in problems)


def test_missing_notice(context, tab, site) -> None:
    base, root = site
    assert any(
        "notice" in p for p in check_page(context, base, "nonotice.html", root, tab=tab).problems()
    )


def test_console_errors(context, tab, site) -> None:
    base, root = site
    problems = check_page(context, base, "error.html", root, tab=tab).problems()
    assert any("boom" in p for p in problems) and any("undefinedFn" in p for p in problems)


def test_chart_that_does_not_draw(context, tab, site) -> None:
    base, root = site
    problems = check_page(context, base, "chart.html", root, tab=tab).problems()
    assert any(p.startswith("chart #bm-chart-") and "not drawn" in p for p in problems), problems


def test_axe_violations(context, tab, site) -> None:
    base, root = site
    problems = check_page(context, base, "axe.html", root, tab=tab).problems()
    assert any("image-alt" in p for p in problems), problems
    assert any("html-has-lang" in p for p in problems), problems
    # axe-core came from the test server (a ``<script src>``, compiled once per run), not evaluated
    loaded = tab.evaluate(
        "() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)"
    )
    assert AXE_PATH in loaded, loaded
    assert tab.evaluate("(p) => !!document.querySelector(`script[src$='${p}']`)", AXE_PATH)


def test_phone_width_problems(context, tab, site) -> None:
    """The phone checks (``phone=True``): a page clean at 1280 px fails at 390 px, each problem
    named with its width."""
    base, root = site
    report = check_page(context, base, "narrow.html", root, tab=tab, phone=True)
    assert report._problems() == [], report._problems()  # clean at the desktop width
    problems = report.problems()
    assert all(p.startswith("at 390 px: ") for p in problems), problems
    assert any("scrolls sideways" in p and "div.wide" in p for p in problems), problems
    assert any("chart text under 11 px" in p and "tiny label" in p for p in problems), problems
    assert any("image-alt" in p for p in problems), problems
    assert any("scrollable-region-focusable" in p and "scroller" in p for p in problems), problems
    assert any("no visible menu button" in p for p in problems), problems


def test_reduced_phone_checks_still_fail(context, tab, site) -> None:
    """A page off the phone cover (``phone_cover=False``, as test_pages.py checks most pages):
    what depends on the page's own content is still reported at 390 px (the box that sticks
    out, the small chart text, the box that scrolls only there and cannot be reached with the
    keyboard); the theme's mechanisms are the cover's (no axe-core run of every rule, so the
    image shown only on phones is not reported here; no dialog check)."""
    base, root = site
    report = check_page(context, base, "narrow.html", root, tab=tab, phone=True, phone_cover=False)
    problems = report.problems()
    assert report._problems() == [], report._problems()
    assert any("scrolls sideways" in p and "div.wide" in p for p in problems), problems
    assert any("chart text under 11 px" in p and "tiny label" in p for p in problems), problems
    assert any("scrollable-region-focusable" in p and "scroller" in p for p in problems), problems
    assert not any("image-alt" in p or "menu button" in p for p in problems), problems


def test_cover_axe_runs_on_the_features_of_its_page(context, tab, site) -> None:
    """A cover page's axe-core run at 390 px checks the elements of the features it covers
    (``phone_axe_include``): the phone-only image without a text alternative is reported when
    its feature (``.narrow-only``) is among them, not when only another one (``.wide``) is;
    a selector that matches nothing is left out."""
    base, root = site

    def phone(include: list[str]) -> list[str]:
        report = check_page(
            context, base, "narrow.html", root, tab=tab, phone=True, phone_axe_include=include
        )
        return report.problems()

    covered = phone([".narrow-only", ".no-such-class"])
    assert any("image-alt" in p for p in covered), covered
    other = phone([".wide"])
    assert not any("image-alt" in p for p in other), other
    assert any("scrollable-region-focusable" in p for p in other), other  # (every page's)


def test_one_tab_for_many_pages(context, site) -> None:
    """``check_page(tab=...)`` (as test_pages.py runs it): each page loads in the same tab and
    is reported alone (no console error of the page before), back at the desktop width after
    the last page's phone checks."""
    base, root = site
    tab = context.new_page()
    try:
        errors = check_page(context, base, "error.html", root, tab=tab).problems()
        assert any("boom" in p for p in errors), errors
        narrow = check_page(context, base, "narrow.html", root, phone=True, tab=tab)
        assert narrow._problems() == [] and any("image-alt" in p for p in narrow.problems())
        again = check_page(context, base, "narrow.html", root, tab=tab)  # loaded at 1280 px
        assert again.width == 1280 and again.problems() == [], again.problems()
        good = check_page(context, base, "good.html", root, tab=tab)
        assert good.problems() == [] and good.charts[0]["drawn"], good.problems()
        assert not tab.is_closed()
    finally:
        tab.close()


def test_axe_rules_left_out_cannot_report_serious(context, tab, site) -> None:
    """The checker skips the rules axe-core declares minor or moderate: on a page with both kinds
    of violation, a full axe run finds the same serious and critical ones, and the skipped rules
    report only at their declared impact."""
    base, root = site
    found = {v["id"] for v in check_page(context, base, "axe.html", root, tab=tab).axe}
    tab.goto(base + "axe.html")  # the same page again, with axe-core loaded another way
    tab.add_script_tag(path=str(AXE_JS))
    full = tab.evaluate(
        """async () => {
            const declared = Object.fromEntries(axe._audit.rules.map((r) => [r.id, r.impact]));
            const r = await axe.run(document, {resultTypes: ["violations"]});
            return r.violations.map((v) => [v.id, v.impact, declared[v.id]]);
        }"""
    )
    assert {i for i, impact, _ in full if impact in ("serious", "critical")} == found, full
    assert any(impact in ("minor", "moderate") for _, impact, _ in full), full  # e.g. region
    assert all(impact == declared for _, impact, declared in full if declared), full


@pytest.fixture
def dialog_fault_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages below plant a dialog that never opens or never closes: each such wait runs to
    its end, so 1 s instead of the checker's 3 s (a dialog of these small pages opens at once:
    the waits are in-page, on the ``open`` attribute, and return when it changes)."""
    monkeypatch.setattr(checker, "DIALOG_MS", 1_000)


@pytest.mark.usefixtures("dialog_fault_wait")
def test_phone_dialog_checks_can_fail(context, tab, site) -> None:
    """The dialog checks at phone width (a real click, then one in-page wait for the dialog's
    ``open`` attribute; the Escape key, then one wait for it to go): a dialog that stays open
    after Escape, and a button that opens nothing, are each reported; a menu that opens and
    closes is not."""
    base, root = site
    stays = check_page(context, base, "menu_stays_open.html", root, tab=tab, phone=True).problems()
    assert any("Escape key does not close the site navigation" in p for p in stays), stays
    assert not any("menu button does not open" in p for p in stays), stays
    closed = check_page(
        context, base, "contents_do_not_open.html", root, tab=tab, phone=True
    ).problems()
    assert any("contents button does not open the contents" in p for p in closed), closed
    assert not any("site navigation" in p for p in closed), closed


@pytest.mark.usefixtures("dialog_fault_wait")
def test_the_cover_of_this_site_catches_its_dialog_fault(context, tab, site) -> None:
    """The phone cover of this module's site, computed from its HTML as test_pages.py computes
    the course's: the one page with page contents (``contents_do_not_open.html``, whose contents
    button opens nothing) is picked for them, and the checks its cover entry gives it report the
    fault."""
    base, root = site
    pages = ("good.html", "narrow.html", "menu_stays_open.html", "contents_do_not_open.html")
    covered = phone_cover(root, pages)
    assert "contents" in covered["contents_do_not_open.html"], covered
    assert next(iter(covered)) == "good.html", covered
    features = covered["contents_do_not_open.html"]
    problems = check_page(
        context,
        base,
        "contents_do_not_open.html",
        root,
        tab=tab,
        phone=True,
        phone_axe_include=axe_include(features),
    ).problems()
    assert any("contents button does not open the contents" in p for p in problems), problems
