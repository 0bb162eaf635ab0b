"""What the browser tests check on one page, independent of pytest (so it can be tested itself).

:func:`check_page` loads a page of a served site in a fresh browser context and returns a
:class:`PageReport`: console errors, requests to any other origin (blocked and recorded), failed
same-origin requests, charts that did not draw, saved widgets that did not render, math that was not
typeset, the notice, internal links whose page or ``#fragment`` does not exist, and axe-core's serious
or critical violations. :meth:`PageReport.problems` lists them as readable lines.

With ``phone=True`` the same page (no second visit) is then resized to a 390 px phone screen and
checked again there (:func:`phone_problems`), on the page at rest (nothing sliding or fading).
Always (what depends on the page's own content): nothing scrolls sideways, chart text is 11 px or
more, and every box that scrolls at that width can be reached with the keyboard (axe-core's
``scrollable-region-focusable``, run when a candidate box is found). With ``phone_cover`` (a page
of the phone cover, ``pages.phone_cover``: the theme's and the components' mechanisms, the same
wherever they occur): axe-core's serious and critical rules again at that width (layout decides
colour contrast and which elements are shown at all), on the elements of the features the page
covers (``phone_axe_include``) or the whole page, before any button is clicked; then the menu and
contents buttons open their dialogs and Escape closes them. Console errors, failed and outside
requests are recorded through both widths.
"""

from __future__ import annotations

import html.parser
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, Request

from .local_server import AXE_JS, AXE_PATH, SERVED

__all__ = [
    "AXE_JS",
    "AXE_SERIOUS_OPTIONS",
    "DESKTOP",
    "MIN_CHART_TEXT_PX",
    "NOTICE",
    "PHONE",
    "PageReport",
    "check_links",
    "check_page",
    "inject_axe",
    "page_ids",
    "phone_problems",
]

HERE = Path(__file__).resolve().parent
NOTICE = "Educational use only, not clinical advice."
ARTIFACTS = HERE.parents[1] / "test-artifacts"

#: Every chart container the book can produce: ours, vega-embed's own, altair's default renderer.
CHART_SELECTOR = ".bm-vega, [id^='altair-viz-']"

#: Wait in the page until ``until(arg)`` holds (checked now and after each change to the
#: document: a MutationObserver, so no frame is drawn only to poll), at most ``ms``
#: milliseconds; returns whether it holds. (Playwright's ``wait_for_function`` polls on every
#: animation frame, which makes the browser draw frames for the whole wait.)
_WAIT_UNTIL = """async ([until, arg, ms]) => {
    const holds = () => until(arg);
    if (holds()) return true;
    return await new Promise((done) => {
        const end = () => { observer.disconnect(); clearTimeout(timer); done(holds()); };
        const observer = new MutationObserver(() => { if (holds()) end(); });
        const timer = setTimeout(end, ms);
        observer.observe(document, {subtree: true, childList: true, attributes: true,
                                    characterData: true});
    });
}"""

#: Every chart drawn, or showing its error.
_CHARTS_DONE = """(sel) => [...document.querySelectorAll(sel)].every(
    (e) => e.querySelector("svg, canvas") || e.getAttribute("data-bm-rendered")
        || /could not|error/i.test(e.textContent || ""))"""

#: At least ``n`` saved widgets rendered.
_WIDGETS_DONE = """(n) => document.querySelectorAll(".jupyter-widgets").length >= n"""


def _wait_until(page: Page, until: str, arg: Any, timeout_ms: int) -> bool:
    """Whether ``until(arg)`` (JavaScript) holds within ``timeout_ms`` (``_WAIT_UNTIL``)."""
    expression = f"([arg, ms]) => ({_WAIT_UNTIL})([{until}, arg, ms])"
    return bool(page.evaluate(expression, [arg, timeout_ms]))


_CHART_STATE = """(sel) => [...document.querySelectorAll(sel)].map((e) => ({
    id: e.id, drawn: !!e.querySelector("svg, canvas"), text: (e.textContent || "").slice(0, 200)}))"""

_WIDGETS = """() => ({
    expected: document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').length,
    rendered: document.querySelectorAll(".jupyter-widgets").length})"""

