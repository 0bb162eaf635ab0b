"""Authored files cannot run script in a reader's browser (issue 12: F1, F3, F18).

The hostile pages are part of the fixture book (``tests/browser/fixture_book``, built once per run
by ``conftest.fixture_site``; their sources are written by :mod:`.authored_book`, which describes
them): a case that passes validation but is full of Markdown/MyST syntax, the payloads validation
refuses (rendered without validation, through the notebook generator), a quiz bank with escaped
HTML, and a MyST page with MathJax ``\\href{javascript:...}`` and a ``\\style`` clickjack overlay.

On every page (and on the book's root page, whose sidebar shows the hostile case titles): no
dialog, no element injected by a payload (svg, script, iframe, form, inline event handler,
javascript: link), no console error, no request to another origin, and the payloads'
``window.bmPwned`` marker never set; clicking the maths (and anywhere) does nothing.

The pages open as tabs of one browser context (a warm HTTP cache, as a reader moving from page to
page has): a payload could act only in its own tab, which each test inspects. Outside requests
are refused by the browser itself (``chromium.CHROMIUM_ARGS``, proved by
``test_checker.py::test_the_browser_itself_refuses_every_outside_request``) and every attempt is
recorded here from the page's requests, with no request routing (which would switch the cache
off).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from .authored_book import ACCEPTED_TITLE, REFUSED
from .authored_book import PAGES as AUTHORED_PAGES
from .conftest import Site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def authored_site(fixture_site: Site) -> Site:
    """The fixture book, which holds the hostile pages."""
    return fixture_site


@pytest.fixture(scope="module")
def context(browser: Any) -> Iterator[Any]:
    """One browser context for the module's tabs."""
    c = browser.new_context()
    yield c
    c.close()


_INJECTED = """() => {
    const out = [];
    const bad = document.querySelectorAll(
        "svg[onload], iframe, form[action^='http' i], input[name='pw'], details[ontoggle], "
        + "a[href^='javascript' i], "
        + "[id='bm-overlay'], .bm-injected, img[src*='tracker']");
    bad.forEach((e) => out.push(e.outerHTML.slice(0, 120)));
    document.querySelectorAll("script").forEach((s) => {
        if (/bmPwned|alert\\(/.test(s.textContent || "") && s.type !== "application/json")
            out.push("script: " + s.textContent.slice(0, 80));
    });
    document.querySelectorAll("*").forEach((e) => {
        for (const a of e.attributes) {
            if (/^on/i.test(a.name) && /bmPwned|alert/.test(a.value)) out.push(e.tagName + " " + a.name);
        }
    });
    document.querySelectorAll("mjx-container [href], mjx-container a").forEach((e) => {
        const h = e.getAttribute("href") || "";
        if (!/^https?:/i.test(h)) out.push("maths link " + h.slice(0, 60));
    });
    document.querySelectorAll("mjx-container [style]").forEach((e) => {
        if (/position\\s*:\\s*fixed/i.test(e.getAttribute("style"))) out.push("maths overlay");
    });
    return out;
}"""


def _open(context: Any, site: Site, path: str) -> tuple[Any, dict[str, list[str]]]:
    seen: dict[str, list[str]] = {"dialogs": [], "console": [], "external": [], "pageerror": []}
    page = context.new_page()
    origin = site.base_url.rstrip("/")

    def on_request(r: Any) -> None:
        if not r.url.startswith((origin + "/", "data:", "blob:", "about:")):
            seen["external"].append(r.url)

    page.on("request", on_request)

    def on_dialog(d: Any) -> None:
        seen["dialogs"].append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda m: m.type == "error" and seen["console"].append(m.text))
    page.on("pageerror", lambda e: seen["pageerror"].append(str(e)))
    page.goto(site.base_url + path, wait_until="networkidle")
    page.evaluate(
        """async () => { if (window.bonemetsMath) await window.bonemetsMath.load();
            if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
            try { await MathJax.startup.promise; } catch (e) {} } }"""
    )
    page.wait_for_timeout(300)
    return page, seen


def _click_text(page: Any) -> None:
    """Click the middle of the first paragraph of the article (plain text, not a link): under a
    full-page overlay this click would land on the overlay."""
    box = page.locator("article p").first.bounding_box()
    if box:
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def _assert_inert(page: Any, seen: dict[str, list[str]], path: str) -> None:
    injected = page.evaluate(_INJECTED)
    pwned = page.evaluate("() => window.bmPwned")
    problems = [f"dialog: {d}" for d in seen["dialogs"]]
    problems += [f"console error: {c}" for c in seen["console"]]
    problems += [f"page error: {c}" for c in seen["pageerror"]]
    problems += [f"request to another origin: {u}" for u in seen["external"]]
    problems += [f"injected: {i}" for i in injected]
    if pwned is not None:
        problems.append(f"window.bmPwned = {pwned!r}")
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)


PAGES = ("index.html", *AUTHORED_PAGES)


