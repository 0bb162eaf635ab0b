"""The browser of the live-mode tests (test_live_runtime.py, test_live_cases.py): one chromium
profile, kept on disk, shared by both modules (one xdist group, ``live``), and the runtime's first
start in it.

* A persistent profile, as a reader's browser has: its disk cache keeps ``pyodide.asm.wasm`` (9.6 MB)
  and V8 keeps its compiled code, so a page that goes live after the first restores the runtime
  without downloading and compiling it again. A Playwright incognito context has only a memory
  cache, which refuses a file that large: every case page fetched and compiled it anew.
* The first start in the profile (:func:`first_start`) is the one cold start of both modules, and
  the hardest: a damaged snapshot is planted first (its checksum right, its extension layout not
  this runtime's), so the start must refuse it, start Python normally and store a good snapshot.
  test_live_runtime.py checks that start (requests, progress, the fallback, the results); every
  later start, on a case page or not, restores the stored snapshot (test_live_runtime.py proves a
  restore gives the same results, test_live_cases.py uses it on each case page it opens).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .chromium import CHROMIUM_ARGS, executable
from .conftest import Site

#: A page of the site with no redirect (index.html forwards to the first chapter).
PAGE = "genindex.html"
LOADER = "_static/live/bonemets-live.js"

START_JS = """async () => {
    const t0 = performance.now();
    const steps = [];
    const rt = await BonemetsLive.start({onProgress: (m, f) => steps.push([m, f])});
    window.__rt = rt;
    return {ms: performance.now() - t0, python: rt.pythonVersion, steps, timings: rt.timings};
}"""

#: Store a snapshot record for this site whose checksum is right but which cannot be restored.
_PLANT = """async (record) => {
    const db = await new Promise((ok, ko) => {
        const r = indexedDB.open("bonemets-live", 1);
        r.onupgradeneeded = () => r.result.createObjectStore("snapshot");
        r.onsuccess = () => ok(r.result);
        r.onerror = () => ko(r.error);
    });
    const tx = db.transaction("snapshot", "readwrite");
    const heap = {length: 4096, map: new Uint8Array([1]), data: new Uint8Array(record.heap)};
    const files = new Uint8Array(record.files);
    tx.objectStore("snapshot").put(
        {format: 1, id: record.id, heap, files, dynlibs: [], handles: [], checksum: record.checksum},
        "runtime");
    await new Promise((ok) => { tx.oncomplete = ok; });
    db.close();
}"""


def checksum(*parts: bytes) -> str:
    """bonemets-live-worker.js's checksum() in Python (32-bit arithmetic)."""
    m = 0xFFFFFFFF

    def imul(x: int, y: int) -> int:
        return (x * y) & m

    a, b = 0x811C9DC5, 0x01000193
    for p in parts:
        words = len(p) // 4
        for i in range(words):
            x = int.from_bytes(p[4 * i : 4 * i + 4], "little")
            a = imul(a ^ x, 0x9E3779B1)
            a = ((a << 13) | (a >> 19)) & m
            b = imul((b + x) & m, 0x85EBCA77) ^ (b >> 15)
        for c in p[4 * words :]:
            a = imul(a ^ c, 0x9E3779B1)
            b = imul((b + c) & m, 0x85EBCA77)
        a = imul(a ^ len(p), 0xC2B2AE35)
    return f"{a:08x}{b:08x}"


@dataclass
class FirstStart:
    """The profile's first start: its page (still running), what ``start()`` gave (and what
    became of its snapshot), the requests made in the profile before ``start()`` and every
    request made until its snapshot was stored (the page's and its worker's)."""

    page: Any
    started: dict[str, Any]
    before: list[str]
    requests: list[str]


@dataclass
class LiveBrowser:
    """The shared profile: its context and every request made in it (pages and their workers)."""

    context: Any
    requests: list[str] = field(default_factory=list)
    first: FirstStart | None = None


_PROFILES: dict[int, LiveBrowser] = {}


def live_browser(browser: Any, profile_dir: Callable[[], Path]) -> LiveBrowser:
    """The live-mode profile of this session's ``browser`` (its Playwright), made on first use
    in the folder ``profile_dir()`` gives."""
    key = id(browser)
    if key not in _PROFILES:
        context = browser.browser_type.launch_persistent_context(
            str(profile_dir()), executable_path=executable(), args=CHROMIUM_ARGS
        )
        shared = LiveBrowser(context)
        context.on("request", lambda r: shared.requests.append(r.url))
        _PROFILES[key] = shared
    return _PROFILES[key]


def close_live_browser(browser: Any) -> None:
    """Close the profile of ``browser`` (at the end of the session; safe to call twice)."""
    shared = _PROFILES.pop(id(browser), None)
    if shared is not None:
        shared.context.close()


def open_page(shared: LiveBrowser, site: Site) -> Any:
    """A new page of the profile on :data:`PAGE` with the loader added (not started)."""
    page = shared.context.new_page()
    page.goto(site.base_url + PAGE)
    page.add_script_tag(url=site.base_url + LOADER)
    return page


def first_start(shared: LiveBrowser, site: Site) -> FirstStart:
    """The profile's first start, over a planted damaged snapshot (done once; see the top)."""
    if shared.first is None:
        page = open_page(shared, site)
        before = list(shared.requests)  # the page and the loader: nothing of the runtime yet
        # A stored snapshot for this very build that passes its checksum and looks like a
        # Pyodide heap (magic number, header size) but whose extension layout is not this
        # runtime's: the runtime is instantiated, the restore refused, and the start must drop
        # it, start Python normally (a second runtime in the same worker) and store a good one.
        manifest = json.loads((site.root / "_static/live/manifest.json").read_text())
        header = (0x706E7300).to_bytes(4, "little") + (64).to_bytes(4, "little")
        heap, files = header + bytes(4096 - len(header)), b"\x00" * 8
        page.evaluate(
            _PLANT,
            {
                "id": manifest["id"],
                "heap": list(heap),
                "files": list(files),
                "checksum": checksum(b"\x01", heap, files),
            },
        )
        started = page.evaluate(START_JS)
        # the good snapshot is stored before any other page of the profile starts the runtime
        started["snapshot"] = page.evaluate("() => window.__rt.snapshot")
        shared.first = FirstStart(page, started, before, list(shared.requests))
    return shared.first


def shared_profile(
    request: pytest.FixtureRequest,
    browser: Any,
    site: Site,
    tmp_path_factory: pytest.TempPathFactory,
) -> LiveBrowser:
    """The shared live-mode profile with its first start done, for a module's fixture (each
    module gets the same profile; it is closed when the session ends, before ``browser``)."""
    if id(browser) not in _PROFILES:
        shared = live_browser(browser, lambda: tmp_path_factory.mktemp("live-profile"))
        request.session.addfinalizer(lambda: close_live_browser(browser))
    else:
        shared = _PROFILES[id(browser)]
    first_start(shared, site)
    return shared
