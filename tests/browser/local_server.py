"""A folder served on 127.0.0.1 (an ephemeral port) without a log line per request: the browser
tests' ``serve`` fixture (``conftest.py``) and the benchmarks that open the built site in chromium.

Each server also serves the vendored axe-core at :data:`AXE_PATH` (a path no built site has), so
that ``checker.inject_axe`` loads it with a ``<script src>``: chromium then keeps its compiled
code between pages (V8's code cache), which an evaluated script text does not get. Over the
course's 59 pages, loading it took 2.6 s of CPU against 6.6 to 7.2 s evaluated (runs alternated).
A page of any other server gets it evaluated."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

#: The vendored axe-core (``vendor/MANIFEST.md``) and where every server here serves it.
AXE_JS = Path(__file__).with_name("vendor") / "axe-core@4.14.1" / "axe.min.js"
AXE_PATH = "/.browser-tests/axe.min.js"
#: The base URL of every server started in this process (``serve_folder``).
SERVED: set[str] = set()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if path.split("?", 1)[0] == AXE_PATH:
            return str(AXE_JS)
        return super().translate_path(path)


def serve_folder(directory: Path | str) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``directory`` from a background thread: (the server, to ``shutdown()``; its base URL,
    ending in ``/``)."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    SERVED.add(base)
    return server, base
