"""How the browser tests and benchmarks start Debian's chromium (one place for it).

Playwright from PyPI drives the system chromium through ``executable_path``; ``playwright install``
is never run. The background-networking flags stop chromium reaching out at start-up (there is no
network here beyond the package registries).

Not Debian's ``chromium-headless-shell`` (same release, far cheaper: no browser window drawn
off-screen, so a chapter load costs the browser process ~32 ms instead of ~85 ms and the GPU
process ~22 ms instead of ~50 ms): it puts the mouse at (0, 0) of the page, so every page gets a
trusted ``pointerover`` on load, as if the reader had moved the pointer (the theme then loads
Bootstrap, which the page defers until the reader's first interaction; the page-weight test
fails). ``benchmarks/chromium_idle.py`` measures what chromium spends on a page at rest.
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
    # Every request outside this machine goes to a closed local port and fails (chromium sends
    # loopback addresses direct), so a page cannot reach a CDN even if a test forgets to check;
    # the tests still record each such attempt. Unlike Playwright request routing, this keeps
    # chromium's HTTP and compiled-script caches, so a page's vendored scripts load once per run.
    "--proxy-server=http://127.0.0.1:9",
]
