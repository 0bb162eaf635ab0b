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

The pages are loaded in turn in ONE tab of one browser context (a warm HTTP cache, as a reader
moving from page to page has; a new tab per page cost a renderer process started and one torn down
for every page, about 1 s of CPU each). Before each page the tab is emptied with ``about:blank``
and only then is the page listened to (dialogs, console, page errors, requests), until its checks
are done: what a page does is recorded for that page alone, and ``window.bmPwned`` and every
element checked belong to the page's own document. Outside requests are refused by the browser
itself (``chromium.CHROMIUM_ARGS``, proved by
``test_checker.py::test_the_browser_itself_refuses_every_outside_request``) and every attempt is
recorded here from the page's requests, with no request routing (which would switch the cache
off). ``test_the_shared_tab_catches_a_planted_payload`` proves the shared tab reports a page with a
payload of every kind.

The fixture book's bibliography page lists a COVERING SET of the course's references, not all of
them (``authored_book.write_bibliography``): every entry type, field, kind of name list and
``.bib`` file that any entry has is on one of its entries, computed from ``references/`` when the
book is built. What depends on each entry's own data (its text, its DOI link) is checked on every
entry on the course's own bibliography page (``chapters/bibliography.md``, ``:all:``, same
extension, test_pages.py); the fixture book's page shows the bibliography's mechanism, the same for
every entry of a kind. ``test_the_fixture_bibliography_is_a_cover_of_the_references`` checks the
cover on the real references (a feature of one entry only picks that entry) and the built page;
``test_the_bibliography_cover_picks_an_entry_with_a_feature_of_its_own`` on a planted set.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .authored_book import ACCEPTED_TITLE, REFUSED, bibliography_cover, bibliography_features
from .authored_book import PAGES as AUTHORED_PAGES
from .conftest import ROOT, Site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def authored_site(fixture_site: Site) -> Site:
    """The fixture book, which holds the hostile pages."""
    return fixture_site


@pytest.fixture(scope="module")
def tab(browser: Any) -> Iterator[Any]:
    """One tab, in a browser context of its own, in which the module's pages are loaded in turn."""
    c = browser.new_context()
    page = c.new_page()
    yield page
    page.close()
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


@contextlib.contextmanager
def _opened(page: Any, site: Site, path: str) -> Iterator[dict[str, list[str]]]:
    """Load ``path`` in the tab ``page`` (left first for ``about:blank``), listening to it until
    the ``with`` block ends (its checks are done): what it records. The listeners are removed
    whatever happens, so nothing a page does is recorded for the next one."""
    seen: dict[str, list[str]] = {"dialogs": [], "console": [], "external": [], "pageerror": []}
    origin = site.base_url.rstrip("/")
    page.goto("about:blank")  # the page before is unloaded before this page is listened to

    def on_request(r: Any) -> None:
        if not r.url.startswith((origin + "/", "data:", "blob:", "about:")):
            seen["external"].append(r.url)

    def on_dialog(d: Any) -> None:
        seen["dialogs"].append(d.message)
        d.dismiss()

    def on_console(m: Any) -> None:
        if m.type == "error":
            seen["console"].append(m.text)

    listeners: dict[str, Callable[[Any], None]] = {
        "request": on_request,
        "dialog": on_dialog,
        "console": on_console,
        "pageerror": lambda e: seen["pageerror"].append(str(e)),
    }
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        page.goto(site.base_url + path, wait_until="networkidle")
        page.evaluate(  # its maths typeset, if it has any
            """async () => { if (window.bonemetsMath) await window.bonemetsMath.load();
                if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
                try { await MathJax.startup.promise; } catch (e) {} } }"""
        )
        page.wait_for_timeout(300)
        yield seen
    finally:
        for event, listener in listeners.items():
            page.remove_listener(event, listener)


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
def test_page_is_inert(tab: Any, authored_site: Site, path: str) -> None:
    assert path in authored_site.pages
    page = tab
    with _opened(page, authored_site, path) as seen:
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


PLANTED = """<!doctype html><html lang="en"><head><title>planted</title></head><body>
<article><p>A page that is not inert, to prove the shared tab's checks catch it.</p></article>
<script>
window.bmPwned = 1;
alert("planted dialog");
console.error("planted console error");
document.body.insertAdjacentHTML("beforeend", '<iframe srcdoc="x"></iframe>');
new Image().src = "https://tracker.example.invalid/planted.png";
setTimeout(() => { throw new Error("planted page error"); }, 0);
</script></body></html>
"""


def test_the_shared_tab_catches_a_planted_payload(
    tab: Any, serve: Callable[[Path], str], tmp_path: Path
) -> None:
    """Self-test of the one-tab design: a page with a payload of every kind, loaded in the tab
    the pages share (after ``about:blank``, as each page is), is reported for each of them."""
    (tmp_path / "planted.html").write_text(PLANTED, encoding="utf-8")
    site = Site(tmp_path, serve(tmp_path), ("planted.html",))
    with _opened(tab, site, "planted.html") as seen:
        problems = _inert_problems(tab, seen)
    kinds = (
        "dialog: planted dialog",
        "console error: planted console error",
        "page error: planted page error",
        "request to another origin: https://tracker.example.invalid/planted.png",
        "injected: <iframe",
        "injected: script:",
        "window.bmPwned = 1",
    )
    missed = [k for k in kinds if not any(p.startswith(k) for p in problems)]
    assert not missed, f"not reported: {missed} (reported: {problems})"


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


def test_the_fixture_bibliography_is_a_cover_of_the_references(authored_site: Site) -> None:
    """The fixture book's bibliography (``authored_book.write_bibliography``) lists a covering set
    of the course's references: every feature of any entry is on one of them, an entry with a
    feature no other entry has is on it, and the built page lists them all."""
    features = bibliography_features(ROOT / "references")
    keys = bibliography_cover(ROOT / "references", features)
    every = set().union(*features.values())
    assert {"type:article", "type:misc", "names:author", "field:doi"} <= every
    assert set().union(*(features[k] for k in keys)) == every
    owners = {f: [k for k in features if f in features[k]] for f in every}
    single = {ks[0] for ks in owners.values() if len(ks) == 1}  # e.g. the one @incollection
    assert single and single <= set(keys), single
    assert len(keys) < len(features) / 10
    html = (authored_site.root / "bibliography.html").read_text(encoding="utf-8")
    assert html.count('role="doc-biblioentry"') == len(keys)


def test_the_bibliography_cover_picks_an_entry_with_a_feature_of_its_own(tmp_path: Path) -> None:
    """Self-test of the cover on a planted set: of two entries with the same features one is
    enough, and the entry with a field no other entry has (``note``) is always picked."""
    (tmp_path / "a.bib").write_text(
        "@article{same1, author = {A, B}, title = {T}, journal = {J}, year = {2000}}\n"
        "@article{same2, author = {C, D}, title = {U}, journal = {K}, year = {2001}}\n"
        "@article{noted, author = {E, F}, title = {V}, journal = {L}, year = {2002}, "
        "note = {only here}}\n",
        encoding="utf-8",
    )
    assert bibliography_cover(tmp_path) == ["noted"]
    assert "field:note" in bibliography_features(tmp_path)["noted"]
