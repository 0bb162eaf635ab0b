"""Live mode's runtime on the built book: the engine in the reader's browser, from the site only.

``_static/live/bonemets-live.js`` (coursebook.live, coursebook/static/live) starts Pyodide in a Web
Worker with every request outside the site refused (chromium's closed proxy), and ``call()`` gives
the engine's own results, equal to CPython's for the same input. From ``file://``, ``start()``
refuses with the command that serves the folder. One page and one runtime for the module.
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
    return {ms: performance.now() - t0, python: rt.pythonVersion, steps};
}"""

_CALL = """async ([fn, args]) => {
    try { return {json: await window.__rt.call(fn, args)}; }
    catch (e) { return {error: e.message, traceback: e.pythonTraceback || ""}; }
}"""


@pytest.fixture(scope="module")
def live_page(browser, course_site: Site) -> Iterator[tuple[Any, dict[str, Any], list[str]]]:
    """A site page with the loader added, started: (page, what start() gave, every request)."""
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))  # the page's and its worker's
    page.goto(course_site.base_url + PAGE)
    page.add_script_tag(url=course_site.base_url + LOADER)
    before = list(requests)
    assert not [u for u in before if "pyodide" in u or u.endswith(".whl")], before
    started = page.evaluate(_START)
    yield page, started, requests
    context.close()


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


def test_call_gives_the_engines_own_result(live_page) -> None:
    page = live_page[0]
    args = {"calcium": 2.1, "albumin": 25.0, "units": "si"}
    out = _call(page, "bonemets.formulas.calcium:corrected_calcium", **args)
    assert json.loads(out["json"]) == corrected_calcium(**args)


def test_case_evaluation_equals_cpython(live_page) -> None:
    page = live_page[0]
    text = CASE.read_text(encoding="utf-8")
    # Two edits the case's own form offers: a yes/no finding flipped, a choice changed.
    fields = live.form(text)["fields"]
    edits: dict[str, Any] = {}
    for kind in ("boolean", "choice"):
        field = next(f for f in fields if f["kind"] == kind and f["value"] is not None)
        edits[field["path"]] = next(
            o["value"] for o in field["options"] if o["value"] != field["value"]
        )
    assert len(edits) == 2, edits
    expected = json.loads(json.dumps(live.evaluate(text, edits)))
    assert not expected.get("errors"), expected["errors"]
    out = _call(page, "bonemets.cases.live:evaluate", case=text, edits=edits)
    assert json.loads(out["json"]) == expected
    unedited = _call(page, "bonemets.cases.live:evaluate", case=text)
    assert json.loads(unedited["json"]) == json.loads(json.dumps(live.evaluate(text)))


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
