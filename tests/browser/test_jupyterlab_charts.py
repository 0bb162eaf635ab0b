"""JupyterLab started in a folder of the repository other than its root draws the course's charts
offline: the live renderer's loader finds vega through the ``charts.server`` extension.

``jupyter lab`` runs in ``tests/browser/jupyterlab/`` (two levels below the root, like
``cd cases && jupyter lab``), Chromium opens ``chart.ipynb`` there, runs its cell and waits for the
chart's SVG; every request that leaves the server is refused and recorded. The notebook is written
by the test (:func:`write_notebook`) and removed after it; autosave is off and nothing is saved.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

FOLDER = Path(__file__).resolve().parent / "jupyterlab"
TOKEN = "bonemets-lab-test"
CODE = """import charts.render
from charts import scores

charts.render.enable()
scores.band_scale("mirels", 9)"""


def write_notebook() -> Path:
    """``chart.ipynb`` in :data:`FOLDER`: one cell that draws a chart through the live renderer."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "A chart through the course's offline renderer, written and removed by "
            "`tests/browser/test_jupyterlab_charts.py`.",
            id="chart-0",
        ),
        nbformat.v4.new_code_cell(CODE, id="chart-1"),
    ]
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    FOLDER.mkdir(exist_ok=True)
    path = FOLDER / "chart.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    notebook = write_notebook()
    home = tmp_path_factory.mktemp("lab-home")
    settings = home / "settings" / "@jupyterlab" / "docmanager-extension"
    settings.mkdir(parents=True)
    (settings / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("jupyter")),
            "lab",
            "--no-browser",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--IdentityProvider.token={TOKEN}",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        cwd=FOLDER,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}api/status?token={TOKEN}", timeout=5)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("jupyter lab did not start")
                time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        notebook.unlink(missing_ok=True)
        if not any(FOLDER.iterdir()):
            FOLDER.rmdir()


@pytest.mark.slow
def test_lab_in_a_subfolder_draws_a_chart_offline(browser, lab: str) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    before = (FOLDER / "chart.ipynb").read_bytes()
    page = browser.new_page()
    external: list[str] = []

    def only_the_server(route) -> None:
        if route.request.url.startswith(lab):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_server)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if "bonemets chart" in m.text else None)
    try:
        page.goto(f"{lab}lab/tree/chart.ipynb?token={TOKEN}", timeout=180_000)
        page.wait_for_selector(".jp-Notebook .jp-CodeCell .jp-InputArea-editor", timeout=180_000)
        try:  # JupyterLab may ask which kernel to start: the notebook's own (Python 3)
            page.click(".jp-Dialog .jp-mod-accept", timeout=20_000)
        except PlaywrightTimeout:  # no dialog: the kernel started by itself
            pass
        page.click(".jp-Notebook .jp-CodeCell .jp-InputArea-editor")
        page.keyboard.press("Shift+Enter")
        page.wait_for_selector(".bm-vega[data-bm-rendered] svg", state="attached", timeout=180_000)
        text = page.inner_text(".bm-vega")
        caption = page.inner_text(".bm-chart figcaption")
    finally:
        page.close()
    assert "Total points" in text and "Low fracture risk" in text  # drawn by vega, from the spec
    assert "Mirels" in caption
    assert external == [], external
    assert errors == [], errors
    assert (FOLDER / "chart.ipynb").read_bytes() == before  # nothing saved
