"""Charts in a live notebook are drawn offline whatever folder JupyterLab was started in: the
``charts.server`` extension serves the vendored vega at the path the renderer's loader asks for.

What a running server answers (each file the loader asks for, logged-in users only, nothing outside
the vendor folder) is checked on the one JupyterLab that ``tests/browser/test_jupyterlab_charts.py``
starts in a subfolder of the repository (a server's start is most of those tests' time)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from charts import render, server

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "assets" / "vendor"


def test_vendor_is_found_from_any_folder_of_the_repository() -> None:
    for start in (ROOT, ROOT / "cases", ROOT / "cases" / "data", ROOT / "chapters" / "calculators"):
        assert server.find_vendor(start) == VENDOR, start


def test_vendor_found_beside_the_package_when_started_elsewhere(tmp_path: Path) -> None:
    # A server started outside the repository still finds the files of the (editable) install.
    assert server.find_vendor(tmp_path) == VENDOR


def test_the_environment_enables_the_extension() -> None:
    """``pip install`` puts the config file into the environment (pyproject data-files)."""
    installed = Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d" / "charts.json"
    source = ROOT / "src" / "charts" / "jupyter-config" / "jupyter_server_config.d" / "charts.json"
    assert json.loads(source.read_text()) == {
        "ServerApp": {"jpserver_extensions": {"charts.server": True}}
    }
    assert installed.is_file(), f"{installed} missing: run ./course setup (pip install -e .)"
    assert json.loads(installed.read_text()) == json.loads(source.read_text())


def test_the_loader_asks_the_extension_first() -> None:
    html = render.chart_html({"mark": "point"}, element_id="x")
    served = html.index(json.dumps(render.SERVER_PATH))
    assert served < html.index('"files/assets/vendor/"')
    assert "jupyter-config-data" in html and "baseUrl" in html
