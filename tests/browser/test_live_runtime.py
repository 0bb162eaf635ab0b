"""Live mode's runtime on the built book: the engine in the reader's browser, from the site only.

``_static/live/bonemets-live.js`` (coursebook.live, coursebook/static/live) starts Pyodide in a Web
Worker with every request outside the site refused (chromium's closed proxy), and ``call()`` gives
the engine's own results, equal to CPython's for the same input. From ``file://``, ``start()``
refuses with the command that serves the folder. The first start stores a snapshot of the started
runtime in the site's IndexedDB; a second page in the same profile restores it and gives the same
results, and a damaged stored snapshot is dropped for a normal start. The profile and its first
start (over a planted damaged snapshot) are shared with test_live_cases.py: ``live_browser.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from bonemets.cases import live
from bonemets.formulas.calcium import corrected_calcium

from .conftest import ROOT, Site
from .live_browser import LOADER, PAGE, START_JS, LiveBrowser, open_page, shared_profile

#: One worker runs both live-mode modules: the runtime starts cold once (``live_profile``).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group(name="live")]

CASE = ROOT / "cases" / "data" / "lung_hypercalcaemia_confusion.yaml"

_CALL = """async ([fn, args]) => {
    try { return {json: await window.__rt.call(fn, args)}; }
    catch (e) { return {error: e.message, traceback: e.pythonTraceback || ""}; }
}"""

#: What became of the runtime's snapshot ("stored", "restored", "not stored: ...").
_SNAPSHOT = "() => window.__rt.snapshot"


@pytest.fixture(scope="module")
def live_profile(request, browser, course_site, tmp_path_factory) -> LiveBrowser:
    """The live-mode profile shared with test_live_cases.py, its first start done."""
    return shared_profile(request, browser, course_site, tmp_path_factory)


@pytest.fixture(scope="module")
def live_page(live_profile: LiveBrowser) -> tuple[Any, dict[str, Any], list[str]]:
    """The page of the profile's first start: (page, what start() gave, every request made in
    the profile until its snapshot was stored; the profile's other pages, test_live_cases.py's,
    record their own)."""
    first = live_profile.first
    assert first is not None
    assert not [u for u in first.before if "pyodide" in u or u.endswith(".whl")], first.before
    return first.page, first.started, first.requests


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


def test_a_second_start_restores_the_snapshot(live_page, live_profile, course_site: Site) -> None:
    first, started, requests = live_page
    # The first start found the planted snapshot, checked it, failed to restore it, started normally.
    assert "snapshot checksum" in started["timings"] and "Python started" in started["timings"]
    status = started["snapshot"]
    assert status.startswith(
        "stored, replacing one not used: it did not restore (extension layout "
    ), status
    first.close()
    since = len(live_profile.requests)
    page = open_page(live_profile, course_site)
    restored = page.evaluate(START_JS)
    assert page.evaluate(_SNAPSHOT) == "restored"
    assert "snapshot restored" in restored["timings"]
    assert "Python started" not in restored["timings"]
    assert restored["python"] == "3.14.2" and restored["steps"][-1] == ["Ready", 1]
    _same_as_cpython(page)
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(course_site.base_url))
    both = requests + live_profile.requests[since:]  # the first start's and this one's
    assert [u for u in both if not u.startswith((origin, "data:", "blob:"))] == []
    page.close()
