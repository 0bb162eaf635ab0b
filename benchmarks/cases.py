"""Benchmark the case engine: figures only, no asserts.

    .venv/bin/python benchmarks/cases.py

Prints the median time to evaluate one case (target <= 5 ms) and to validate the whole library
(target <= 1 s).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from bonemets.cases import evaluate_case, library
from bonemets.commands.validate import validate_paths

DATA = Path(__file__).resolve().parents[1] / "cases" / "data"


def median_ms(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    cases = library(DATA)
    evaluate_case(next(iter(cases.values())))  # warm up imports
    per_case = {cid: median_ms(lambda c=case: evaluate_case(c), 50) for cid, case in cases.items()}
    overall = statistics.median(per_case.values())
    worst = max(per_case, key=per_case.__getitem__)
    validate = median_ms(lambda: validate_paths([str(DATA)]), 10)
    print(f"cases: {len(cases)}")
    print(
        f"evaluate one case, median: {overall:.2f} ms (target <= 5 ms); slowest {worst} {per_case[worst]:.2f} ms"
    )
    print(f"validate the whole library, median: {validate:.1f} ms (target <= 1000 ms)")


if __name__ == "__main__":
    main()
