"""Biologically effective dose (BED) and equivalent dose in 2 Gy fractions (EQD2).

Linear-quadratic model: Fowler JF. The linear-quadratic formula and progress in fractionated
radiotherapy. Br J Radiol 1989;62(740):679-694. Withers HR, Thames HD, Peters LJ. A new isoeffect
curve for change in dose per fraction. Radiother Oncol 1983;1(2):187-191.

    BED  = n d (1 + d / (alpha/beta))
    EQD2 = BED / (1 + 2 / (alpha/beta)) = n d (d + alpha/beta) / (2 + alpha/beta)

Default alpha/beta 10 Gy (tumour and acutely responding tissue); 3 Gy for late effects.
"""

from __future__ import annotations

from typing import Any

from ..calculator import FormulaCalculator
from ..inputs import Integer, Number
from ..numbers import denoise
from ..result import Citation, Result

FOWLER_1989 = Citation(
    key="fowler1989",
    authors="Fowler JF",
    title="The linear-quadratic formula and progress in fractionated radiotherapy",
    journal="Br J Radiol",
    year=1989,
    details="62(740):679-694",
    doi="10.1259/0007-1285-62-740-679",
)
WITHERS_1983 = Citation(
    key="withers1983",
    authors="Withers HR, Thames HD, Peters LJ",
    title="A new isoeffect curve for change in dose per fraction",
    journal="Radiother Oncol",
    year=1983,
    details="1(2):187-191",
    doi="10.1016/s0167-8140(83)80021-8",
)

DEFAULT_ALPHA_BETA = 10.0
REFERENCE_DOSE_PER_FRACTION = 2.0

#: Schedules taught in the radiotherapy chapter: (fractions, dose per fraction in Gy, name).
TEACHING_SCHEDULES: tuple[tuple[int, float, str], ...] = (
    (1, 8.0, "8 Gy x 1 (single fraction)"),
    (5, 4.0, "20 Gy / 5"),
    (6, 4.0, "24 Gy / 6 (Dutch Bone Metastasis Study)"),
    (10, 3.0, "30 Gy / 10"),
    (2, 12.0, "24 Gy / 2 (SBRT, SC.24)"),
    (1, 16.0, "16 Gy x 1 (SRS, RTOG 0631)"),
)


RECOMMENDATION = (
    "Compare schedules on EQD2 with the same alpha/beta; the linear-quadratic "
    "model is least reliable for very large doses per fraction (SRS)."
)


def bed(fractions: int, dose_per_fraction: float, alpha_beta: float) -> float:
    return denoise(fractions * dose_per_fraction * (1.0 + dose_per_fraction / alpha_beta))


def eqd2(fractions: int, dose_per_fraction: float, alpha_beta: float) -> float:
    raw = fractions * dose_per_fraction * (1.0 + dose_per_fraction / alpha_beta)
    return denoise(raw / (1.0 + REFERENCE_DOSE_PER_FRACTION / alpha_beta))


def _compute(values: dict[str, Any]) -> Result:
    n = values["fractions"]
    d = values["dose_per_fraction_gy"]
    ab = values.get("alpha_beta", DEFAULT_ALPHA_BETA)
    b = bed(n, d, ab)
    e = eqd2(n, d, ab)
    total = n * d
    return Result(
        calculator="eqd2",
        title=EQD2.title,
        inputs={"fractions": n, "dose_per_fraction_gy": d, "alpha_beta": ab},
        band=None,
        band_label=None,
        interpretation=f"{total:g} Gy in {n} fraction{'s' if n != 1 else ''} of {d:g} Gy: "
        f"BED {b:.1f} Gy, EQD2 {e:.1f} Gy (alpha/beta {ab:g} Gy).",
        recommendation=RECOMMENDATION,
        values={"total_dose_gy": total, "bed_gy": b, "eqd2_gy": e},
        display={"bed_gy": f"{b:.1f} Gy", "eqd2_gy": f"{e:.1f} Gy"},
        citations=EQD2.citations,
        notes=EQD2.notes,
    )


EQD2 = FormulaCalculator(
    name="eqd2",
    title="BED and EQD2 of a radiotherapy schedule",
    summary="Linear-quadratic biologically effective dose and equivalent dose in 2 Gy fractions.",
    inputs=(
        Integer("fractions", "Number of fractions", minimum=1, maximum=50),
        Number("dose_per_fraction_gy", "Dose per fraction", minimum=0.5, maximum=30, unit="Gy"),
        Number(
            "alpha_beta",
            "Alpha/beta ratio",
            minimum=0.5,
            maximum=20,
            unit="Gy",
            help=f"Default {DEFAULT_ALPHA_BETA:g} Gy (tumour); 3 Gy for late effects.",
        ),
    ),
    optional=frozenset({"alpha_beta"}),
    compute=_compute,
    citations=(FOWLER_1989, WITHERS_1983),
    data={
        "default_alpha_beta": DEFAULT_ALPHA_BETA,
        "reference_dose_per_fraction": REFERENCE_DOSE_PER_FRACTION,
        "teaching_schedules": [list(s) for s in TEACHING_SCHEDULES],
        "recommendation": RECOMMENDATION,
    },
    notes=(
        "alpha/beta defaults to 10 Gy when not given.",
        "The linear-quadratic model is an approximation; it overstates the effect of single "
        "doses above about 10 Gy.",
    ),
)