_MATH = """async () => {
    const expected = document.querySelectorAll("div.math, span.math").length;
    // MathJax loads when a formula nears the view (coursebook-math.js): load it now.
    if (expected && window.bonemetsMath) await window.bonemetsMath.load();
    if (expected && window.MathJax && MathJax.startup && MathJax.startup.promise) {
        try { await MathJax.startup.promise; } catch (e) {}
    }
    return {expected, rendered: document.querySelectorAll("mjx-container").length};
}"""

#: The default viewport of a browser context (Playwright's): the width of the first checks.
DESKTOP = {"width": 1280, "height": 720}


@cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def inject_axe(page: Page) -> None:
    """Load axe-core into ``page`` unless it is there: from the page's own test server
    (``local_server.AXE_PATH``, a ``<script src>``: chromium keeps its compiled code between
    pages), else evaluated as a script over the DevTools protocol (not an inline ``<script>``,
    which costs about twice the CPU per page: the page then holds a 650 kB text node and Blink
    compiles it again). ``window.axe`` either way."""
    if page.evaluate("() => !!window.axe"):
        return
    base = "{0.scheme}://{0.netloc}/".format(urlsplit(page.url))
    if base in SERVED:
        page.add_script_tag(url=base + AXE_PATH.lstrip("/"))
    else:
        page.evaluate(_axe_source())


#: Theme chrome repeated identically on every page: axe checks it on one page per site only.
CHROME = (".bd-sidebar-primary", ".bd-header")

#: axe-core's serious and critical violations. A rule that declares its impact reports every
#: finding at that impact (axe-core 4.14 sets each check's impact to the rule's), so the rules
#: declared minor or moderate (landmarks, headings order, region...) cannot report one: they are
#: not run, which leaves the result unchanged and the run shorter.
AXE_SERIOUS_OPTIONS = """{resultTypes: ["violations"], rules: Object.fromEntries(axe._audit.rules
    .filter((r) => r.impact === "minor" || r.impact === "moderate")
    .map((r) => [r.id, {enabled: false}]))}"""

_AXE = (
    """async (exclude) => {
    const context = exclude.length ? {exclude: exclude.map((s) => [s])} : document;
    const r = await axe.run(context, """
    + AXE_SERIOUS_OPTIONS
    + """);
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => ({id: v.id, impact: v.impact, help: v.help,
                      targets: v.nodes.slice(0, 5).map((n) => n.target.join(" "))}));
}"""
)

#: :data:`_AXE` on part of the page: ``[exclude, include, rules]``. ``include``: CSS selectors of
#: the elements checked (those that match nothing on the page are left out; none left: no run,
#: ``[]``), ``null`` for the whole page; ``rules``: only these rules (``null``: the serious and
#: critical ones, as :data:`_AXE`).
_AXE_PART = (
    """async ([exclude, include, rules]) => {
    let context = exclude.length ? {exclude: exclude.map((s) => [s])} : document;
    if (include) {
        const found = include.filter((s) => document.querySelector(s));
        if (!found.length) return [];
        context = {include: found.map((s) => [s]), exclude: exclude.map((s) => [s])};
    }
    const options = rules ? {resultTypes: ["violations"], runOnly: {type: "rule", values: rules}}
        : """
    + AXE_SERIOUS_OPTIONS
    + """;
    const r = await axe.run(context, options);
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => ({id: v.id, impact: v.impact, help: v.help,
                      targets: v.nodes.slice(0, 5).map((n) => n.target.join(" "))}));
}"""
)


@dataclass
class PageReport:
    """Everything found on one page. ``problems()`` is empty for a good page."""

    url: str
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    charts: list[dict[str, Any]] = field(default_factory=list)
    widgets: dict[str, int] = field(default_factory=lambda: {"expected": 0, "rendered": 0})
    math: dict[str, int] = field(default_factory=lambda: {"expected": 0, "rendered": 0})
    notice: bool = False
    broken_links: list[str] = field(default_factory=list)
    axe: list[dict[str, Any]] = field(default_factory=list)
    screenshot: Path | None = None
    #: The viewport width of the checks above (CSS px).
    width: int = 0
    #: What the checks at phone width found (``None``: not checked at phone width).
    phone: list[str] | None = None
    phone_screenshot: Path | None = None

    def problems(self) -> list[str]:
        """One readable line per problem; with phone checks, each line names its width."""
        out = self._problems()
        if self.phone is None:
            return out
        return [f"at {self.width} px: {p}" for p in out] + [
            f"at {PHONE['width']} px: {p}" for p in self.phone
        ]

    def _problems(self) -> list[str]:
        out = [f"console error: {e}" for e in self.console_errors]
        out += [f"request to another origin: {u}" for u in self.external_requests]
        out += [f"failed request: {u}" for u in self.failed_requests]
        out += [f"chart #{c['id']} not drawn: {c['text']!r}" for c in self.charts if not c["drawn"]]
        if self.widgets["rendered"] < self.widgets["expected"]:
            out.append(
                f"saved widgets not rendered: {self.widgets['rendered']} of "
                f"{self.widgets['expected']}"
            )
        if self.math["expected"] and not self.math["rendered"]:
            out.append(f"math not typeset: {self.math['expected']} math elements, 0 rendered")
        if not self.notice:
            out.append(f"notice {NOTICE!r} missing")
        out += [f"broken link: {b}" for b in self.broken_links]
        out += [
            f"axe {v['impact']} {v['id']}: {v['help']} at {', '.join(v['targets'])}"
            for v in self.axe
        ]
        return out


