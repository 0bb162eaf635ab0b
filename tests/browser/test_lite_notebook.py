""" "Open as a notebook": a case notebook runs in JupyterLite in the browser, offline (issue 13, item 2).

The site's JupyterLite (``_build/html/lite``, built by ``python -m coursebook.lite`` after the book;
``./course test`` builds it in the background under ``_build/.lite.lock``) opens a case notebook,
runs every cell on the Pyodide kernel with every request outside the site refused, and must print
the same evaluation as CPython's engine, draw its charts from the vendored vega and show the case
simulator's widgets.

JupyterLab's kernel-status spinner is an infinite CSS animation that runs for the whole kernel
start and run: in this headless chromium it makes the renderer, the browser and the GPU process
draw a frame 60 times a second, for nothing the test reads (the GPU process alone: 1.3-1.6 s of
CPU with it, 0.6 s without, on an unloaded run; more the longer a loaded machine makes the run).
Each infinite animation is paused when it starts (:data:`_PAUSE_INFINITE`; checked while the
kernel works); finite ones (transitions, a widget's fade) run as they are. The spinner is
JupyterLab's, not the course's; no check reads it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bonemets.cases import evaluate_case, load_case

from .conftest import exclusive

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
LITE = ROOT / "_build" / "html" / "lite"
#: A case whose notebook has every kind of output: scores, pathway, charts, the simulator.
CASE = "breast_lytic_femur"
#: Cold start of the Pyodide kernel plus a run of every cell, on a loaded 2-core machine.
TIMEOUT_MS = 240_000


#: Added to the page before its scripts: an infinite animation is paused as soon as it starts
#: (see the top).
_PAUSE_INFINITE = """
document.addEventListener("animationstart", (event) => {
    for (const a of event.target.getAnimations()) {
        if (a.animationName === event.animationName && a.effect
                && a.effect.getComputedTiming().iterations === Infinity) {
            a.pause();
        }
    }
}, true);
"""

#: The infinite animations running in the page (none, once :data:`_PAUSE_INFINITE` paused them).
_RUNNING_INFINITE = """() => document.getAnimations()
    .filter((a) => a.playState === "running" && a.effect
        && a.effect.getComputedTiming().iterations === Infinity)
    .map((a) => a.animationName || a.constructor.name)"""


@pytest.fixture(scope="module")
def lite_url(course_site: Any) -> str:
    """The served JupyterLite, built here if ``./course test``'s background build did not."""
    with exclusive(ROOT / "_build" / ".lite.lock"):
        if not (LITE / "jupyter-lite.json").is_file():
            subprocess.run([sys.executable, "-m", "coursebook.lite"], check=True, cwd=ROOT)
    return f"{course_site.base_url.rstrip('/')}/lite"


def _evaluation_text(case_id: str) -> str:
    from widgets.simulator import evaluation_text

    return evaluation_text(evaluate_case(load_case(ROOT / "cases" / "data" / f"{case_id}.yaml")))


def test_case_notebook_runs_in_jupyterlite_offline(browser: Any, lite_url: str) -> None:
    outside: list[str] = []
    page = browser.new_page()
    page.add_init_script(_PAUSE_INFINITE)
    origin = lite_url.rsplit("/lite", 1)[0]
    page.on(
        "request",
        lambda r: (
            outside.append(r.url) if not r.url.startswith((origin, "data:", "blob:")) else None
        ),
    )
    try:
        page.goto(f"{lite_url}/lab/index.html?path=cases/{CASE}.ipynb")
        idle = ".jp-Notebook-ExecutionIndicator[data-status='idle']"
        page.wait_for_selector(".jp-Notebook", timeout=TIMEOUT_MS)
        page.wait_for_selector(idle, timeout=TIMEOUT_MS)
        page.click("text=Run >> nth=0")
        page.click("text=Run All Cells")
        # "idle" above shows before Pyodide has started: the first cell runs only after the cold
        # start (25-47 s of wall time measured here under load), so this wait needs its timeout
        page.wait_for_selector(
            ".jp-Notebook-ExecutionIndicator[data-status='busy']", timeout=TIMEOUT_MS
        )
        running = page.evaluate(_RUNNING_INFINITE)
        assert running == [], f"an infinite animation runs while the kernel works: {running}"
        page.wait_for_selector(idle, timeout=TIMEOUT_MS)
        errors = page.locator("[data-mime-type='application/vnd.jupyter.error']").all_inner_texts()
        assert errors == [], f"a cell raised in JupyterLite: {errors[:2]}"
        prompts = page.locator(".jp-CodeCell .jp-InputArea-prompt").all_inner_texts()
        assert prompts and all(re.fullmatch(r"\[\d+\]:", p.strip()) for p in prompts), prompts
        printed = "\n".join(
            page.locator("[data-mime-type='application/vnd.jupyter.stdout']").all_inner_texts()
        )
        missing = [
            line
            for line in _evaluation_text(CASE).splitlines()
            if line.strip() and line not in printed
        ]
        assert missing == [], f"JupyterLite printed another evaluation than CPython: {missing[:3]}"
        assert page.locator("figure svg, .vega-embed svg").count() >= 1, "no chart was drawn"
        assert page.locator(".jupyter-widgets").count() >= 10, "the case simulator did not render"
        assert outside == [], f"requests outside the site: {outside[:3]}"
    finally:
        page.close()


def test_every_case_page_opens_its_notebook_in_jupyterlite(lite_url: str) -> None:
    """Each case page's "Open it as a notebook" link names a notebook JupyterLite holds."""
    html = ROOT / "_build" / "html"
    cases = sorted(p.stem for p in (ROOT / "cases" / "data").glob("*.yaml"))
    assert len(cases) >= 20
    for case_id in cases:
        page = (html / "cases" / f"{case_id}.html").read_text()
        hrefs = re.findall(r'class="bm-lite" href="([^"]+)"', page)
        assert hrefs == [f"../lite/lab/index.html?path=cases/{case_id}.ipynb"], case_id
        notebook = json.loads((LITE / "files" / "cases" / f"{case_id}.ipynb").read_text())
        code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
        assert code and all(c["outputs"] == [] for c in code), f"{case_id}: not a fresh notebook"
    assert (LITE / "lab" / "index.html").is_file()


def test_wheels_built_from_source_used_only_the_hashed_build_tools(lite_url: str) -> None:
    """markupsafe, pyrsistent and pyyaml were built as pure Python with the tools of
    ``requirements/lite-build.txt`` (installed hash-checked into ``_build/.lite/build-tools``), not
    with build dependencies pip resolves at build time (Cython from source broke the build once)."""
    from coursebook.lite import BUILD_LOCK, FROM_SOURCE, pins

    work = ROOT / "_build" / ".lite"
    tools = {
        p.name.split("-")[0].lower(): p.name.removesuffix(".dist-info").split("-")[1]
        for p in (work / "build-tools").glob("*.dist-info")
    }
    assert tools == {name: version for name, (version, _) in pins(BUILD_LOCK).items()}, tools
    built = sorted(
        p.name
        for p in (work / "wheels").glob("*.whl")
        if p.name.split("-")[0].lower() in FROM_SOURCE
    )
    assert [w.split("-")[0].lower() for w in built] == sorted(FROM_SOURCE), built
    assert all(w.endswith("-py3-none-any.whl") for w in built), built
