"""JupyterLab started in a folder of the repository other than its root draws the course's charts
offline: the live renderer's loader finds vega through the ``charts.server`` extension.

ONE ``jupyter lab`` serves every test of this module (a server's start is most of their time). It
runs in ``tests/browser/jupyterlab/`` (two levels below the root, like ``cd cases && jupyter lab``)
under a base URL (``/course/``, as behind a hub), with a configuration of its own
(:data:`LIGHT_SERVER`, :data:`PAGE_CONFIG`: a fresh ``JUPYTER_CONFIG_DIR``) that leaves out what
has nothing to do with a notebook's outputs: the language-server, terminal and classic-notebook
server extensions, the extension manager (read-only), the update check and the news feed, and
the front end's check that the application needs a build (each start of which ran yarn under
node). What draws the chart is untouched: the ``charts.server`` extension, the notebook, its
kernel, the output renderers, ipywidgets' manager.

* over HTTP (no browser): the extension serves each file the loader asks for, byte for byte, to
  logged-in users only, and nothing outside ``assets/vendor``; the route the loader falls back to
  (``files/assets/vendor``) cannot reach above the server's root;
* in Chromium: ``chart.ipynb`` is opened, its cell run, and the chart's SVG waited for; every
  request that leaves the server is refused (by chromium itself) and recorded, which a request
  the test makes last proves. The notebook is written by the test
  (:func:`write_notebook`) and removed after it; autosave is off and nothing is saved.

The extension's other checks (the folder found from any start, the config that enables it, the
loader's order) are in ``tests/charts/test_server.py``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from charts import render

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "assets" / "vendor"
FOLDER = Path(__file__).resolve().parent / "jupyterlab"
TOKEN = "bonemets-lab-test"
BASE_URL = "/course/"
CODE = """import charts.render
from charts import scores

