"""Fixtures of the browser tests: built sites, a local HTTP server, and Debian's chromium.

* ``course_site``: the course book in ``_build/html``. ``./course test`` builds it first; if it is
  missing or older than any of its sources, it is (re)built here with ``-W -n --keep-going``.
* ``fixture_site``: ``tests/browser/fixture_book`` (every feature of the coursebook extension:
  charts with and without require.js, saved widgets, math, all engine tables; and the hostile
  authored pages of ``authored_book.py``), built with the course's own ``_config.yml`` in a
  temporary folder.
* Under pytest-xdist each worker has its own server and chromium; a build (the course book when
  stale, the fixture book) happens once, under a file lock, and the other workers reuse it.
* ``browser``: one chromium for the whole session, launched from ``/usr/bin/chromium`` by
  Playwright (never ``playwright install``). Missing chromium skips the tests, or fails them when
  ``CI=true``.
"""

from __future__ import annotations

import contextlib
import fcntl
import http.server
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .authored_book import write_pages as write_authored_pages
from .chromium import CHROMIUM_ARGS, executable
from .local_server import serve_folder
from .pages import SOURCE_GLOBS, newest_source, site_pages

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_BOOK = Path(__file__).resolve().parent / "fixture_book"
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")


@dataclass(frozen=True)
class Site:
    """A built site served over HTTP: its folder, its base URL and its pages."""

    root: Path
    base_url: str
    pages: tuple[str, ...]


def build_book(book: Path, out: Path | None = None, env: dict[str, str] | None = None) -> Path:
    """``jupyter-book build BOOK -W -n --keep-going``; fail the tests with the log on warnings."""
    cmd = [str(JUPYTER_BOOK), "build", str(book), "-W", "-n", "--keep-going"]
    if out is not None:
        cmd += ["--path-output", str(out)]
    proc = subprocess.run(
        cmd, cwd=book, capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    if proc.returncode != 0:
        log = (proc.stdout + proc.stderr)[-6000:]
        pytest.fail(f"book build failed ({' '.join(cmd)}):\n{log}", pytrace=False)
    return (out or book) / "_build" / "html"


@pytest.fixture(scope="session")
def serve() -> Iterator[object]:
    """A function that serves a folder on 127.0.0.1 (ephemeral port) and returns its base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(directory: Path) -> str:
        server, base = serve_folder(directory)
        servers.append(server)
        return base

    yield start
    for s in servers:
        s.shutdown()
        s.server_close()


@contextlib.contextmanager
def exclusive(lock: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file ``lock``: one pytest-xdist worker at a time builds."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shared_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary folder shared by the xdist workers of this run (the run's own otherwise)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def course_site(serve) -> Site:
    """The course book, built if missing or stale (by one worker, the others wait), served."""
    html = ROOT / "_build" / "html"
    stamp = html / ".buildinfo"
    # the lock ``./course test`` holds while it builds the book in the background
    with exclusive(ROOT / "_build" / ".book.lock"):
        if not stamp.is_file() or newest_source(ROOT, SOURCE_GLOBS) > stamp.stat().st_mtime:
            build_book(ROOT)
    return Site(html, serve(html), tuple(site_pages(ROOT)))


@pytest.fixture(scope="session")
def fixture_site(serve, tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The fixture book, built once per run with the course's _config.yml in a temporary folder
    (shared by the xdist workers), served."""
    shared = shared_tmp(tmp_path_factory)
    book = shared / "fixture_book"
    html = book / "_build" / "html"
    with exclusive(shared / "fixture_book.lock"):
        if not (html / ".buildinfo").is_file():
            shutil.rmtree(book, ignore_errors=True)
            shutil.copytree(FIXTURE_BOOK, book)
            shutil.copy(ROOT / "_config.yml", book / "_config.yml")
            shutil.copytree(ROOT / "references", book / "references")
            (book / "chapters").mkdir(exist_ok=True)
            shutil.copy(
                ROOT / "chapters" / "objectives.yaml", book / "chapters" / "objectives.yaml"
            )
            (book / "assets").symlink_to(ROOT / "assets", target_is_directory=True)
            write_authored_pages(book)  # the hostile pages (test_authored_content.py)
            pythonpath = os.pathsep.join(
                [str(book), str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]
            )
            # live mode's band-scale drawings are the course's: shared with its build (drawn once)
            charts = str(ROOT / "_build" / ".live-charts")
            html = build_book(
                book, env={"PYTHONPATH": pythonpath, "COURSEBOOK_LIVE_CHARTS_CACHE": charts}
            )
    return Site(html, serve(html), tuple(site_pages(book)))


@pytest.fixture(scope="session")
def browser(system_packages: None) -> Iterator[object]:
    """One headless Debian chromium for the session (``chromium.executable``: the headless shell
    where installed; skipped without either, unless CI=true), once ``./course test``'s background
    install of it has ended (``system_packages``)."""
    exe = executable()
    if not Path(exe).is_file():
        msg = (
            f"chromium not found at {exe}: install Debian's chromium-headless-shell"
            " (apt-get install chromium-headless-shell) or chromium"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(msg + " -- CI must run the browser tests", pytrace=False)
        pytest.skip(msg)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def browser_context(browser) -> Iterator[object]:
    """One browser context for the per-page checks (shared HTTP cache, as for a reader)."""
    context = browser.new_context()
    yield context
    context.close()
