"""EQD2 of each radiotherapy course given (``eqd2:<lesion id>``, then ``:2``, ``:3`` ...)."""

from __future__ import annotations

from ...numbers import denoise
from ...patient import Case
from .adapter import Adapted, Adapter, Earlier


def adapt(case: Case, earlier: Earlier) -> Adapted:
    out = Adapted()
    for i, course in enumerate(case.treatments.radiotherapy):
        taken = {run.key for run in out.runs}
        key, n = f"eqd2:{course.lesion}", 2
        while key in taken:
            key, n = f"eqd2:{course.lesion}:{n}", n + 1
        at = f"treatments.radiotherapy[{i}]"
        inp = out.run(key)
        inp.add("fractions", course.fractions, f"{at}.fractions")
        inp.add(
            "dose_per_fraction_gy",
            denoise(course.dose_gy / course.fractions),
            f"{at}.dose_gy / fractions",
        )
    return out


ADAPTER = Adapter("eqd2", adapt)
