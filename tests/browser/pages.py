"""The pages of a Jupyter Book, known before it is built (from ``_toc.yml``), and its sources' age.

Browser tests are parametrized per page at collection time, before any build: the list comes from
``_toc.yml`` (files and ``glob:`` entries). A test then checks that the built site has no page
outside that list, so nothing is left unchecked.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "SOURCE_GLOBS",
    "SPECIAL_PAGES",
    "WEIGHT_PAGES",
    "WEIGHT_TARGETS",
    "built_pages",
    "first_load",
    "newest_source",
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
    ``chromium.CHROMIUM_ARGS``) and listed with 0 bytes."""
    context = browser.new_context()
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
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
