"""The pages of a Jupyter Book, known before it is built (from ``_toc.yml``), and its sources' age.

Browser tests are parametrized per page at collection time, before any build: the list comes from
``_toc.yml`` (files and ``glob:`` entries). A test then checks that the built site has no page
outside that list, so nothing is left unchecked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "PHONE_COVER_WHY",
    "SOURCE_GLOBS",
    "SPECIAL_PAGES",
    "WEIGHT_PAGES",
    "WEIGHT_TARGETS",
    "axe_include",
    "built_pages",
    "cover",
    "feature_selector",
    "first_load",
    "newest_source",
    "page_features",
    "phone_cover",
    "site_features",
    "site_pages",
]

SUFFIXES = (".md", ".ipynb")
#: Sphinx's own pages (not in the toc); search is also tested on its own.
SPECIAL_PAGES = ("genindex.html", "search.html")
#: What a course build depends on (for "is _build/html stale?").
SOURCE_GLOBS = (
    "_config.yml",
    "_toc.yml",
    "chapters/**/*",
    "cases/**/*.md",
    "cases/**/*.ipynb",
    "references/*.bib",
    "quizzes/**/*",
    "src/**/*.py",
    "src/**/*.js",
    "src/**/*.css",
    "assets/**/*",
)


def _entries(items: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for item in items:
        yield item
        for key in ("sections", "chapters"):
            yield from _entries(item.get(key, []) or [])
        for part in item.get("parts", []) or []:
            yield from _entries(part.get("chapters", []) or [])


def _docname(book: Path, path: Path) -> str:
    return path.relative_to(book).with_suffix("").as_posix()


def toc_docnames(book: Path) -> list[str]:
    """Every document of the book in toc order: ``file:`` entries, then ``glob:`` matches."""
    toc = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))
    names: list[str] = [str(toc["root"]).removesuffix(".md").removesuffix(".ipynb")]
    globs: list[str] = []
    for entry in _entries([toc]):
        if "file" in entry:
            name = str(entry["file"]).removesuffix(".md").removesuffix(".ipynb")
            if name not in names:
                names.append(name)
        if "glob" in entry:
            globs.append(str(entry["glob"]))
    for pattern in globs:
        for p in sorted(book.glob(pattern)):
            if p.suffix in SUFFIXES and ".ipynb_checkpoints" not in p.parts:
                name = _docname(book, p)
                if name not in names:
                    names.append(name)
    return names


def site_pages(book: Path) -> list[str]:
    """The HTML pages a build of ``book`` must have (relative paths), Sphinx's own included."""
    return [f"{n}.html" for n in toc_docnames(book)] + list(SPECIAL_PAGES)


def built_pages(html: Path) -> list[str]:
    """Every HTML page the book built (``_static``/``_sources``, the root redirect and JupyterLite's
    app pages under ``lite/``, tested by test_lite_notebook.py, excluded)."""
    out = []
    for p in sorted(html.rglob("*.html")):
        rel = p.relative_to(html).as_posix()
        if rel.split("/")[0] in {"_static", "_sources", "_images", "lite"} or rel == "index.html":
            continue
        out.append(rel)
    return out


def newest_source(root: Path, patterns: Iterable[str]) -> float:
    """The newest modification time among the files matching ``patterns`` under ``root``."""
    newest = 0.0
    for pattern in patterns:
        for p in root.glob(pattern):
            if p.is_file() and "__pycache__" not in p.parts:
                newest = max(newest, p.stat().st_mtime)
    return newest


#: Representative pages of each kind, for the page-weight figures and their test (paths in the site).
WEIGHT_PAGES: dict[str, str] = {
    "chapter (07)": "chapters/07_radiotherapy.html",
    "calculator page": "chapters/calculators/radiopharmaceutical.html",  # the heaviest
    "case page before live mode": "cases/breast_lytic_femur.html",
    "self-assessment page": "chapters/self_assessment.html",
}

