"""Live mode of the case pages in headless chromium on localhost (figures only).

    .venv/bin/python benchmarks/live_cases.py [SITE] [--changes N]     (default: _build/html, 15)

Prints, beside the targets of issue 13: the time from the click on "Run this case live" to the
live controls (cold: a new browser context; cached: a second page in the same context), and the
median time from a change of a finding to the updated pathway on the page (the change event to
the redrawn results, as the reader sees it), over N changes on each of three cases. Each change
flips a finding that changes the pathway (found with ``what_if`` in CPython) and back. Every
request outside the site is refused by chromium itself.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from chromium import CHROMIUM_ARGS, executable  # noqa: E402  (shared with the browser tests)
from local_server import serve_folder  # noqa: E402

CASES = ("breast_lytic_femur", "prostate_mscc_weak_legs", "pregnant_breast_bone_pain")
TARGETS = {"ready, cold (s)": 10.0, "ready, cached (s)": 2.0, "change to pathway, median (ms)": 300}

#: Set the select of ``path`` to option ``index``, fire ``change``, and resolve with the ms until
#: the page has drawn the engine's answer (``data-done`` catches up with ``data-pending``).
_CHANGE = """([path, index]) => new Promise((resolve) => {
  const box = document.querySelector(".bm-live");
  const select = document.querySelector(`.bm-live-panel [data-path="${path}"] select`);
  const t0 = performance.now();
  const seen = new MutationObserver(() => {
    if (box.dataset.done === box.dataset.pending) { seen.disconnect(); resolve(performance.now() - t0); }
  });
  seen.observe(box, {attributes: true, attributeFilter: ["data-done"]});
  select.selectedIndex = index;
  select.dispatchEvent(new Event("change"));
})"""


def pathway_change(case_id: str) -> tuple[str, int, int]:
    """(path, the case's option index, an index that changes the pathway) of a select."""
    from bonemets.cases import load_case
    from bonemets.cases.editable import case_findings
    from bonemets.cases.whatif import PATHWAY, get_path, what_if

    case = load_case(ROOT / "cases" / "data" / f"{case_id}.yaml")
    base = case.model_dump()
    for f in case_findings(case):
        if f.kind not in ("choice", "boolean") or (values := f.finite_values()) is None:
            continue
        for row in what_if(case, [(f.path, values)]):
            if row.effect == PATHWAY:
                options = (
                    [None, *values] if f.optional or get_path(base, f.path) is None else values
                )
                return f.key, options.index(get_path(base, f.path)), options.index(row.value)
    raise SystemExit(f"{case_id}: no single choice changes the pathway")


def start_live(page: Any, url: str) -> float:
    page.goto(url)
    t0 = time.monotonic()
    page.click(".bm-live-start")
    page.wait_for_function(
        "() => ['ready', 'failed'].includes(document.querySelector('.bm-live').dataset.state)",
        timeout=180_000,
    )
    if page.get_attribute(".bm-live", "data-state") != "ready":
        raise SystemExit(f"live mode failed: {page.inner_text('.bm-live-status')}")
    page.wait_for_function(
        "() => { const b = document.querySelector('.bm-live');"
        " return b.dataset.done && b.dataset.done === b.dataset.pending; }"
    )
    return time.monotonic() - t0


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    changes = int(argv[argv.index("--changes") + 1]) if "--changes" in argv else 15
    if "--changes" in argv:
        args = [a for a in args if a != str(changes)]
    site = Path(args[0]) if args else ROOT / "_build" / "html"
    if not (site / "cases" / f"{CASES[0]}.html").is_file():
        print(f"no case pages in {site}; build the book first (jupyter-book build .)")
        return 1
    from playwright.sync_api import sync_playwright

    server, base = serve_folder(site)
    figures: dict[str, float] = {}
    times: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable(), args=CHROMIUM_ARGS)
        context = browser.new_context()
        page = context.new_page()
        figures["ready, cold (s)"] = start_live(page, base + f"cases/{CASES[0]}.html")
        cached = []
        for case_id in CASES:
            if case_id != CASES[0]:
                cached.append(start_live(page, base + f"cases/{case_id}.html"))
            path, here, other = pathway_change(case_id)
            for i in range(changes):
                times.append(page.evaluate(_CHANGE, [path, other if i % 2 == 0 else here]))
        figures["ready, cached (s)"] = statistics.median(cached)
        browser.close()
    server.shutdown()
    figures["change to pathway, median (ms)"] = statistics.median(times)
    print(f"{'live mode':<34}{'measured':>10}{'target':>10}  met")
    for name, value in figures.items():
        target = TARGETS[name]
        print(f"{name:<34}{value:>10.1f}{target:>10g}  {'yes' if value <= target else 'NO'}")
    q = statistics.quantiles(times, n=10)
    print(
        f"{len(times)} changes on {len(CASES)} cases: min {min(times):.0f} ms, "
        f"p90 {q[-1]:.0f} ms, max {max(times):.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