@pytest.mark.parametrize("path", PAGES)
def test_page_is_inert(context: Any, authored_site: Site, path: str) -> None:
    assert path in authored_site.pages
    page = None
    try:
        page, seen = _open(context, authored_site, path)
        if path == "chapters/quiz.html":  # show every feedback (explanations, answers, citations)
            for fs in page.query_selector_all("fieldset.bm-q"):
                first = fs.query_selector("input")
                if first:
                    first.check(force=True)
                button = fs.query_selector("button.bm-check")
                if button and button.is_visible():
                    button.click()
            page.wait_for_timeout(300)
        # click plain text of the page (under a would-be overlay) and every piece of maths
        url = page.url
        _click_text(page)
        for m in page.query_selector_all("mjx-container")[:10]:
            if m.is_visible():
                m.click()
        page.wait_for_timeout(300)
        assert page.url == url, page.url
        _assert_inert(page, seen, path)
    finally:
        if page is not None:
            page.close()


def _text(page: Any, selector: str) -> str:
    """The text (closed <details> included), with Sphinx's smart quotes made straight again."""
    text = " ".join(str(page.text_content(selector) or "").split())
    return text.translate(str.maketrans("“”‘’", "\"\"''"))


def test_payloads_are_shown_as_typed(context: Any, authored_site: Site) -> None:
    """Inert, and still readable: the text of each payload is on its page, as typed."""
    pages: list[Any] = []
    try:
        page, _ = _open(context, authored_site, "cases/refused_payloads.html")
        pages.append(page)
        text = _text(page, "main")
        for needle in (
            '<svg onload="',
            "<script>window.bmPwned",
            "<iframe srcdoc=",
            "<form action",
        ):
            assert needle in text, needle
        page, _ = _open(context, authored_site, "cases/accepted_payloads.html")
        pages.append(page)
        text = _text(page, "main")
        for needle in (
            "{{x}}",
            "*not emphasis*",
            "[click](javascript:",
            "% not a MyST comment",
            "# not a heading",
            "1. not a list",
            ":::{raw} html",
            "&lt;script&gt;",
            "![pixel](https://tracker.example.invalid/p.png)",
        ):
            assert needle in text, needle
        page, _ = _open(context, authored_site, "cases/index.html")
        pages.append(page)
        assert ACCEPTED_TITLE in _text(page, "main")
        assert REFUSED["title"] in _text(page, "main")
        # the sidebar (toctree) shows the titles as text on every page
        nav = _text(page, "nav.bd-docs-nav")
        assert "Lytic femur <svg onload=" in nav
    finally:
        for p in pages:
            p.close()


def test_maths_href_is_not_a_link(context: Any, authored_site: Site) -> None:
    """\\href{javascript:...} in maths is not a link (the html extension is never loaded) and a
    click on it, or anywhere under the would-be overlay, does nothing."""
    page, seen = _open(context, authored_site, "chapters/maths.html")
    try:
        assert page.query_selector_all("mjx-container"), "maths not typeset"
        state = page.evaluate(
            """() => ({
                safe: !!(window.MathJax && MathJax.config && MathJax.config.options
                         && MathJax.config.options.safeOptions),
                loaded: !!(window.MathJax && MathJax._ && MathJax._.ui && MathJax._.ui.safe),
                links: [...document.querySelectorAll("mjx-container a, mjx-container [href]")]
                    .map((e) => e.getAttribute("href")),
            })"""
        )
        assert state["safe"] and state["loaded"], state
        assert state["links"] == [], state
        for m in page.query_selector_all("mjx-container"):
            if m.is_visible():
                m.click()
        _click_text(page)
        page.wait_for_timeout(300)
        assert page.url == authored_site.base_url + "chapters/maths.html"
        _assert_inert(page, seen, "chapters/maths.html")
    finally:
        page.close()


def test_outside_requests_are_recorded(context: Any, authored_site: Site) -> None:
    """The recorder of ``_open`` (no routing): a page's request to another origin, by script or by
    an image, is recorded (and refused by the browser), so ``_assert_inert`` would report it."""
    page, seen = _open(context, authored_site, "index.html")
    try:
        outcome = page.evaluate(
            """async () => {
                const img = new Image();
                const shown = new Promise((done) => { img.onload = img.onerror = done; });
                img.src = "https://tracker.example.invalid/p.png";
                await shown;
                return fetch("https://evil.example.invalid/x", {mode: "no-cors"})
                    .then(() => "reached", () => "refused");
            }"""
        )
    finally:
        page.close()
    assert outcome == "refused"
    assert "https://tracker.example.invalid/p.png" in seen["external"], seen
    assert "https://evil.example.invalid/x" in seen["external"], seen


def test_bank_json_on_the_page_is_strict(authored_site: Site) -> None:
    html = (authored_site.root / "chapters" / "quiz.html").read_text(encoding="utf-8")
    start = html.index('<script type="application/json" id="bm-quiz-data-radiotherapy">')
    body = html[html.index(">", start) + 1 : html.index("</script>", start)]
    data = json.loads(body, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
    assert [i["id"] for i in data["items"]] == [
        "radiotherapy.hostile_escaped",
        "radiotherapy.hostile_case",
    ]
    stem = data["items"][0]["stem"]
    assert "&lt;script&gt;" in stem and "<script" not in stem and "<iframe" not in stem
