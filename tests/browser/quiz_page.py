"""A quiz page in Debian chromium, for the quiz tests (test_quiz.py, test_progress.py,
test_results_analysis.py): every request that leaves the page's origin and every console error
fails the test (checked by ``close()``).

Requests outside the origin are recorded from the page's ``request`` events; chromium itself refuses
them (``chromium.CHROMIUM_ARGS``: a closed proxy), so no Playwright routing is needed, and the HTTP
cache works as for a reader (routing every request through Playwright turned the cache off).

A page can be reused from test to test (``reuse(url)``): its origin's stored progress is
cleared first, which is all a new browser profile is to the quiz (its progress, seed and settings
live in ``localStorage`` alone), and the page process is not started again for each test.
``shared_tab(browser)`` is that page for every quiz module of a test process (test_quiz.py,
test_progress.py, test_results_analysis.py; test_quiz_review.py opens its pages in its context):
one browser context, not one per module (a context and its first page cost about 0.7 s of CPU).
Each module serves its pages from a server of its own, so no two modules share an origin.

``built_items(selection)`` is ``bonemets.quiz.build.build_items(selection, ROOT)`` with the course's
banks loaded once per test process (``course_bank``): loading and checking the banks is most of
what building a chapter's items costs (0.37 s of 0.38 s), and the quiz modules build five
selections. ``build_items`` loads the same banks itself when given none, so the items are the same.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bonemets.quiz.bank import LoadedBank, load_bank
from bonemets.quiz.build import BuiltItem, build_items

ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def course_bank() -> LoadedBank:
    """The course's quiz banks, loaded and checked once per test process (the tests only read)."""
    return load_bank(ROOT)


def built_items(selection: str) -> list[BuiltItem]:
    """The built items of ``selection`` (a chapter id, or ``all``), from :func:`course_bank`."""
    return build_items(selection, ROOT, bank=course_bank())


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def clear_local_storage(context: Any, page: Any, url: str) -> None:
    """Empty the ``localStorage`` of ``url``'s origin (DevTools protocol): all a new profile
    means to the quiz, which keeps its progress, seed and settings nowhere else."""
    cdp = context.new_cdp_session(page)
    try:
        cdp.send(
            "Storage.clearDataForOrigin",
            {"origin": origin_of(url), "storageTypes": "local_storage"},
        )
    finally:
        cdp.detach()


_SHARED: dict[int, Page] = {}


def shared_tab(browser: Any) -> Page:
    """The one page (in one context) that the quiz modules of this test process reuse (each test
    opens it as a new profile: ``Page.reuse``); closed with the browser at the session's end."""
    if id(browser) not in _SHARED:
        context = browser.new_context(accept_downloads=True)
        _SHARED[id(browser)] = Page(browser, None, context=context)
    return _SHARED[id(browser)]


class Page:
    """One chromium page on a quiz page (in a new context unless ``context`` is given)."""

    def __init__(self, browser: Any, url: str | None, context: Any = None) -> None:
        self.own_context = context is None
        self.context = context or browser.new_context(accept_downloads=True)
        self.page = self.context.new_page()
        self.external: list[str] = []
        self.errors: list[str] = []
        self.origin = ""
        self.page.on("request", self._request)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", lambda d: d.accept())
        if url is not None:
            self.goto(url)

    def _request(self, request: Any) -> None:
        url = request.url
        if not url.startswith((self.origin + "/", "blob:", "data:", "about:")):
            self.external.append(url)

    def goto(self, url: str) -> None:
        self.origin = origin_of(url)
        self.page.goto(url)
        self.page.wait_for_selector("fieldset.bm-q")

    def reuse(self, url: str) -> Page:
        """This page, as a new profile would open ``url``: nothing recorded, the origin's
        ``localStorage`` empty."""
        self.page.goto("about:blank")
        # After the old document is gone: its last events (a refused image's console error)
        # come in until then.
        self.external.clear()
        self.errors.clear()
        clear_local_storage(self.context, self.page, url)
        self.goto(url)
        stored = self.page.evaluate("() => localStorage.getItem('bonemets-quiz:v2')")
        assert stored is None or '"answers":{}' in stored, f"progress left from before: {stored}"
        return self

    def q(self, item_id: str) -> Any:
        return self.page.locator(f"fieldset[data-item='{item_id}']")

    def check(self) -> None:
        assert self.external == [], f"external requests: {self.external}"
        assert self.errors == [], f"console errors: {self.errors}"

    def close(self) -> None:
        """Check, then close the page's context (its own) or leave the page for reuse."""
        self.check()
        if self.own_context:
            self.context.close()