charts.render.enable()
scores.band_scale("mirels", 9)"""
#: JupyterLab's "select a kernel" dialog's accept button
DIALOG = ".jp-Dialog .jp-mod-accept"
#: the notebook's kernel is started, connected and waiting: the status bar names a kernel (not
#: "No Kernel") and says Idle (the toolbar's indicator alone says idle before any kernel starts)
KERNEL_READY = """() => {
  const bar = document.querySelector("#jp-main-statusbar");
  const text = bar ? bar.textContent : "";
  return /[|] Idle/.test(text) && !/No Kernel/.test(text);
}"""
#: a request outside the server, made by the test itself (refused by chromium, recorded)
PROBE = "https://example.invalid/bonemets-lab-probe"
#: either of them, whichever comes first
DIALOG_OR_READY = f"() => document.querySelector({DIALOG!r}) !== null || ({KERNEL_READY})()"
#: server options of the test's lab: no language servers (their start looks for node modules),
#: terminals, classic notebook routes, extension installs (pip/PyPI), update check or news
LIGHT_SERVER = [
    '--ServerApp.jpserver_extensions={"jupyter_lsp": False, "jupyter_server_terminals": False, '
    '"notebook": False, "notebook_shim": False}',
    "--ServerApp.terminals_enabled=False",
    "--LabApp.extension_manager=readonly",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--LabApp.news_url=None",
]
#: ``labconfig/page_config.json`` of the test's lab: no build check (the front end asks the server
#: whether the application must be rebuilt, and the server runs ``yarn config`` under node to
#: answer), and the front ends of the features left out above
PAGE_CONFIG = {
    "buildCheck": False,
    "buildAvailable": False,
    "disabledExtensions": {
        "@jupyterlab/extensionmanager-extension": True,
        "@jupyterlab/lsp-extension": True,
        "@jupyterlab/terminal-extension": True,
        "@jupyterlab/apputils-extension:announcements": True,
    },
}


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
    labconfig = home / "config" / "labconfig"
    labconfig.mkdir(parents=True)
    (labconfig / "page_config.json").write_text(json.dumps(PAGE_CONFIG))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
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
            f"--ServerApp.base_url={BASE_URL}",
            *LIGHT_SERVER,
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        cwd=FOLDER,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}{BASE_URL}"
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
        # the checkpoint JupyterLab makes when it opens the notebook (nothing is saved)
        checkpoints = FOLDER / ".ipynb_checkpoints"
        (checkpoints / "chart-checkpoint.ipynb").unlink(missing_ok=True)
        for folder in (checkpoints, FOLDER):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a redirect (to the login page) is the answer itself


_OPENER = urllib.request.build_opener(_NoRedirect)


def _get(url: str) -> tuple[int, bytes]:
    """Status and body of a GET, redirects not followed."""
    try:
        with _OPENER.open(url, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, b""


@pytest.mark.slow
@pytest.mark.parametrize("package", sorted(render.VEGA_FILES))
def test_lab_in_a_subfolder_serves_what_the_loader_asks_for(lab: str, package: str) -> None:
    assert lab.endswith(BASE_URL) and (FOLDER / "chart.ipynb").is_file()
    rel = f"{render.VEGA_FILES[package]}.js"
    status, body = _get(f"{lab}{render.SERVER_PATH}{rel}?token={TOKEN}")
    assert status == 200
    assert body == (VENDOR / rel).read_bytes()
    # the route the loader falls back to cannot reach outside the server's root (FOLDER)
    assert not (FOLDER / "assets").exists()
    assert _get(f"{lab}files/assets/vendor/{rel}?token={TOKEN}")[0] == 404


@pytest.mark.slow
def test_only_logged_in_users_and_only_the_vendor_folder(lab: str) -> None:
    rel = f"{render.VEGA_FILES['vega']}.js"
    assert _get(f"{lab}{render.SERVER_PATH}{rel}")[0] in (302, 403)
    for escape in ("..%2F..%2FREADME.md", "../../README.md", "%2e%2e/%2e%2e/pyproject.toml"):
        assert _get(f"{lab}{render.SERVER_PATH}{escape}?token={TOKEN}")[0] in (
            403,
            404,
        ), escape


@pytest.mark.slow
def test_lab_in_a_subfolder_draws_a_chart_offline(browser, lab: str) -> None:
    before = (FOLDER / "chart.ipynb").read_bytes()
    page = browser.new_page()
    external: list[str] = []

    # Chromium itself refuses every request outside the loopback server (chromium.CHROMIUM_ARGS,
    # test_checker.py::test_the_browser_itself_refuses_every_outside_request); each is recorded
    # here. No request routing: it would carry each of JupyterLab's requests through Playwright.
    def outside(request) -> None:
        if not request.url.startswith((lab, "data:", "blob:", "about:")):
            external.append(request.url)

    page.on("request", outside)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if "bonemets chart" in m.text else None)
    try:
        page.goto(f"{lab}lab/tree/chart.ipynb?token={TOKEN}", timeout=180_000)
        page.wait_for_selector(".jp-Notebook .jp-CodeCell .jp-InputArea-editor", timeout=180_000)
        # JupyterLab may ask which kernel to start (accept: the notebook's own, Python 3), or
        # start it by itself: wait for whichever comes first, not a fixed time for a dialog
        page.wait_for_function(DIALOG_OR_READY, polling=100, timeout=180_000)
        if page.query_selector(DIALOG) is not None:
            page.click(DIALOG)
        page.wait_for_function(KERNEL_READY, polling=100, timeout=180_000)
        page.click(".jp-Notebook .jp-CodeCell .jp-InputArea-editor")
        page.keyboard.press("Shift+Enter")
        page.wait_for_selector(".bm-vega[data-bm-rendered] svg", state="attached", timeout=180_000)
        text = page.inner_text(".bm-vega")
        caption = page.inner_text(".bm-chart figcaption")
        seen = list(external)
        # the recorder's self-test, last: a request outside the server is recorded and refused
        probe = page.evaluate(
            "(u) => fetch(u, {mode: 'no-cors'}).then(() => 'reached', () => 'refused')", PROBE
        )
    finally:
        page.close()
    assert "Total points" in text and "Low fracture risk" in text  # drawn by vega, from the spec
    assert "Mirels" in caption
    assert seen == [], seen
    assert probe == "refused" and external == [PROBE], (probe, external)
    assert errors == [], errors
    assert (FOLDER / "chart.ipynb").read_bytes() == before  # nothing saved
