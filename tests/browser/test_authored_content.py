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

Each page is opened once, and everything checked on it is checked in that tab: the text of the
payloads as typed (before any click), the maths' safe mode, then the clicks and the inertness; on
the root page, last, the recorder of outside requests is proved to record them. Every problem of
a page is collected and reported together, each naming its page and check.

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


def _inert_problems(page: Any, seen: dict[str, list[str]]) -> list[str]:
    """Everything on the open page that is not inert (empty when it is)."""
    injected = page.evaluate(_INJECTED)
    pwned = page.evaluate("() => window.bmPwned")
    problems = [f"dialog: {d}" for d in seen["dialogs"]]
    problems += [f"console error: {c}" for c in seen["console"]]
    problems += [f"page error: {c}" for c in seen["pageerror"]]
    problems += [f"request to another origin: {u}" for u in seen["external"]]
    problems += [f"injected: {i}" for i in injected]
    if pwned is not None:
        problems.append(f"window.bmPwned = {pwned!r}")
    return problems


def _text(page: Any, selector: str) -> str:
    """The text (closed <details> included), with Sphinx's smart quotes made straight again."""
    text = " ".join(str(page.text_content(selector) or "").split())
    return text.translate(str.maketrans("“”‘’", "\"\"''"))


def _missing(text: str, needles: tuple[str, ...], where: str) -> list[str]:
    return [f"not shown as typed ({where}): {n!r}" for n in needles if n not in text]


def _refused_shown_as_typed(page: Any) -> list[str]:
    """The refused payloads are inert and still readable: their text is on the page, as typed."""
    needles = ('<svg onload="', "<script>window.bmPwned", "<iframe srcdoc=", "<form action")
    return _missing(_text(page, "main"), needles, "main")


def _accepted_shown_as_typed(page: Any) -> list[str]:
    needles = (
        "{{x}}",
        "*not emphasis*",
        "[click](javascript:",
        "% not a MyST comment",
        "# not a heading",
        "1. not a list",
        ":::{raw} html",
        "&lt;script&gt;",
        "![pixel](https://tracker.example.invalid/p.png)",
    )
    return _missing(_text(page, "main"), needles, "main")


def _titles_shown_as_typed(page: Any) -> list[str]:
    """Both case titles in the library's index, and the sidebar (toctree) shows the titles as
    text on every page."""
    problems = _missing(_text(page, "main"), (ACCEPTED_TITLE, REFUSED["title"]), "main")
    return problems + _missing(
        _text(page, "nav.bd-docs-nav"), ("Lytic femur <svg onload=",), "sidebar"
    )


def _maths_in_safe_mode(page: Any) -> list[str]:
    """\\href{javascript:...} in maths is not a link: the maths is typeset by MathJax in its safe
    mode (the html extension never loaded)."""
    if not page.query_selector_all("mjx-container"):
        return ["maths not typeset"]
    state = page.evaluate(
        """() => ({
            safe: !!(window.MathJax && MathJax.config && MathJax.config.options
                     && MathJax.config.options.safeOptions),
            loaded: !!(window.MathJax && MathJax._ && MathJax._.ui && MathJax._.ui.safe),
            links: [...document.querySelectorAll("mjx-container a, mjx-container [href]")]
                .map((e) => e.getAttribute("href")),
        })"""
    )
    problems = [] if state["safe"] and state["loaded"] else [f"MathJax not in safe mode: {state}"]
    return problems + [f"maths link: {h!r}" for h in state["links"]]


#: Checks made on a page as soon as it is open (before any click), by page.
ON_OPEN = {
    "cases/refused_payloads.html": _refused_shown_as_typed,
    "cases/accepted_payloads.html": _accepted_shown_as_typed,
    "cases/index.html": _titles_shown_as_typed,
    "chapters/maths.html": _maths_in_safe_mode,
}


def _outside_requests_recorded(page: Any, seen: dict[str, list[str]]) -> list[str]:
    """The recorder of ``_open`` (no routing): a page's request to another origin, by script or by
    an image, is recorded (and refused by the browser), so the inertness check would report it.
    Made last, on an inert page (it makes the requests itself)."""
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
    problems = [] if outcome == "refused" else [f"outside fetch {outcome}, not refused"]
    for url in ("https://tracker.example.invalid/p.png", "https://evil.example.invalid/x"):
        if url not in seen["external"]:
            problems.append(f"outside request not recorded: {url} (recorded: {seen['external']})")
    return problems


PAGES = ("index.html", *AUTHORED_PAGES)


@pytest.mark.parametrize("path", PAGES)
def test_page_is_inert(context: Any, authored_site: Site, path: str) -> None:
    assert path in authored_site.pages
    page = None
    try:
        page, seen = _open(context, authored_site, path)
        check = ON_OPEN.get(path)
        problems = check(page) if check else []
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
        maths = page.query_selector_all("mjx-container")
        for m in maths if path == "chapters/maths.html" else maths[:10]:
            if m.is_visible():
                m.click()
        page.wait_for_timeout(300)
        if page.url != url:
            problems.append(f"a click navigated to {page.url}")
        inert = _inert_problems(page, seen)
        problems += inert
        if path == "index.html" and not inert:
            problems += _outside_requests_recorded(page, seen)
        assert not problems, f"{path}:\n  " + "\n  ".join(problems)
    finally:
        if page is not None:
            page.close()


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
