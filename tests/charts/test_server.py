"""Charts in a live notebook are drawn offline whatever folder JupyterLab was started in: the
``charts.server`` extension serves the vendored vega at the path the renderer's loader asks for."""

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

from charts import render, server

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "assets" / "vendor"
TOKEN = "bonemets-test-token"


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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


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


@pytest.fixture(scope="module")
def lab_in_cases() -> Iterator[str]:
    """``cd cases && jupyter lab``, as an instructor would start it (no browser, a fixed token)."""
    port = _free_port()
    env = {**os.environ, "JUPYTER_PLATFORM_DIRS": "1"}
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("jupyter")),
            "lab",
            "--no-browser",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--IdentityProvider.token={TOKEN}",
            "--ServerApp.base_url=/course/",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        cwd=ROOT / "cases",
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/course/"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"jupyter lab exited: {proc.stdout.read() if proc.stdout else ''}")
            try:
                if _get(f"{base}api/status?token={TOKEN}")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            pytest.fail("jupyter lab did not start within 90 s")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.mark.slow
@pytest.mark.parametrize("package", sorted(render.VEGA_FILES))
def test_lab_started_in_cases_serves_what_the_loader_asks_for(lab_in_cases: str, package: str):
    rel = f"{render.VEGA_FILES[package]}.js"
    status, body = _get(f"{lab_in_cases}{render.SERVER_PATH}{rel}?token={TOKEN}")
    assert status == 200
    assert body == (VENDOR / rel).read_bytes()
    # the route the loader falls back to cannot reach outside the server's root (cases/)
    assert _get(f"{lab_in_cases}files/assets/vendor/{rel}?token={TOKEN}")[0] == 404


@pytest.mark.slow
def test_only_logged_in_users_and_only_the_vendor_folder(lab_in_cases: str) -> None:
    rel = f"{render.VEGA_FILES['vega']}.js"
    assert _get(f"{lab_in_cases}{render.SERVER_PATH}{rel}")[0] in (302, 403)
    for escape in ("..%2F..%2FREADME.md", "../../README.md", "%2e%2e/%2e%2e/pyproject.toml"):
        assert _get(f"{lab_in_cases}{render.SERVER_PATH}{escape}?token={TOKEN}")[0] in (
            403,
            404,
        ), escape


def test_the_loader_asks_the_extension_first() -> None:
    html = render.chart_html({"mark": "point"}, element_id="x")
    served = html.index(json.dumps(render.SERVER_PATH))
    assert served < html.index('"files/assets/vendor/"')
    assert "jupyter-config-data" in html and "baseUrl" in html
