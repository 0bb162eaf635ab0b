"""Live mode's Python runtime in headless chromium on localhost (figures only, no assertions).

    .venv/bin/python benchmarks/live_runtime.py [SITE] [--runs N]     (default: _build/html, 2)

Prints: the bytes live mode loads (``_static/live/manifest.json``: the Pyodide core, the wheels and
the engine wheel; raw and gzipped, as a compressing host would send them), the time from
``BonemetsLive.start()`` to a runtime ready to call the engine, cold (a new browser context: empty
HTTP and compiled-code caches) and cached (a second page in the same context), the time of a first
engine call, and the size of the whole built site, beside the targets of issue 13. The cold start
stores a snapshot of the started runtime in the context's IndexedDB (the benchmark waits for it);
the cached start restores it. Each start's phases (the worker's own timings) are printed too.
Every request outside the site is refused by chromium itself (closed proxy) and counted. The
machine's load average is printed too: the times are wall-clock times on a shared machine.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import statistics
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from chromium import CHROMIUM_ARGS, executable  # noqa: E402  (shared with the browser tests)
from local_server import serve_folder  # noqa: E402

TARGETS = {"ready, cold (s)": 10.0, "ready, cached (s)": 2.0, "site (MB)": 80.0}
LOADER = "_static/live/bonemets-live.js"

_START = """async () => {
    const t0 = performance.now();
    const rt = await BonemetsLive.start({});
    const ready = performance.now() - t0;
    const t1 = performance.now();
    await rt.call("bonemets.formulas.calcium:corrected_calcium",
                  JSON.stringify({calcium: 2.1, albumin: 25, units: "si"}));
    const call = performance.now() - t1;
    // The first start stores its snapshot for the next: wait for it before the page closes.
    const snapshot = rt.snapshot ? await rt.snapshot : "none";
    return {ready, call, python: rt.pythonVersion, phases: rt.timings || {}, snapshot};
}"""


def _outside(base: str, seen: list[str], request: Any) -> None:
    if not request.url.startswith(base):
        seen.append(request.url)


def payload(site: Path) -> tuple[int, int, int]:
    """(files, raw bytes, gzipped bytes) of what live mode loads, from its manifest."""
    live = site / "_static" / "live"
    manifest = json.loads((live / "manifest.json").read_text(encoding="utf-8"))
    raw = gz = 0
    for entry in manifest["files"]:
        body = (live / entry["file"]).read_bytes()
        raw += len(body)
        gz += len(gzip.compress(body, 6))
    return len(manifest["files"]), raw, gz


def start_times(site: Path, runs: int) -> list[dict[str, Any]]:
    """Each run: a cold start (new context) then a cached one (second page, same context)."""
    from playwright.sync_api import sync_playwright

    server, base = serve_folder(site)
    out: list[dict[str, Any]] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable(), args=CHROMIUM_ARGS)
            for _ in range(runs):
                context = browser.new_context()
                outside: list[str] = []
                context.on("request", functools.partial(_outside, base, outside))
                row: dict[str, Any] = {}
                for kind in ("cold", "cached"):
                    page = context.new_page()
                    page.goto(base + "genindex.html")  # index.html forwards
                    page.add_script_tag(url=base + LOADER)
                    row[kind] = page.evaluate(_START)
                    page.close()
                row["outside"] = len(outside)
                context.close()
                out.append(row)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


def main(argv: list[str]) -> None:
    runs = 2
    if "--runs" in argv:
        i = argv.index("--runs")
        runs = int(argv[i + 1])
        del argv[i : i + 2]
    site = Path(argv[0]) if argv else ROOT / "_build" / "html"
    files, raw, gz = payload(site)
    print(f"live mode payload: {files} files, {raw / 1e6:.1f} MB raw, {gz / 1e6:.1f} MB gzipped")
    rows = start_times(site, runs)
    cold = [r["cold"]["ready"] / 1000 for r in rows]
    cached = [r["cached"]["ready"] / 1000 for r in rows]
    calls = [r[k]["call"] for r in rows for k in ("cold", "cached")]
    print(f"python in the browser: {rows[0]['cold']['python']}")
    print(
        f"ready, cold:   median {statistics.median(cold):.1f} s  (runs: {', '.join(f'{c:.1f}' for c in cold)};"
        f" target <= {TARGETS['ready, cold (s)']:.0f} s)"
    )
    print(
        f"ready, cached: median {statistics.median(cached):.1f} s  (runs: {', '.join(f'{c:.1f}' for c in cached)};"
        f" target <= {TARGETS['ready, cached (s)']:.0f} s)"
    )
    for kind in ("cold", "cached"):
        phases = rows[0][kind]["phases"]
        print(
            f"  {kind} ({', '.join(sorted({r[kind]['snapshot'] for r in rows}))}) phases (ms, median): "
            + ", ".join(
                f"{name} {statistics.median(r[kind]['phases'].get(name, 0) for r in rows):.0f}"
                for name in phases
            )
        )
    print(f"first engine call: median {statistics.median(calls):.0f} ms")
    print(f"requests outside the site: {sum(r['outside'] for r in rows)}")
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6
    print(f"built site: {size:.1f} MB (target < {TARGETS['site (MB)']:.0f} MB)")
    print(
        f"load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
