"""Albumin-corrected calcium, hypercalcaemia severity and CTCAE grade.

Two forms of the albumin correction are in use (shown side by side in the book):

* Payne RB, Little AJ, Williams RB, Milner JR. Interpretation of serum calcium in patients with
  abnormal serum proteins. BMJ 1973;4(5893):643-646. Derived from a regression of calcium on
  albumin: adjusted calcium = calcium - albumin + 4.0 (mg/100 mL and g/100 mL), i.e. 1.0 mg/dL per
  g/dL (:data:`PAYNE_FACTOR`).
* The 0.8 form, used by drug labels and most calculators. The zoledronic acid (Zometa) label
  defines hypercalcaemia of malignancy as corrected calcium >= 12 mg/dL (3.0 mmol/L) with
  cCa = Ca + 0.8 x (4.0 - albumin) (US PI section 1.1). This calculator uses it, because the
  label's treatment threshold was set with this formula; 0.02 mmol/L per g/L is its SI form.

    conventional: corrected (mg/dL) = calcium (mg/dL) + 0.8 x (4.0 - albumin (g/dL))
    SI:           corrected (mmol/L) = calcium (mmol/L) + 0.02 x (40 - albumin (g/L))

A corrected value of zero or below cannot be a real calcium: it is refused as an input error naming
both fields (usually albumin entered in the wrong unit), never graded.

Severity (course convention; edges vary between sources, see notes): normal up to the upper limit
of normal (10.5 mg/dL / 2.62 mmol/L); mild above it and below 12.0 / 3.0; moderate below 14.0 / 3.5;
severe from 14.0 / 3.5. Below the lower limit of normal (8.5 / 2.12): low.

CTCAE v5.0 hypercalcaemia grades are applied in the unit the user entered (the mg/dL and mmol/L
limits are not exact conversions of each other).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..calculator import FormulaCalculator
from ..decision import LadderBand, band_for
from ..inputs import Choice, FieldError, InputError, Number
from ..numbers import denoise
from ..result import Citation, Result
from ..sources import STEWART_2005, ZOMETA_LABEL

PAYNE_1973 = Citation(
    key="payne1973",
    authors="Payne RB, Little AJ, Williams RB, Milner JR",
    title="Interpretation of serum calcium in patients with abnormal serum proteins",
    journal="Br Med J",
    year=1973,
    details="4(5893):643-646",
    doi="10.1136/bmj.4.5893.643",
)
CTCAE_5 = Citation(
    key="ctcae2017",
    authors="National Cancer Institute",
    title="Common Terminology Criteria for Adverse Events (CTCAE) version 5.0",
    journal="U.S. Department of Health and Human Services",
    year=2017,
)


@dataclass(frozen=True)
class UnitSystem:
    name: str
    calcium_unit: str
    albumin_unit: str
    factor: float  # label/practice slope (Zometa label 0.8); Payne 1973 used 1.0
    reference_albumin: float
    calcium_range: tuple[float, float]  # plausible measured range accepted
    albumin_range: tuple[float, float]
    lln: float
    uln: float
    moderate_from: float
    severe_from: float
    ctcae_upper: tuple[float, float, float]  # grade 1 up to, grade 2 up to, grade 3 up to
    decimals: int


#: Payne 1973's own slope: 1.0 mg/dL of calcium per g/dL of albumin ("calcium - albumin + 4.0");
#: shown in the book beside the 0.8 the calculator uses. In SI: 0.025 mmol/L per g/L.
PAYNE_FACTOR = {"conventional": 1.0, "si": 0.025}

UNITS: dict[str, UnitSystem] = {
    "conventional": UnitSystem(
        name="conventional",
        calcium_unit="mg/dL",
        albumin_unit="g/dL",
        factor=0.8,
        reference_albumin=4.0,
        calcium_range=(2.0, 25.0),
        albumin_range=(0.5, 7.0),
        lln=8.5,
        uln=10.5,
        moderate_from=12.0,
        severe_from=14.0,
        ctcae_upper=(11.5, 12.5, 13.5),
        decimals=1,
    ),
    "si": UnitSystem(
        name="si",
        calcium_unit="mmol/L",
        albumin_unit="g/L",
        factor=0.02,
        reference_albumin=40.0,
        calcium_range=(0.5, 6.25),
        albumin_range=(5.0, 70.0),
        lln=2.12,
        uln=2.62,
        moderate_from=3.0,
        severe_from=3.5,
        ctcae_upper=(2.9, 3.1, 3.4),
        decimals=2,
    ),
}

SEVERITY_LABELS = {
    "low": "Below the normal range (hypocalcaemia)",
    "normal": "Normal corrected calcium",
    "mild": "Mild hypercalcaemia",
    "moderate": "Moderate hypercalcaemia",
    "severe": "Severe hypercalcaemia",
}
RECOMMENDATIONS = {
    "low": "Look for the cause; correct before starting denosumab or a bisphosphonate; consider "
    "ionised calcium.",
    "normal": "No treatment for calcium needed; keep monitoring if on a bone-modifying agent.",
    "mild": "Hydrate orally, review calcium-raising drugs, repeat the test; treat the cancer.",
    "moderate": "IV saline hydration, then zoledronic acid at the full hypercalcaemia dose (the "
    "label's renal dose reductions are for the bone-metastasis schedule, not for hypercalcaemia) "
    "or denosumab; check creatinine first.",
    "severe": "Emergency: admit, IV saline, then zoledronic acid at the full hypercalcaemia dose "
    "or denosumab (preferred in renal failure), with calcitonin as a bridge; cardiac monitoring.",
}


def corrected_calcium(calcium: float, albumin: float, units: str) -> float:
    """Albumin correction (label 0.8 form), in the input's own unit (not rounded for display)."""
    u = UNITS[units]
    return denoise(calcium + u.factor * (u.reference_albumin - albumin))