class _Ids(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for k, v in attrs:
            if k == "id" and v:
                self.ids.add(v)
            elif k == "name" and tag == "a" and v:
                self.ids.add(v)


@cache
def page_ids(path: Path) -> frozenset[str]:
    """Every ``id`` (and ``<a name>``) in an HTML file."""
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return frozenset(parser.ids)


#: JupyterLite (``python -m coursebook.lite``) is built after the book, while the page checks run.
LITE_PREFIX = "lite/"


def check_links(hrefs: list[str], base_url: str, root: Path) -> list[str]:
    """Same-origin links whose file does not exist under ``root`` or whose fragment is not an id
    of that file. ``hrefs`` are absolute (as ``a.href`` gives them)."""
    broken: list[str] = []
    for href in sorted(set(hrefs)):
        if not href.startswith(base_url):
            continue
        url, fragment = urldefrag(href)
        rel = unquote(urlsplit(url).path)[len(urlsplit(base_url).path) :]
        if rel.startswith(LITE_PREFIX):
            continue  # built after the book; test_lite_notebook.py checks these links
        target = root / rel
        if rel == "" or rel.endswith("/"):
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{href} (no file {rel or 'index.html'})")
            continue
        if fragment and target.suffix == ".html" and unquote(fragment) not in page_ids(target):
            broken.append(f"{href} (no id {unquote(fragment)!r} in {target.relative_to(root)})")
    return broken


#: A phone screen (CSS px), and the smallest chart text it may show (px).
PHONE = {"width": 390, "height": 844}
MIN_CHART_TEXT_PX = 11

_CHART_TEXT = """() => {
    const out = [];
    for (const t of document.querySelectorAll("figure.bm-chart svg text, .bm-vega svg text")) {
        if (!(t.textContent || "").trim()) continue;
        const m = t.getScreenCTM();
        if (!m) continue;
        const size = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
        out.push({text: t.textContent.trim().slice(0, 40), px: Math.round(size * 100) / 100});
    }
    return out;
}"""

#: What sticks out of the screen, outside any box that scrolls or hides its overflow.
_WIDE = """() => [...document.querySelectorAll("body *")].filter((e) => {
    const r = e.getBoundingClientRect();
    if (!(r.right > window.innerWidth + 1 && r.width > 0)) return false;
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (style.overflowX !== "visible" || style.position === "fixed") return false;
    }
    return true;
}).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.getAttribute("class") || ""}`)"""

#: Whether the dialog ``[id, want]`` is open (``want`` true) or closed: waited for with
#: :func:`_wait_until` (``showModal()`` and ``close()`` set and remove its ``open`` attribute).
_DIALOG_IS = (
    """([id, want]) => { const d = document.getElementById(id); return !!d && d.open === want; }"""
)

#: The dialog's state: open, and how many of its links are shown.
_DIALOG = """(id) => {
    const d = document.getElementById(id);
    if (!d || !d.open) return {open: false, links: 0};
    const links = [...d.querySelectorAll("a[href]")].filter((a) => a.offsetWidth > 0).length;
    return {open: true, links};
}"""

#: The two buttons at phone width: how many menu buttons are shown, whether the page has
#: contents (in the sidebar or already in its dialog) and how many contents buttons are shown.
_TOGGLES = """() => {
    const shown = (sel) => [...document.querySelectorAll(sel)].filter(
        (e) => e.offsetWidth > 0 && e.offsetHeight > 0
            && getComputedStyle(e).visibility !== "hidden").length;
    return {menu: shown(".primary-toggle"), contents: shown(".secondary-toggle"),
        hasContents: !!document.querySelector(
            "#pst-secondary-sidebar nav a[href], #pst-secondary-sidebar-modal nav a[href]")};
}"""

#: The layout has settled at the new width: two animation frames after the resize (a chart
#: drawn to its container's width redraws on the window's resize event).
_SETTLED = (
    """() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"""
)


#: Nothing moves: a frame with no CSS transition or finite animation running (each one started
#: is waited for; an infinite one, a spinner, is not). Returns what it waited for.
_AT_REST = """async () => {
    const frame = () => new Promise((done) => requestAnimationFrame(done));
    const waited = [];
    for (let round = 0; round < 10; round++) {
        await frame();  // style recalculated: the transitions of the last change have started
        const moving = document.getAnimations().filter(
            (a) => a.playState === "running" && isFinite(a.effect.getComputedTiming().endTime));
        if (!moving.length) break;
        waited.push(...moving.map((a) => a.transitionProperty || a.animationName || "animation"));
        const ended = Promise.all(moving.map((a) => a.finished.catch(() => null)));
        await Promise.race([ended, new Promise((done) => setTimeout(done, 5000))]);
    }
    return waited;
}"""

#: The theme's dialog is closed and at rest: its close handler has moved the sidebar back out of
#: the dialog, and every CSS transition this started has ended. (At phone width the sidebar that
#: gets its classes back slides out with a ``visibility`` and ``margin`` transition: until it ends
#: the links are still shown, half off screen over the page, which axe-core reports as colour
#: contrast on ``.bd-sidenav ... .reference.internal``.) Returns the transitions waited for.
_CLOSED = (
    """async (id) => {
    const d = document.getElementById(id);
    const frame = () => new Promise((done) => requestAnimationFrame(done));
    for (let i = 0; i < 300 && (d.open || d.childElementCount); i++) await frame();
    return await ("""
    + _AT_REST
    + """)();
}"""
)


#: :data:`_SETTLED`, then :data:`_AT_REST` (returns what it waited for).
_SETTLED_AT_REST = (
    """async () => { await (""" + _SETTLED + """)(); return await (""" + _AT_REST + """)(); }"""
)


#: How long a dialog may take to open after the click, or to close after Escape (ms).
DIALOG_MS = 3_000


def _open_dialog(page: Page, toggle: str, dialog: str, *, settle: bool = True) -> dict[str, Any]:
    """Click ``toggle`` (a real click: Playwright's checks that it is shown, still and the
    target of the pointer, then trusted mouse events), read whether ``dialog`` opened with links,
    close it with the Escape key (a trusted key press) and read that it closed (``closed``);
    with ``settle``, then wait until it is at rest (``_CLOSED``). Each wait is in the page
    (:func:`_wait_until`, on the dialog's ``open`` attribute)."""
    page.locator(f"{toggle}:visible").first.click()
    _wait_until(page, _DIALOG_IS, [dialog, True], DIALOG_MS)  # else reported by the caller
    state = page.evaluate(_DIALOG, dialog)
    if state["open"]:
        page.keyboard.press("Escape")
        state["closed"] = _wait_until(page, _DIALOG_IS, [dialog, False], DIALOG_MS)
        if settle and state["closed"]:
            state["closing"] = page.evaluate(_CLOSED, dialog)
    return state


#: How many boxes on the page scroll (``overflow`` auto or scroll, content larger than the box)
#: and are not themselves in the keyboard's tab order, shown, outside ``exclude`` (selectors):
#: a superset of the boxes for which axe-core's ``scrollable-region-focusable`` can fail (it
#: passes a box in the tab order, and leaves out hidden ones).
_SCROLLERS = """(exclude) => [...document.body.querySelectorAll("*")].filter((e) => {
    if (e.tabIndex >= 0) return false;
    if (e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight) return false;
    const style = getComputedStyle(e);
    if (!/auto|scroll/.test(style.overflowX + " " + style.overflowY)) return false;
    return e.checkVisibility({visibilityProperty: true}) && !exclude.some((s) => e.closest(s));
}).length"""

#: The axe-core rule whose result at phone width depends on the page's own content (which
#: boxes overflow at 390 px): run on every page (only when ``_SCROLLERS`` finds a candidate).
SCROLL_RULE = "scrollable-region-focusable"


def _axe_lines(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"axe {v['impact']} {v['id']}: {v['help']} at {', '.join(v['targets'])}" for v in violations
    ]


def phone_problems(
    page: Page,
    *,
    axe_chrome: bool = True,
    cover: bool = True,
    axe_include: list[str] | None = None,
) -> list[str]:
    """Resize ``page`` (already loaded) to :data:`PHONE` and check it there.

    On every page (what depends on the page's own content): nothing scrolls sideways, chart text
    is at least :data:`MIN_CHART_TEXT_PX`, and every box that scrolls at this width can be
    reached with the keyboard (axe-core's ``scrollable-region-focusable``, run only when a box
    that scrolls and is not in the tab order is found: ``_SCROLLERS``).

    With ``cover`` (a page of the phone cover, ``pages.phone_cover``: the theme's mechanisms,
    the same on every page): no serious or critical axe-core violation on ``axe_include`` (CSS
    selectors of the elements of the features the page covers; ``None``: the whole page), the
    menu button opens the site navigation and Escape closes it, and the contents button opens
    the page's contents where it has them. ``axe_chrome=False``: the theme's header and sidebar
    left out of the axe runs."""
    page.set_viewport_size(PHONE)
    # The layout settled at this width (``_SETTLED``) and at rest (the resize's transitions
    # ended: ``_AT_REST``), in one call: every check below sees the page as a reader first sees
    # it at this width.
    page.evaluate(_SETTLED_AT_REST)
    problems: list[str] = []
    exclude = [] if axe_chrome else list(CHROME)

    width = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    if width[0] > width[1]:
        wide = page.evaluate(_WIDE)
        problems.append(f"scrolls sideways: {width[0]} px wide on a {width[1]} px screen {wide}")

    small = [t for t in page.evaluate(_CHART_TEXT) if t["px"] < MIN_CHART_TEXT_PX - 0.05]
    if small:
        problems.append(f"chart text under {MIN_CHART_TEXT_PX} px: {small[:5]}")

    # axe-core on the page as a reader first sees it at this width, at rest (above), before any
    # button is clicked: so no dialog has moved the site navigation and no tooltip is showing,
    # and the dialog checks below need not wait for the page to settle again after them (their
    # closing transitions are waited for only by ``_open_dialog``'s default, which its self-test
    # in test_phone.py holds).
    whole = cover and axe_include is None  # (the full run below includes the scroll rule)
    if not whole and page.evaluate(_SCROLLERS, exclude):
        inject_axe(page)
        problems += _axe_lines(page.evaluate(_AXE_PART, [exclude, None, [SCROLL_RULE]]))
    if not cover:
        return problems
    inject_axe(page)
    found = page.evaluate(_AXE_PART, [exclude, axe_include, None])
    problems += [p for p in _axe_lines(found) if p not in problems]

    toggles = page.evaluate(_TOGGLES)
    if toggles["menu"] < 1:
        problems.append("no visible menu button")
    else:
        menu = _open_dialog(page, ".primary-toggle", "pst-primary-sidebar-modal", settle=False)
        if not (menu["open"] and menu["links"] > 0):
            problems.append(f"the menu button does not open the site navigation: {menu}")
        elif not menu["closed"]:
            problems.append(f"the Escape key does not close the site navigation: {menu}")

    if toggles["hasContents"] and any(p.startswith("the Escape key") for p in problems):
        problems.append("the contents button not checked: the site navigation stayed open")
    elif toggles["hasContents"]:
        if toggles["contents"] < 1:
            problems.append("the page has contents but no visible contents button")
        else:
            contents = _open_dialog(
                page, ".secondary-toggle", "pst-secondary-sidebar-modal", settle=False
            )
            if not (contents["open"] and contents["links"] > 0):
                problems.append(f"the contents button does not open the contents: {contents}")
            elif not contents["closed"]:
                problems.append(f"the Escape key does not close the contents: {contents}")
    return problems


def _slug(url: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", url.split("://", 1)[-1])[:150]


def check_page(
    browser: Browser | BrowserContext,
    base_url: str,
    path: str,
    root: Path,
    *,
    axe: bool = True,
    axe_chrome: bool = True,
    links: bool = True,
    phone: bool = False,
    phone_cover: bool = True,
    phone_axe_include: list[str] | None = None,
    timeout_ms: int = 15_000,
    tab: Page | None = None,
) -> PageReport:
    """Load ``base_url + path`` with every other origin blocked, and check it (see module doc).

    Given a :class:`Browser`, the page gets a fresh context (no cache); given a
    :class:`BrowserContext`, a new page in it (the HTTP cache is shared, like a reader moving
    from page to page, which keeps a run over every page fast). ``axe_chrome=False`` leaves the
    theme's navigation and header (the same on every page) out of the axe runs. ``phone=True``:
    then the same page at phone width (:func:`phone_problems`, with ``phone_cover`` and
    ``phone_axe_include`` as its ``cover`` and ``axe_include``), into ``report.phone``.

    ``tab``: load the page in this tab instead (left open, its listeners removed; first emptied
    with ``about:blank`` and set back to :data:`DESKTOP` width): a reader moving between pages in
    one tab, whose renderer keeps what it has parsed and compiled (the theme's scripts and styles),
    which keeps a run over every page cheaper."""
    url = base_url + path
    report = PageReport(url=url)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    own_context = tab is None and isinstance(browser, Browser)
    context = browser.new_context() if own_context else browser

    def on_request(req: Request) -> None:
        u = req.url
        if u.startswith(("data:", "blob:", "about:")) or u.startswith(origin + "/"):
            return
        if u not in report.external_requests:
            report.external_requests.append(u)

    page: Page = tab if tab is not None else context.new_page()
    if tab is not None:
        # The page before is left first (unloaded before this report listens), and the tab is
        # set back to the desktop width there (the resize then lays out nothing).
        tab.goto("about:blank")
        if tab.viewport_size != DESKTOP:
            tab.set_viewport_size(DESKTOP)
    # Outside requests are refused by the browser itself (``chromium.CHROMIUM_ARGS``: a closed
    # proxy for every non-loopback address) and recorded here; no request routing, which would
    # switch off the HTTP cache that a reader moving between pages has.
    listeners: dict[str, Any] = {
        "request": on_request,
        "console": lambda m: report.console_errors.append(m.text) if m.type == "error" else None,
        "pageerror": lambda e: report.console_errors.append(f"uncaught: {e}"),
        "response": lambda r: (
            report.failed_requests.append(f"{r.status} {r.url}") if r.status >= 400 else None
        ),
        "requestfailed": lambda r: (
            report.failed_requests.append(f"{r.failure} {r.url}")
            if r.url.startswith(origin + "/")
            else None
        ),
    }
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        page.goto(url, wait_until="load", timeout=timeout_ms)
        _wait_until(page, _CHARTS_DONE, CHART_SELECTOR, timeout_ms)  # else reported below
        report.charts = page.evaluate(_CHART_STATE, CHART_SELECTOR)
        widgets = page.evaluate(_WIDGETS)
        if widgets["expected"]:
            _wait_until(page, _WIDGETS_DONE, widgets["expected"], timeout_ms)
            widgets = page.evaluate(_WIDGETS)
        report.widgets = widgets
        report.math = page.evaluate(_MATH)
        notice = page.evaluate(
            "() => [...document.querySelectorAll('.bm-notice')].map((e) => e.textContent).join(' ')"
        )
        report.notice = NOTICE in (notice or "")
        if links:
            hrefs = page.evaluate(
                "() => [...document.querySelectorAll('a[href]')].map(a => a.href)"
            )
            report.broken_links = check_links(hrefs, base_url, root)
        if axe:
            inject_axe(page)
            report.axe = page.evaluate(_AXE, [] if axe_chrome else list(CHROME))
        report.width = (page.viewport_size or {"width": 0})["width"]
        if report._problems():
            ARTIFACTS.mkdir(exist_ok=True)
            report.screenshot = ARTIFACTS / f"{_slug(url)}.png"
            page.screenshot(path=str(report.screenshot), full_page=True)
        if phone:
            report.phone = phone_problems(
                page, axe_chrome=axe_chrome, cover=phone_cover, axe_include=phone_axe_include
            )
            if report.phone:
                ARTIFACTS.mkdir(exist_ok=True)
                report.phone_screenshot = ARTIFACTS / f"{_slug(url)}_{PHONE['width']}px.png"
                page.screenshot(path=str(report.phone_screenshot), full_page=True)
    finally:
        if tab is None:
            page.close()
        else:
            for event, listener in listeners.items():
                page.remove_listener(event, listener)
        if own_context:
            context.close()
    return report
