"""Benchmark the clinical engine: microseconds per ``calculate()`` call, and enumeration time.

    .venv/bin/python benchmarks/engine.py [--calls N] [--json]

Targets (issue "Clinical engine"): median <= 50 us per call for every calculator; every points
table's full input space enumerated in <= 1 s. Exit status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from typing import Any

import bonemets
from bonemets.scores.escc import GRADES
from bonemets.scores.sins import LEVELS
from bonemets.tables import PointsTable

MEDIAN_TARGET_US = 50.0
ENUMERATION_TARGET_S = 1.0

#: A few ordinary inputs per calculator, cycled through so no single path is measured alone.
CASES: dict[str, list[dict[str, Any]]] = {
    "mirels": [
        dict(site="lower_limb", pain="moderate", lesion="mixed", size="1_3_to_2_3"),
        dict(site="peritrochanteric", pain="functional", lesion="lytic", size="gt_2_3"),
    ],
    "sins": [
        dict(
            location="junctional",
            pain="mechanical",
            lesion="lytic",
            alignment="normal",
            collapse="lt_50",
            posterolateral="unilateral",
        ),
        dict(
            level="t7",
            pain="occasional",
            lesion="blastic",
            alignment="deformity",
            collapse="none",
            posterolateral="none",
        ),
    ],
    "escc": [dict(grade="1c"), dict(grade=2)],
    "noms": [
        dict(escc_grade="2", radiosensitivity="resistant", sins=13, fit_for_surgery=True),
        dict(escc_grade="1a", radiosensitivity="sensitive", sins=5, fit_for_surgery=False),
    ],
    "tokuhashi": [
        dict(
            kps=60,
            extraspinal_bone_mets=1,
            vertebral_mets=2,
            visceral_mets="removable",
            primary="kidney",
            palsy="d",
        ),
        dict(
            kps=90,
            extraspinal_bone_mets=0,
            vertebral_mets=1,
            visceral_mets="none",
            primary="breast",
            palsy="e",
        ),
    ],
    "tomita": [dict(primary_growth="rapid", visceral_mets="treatable", bone_mets="multiple")],
    "bauer": [dict(visceral_mets=False, primary="kidney", solitary=True)],
    "calcium": [
        dict(calcium=11.2, albumin=3.0, units="conventional"),
        dict(calcium=2.8, albumin=30.0, units="si"),
    ],
    "zoledronic_acid": [
        dict(age=68, sex="male", weight_kg=60.4, creatinine=1.0, creatinine_unit="mg_dl"),
        dict(age=75, sex="female", weight_kg=58, creatinine=110, creatinine_unit="umol_l"),
    ],
    "eqd2": [
        dict(fractions=10, dose_per_fraction_gy=3.0),
        dict(fractions=1, dose_per_fraction_gy=8.0, alpha_beta=3.0),
    ],
    "pain": [dict(nrs=7), dict(nrs=0)],
    "exercise": [
        dict(
            untreated_cord_compression=False,
            acute_pathologic_fracture=False,
            severe_hypercalcaemia=False,
            impending_fracture_unstabilised=True,
            uncontrolled_pain=False,
            platelets=45.0,
            expected_survival_months=12.0,
            sins_band="indeterminate",
            mirels_band="low",
        )
    ],
    "radiopharmaceutical": [
        dict(
            agent="ra223",
            painful_bone_metastases=True,
            positive_bone_scan=True,
            lesion_type="blastic",
            life_expectancy_months=12.0,
            crpc=True,
            visceral_mets=False,
            acute_cord_compression=False,
            fracture_or_impending=False,
            renal_failure=False,
            pregnant_or_breastfeeding=False,
            chemotherapy_last_6_weeks=False,
            platelets=150.0,
            anc=2.0,
            haemoglobin=11.0,
        )
    ],
    "ablation": [
        dict(
            tolerates_anaesthesia=True,
            uncorrectable_bleeding=False,
            percutaneous_access=True,
            widespread_metastases=False,
            active_infection=False,
            critical_structure_adjacent=False,
            distance_to_neural_mm=8.0,
        )
    ],
}


def per_call(name: str, calls: int) -> tuple[float, float]:
    """Median and 95th percentile, in microseconds, of single ``calculate()`` calls."""
    cases = CASES[name]
    calculate = bonemets.calculate
    for inputs in cases * 50:  # warm up
        calculate(name, **inputs)
    samples = []
    clock = time.perf_counter_ns
    for i in range(calls):
        inputs = cases[i % len(cases)]
        t0 = clock()
        calculate(name, **inputs)
        samples.append((clock() - t0) / 1000.0)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def enumerate_all() -> dict[str, tuple[int, float]]:
    """Evaluate every combination of every points table; (count, seconds) per space."""
    out: dict[str, tuple[int, float]] = {}
    for calc in bonemets.CALCULATORS.values():
        if not isinstance(calc, PointsTable):
            continue
        space = calc.input_space()
        t0 = time.perf_counter()
        for inputs in space:
            calc.evaluate(**inputs)
        out[calc.name] = (len(space), time.perf_counter() - t0)
    sins = bonemets.get("sins")
    rest = [dict(s) for s in sins.input_space() if s["location"] == "junctional"]
    t0 = time.perf_counter()
    n = 0
    for level, base in itertools.product(LEVELS, rest):
        inputs = {k: v for k, v in base.items() if k != "location"}
        sins.evaluate(level=level.lower(), **inputs)
        n += 1
    out["sins (by level)"] = (n, time.perf_counter() - t0)
    t0 = time.perf_counter()
    for g in GRADES:
        bonemets.calculate("escc", grade=g.grade)
    out["escc"] = (len(GRADES), time.perf_counter() - t0)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=5000, help="timed calls per calculator")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)

    timings = {name: per_call(name, args.calls) for name in bonemets.CALCULATORS}
    spaces = enumerate_all()
    points_total = sum(s for n, (_, s) in spaces.items() if n != "sins (by level)")
    all_total = sum(s for _, s in spaces.values())
    slow = [n for n, (med, _) in timings.items() if med > MEDIAN_TARGET_US]
    ok = not slow and all_total <= ENUMERATION_TARGET_S

    if args.json:
        print(
            json.dumps(
                {
                    "per_call_us": {n: {"median": m, "p95": p} for n, (m, p) in timings.items()},
                    "enumeration": {n: {"count": c, "seconds": s} for n, (c, s) in spaces.items()},
                    "enumeration_seconds": all_total,
                    "ok": ok,
                },
                indent=2,
            )
        )
    else:
        print(f"{'calculator':<22}{'median us':>10}{'p95 us':>10}")
        for name, (med, p95) in timings.items():
            flag = "  > target" if med > MEDIAN_TARGET_US else ""
            print(f"{name:<22}{med:>10.1f}{p95:>10.1f}{flag}")
        print()
        print(f"{'input space':<22}{'count':>10}{'ms':>10}")
        for name, (count, secs) in spaces.items():
            print(f"{name:<22}{count:>10}{secs * 1000:>10.1f}")
        print(
            f"points tables (by class) {points_total * 1000:.1f} ms; everything {all_total * 1000:.1f} ms"
        )
        print(
            f"targets: median <= {MEDIAN_TARGET_US:g} us per call, enumeration <= "
            f"{ENUMERATION_TARGET_S:g} s: {'met' if ok else 'MISSED'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
