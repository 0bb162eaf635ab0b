"""Latency of the widgets, measured inside a real Jupyter kernel.

From a control change to updated outputs: the engine recomputes, the HTML panels are rewritten and
the chart is re-rendered through the active altair renderer (the course's offline renderer) into
its Output widget, all as the kernel does it for a reader. Targets for the case simulator: median
<= 50 ms, p95 <= 100 ms.

    .venv/bin/python benchmarks/widgets.py [--rounds 40]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parents[1]

KERNEL_CODE = r"""
import json, random, statistics, time
import ipywidgets as ipw
import charts.render
from bonemets.cases import library
from widgets import CaseSimulator, calculator
from widgets.calculator import as_text

charts.render.enable()
ROUNDS = __ROUNDS__

def stats(ms):
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return {"n": len(ms), "median_ms": statistics.median(ms), "p95_ms": p95, "max_ms": ms[-1]}

def alternatives(ctl, current):
    if isinstance(ctl, ipw.Dropdown):
        return [v for _l, v in ctl.options if v is not None and v != current]
    return []

rng = random.Random(7)
sim_times, per_case, valid_times = [], {}, []
for cid, case in sorted(library("data").items()):
    sim = CaseSimulator(case)
    assert sim._repr_mimebundle_()  # displayed once, as in a notebook
    choices = [(k, c) for k, c in sim.controls.items() if alternatives(c, c.value)]
    times = []
    for i in range(ROUNDS):
        key, ctl = rng.choice(choices)
        value = rng.choice(alternatives(ctl, ctl.value))
        t = time.perf_counter()
        ctl.value = value  # the change a reader makes; observers recompute and re-render
        times.append(1000 * (time.perf_counter() - t))
        if sim.evaluation is not None and sim.chart is not None:
            valid_times.append(times[-1])  # a valid edit: scores, pathway and chart redrawn
        if i % 5 == 4:
            t = time.perf_counter()
            sim.reset_button.click()
            times.append(1000 * (time.perf_counter() - t))
    per_case[cid] = stats(times)
    sim_times += times

calc_times = []
for name in ("mirels", "sins", "tokuhashi", "calcium"):
    w = calculator(name)
    for f in w.calc.fields:
        ctl = w.controls[f.name]
        if isinstance(ctl, ipw.Dropdown):
            ctl.value = ctl.options[1][1]
        else:
            lo = getattr(f, "minimum", 0)
            ctl.value = as_text(lo)
    for i in range(ROUNDS):
        f = rng.choice([f for f in w.calc.fields if isinstance(w.controls[f.name], ipw.Dropdown)])
        ctl = w.controls[f.name]
        value = rng.choice([v for _l, v in ctl.options if v is not None])
        t = time.perf_counter()
        ctl.value = value
        calc_times.append(1000 * (time.perf_counter() - t))

print("BENCH" + json.dumps({"simulator": stats(sim_times), "per_case": per_case,
                            "valid": stats(valid_times),
                            "calculators": stats(calc_times)}))
"""


def run(rounds: int) -> dict:
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(ROOT / "cases"))
    out: list[str] = []
    try:
        code = KERNEL_CODE.replace("__ROUNDS__", str(rounds))
        msg_id = kc.execute(code)
        while True:
            msg = kc.get_iopub_msg(timeout=600)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                out.append(content["text"])
            elif kind == "error":
                raise RuntimeError("\n".join(content["traceback"]))
            elif kind == "status" and content["execution_state"] == "idle":
                break
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    line = next(x for x in "".join(out).splitlines() if x.startswith("BENCH"))
    return json.loads(line[len("BENCH") :])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=40, help="changes per case (default 40)")
    args = parser.parse_args()
    t = time.perf_counter()
    res = run(args.rounds)
    sim, calc = res["simulator"], res["calculators"]
    print(
        "Widget latency, control change -> recomputed and re-rendered (chart included), in-kernel"
    )
    for cid, s in res["per_case"].items():
        print(f"  {cid:<40} median {s['median_ms']:6.1f} ms   p95 {s['p95_ms']:6.1f} ms")
    print(
        f"case simulator, all cases ({sim['n']} changes): median {sim['median_ms']:.1f} ms, "
        f"p95 {sim['p95_ms']:.1f} ms, max {sim['max_ms']:.1f} ms   (target <= 50 / <= 100 ms)"
    )
    valid = res["valid"]
    print(
        f"  of which valid edits with the chart redrawn ({valid['n']}): median "
        f"{valid['median_ms']:.1f} ms, p95 {valid['p95_ms']:.1f} ms"
    )
    print(
        f"calculator widgets ({calc['n']} changes): median {calc['median_ms']:.1f} ms, "
        f"p95 {calc['p95_ms']:.1f} ms"
    )
    print(f"(total {time.perf_counter() - t:.1f} s)")
    ok = sim["median_ms"] <= 50 and sim["p95_ms"] <= 100
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
