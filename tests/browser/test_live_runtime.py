"""Live mode's runtime on the built book: the engine in the reader's browser, from the site only.

``_static/live/bonemets-live.js`` (coursebook.live, coursebook/static/live) starts Pyodide in a Web
Worker with every request outside the site refused (chromium's closed proxy), and ``call()`` gives
the engine's own results, equal to CPython's for the same input. From ``file://``, ``start()``
refuses with the command that serves the folder. The first start stores a snapshot of the started
runtime in the site's IndexedDB; a second page in the same context restores it and gives the same
results, and a damaged stored snapshot is dropped for a normal start. One context for the module.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from bonemets.cases import live
from bonemets.formulas.calcium import corrected_calcium

from .conftest import ROOT, Site

#: One worker runs the module: the runtime starts once (module fixture).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group(name="live_runtime")]

LOADER = "_static/live/bonemets-live.js"
#: A page of the site with no redirect (index.html forwards to the first chapter).
PAGE = "genindex.html"
CASE = ROOT / "cases" / "data" / "lung_hypercalcaemia_confusion.yaml"

_START = """async () => {
    const t0 = performance.now();
    const steps = [];
    const rt = await BonemetsLive.start({onProgress: (m, f) => steps.push([m, f])});
    window.__rt = rt;
    return {ms: performance.now() - t0, python: rt.pythonVersion, steps, timings: rt.timings};
}"""

_CALL = """async ([fn, args]) => {
    try { return {json: await window.__rt.call(fn, args)}; }
    catch (e) { return {error: e.message, traceback: e.pythonTraceback || ""}; }
}"""

#: Wait for what became of the runtime's snapshot ("stored", "restored", "not stored: ...").
_SNAPSHOT = "() => window.__rt.snapshot"

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


def _checksum(*parts: bytes) -> str:
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


@pytest.fixture(scope="module")
def live_context(browser) -> Iterator[tuple[Any, list[str]]]:
    """One browser context (its HTTP cache and IndexedDB) and every request made in it."""
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))  # the pages' and their workers'
    yield context, requests
    context.close()


def _open(context: Any, course_site: Site) -> Any:
    page = context.new_page()
    page.goto(course_site.base_url + PAGE)
    page.add_script_tag(url=course_site.base_url + LOADER)
    return page


@pytest.fixture(scope="module")
def live_page(live_context, course_site: Site) -> tuple[Any, dict[str, Any], list[str]]:
    """A site page with the loader added, started: (page, what start() gave, every request)."""
    context, requests = live_context
    page = _open(context, course_site)
    before = list(requests)
    assert not [u for u in before if "pyodide" in u or u.endswith(".whl")], before
    # A stored snapshot for this very build that passes its checksum and looks like a Pyodide heap
    # (magic number, header size) but whose extension layout is not this runtime's: the runtime is
    # instantiated, the restore refused, and the start must drop it, start Python normally (a second
    # runtime in the same worker) and store a good one.
    manifest = json.loads((course_site.root / "_static/live/manifest.json").read_text())
    header = (0x706E7300).to_bytes(4, "little") + (64).to_bytes(4, "little")
    heap, files = header + bytes(4096 - len(header)), b"\x00" * 8
    page.evaluate(
        _PLANT,
        {
            "id": manifest["id"],
            "heap": list(heap),
            "files": list(files),
            "checksum": _checksum(b"\x01", heap, files),
        },
    )
    started = page.evaluate(_START)
    return page, started, requests


def _call(page: Any, fn: str, **kwargs: Any) -> dict[str, Any]:
    out: dict[str, Any] = page.evaluate(_CALL, [fn, json.dumps(kwargs)])
    return out


def test_start_loads_only_from_the_site(live_page, course_site: Site) -> None:
    _page, started, requests = live_page
    assert started["python"] == "3.14.2"
    assert started["steps"][-1] == ["Ready", 1]
    fractions = [f for _m, f in started["steps"]]
    assert fractions == sorted(fractions)
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(course_site.base_url))
    outside = [u for u in requests if not u.startswith((origin, "data:", "blob:"))]
    assert outside == []
    manifest = json.loads((course_site.root / "_static/live/manifest.json").read_text())
    fetched = {u.removeprefix(origin).split("?")[0] for u in requests}
    for wheel in manifest["wheels"]:
        assert f"_static/live/{wheel}".replace("live/../", "") in fetched, wheel


def _edits(text: str) -> dict[str, Any]:
    # Two edits the case's own form offers: a yes/no finding flipped, a choice changed.
    fields = live.form(text)["fields"]
    edits: dict[str, Any] = {}
    for kind in ("boolean", "choice"):
        field = next(f for f in fields if f["kind"] == kind and f["value"] is not None)
        edits[field["path"]] = next(
            o["value"] for o in field["options"] if o["value"] != field["value"]
        )
    assert len(edits) == 2, edits
    return edits


def _same_as_cpython(page: Any) -> None:
    text = CASE.read_text(encoding="utf-8")
    edits = _edits(text)
    expected = json.loads(json.dumps(live.evaluate(text, edits)))
    assert not expected.get("errors"), expected["errors"]
    out = _call(page, "bonemets.cases.live:evaluate", case=text, edits=edits)
    assert json.loads(out["json"]) == expected
    unedited = _call(page, "bonemets.cases.live:evaluate", case=text)
    assert json.loads(unedited["json"]) == json.loads(json.dumps(live.evaluate(text)))
    args = {"calcium": 2.1, "albumin": 25.0, "units": "si"}
    out = _call(page, "bonemets.formulas.calcium:corrected_calcium", **args)
    assert json.loads(out["json"]) == corrected_calcium(**args)


def test_case_evaluation_equals_cpython(live_page) -> None:
    _same_as_cpython(live_page[0])


def test_a_python_error_rejects_with_its_message(live_page) -> None:
    page = live_page[0]
    out = _call(page, "bonemets.formulas.calcium:corrected_calcium", calcium=2.1)
    assert out["error"].startswith("TypeError: corrected_calcium() missing 2 required")
    assert "Traceback" in out["traceback"]
    out = _call(page, "os:getcwd")
    assert "bonemets.module:function" in out["error"]


def test_from_a_file_the_message_says_how_to_serve(browser, course_site: Site) -> None:
    page = browser.new_page()
    try:
        root: Path = course_site.root
        page.goto((root / PAGE).as_uri())
        page.add_script_tag(url=(root / LOADER).as_uri())
        message = page.evaluate(
            "() => BonemetsLive.start({}).then(() => 'started', (e) => e.message)"
        )
    finally:
        page.close()
    assert f'python3 -m http.server --directory "{root}"' in message
    assert f"http://localhost:8000/{PAGE}" in message


def test_a_second_start_restores_the_snapshot(live_page, live_context, course_site: Site) -> None:
    first, started, requests = live_page
    # The first start found the planted snapshot, checked it, failed to restore it, started normally.
    assert "snapshot checksum" in started["timings"] and "Python started" in started["timings"]
    status = first.evaluate(_SNAPSHOT)
    assert status.startswith(
        "stored, replacing one not used: it did not restore (extension layout "
    ), status
    first.close()
    page = _open(live_context[0], course_site)
    restored = page.evaluate(_START)
    assert page.evaluate(_SNAPSHOT) == "restored"
    assert "snapshot restored" in restored["timings"]
    assert "Python started" not in restored["timings"]
    assert restored["python"] == "3.14.2" and restored["steps"][-1] == ["Ready", 1]
    _same_as_cpython(page)
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(course_site.base_url))
    assert [u for u in requests if not u.startswith((origin, "data:", "blob:"))] == []
    page.close()
