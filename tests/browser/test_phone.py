"""Every page of the built course on a 390 px phone screen, in Debian chromium with no network.

Per page (the list comes from ``_toc.yml``, :func:`pages.site_pages`): nothing scrolls sideways
(``document.scrollingElement.scrollWidth <= innerWidth``), the menu button opens the site
navigation, the contents button opens the page's contents where the page has them, every chart's
text is shown at 11 px or more, and axe-core finds no serious or critical violation at this width
(the theme's header and sidebar, the same on every page, on the first page only).

One browser context and one tab serve every page (a reader moving from page to page: the HTTP
cache is shared), so the module costs about a second per page.

Then the first-load targets of issue 13 that the site meets, measured as
``benchmarks/page_weight.py`` prints them (a cold cache: a new context per page; every outside
request refused; the page left until the network is idle).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .checker import AXE_JS, CHROME
from .conftest import ROOT, Site
from .pages import WEIGHT_PAGES, WEIGHT_TARGETS, first_load, site_pages

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PAGES = site_pages(ROOT)
#: Smallest chart text a phone may show (px).
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

_VISIBLE = """(sel) => [...document.querySelectorAll(sel)].filter(
    (e) => e.offsetWidth > 0 && e.offsetHeight > 0 && getComputedStyle(e).visibility !== "hidden"
).length"""

_DIALOG = """(id) => {
    const d = document.getElementById(id);
    if (!d || !d.open) return {open: false, links: 0};
    const links = [...d.querySelectorAll("a[href]")].filter((a) => a.offsetWidth > 0).length;
    return {open: true, links};
}"""

_AXE = """async (exclude) => {
    const context = exclude.length ? {exclude: exclude.map((s) => [s])} : document;
    const r = await axe.run(context, {resultTypes: ["violations"]});
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(" "))}`);
}"""


@pytest.fixture(scope="module")
def phone(browser) -> Iterator[Any]:
    """One tab at 390 x 844 for the whole module."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


def _open(page: Any, toggle: str, dialog: str) -> dict[str, Any]:
    button = page.locator(f"{toggle}:visible").first
    button.click()
    try:
        page.wait_for_function(f"() => document.getElementById('{dialog}').open", timeout=3_000)
    except Exception:  # reported by the caller's assertion
        pass
    state = page.evaluate(_DIALOG, dialog)
    if state["open"]:
        page.keyboard.press("Escape")
        page.wait_for_function(f"() => !document.getElementById('{dialog}').open", timeout=3_000)
    return state


@pytest.mark.parametrize("path", PAGES)
def test_page_on_a_phone(phone, course_site: Site, path: str) -> None:
    page = phone
    page.goto(course_site.base_url + path, wait_until="load")
    problems: list[str] = []

    width = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    if width[0] > width[1]:
        wide = page.evaluate(_WIDE)
        problems.append(f"scrolls sideways: {width[0]} px wide on a {width[1]} px screen {wide}")

    if page.evaluate(_VISIBLE, ".primary-toggle") < 1:
        problems.append("no visible menu button")
    else:
        menu = _open(page, ".primary-toggle", "pst-primary-sidebar-modal")
        if not (menu["open"] and menu["links"] > 0):
            problems.append(f"the menu button does not open the site navigation: {menu}")

    has_contents = page.evaluate(
        "() => !!document.querySelector('#pst-secondary-sidebar nav a[href], "
        "#pst-secondary-sidebar-modal nav a[href]')"
    )
    if has_contents:
        if page.evaluate(_VISIBLE, ".secondary-toggle") < 1:
            problems.append("the page has contents but no visible contents button")
        else:
            contents = _open(page, ".secondary-toggle", "pst-secondary-sidebar-modal")
            if not (contents["open"] and contents["links"] > 0):
                problems.append(f"the contents button does not open the contents: {contents}")

    small = [t for t in page.evaluate(_CHART_TEXT) if t["px"] < MIN_CHART_TEXT_PX - 0.05]
    if small:
        problems.append(f"chart text under {MIN_CHART_TEXT_PX} px: {small[:5]}")

    # The page at rest: no Bootstrap tooltip left over from the buttons clicked above.
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.mouse.move(1, 1)  # off the buttons: over the notice banner
    page.wait_for_function("() => !document.querySelector('.tooltip')", timeout=3_000)
    page.add_script_tag(path=str(AXE_JS))
    exclude = [] if path == PAGES[0] else list(CHROME)
    problems += [f"axe {v}" for v in page.evaluate(_AXE, exclude)]
    assert not problems, f"{path} at 390 px:\n  " + "\n  ".join(problems)


#: The first-load targets of issue 13 that the site meets, asserted so that they stay met. The
#: calculator page's (300 kB) is not met yet (about 330 kB: the theme's style sheet and scripts
#: alone are about 250 kB); benchmarks/page_weight.py prints it beside its target.
ASSERTED_TARGETS = ("chapter (07)", "case page before live mode")


@pytest.mark.parametrize(
    ("label", "target"),
    [(label, WEIGHT_TARGETS[label]) for label in ASSERTED_TARGETS],
)
def test_first_load_within_target(browser, course_site: Site, label: str, target: int) -> None:
    load = first_load(browser, course_site.base_url + WEIGHT_PAGES[label])
    biggest = sorted(load["requests"], key=lambda r: -r[1])[:5]
    assert load["bytes"] <= target, (
        f"{label}: first load {load['bytes']:,} bytes > {target:,}; largest: {biggest}"
    )
