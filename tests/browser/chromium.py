"""How the browser tests and benchmarks start Debian's chromium (one place for it).

Playwright from PyPI drives a system chromium through ``executable_path``; ``playwright install``
is never run. The binary is Debian's ``chromium-headless-shell`` where it is installed (what
``./course test`` installs with CI=true as root), else Debian's ``chromium``; ``CHROMIUM=path``
overrides both. The headless shell is the same Blink and V8 from the same Debian source and
release, without a browser window drawn off-screen: over the browser tests it used 354 s of CPU
where ``chromium`` used 414 s (2 cores, tests/browser; measured side by side), and Debian's package
is smaller (64 MB against 81 MB, with no GTK). Every test passes with either.

One difference matters to the tests: the headless shell puts the mouse at (0, 0) of every page
it loads, so the page gets a trusted ``pointerover`` as soon as it is laid out, as a desktop
reader's page does when the pointer rests over it. The theme defers Bootstrap until the reader
first moves the pointer (``templates/layout.html``), so a first-load measurement must state its
reader: ``pages.first_load`` measures a reader with no pointer over the page (a phone's reader,
the one issue 13's targets are for) by turning mouse input into touch input
(``Emulation.setEmitTouchEventsForMouse``), under which a pointer at rest sends nothing.

The background-networking flags stop chromium reaching out at start-up (there is no network here
beyond the package registries). ``benchmarks/chromium_idle.py`` measures what chromium spends on
a page at rest.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Debian's binaries, the first one installed is used (``./course test`` installs the first).
BINARIES = ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium")


def executable() -> str:
    """The chromium to start: ``$CHROMIUM``, else the first of ``BINARIES`` installed (else the last,
    for the message that it is missing). Looked up at each start, not at import: with CI=true,
    ``./course test`` may still be installing it while the tests are collected."""
    chosen = os.environ.get("CHROMIUM")
    if chosen:
        return chosen
    return next((b for b in BINARIES if Path(b).is_file()), BINARIES[-1])


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
