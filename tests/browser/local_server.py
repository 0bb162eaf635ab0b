"""A folder served on 127.0.0.1 (an ephemeral port) without a log line per request: the browser
tests' ``serve`` fixture (``conftest.py``) and the benchmarks that open the built site in chromium."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_folder(directory: Path | str) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``directory`` from a background thread: (the server, to ``shutdown()``; its base URL,
    ending in ``/``)."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"
