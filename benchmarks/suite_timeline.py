"""Where the test suite's time goes (figures only, no assertions).

    .venv/bin/python benchmarks/suite_timeline.py [--run] [LOG]    (default LOG: _build/suite-timeline.jsonl)

``--run`` runs the suite as ``./course test`` does (``pytest -n auto --dist loadgroup``) with this
file loaded as a pytest plugin, which writes one JSON line per test phase (worker, test, phase,
start, end) to LOG; without ``--run`` it reads a LOG written earlier (e.g. by
``BONEMETS_TIMELINE=LOG ./course test``: ``tests/conftest.py`` loads the plugin when that variable
is set). It prints the wall time of the pytest run, each worker's busy time and its idle time (the
run's critical path: a worker idle while the other still works is time the suite could save), the
time per test module, and the slowest tests, beside the target of issue 14 (the whole
``./course test`` from a clean clone in <= 5 min).

Each phase also records the CPU time its worker's own Python spent in it (``cpu``) and that of the
worker's child processes that ended in it (``children``: a notebook run, mypy, a node process;
chromium's and the Playwright driver's only when the browser closes, in the phase that closes it).
On this 2-core machine the same tests took 136 s of the workers' CPU in a run with the book already
built and 183 s in a clean-clone run, with the book building beside them: compare figures from runs
of the same kind.
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LOG = ROOT / "_build" / "suite-timeline.jsonl"
ENV = "BONEMETS_TIMELINE"
TARGET_S = 300.0


# --- the pytest plugin (loaded by tests/conftest.py when BONEMETS_TIMELINE is set)
#: This process's CPU time and its ended children's when the current phase began.
_phase_start = [0.0, 0.0]


def _cpu_now() -> tuple[float, float]:
    """(this process's CPU time, the CPU time of its child processes that have ended), seconds."""
    times = os.times()
    return time.process_time(), times.children_user + times.children_system


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: Any, nextitem: Any) -> Any:
    _phase_start[:] = _cpu_now()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Any:
    """Give each phase's report the CPU time spent since the phase before (sent to the controller
    with the report, under xdist)."""
    outcome = yield
    report = outcome.get_result()
    now = _cpu_now()
    report.user_properties = [
        *report.user_properties,
        ("cpu", now[0] - _phase_start[0]),
        ("children", now[1] - _phase_start[1]),
    ]
    _phase_start[:] = now


def _write(record: dict[str, Any]) -> None:
    path = os.environ.get(ENV)
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")


def pytest_runtest_logreport(report: Any) -> None:
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return  # under xdist the controller writes every report, naming its worker
    node = getattr(report, "node", None)
    _write(
        {
            "worker": node.gateway.id if node is not None else "main",
            "test": report.nodeid,
            "phase": report.when,
            "start": report.start,
            "stop": report.stop,
            **{k: v for k, v in report.user_properties if k in ("cpu", "children")},
        }
    )


# --- the report
def _module(nodeid: str) -> str:
    return nodeid.split("::")[0]


def report(log: Path) -> None:
    rows = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line]
    if not rows:
        print(f"{log}: no tests recorded")
        return
    start = min(r["start"] for r in rows)
    end = max(r["stop"] for r in rows)
    wall = end - start
    print(f"pytest wall (first test start to last test end): {wall:.0f} s; target for the whole")
    print(f"  ./course test from a clean clone: <= {TARGET_S:.0f} s")
    by_worker: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for r in rows:
        by_worker[r["worker"]].append(r)
    for worker, items in sorted(by_worker.items()):
        busy = sum(r["stop"] - r["start"] for r in items)
        last = max(r["stop"] for r in items)
        print(
            f"  worker {worker}: busy {busy:.0f} s, idle {wall - busy:.0f} s "
            f"(of which {end - last:.0f} s after its last test)"
        )
    per_module: collections.Counter[str] = collections.Counter()
    count: collections.Counter[str] = collections.Counter()
    cpu: collections.Counter[str] = collections.Counter()
    children: collections.Counter[str] = collections.Counter()
    for r in rows:
        module = _module(r["test"])
        per_module[module] += r["stop"] - r["start"]
        count[module] += r["phase"] == "call"
        cpu[module] += r.get("cpu", 0.0)
        children[module] += r.get("children", 0.0)
    total = sum(per_module.values())
    print(
        f"\ntest time, all workers: {total:.0f} s (CPU: the workers' own {sum(cpu.values()):.0f} s,"
        f" their ended child processes' {sum(children.values()):.0f} s); per module"
        " (setup + call + teardown):"
    )
    print("     time     CPU  children  tests  module")
    for module, seconds in per_module.most_common(30):
        print(
            f"  {seconds:7.1f} {cpu[module]:7.1f} {children[module]:9.1f} {count[module]:6d}"
            f"  {module}"
        )
    per_test: collections.Counter[str] = collections.Counter()
    for r in rows:
        per_test[r["test"]] += r["stop"] - r["start"]
    print("\nslowest tests:")
    for test, seconds in per_test.most_common(15):
        print(f"  {seconds:7.1f} s  {test}")


def main(argv: list[str]) -> int:
    run = "--run" in argv
    args = [a for a in argv if a != "--run"]
    log = Path(args[0]) if args else DEFAULT_LOG
    if run:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.unlink(missing_ok=True)
        t0 = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "pytest", "-n", "auto", "--dist", "loadgroup", "-q"],
            cwd=ROOT,
            env={**os.environ, ENV: str(log)},
            check=False,
        )
        print(f"\npytest command: {time.monotonic() - t0:.0f} s")
    report(log)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
