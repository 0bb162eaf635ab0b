"""CPU that chromium spends on a page of the built site AT REST (prints, asserts nothing).

    .venv/bin/python benchmarks/chromium_idle.py [--html _build/html] [--rest 5] [-- FLAG ...]

Each kind of page is opened alone in chromium as the browser tests start it
(``tests/browser/chromium.py``; extra chromium switches after ``--``), loaded, left 2 s to
settle, then measured over ``--rest`` seconds while nothing is done to it: the CPU of chromium's
processes by type (``--type=`` of each process: renderer, gpu-process, utility, the browser
process), read from ``/proc/<pid>/stat``, in milliseconds per second. Beside it, what the page
did in that time (Chrome DevTools ``Performance.getMetrics`` deltas: tasks, script, style
recalculations, layouts) and what keeps it busy: the animations running (``getAnimations()``,
with their iterations) and the timers and animation-frame callbacks that fired (counted by an
init script). A page at rest should cost ~0: anything above a few ms/s drains a reader's phone
and every tab a test leaves open.

The kinds: ``about:blank`` (the floor); a page with a planted hidden spinner (an infinite CSS
animation at opacity 0: the method's own check, it must show tens of ms/s and its animation);
a chapter, a case page, the same case page in live mode
once it is ready, a calculator, a chapter with its quiz, the self-assessment page, search (with
a query), JupyterLite's lab. ``--only chapter,search`` runs some of them. Measured on the
build of 655696c (15 s at rest each, ms/s of all chromium processes): blank 1.3, planted spinner
44 (renderer 27, GPU 13), chapter 0.7, case 4.7, search 2.0, JupyterLite lab 4.7: no page of the
site draws or runs anything at rest beyond Sphinx's search "pulse" (a 500 ms timer,
0.2 ms/s of script) and JupyterLab's own polls.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from chromium import CHROMIUM_ARGS, executable  # noqa: E402  (shared with the browser tests)
from local_server import serve_folder  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

TCK = os.sysconf("SC_CLK_TCK")

#: Counts the timer and animation-frame callbacks that run (installed before the page's scripts).
COUNTERS = """(() => {
  const c = window.__idle = {timeout: 0, interval: 0, raf: 0, where: {}};
  const note = (kind, fn) => {
    const k = kind + ':' + String(fn).slice(0, 60).replace(/\\s+/g, ' ');
    c.where[k] = (c.where[k] || 0) + 1;
  };
  const st = window.setTimeout, si = window.setInterval, raf = window.requestAnimationFrame;
  window.setTimeout = function (fn, ...a) {
    return st.call(this, typeof fn === 'function' ? function (...b) { c.timeout++; note('timeout', fn); return fn.apply(this, b); } : fn, ...a);
  };
  window.setInterval = function (fn, ...a) {
    return si.call(this, typeof fn === 'function' ? function (...b) { c.interval++; note('interval', fn); return fn.apply(this, b); } : fn, ...a);
  };
  window.requestAnimationFrame = function (fn) {
    return raf.call(this, function (t) { c.raf++; note('raf', fn); return fn(t); });
  };
})();"""

SNAP = """() => ({timeout: __idle.timeout, interval: __idle.interval, raf: __idle.raf,
  where: Object.assign({}, __idle.where)})"""

ANIMATIONS = """() => document.getAnimations().filter((a) => a.playState === 'running').map((a) => {
  const t = a.effect && a.effect.target;
  const tm = a.effect ? a.effect.getTiming() : {};
  const name = a.animationName || a.transitionProperty || a.constructor.name;
  const shown = t ? getComputedStyle(t) : null;
  return {name, iterations: String(tm.iterations), duration: tm.duration,
    target: t ? (t.tagName.toLowerCase() + (t.id ? '#' + t.id : '') + (t.className && typeof t.className === 'string' ? '.' + t.className.trim().split(/\\s+/).join('.') : '')) : '',
    visibility: shown ? shown.visibility : '', opacity: shown ? shown.opacity : '',
    display: shown ? shown.display : '',
    boxed: t ? t.getClientRects().length > 0 : false};
})"""


def chromium_cpu() -> dict[str, float]:
    """CPU seconds so far of every chromium process started by this script, by process type."""
    stats: dict[int, list[str]] = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                stats[int(pid)] = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                pass
    mine, grew = {os.getpid()}, True
    while grew:  # descendants of this script (Playwright's node, then chromium's processes)
        grew = False
        for pid, st in stats.items():
            if pid not in mine and int(st[1]) in mine:
                mine.add(pid)
                grew = True
    out: dict[str, float] = {}
    for pid in mine - {os.getpid()}:
        try:  # chromium rewrites its argv as one space-separated string
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").split()
        except OSError:
            continue
        if not cmd or b"chrom" not in cmd[0]:
            continue
        kinds = [c[7:].decode() for c in cmd if c.startswith(b"--type=")]
        kind = kinds[0] if kinds else "browser"
        if kind == "utility":
            sub = [
                c.split(b"=", 1)[1].decode() for c in cmd if c.startswith(b"--utility-sub-type=")
            ]
            kind += ":" + (sub[0].rsplit(".", 1)[-1] if sub else "?")
        st = stats[pid]
        out[kind] = out.get(kind, 0.0) + (int(st[11]) + int(st[12])) / TCK
    return out


def metrics(cdp: Any) -> dict[str, float]:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


def rest(page: Any, cdp: Any, seconds: float) -> dict[str, Any]:
    """Measure ``page`` over ``seconds`` of rest."""
    page.evaluate("() => 0")
    m0, c0, s0 = metrics(cdp), chromium_cpu(), page.evaluate(SNAP)
    t0 = time.monotonic()
    time.sleep(seconds)
    m1, c1, s1 = metrics(cdp), chromium_cpu(), page.evaluate(SNAP)
    dt = time.monotonic() - t0
    cpu = {k: 1000 * (c1.get(k, 0) - c0.get(k, 0)) / dt for k in c1}
    delta = {
        k: m1[k] - m0.get(k, 0)
        for k in ("TaskDuration", "ScriptDuration", "RecalcStyleCount", "LayoutCount")
    }
    fired = {k: v - s0["where"].get(k, 0) for k, v in s1["where"].items()}
    return {
        "cpu": cpu,
        "metrics": delta,
        "timers": {k: s1[k] - s0[k] for k in ("timeout", "interval", "raf")},
        "fired": {k: v for k, v in sorted(fired.items(), key=lambda x: -x[1]) if v},
        "animations": page.evaluate(ANIMATIONS),
        "seconds": dt,
    }


def report(name: str, r: dict[str, Any]) -> None:
    cpu = r["cpu"]
    total = sum(cpu.values())
    parts = ", ".join(f"{k} {v:.1f}" for k, v in sorted(cpu.items(), key=lambda x: -x[1]) if v)
    m = r["metrics"]
    print(f"\n{name}: chromium {total:.1f} ms/s ({parts or 'nothing'})")
    print(
        f"  page: tasks {1000 * m['TaskDuration'] / r['seconds']:.1f} ms/s, script "
        f"{1000 * m['ScriptDuration'] / r['seconds']:.1f} ms/s, style recalcs "
        f"{m['RecalcStyleCount']:.0f}, layouts {m['LayoutCount']:.0f}; timers fired {r['timers']}"
    )
    for k, v in list(r["fired"].items())[:4]:
        print(f"    {v:5d} x {k}")
    for a in r["animations"][:6]:
        print(f"  running animation: {a}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    ap.add_argument("--rest", type=float, default=5.0)
    ap.add_argument("--only", default="", help="comma-separated kinds to run")
    ap.add_argument("flags", nargs="*", help="extra chromium switches (after --)")
    args = ap.parse_args()
    html = args.html.resolve()

    server, base = serve_folder(html)
    case = sorted(p.name for p in (html / "cases").glob("*.html") if p.name != "index.html")[0]
    kinds: list[tuple[str, str, str]] = [
        ("blank", "about:blank", ""),
        # the method's own check: a hidden spinner (an infinite CSS animation at opacity 0)
        ("planted-spinner", base + "genindex.html", "spinner"),
        ("chapter", base + "chapters/02_biology.html", ""),
        ("case", base + f"cases/{case}", ""),
        ("case-live", base + f"cases/{case}", "live"),
        ("calculator", base + "chapters/calculators/mirels.html", ""),
        ("quiz-chapter", base + "chapters/13_emergencies.html", "quiz"),
        ("self-assessment", base + "chapters/self_assessment.html", ""),
        ("search", base + "search.html?q=mirels", ""),
        ("lite-lab", base + "lite/lab/index.html", "lab"),
    ]
    only = set(filter(None, args.only.split(",")))
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=executable(), args=CHROMIUM_ARGS + args.flags
        )
        context.add_init_script(COUNTERS)
        for name, url, how in kinds:
            if only and name not in only:
                continue
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Performance.enable")
            page.goto(url, wait_until="load")
            if how == "live":
                page.click(".bm-live-start")
                page.wait_for_selector(
                    ".bm-live[data-state='ready'], .bm-live[data-state='failed']",
                    timeout=180_000,
                )
                print(f"(live: {page.get_attribute('.bm-live', 'data-state')})")
            elif how == "spinner":
                page.add_style_tag(
                    content="@keyframes bm-spin {to {transform: rotate(1turn)}}"
                    " .bm-planted {width: 2em; height: 2em; border: 3px solid; opacity: 0;"
                    " animation: bm-spin 1s linear infinite}"
                )
                page.evaluate(
                    "() => document.body.append(Object.assign(document.createElement('div'),"
                    " {className: 'bm-planted'}))"
                )
            elif how == "quiz":
                page.locator(".bm-quiz").first.scroll_into_view_if_needed()
            elif how == "lab":
                page.wait_for_selector(".jp-LauncherCard, .jp-Launcher", timeout=120_000)
            time.sleep(2)
            if page.evaluate("() => document.visibilityState") != "visible":
                print(f"({name}: the page is not visible, its frames are not drawn)")
            report(name, rest(page, cdp, args.rest))
            cdp.detach()
            page.close()
            time.sleep(1)
        context.close()
    server.shutdown()


if __name__ == "__main__":
    main()
