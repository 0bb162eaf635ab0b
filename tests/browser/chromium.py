"""How the browser tests and benchmarks start Debian's chromium (one place for it).

Playwright from PyPI drives the system chromium through ``executable_path``; ``playwright install``
is never run. The background-networking flags stop chromium reaching out at start-up (there is no
network here beyond the package registries).
"""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
