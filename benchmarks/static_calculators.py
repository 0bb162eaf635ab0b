"""Speed of the static-site calculators in headless chromium on localhost (figures only).

    .venv/bin/python benchmarks/static_calculators.py [SITE]     (default: _build/html)

For every calculator page of the built book it prints

* load to interactive: from the start of navigation to the moment the evaluator has wired every
  calculator on the page (``window.bonemetsCalc.readyAt``, ``performance.now()`` at that moment);
* change to result: from an input change (a control's value set and its ``change`` event fired,
  as the browser does for a user) to the updated result in the DOM, and to the next painted frame.

Targets: load to interactive <= 1 s, change to result <= 50 ms. Nothing fails: these are figures.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

import bonemets

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from chromium import CHROMIUM_ARGS, executable  # noqa: E402  (shared with the browser tests)
from local_server import serve_folder  # noqa: E402

CHANGES = 40  # input changes timed per calculator

# Change one control to another allowed value, time the synchronous update and the next frame.
CHANGE_JS = """async ([name, seed]) => {
  const root = document.querySelector(`#bmc-${name}`);
  const controls = Array.from(root.querySelectorAll('select[data-field], input[data-field]'));
  let s = seed;
  const rand = (n) => { s = (s * 48271) % 2147483647; return s % n; };
  const out = [];
  for (let i = 0; i < CHANGES; i += 1) {
    const el = controls[rand(controls.length)];
    const t0 = performance.now();
    if (el.tagName === 'SELECT') {
      el.selectedIndex = 1 + rand(el.options.length - 1);
    } else if (el.type === 'radio') {
      el.checked = true;
    } else {
      const lo = Number(el.min), hi = Number(el.max);
      el.value = String(lo + rand(1000) * (hi - lo) / 1000);
    }
    el.dispatchEvent(new Event('change', { bubbles: true }));
    const t1 = performance.now();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    out.push([t1 - t0, performance.now() - t0]);
  }
  return out;
}""".replace("CHANGES", str(CHANGES))


def main(argv: list[str]) -> int:
    site = Path(argv[1]) if len(argv) > 1 else ROOT / "_build" / "html"
    if not (site / "chapters" / "calculators" / "mirels.html").is_file():
        print(f"no calculator pages in {site}: build the book first (jupyter-book build .)")
        return 1
    from playwright.sync_api import sync_playwright

    server, base = serve_folder(site)
    base = base.rstrip("/")
    rng = random.Random(0)
    loads: list[float] = []
    syncs: list[float] = []
    frames: list[float] = []
    print(f"{'calculator':<22}{'load->interactive':>19}{'change->DOM':>14}{'change->frame':>16}")
    print(f"{'':<22}{'(ms)':>19}{'median/max ms':>14}{'median/max ms':>16}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{base}/chapters/calculators/index.html")  # warm the HTTP cache once
        for name in bonemets.CALCULATORS:
            page.goto(f"{base}/chapters/calculators/{name}.html")
            page.wait_for_function("window.bonemetsCalc && window.bonemetsCalc.ready")
            ready = page.evaluate("window.bonemetsCalc.readyAt")
            changes = page.evaluate(CHANGE_JS, [name, rng.randrange(1, 2**31 - 1)])
            sync = [c[0] for c in changes]
            frame = [c[1] for c in changes]
            loads.append(ready)
            syncs.extend(sync)
            frames.extend(frame)
            print(
                f"{name:<22}{ready:>19.0f}"
                f"{statistics.median(sync):>8.2f}/{max(sync):<5.1f}"
                f"{statistics.median(frame):>10.1f}/{max(frame):<5.1f}"
            )
        browser.close()
    server.shutdown()
    p95 = sorted(frames)[int(0.95 * (len(frames) - 1))]
    print()
    print(
        f"load to interactive: median {statistics.median(loads):.0f} ms, max {max(loads):.0f} ms "
        "(target <= 1000 ms)"
    )
    print(
        f"change to updated result: median {statistics.median(syncs):.2f} ms, "
        f"max {max(syncs):.1f} ms; to next frame median {statistics.median(frames):.1f} ms, "
        f"p95 {p95:.1f} ms (target <= 50 ms); {len(syncs)} changes"
    )
    print(f"measured {time.strftime('%Y-%m-%d %H:%M')}, headless chromium, localhost")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