#: The targets of issue 13 (first load, bytes); ``None``: no target, a figure only.
WEIGHT_TARGETS: dict[str, int | None] = {
    "chapter (07)": 600_000,
    "calculator page": 300_000,
    "case page before live mode": 1_500_000,
    "self-assessment page": None,
}


def first_load(browser: Any, url: str, *, idle_ms: int = 500, timeout_ms: int = 30_000) -> dict:
    """What a first visit to ``url`` transfers: a new browser context (cold cache), the page loaded
    and then left until no request has been in flight for ``idle_ms`` (scripts that load others,
    fonts, charts). Returns ``{"bytes": total, "requests": [(url, bytes), ...]}``, bytes as
    chromium counts them on the wire (``encodedDataLength``: headers and body; failed requests
    count what arrived). Every request outside the origin is refused by the browser (see
    ``chromium.CHROMIUM_ARGS``) and listed with 0 bytes. The reader has no pointer over the page
    (a phone's reader): mouse input is turned into touch input, under which a pointer at rest sends
    nothing (the headless shell's pointer at (0, 0) would otherwise load what the page defers
    until the reader first moves it; see ``chromium``)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setEmitTouchEventsForMouse", {"enabled": True})
        cdp.send("Network.enable")
        urls: dict[str, str] = {}
        sizes: dict[str, int] = {}
        cdp.on(
            "Network.requestWillBeSent",
            lambda e: urls.setdefault(e["requestId"], e["request"]["url"]),
        )
        cdp.on(
            "Network.loadingFinished",
            lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])),
        )
        cdp.on("Network.loadingFailed", lambda e: sizes.setdefault(e["requestId"], 0))
        page.goto(url, wait_until="load", timeout=timeout_ms)
        page.wait_for_load_state("networkidle", timeout=timeout_ms)
        rows = [(urls[r], sizes.get(r, 0)) for r in urls if not urls[r].startswith("data:")]
        return {"bytes": sum(b for _, b in rows), "requests": rows}
    finally:
        context.close()


# --- The phone cover: the pages on which the theme's mechanisms are checked at 390 px ----------

PHONE_COVER_WHY = """\
A page's features are read from its built HTML (``page_features``): every element kind
(``<table>``, ``<details>``, ``<pre>``...), every class token in the body (the coursebook's
components, ``bm-*``/``bmc-*``; the theme's, Sphinx's, sphinx-design's and Pygments' classes: an
admonition's kind, a code block's language and tokens, the contents' heading levels, the
navigation's expanded levels), the type of every ``<input>``, each kind of quiz item its quiz
renders (type, kind, ordered, unit: quiz.js builds them from the bank's JSON, not in the HTML),
the page's folder (which branch of the site navigation the menu dialog shows expanded) and whether
it has page contents (the contents button and dialog). The cover (``cover``) holds, for every
feature of any page, a page that has it: the first page (where the theme's chrome is checked),
then, for each other feature, the smallest page that holds it (bytes of HTML, the quiz's data
included): so a feature is checked on the smallest page that has it, and a large page is in the
cover only for what no smaller page holds. Each cover page is checked for the features it was
picked for (its ``cover[page]``; the elements that hold them: see ``feature_selector``)."""


#: An element's start tag (name, attributes) and an attribute's value.
_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTR = re.compile(r"""\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_JSON_SCRIPT = re.compile(r'<script type="application/json" id="([^"]+)">(.*?)</script>', re.DOTALL)


def _attrs(text: str) -> dict[str, str]:
    return {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTR.finditer(text)}


def page_features(html: str, rel: str) -> frozenset[str]:
    """The features of the built page ``rel`` whose HTML is ``html`` (see ``PHONE_COVER_WHY``):
    ``<tag>``, ``.class``, ``input:type``, ``quiz:type/kind[/ordered][/unit]``, ``folder:path``
    and ``contents``."""
    body = html[html.find("<body") :] if "<body" in html else html
    out: set[str] = {f"folder:{rel.rpartition('/')[0] or '.'}"}
    quiz_banks: set[str] = set()
    for tag, rest in _START_TAG.findall(body):
        tag = tag.lower()
        out.add(f"<{tag}>")
        attrs = _attrs(rest)
        out.update(f".{c}" for c in attrs.get("class", "").split())
        if tag == "input":
            out.add(f"input:{attrs.get('type', 'text').lower()}")
        if "bm-quiz" in attrs.get("class", "").split() and "data-review" not in attrs:
            quiz_banks.add(attrs.get("data-bank", ""))
    for bank, data in _JSON_SCRIPT.findall(body):
        if bank not in quiz_banks:
            continue  # (the review page's bank: shown item by item once due, not on opening)
        for item in json.loads(data).get("items", []):
            flags = "/ordered" * bool(item.get("ordered")) + "/unit" * bool(item.get("unit"))
            out.add(f"quiz:{item['type']}/{item['kind']}{flags}")
    secondary = re.search(r'id="pst-secondary-sidebar"(.*?)</nav>', body, re.DOTALL)
    if secondary and "href=" in secondary.group(1):
        out.add("contents")
    return frozenset(out)


def cover(
    features: Mapping[str, frozenset[str]], cost: Mapping[str, int], first: str
) -> dict[str, tuple[str, ...]]:
    """A covering set of pages: each feature of ``features`` (page -> its features) goes to one
    page that holds it, ``first`` if it holds it (``first`` is always in the result, with every
    feature it holds), else the cheapest page holding it (``cost``, then the name). Returns page
    -> the features it was picked for (sorted), cheapest page first (``first`` first)."""
    chosen: dict[str, list[str]] = {first: sorted(features[first])}
    for feature in sorted(set().union(*features.values()) - features[first]):
        page = min((p for p in features if feature in features[p]), key=lambda p: (cost[p], p))
        chosen.setdefault(page, []).append(feature)
    order = sorted(chosen, key=lambda p: (p != first, cost[p], p))
    return {page: tuple(sorted(chosen[page])) for page in order}


@cache
def site_features(
    html_root: Path, pages: tuple[str, ...]
) -> tuple[dict[str, frozenset[str]], dict[str, int]]:
    """Each page's features (``page_features``) and its cost (bytes of its HTML)."""
    texts = {rel: (html_root / rel).read_text(encoding="utf-8") for rel in pages}
    features = {rel: page_features(text, rel) for rel, text in texts.items()}
    return features, {rel: len(text.encode("utf-8")) for rel, text in texts.items()}


@cache
def phone_cover(html_root: Path, pages: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The phone cover of the built site at ``html_root`` (``pages``: its pages, the first
    one first), computed from the built HTML (see ``PHONE_COVER_WHY``)."""
    return cover(*site_features(html_root, pages), pages[0])


def feature_selector(feature: str) -> str | None:
    """A CSS selector of the elements that hold ``feature`` on a page, for the axe-core run a
    cover page has at phone width for the features it was picked for; ``None``: a feature of
    the whole page (its folder, its contents), checked on the whole page."""
    if feature.startswith("."):
        return "." + re.sub(r"([^a-zA-Z0-9_-])", r"\\\1", feature[1:])
    if feature.startswith("input:"):
        return f'input[type="{feature[6:]}"]'
    if feature.startswith("quiz:"):
        return ".bm-quiz:not(.bm-review)"
    if feature.startswith("<"):
        return feature[1:-1]
    return None


def axe_include(features: Iterable[str]) -> list[str] | None:
    """The elements a cover page's axe-core run at 390 px checks: those of the features it was
    picked for (``feature_selector``); ``None``: the whole page."""
    selectors = [feature_selector(f) for f in features]
    if any(s is None for s in selectors):
        return None
    return sorted({s for s in selectors if s is not None})