def payne_corrected_calcium(calcium: float, albumin: float, units: str) -> float:
    """Payne 1973's own form (slope :data:`PAYNE_FACTOR`), for comparison in the book only."""
    u = UNITS[units]
    return denoise(calcium + PAYNE_FACTOR[units] * (u.reference_albumin - albumin))


#: The two forms side by side for one patient (total 10.0 mg/dL, albumin 2.0 g/dL): the label form
#: stays mild, Payne's reaches the zoledronic acid treatment threshold (12.0 mg/dL).
FACTOR_EXAMPLE: dict[str, float] = {
    "calcium": 10.0,
    "albumin": 2.0,
    "label_form": corrected_calcium(10.0, 2.0, "conventional"),
    "payne_form": payne_corrected_calcium(10.0, 2.0, "conventional"),
}

#: How circulating calcium is carried (Mamedova EO, "Albumin adjustment of total serum calcium - is
#: it worth doing?", Problems of Endocrinology, doi:10.14341/probl13503): about half ionised, 40%
#: protein-bound (90% of that to albumin) and 10% complexed with anions.
CALCIUM_FRACTIONS: dict[str, int] = {
    "ionised_percent": 50,
    "protein_bound_percent": 40,
    "albumin_share_of_bound_percent": 90,
    "complexed_percent": 10,
}


def severity_ladder(u: UnitSystem) -> tuple[LadderBand, ...]:
    """Severity bands of corrected calcium in one unit system (course convention, see notes)."""
    return (
        LadderBand("low", SEVERITY_LABELS["low"], None, u.lln, high_inclusive=False),
        LadderBand("normal", SEVERITY_LABELS["normal"], u.lln, u.uln),
        LadderBand(
            "mild", SEVERITY_LABELS["mild"], u.uln, u.moderate_from, False, high_inclusive=False
        ),
        LadderBand(
            "moderate",
            SEVERITY_LABELS["moderate"],
            u.moderate_from,
            u.severe_from,
            high_inclusive=False,
        ),
        LadderBand("severe", SEVERITY_LABELS["severe"], u.severe_from, None),
    )


def ctcae_ladder(u: UnitSystem) -> tuple[LadderBand, ...]:
    """CTCAE v5.0 hypercalcaemia grades 0-4 (named by the grade) in one unit system."""
    g1, g2, g3 = u.ctcae_upper
    return (
        LadderBand("0", "Grade 0", None, u.uln),
        LadderBand("1", "Grade 1", u.uln, g1, low_inclusive=False),
        LadderBand("2", "Grade 2", g1, g2, low_inclusive=False),
        LadderBand("3", "Grade 3", g2, g3, low_inclusive=False),
        LadderBand("4", "Grade 4", g3, None, low_inclusive=False),
    )


#: The ladders, by unit system, built once from :data:`UNITS`.
SEVERITY_BANDS: dict[str, tuple[LadderBand, ...]] = {
    k: severity_ladder(u) for k, u in UNITS.items()
}
CTCAE_GRADES: dict[str, tuple[LadderBand, ...]] = {k: ctcae_ladder(u) for k, u in UNITS.items()}


def severity(corrected: float, units: str) -> str:
    return band_for(SEVERITY_BANDS[units], corrected).name


def ctcae_grade(corrected: float, units: str) -> int:
    """CTCAE v5.0 hypercalcaemia grade 0-4 from corrected calcium, in the unit entered."""
    return int(band_for(CTCAE_GRADES[units], corrected).name)


def _compute(values: dict[str, Any]) -> Result:
    units = values["units"]
    u = UNITS[units]
    ca, alb = values["calcium"], values["albumin"]
    errors: list[FieldError] = []
    lo, hi = u.calcium_range
    if not lo <= ca <= hi:
        errors.append(
            FieldError(
                "calcium",
                f"{ca:g} {u.calcium_unit} is out of range for {units} "
                f"units; allowed: {lo:g} to {hi:g} {u.calcium_unit}",
            )
        )
    lo, hi = u.albumin_range
    if not lo <= alb <= hi:
        hint = (
            " (albumin in g/L? use units=si)"
            if units == "conventional" and alb > hi
            else " (albumin in g/dL? use units=conventional)"
            if units == "si" and alb < lo
            else ""
        )
        errors.append(
            FieldError(
                "albumin",
                f"{alb:g} {u.albumin_unit} is out of range for {units} "
                f"units; allowed: {lo:g} to {hi:g} {u.albumin_unit}{hint}",
            )
        )
    if errors:
        raise InputError(errors)
    corr = corrected_calcium(ca, alb, units)
    if corr <= 0:
        # Each input is within its range but together they give an impossible calcium: most
        # often albumin in the other unit system. Refuse it; never grade it as "low".
        why = (
            f"calcium {ca:g} {u.calcium_unit} with albumin {alb:g} {u.albumin_unit} gives a "
            f"corrected calcium of {corr + 0.0:g} {u.calcium_unit}, which is impossible; check both "
            f"values and their units ({units})"
        )
        raise InputError([FieldError("calcium", why), FieldError("albumin", why)])
    sev = severity(corr, units)
    grade = ctcae_grade(corr, units)
    shown = f"{corr:.{u.decimals}f} {u.calcium_unit}"
    return Result(
        calculator="calcium",
        title=CALCIUM.title,
        inputs=dict(values),
        band=sev,
        band_label=SEVERITY_LABELS[sev],
        interpretation=f"Corrected calcium {shown}: {SEVERITY_LABELS[sev].lower()}; CTCAE grade "
        f"{grade}.",
        recommendation=RECOMMENDATIONS[sev],
        values={"corrected": corr, "unit": u.calcium_unit, "severity": sev, "ctcae_grade": grade},
        display={"corrected": shown, "ctcae_grade": str(grade)},
        citations=CALCIUM.citations,
        notes=CALCIUM.notes,
    )


_MG, _SI = UNITS["conventional"], UNITS["si"]

CALCIUM = FormulaCalculator(
    name="calcium",
    title="Albumin-corrected calcium and hypercalcaemia grade",
    summary="Corrects total calcium for albumin (0.8 form of the zoledronic acid label; Payne "
    "1973 used 1.0), grades severity and CTCAE grade.",
    inputs=(
        Number(
            "calcium",
            "Measured total serum calcium",
            minimum=0.5,
            maximum=25.0,
            unit="mg/dL or mmol/L",
        ),
        Number("albumin", "Serum albumin", minimum=0.5, maximum=70.0, unit="g/dL or g/L"),
        Choice(
            "units",
            "Units",
            options=(
                ("conventional", "Conventional (mg/dL and g/dL)"),
                ("si", "SI (mmol/L and g/L)"),
            ),
        ),
    ),
    compute=_compute,
    citations=(ZOMETA_LABEL, PAYNE_1973, CTCAE_5, STEWART_2005),
    data={
        "units": {k: v.__dict__ for k, v in UNITS.items()},
        "payne_factor": PAYNE_FACTOR,
        "factor_example": FACTOR_EXAMPLE,
        "fractions": CALCIUM_FRACTIONS,
        "labels": SEVERITY_LABELS,
        "recommendations": RECOMMENDATIONS,
        "severity_bands": {k: [b.describe() for b in v] for k, v in SEVERITY_BANDS.items()},
        "ctcae_grades": {k: [b.describe() for b in v] for k, v in CTCAE_GRADES.items()},
    },
    labelled_bands=tuple(SEVERITY_LABELS.items()),
    notes=(
        "Upper limit of normal differs between laboratories and sources (10.4, 10.5 or 10.8 mg/dL); "
        f"this calculator uses {_MG.uln:g} mg/dL ({_SI.uln:g} mmol/L).",
        "Severity edges differ between sources (StatPearls 10-12/12-14/>14; BMJ Best Practice "
        f"<12/12-13.9/>=14). This calculator uses mild < {_MG.moderate_from:.1f}, moderate "
        f"{_MG.moderate_from:.1f} to < {_MG.severe_from:.1f}, severe >= {_MG.severe_from:.1f} "
        f"mg/dL ({_SI.moderate_from:.1f} and {_SI.severe_from:.1f} mmol/L).",
        "CTCAE grades are applied in the unit entered: 2.9 mmol/L is not exactly 11.5 mg/dL.",
        "With very abnormal albumin, renal failure or acid-base disturbance, neither correction "
        "is reliable: measure ionised calcium instead.",
        "Correction factor: this calculator uses 0.8 mg/dL per g/dL below 4.0 g/dL (0.02 mmol/L "
        "per g/L below 40 g/L), the form written into the zoledronic acid label's definition of "
        "hypercalcaemia of malignancy (corrected calcium >= 12 mg/dL). Payne 1973 derived 1.0 "
        "(calcium - albumin + 4.0), which gives a higher corrected value when albumin is low.",
        "A corrected calcium of zero or below is refused as an input error (check the units).",
    ),
)
