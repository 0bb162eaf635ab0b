"""Creatinine clearance (Cockcroft-Gault) and the renal dose of zoledronic acid.

Cockcroft DW, Gault MH. Prediction of creatinine clearance from serum creatinine. Nephron
1976;16(1):31-41:

    CrCl (mL/min) = (140 - age) x weight (kg) / (72 x creatinine (mg/dL)), x 0.85 for women

Actual body weight is used, as most sources do; the zoledronic acid label (Zometa prescribing
information, Novartis) says only "Cockcroft-Gault" and does not specify the weight. Creatinine in
umol/L is converted by dividing by 88.4. The result is not normalised to body surface area. Doses
are decided on the unrounded clearance.

Administration (Zometa label): infuse over at least 15 minutes; oral calcium 500 mg and vitamin D
400 IU daily. Renal deterioration during treatment (label): withhold if creatinine rises by
0.5 mg/dL with a normal baseline (< 1.4 mg/dL) or by 1.0 mg/dL with an abnormal baseline
(>= 1.4 mg/dL); resume at the same dose once creatinine is within 10% of baseline.

Denosumab (Xgeva label): no renal dose adjustment, greater risk of severe hypocalcaemia with CrCl
< 30 mL/min or dialysis. FDA, 19 January 2024: boxed warning on Prolia (denosumab 60 mg) for
severe hypocalcaemia in advanced CKD (eGFR < 30 mL/min/1.73 m2), especially with CKD-MBD. Xgeva
label (2017 safety communication): multiple vertebral fractures after stopping denosumab.

Zoledronic acid (Zometa) label, Table 1 (baseline CrCl): > 60 -> 4.0 mg; 50-60 -> 3.5 mg;
40-49 -> 3.3 mg; 30-39 -> 3.0 mg; < 30 not recommended. The label's whole-number rows leave gaps
for non-integer clearances; the course closes them as [50, 60] -> 3.5, [40, 50) -> 3.3,
[30, 40) -> 3.0 (Aapro et al., Ann Oncol 2008, write the bands with shared edges).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..calculator import FormulaCalculator
from ..decision import band_for, in_range
from ..inputs import Choice, FieldError, InputError, Number
from ..numbers import denoise
from ..result import Citation, Result
from ..sources import AAPRO_2008, XGEVA_LABEL, ZOMETA_LABEL

COCKCROFT_1976 = Citation(
    key="cockcroft1976",
    authors="Cockcroft DW, Gault MH",
    title="Prediction of creatinine clearance from serum creatinine",
    journal="Nephron",
    year=1976,
    details="16(1):31-41",
    doi="10.1159/000180580",
)

PROLIA_BOXED_WARNING_2024 = Citation(
    key="fda2024prolia",
    authors="U.S. Food and Drug Administration",
    title="FDA adds Boxed Warning for increased risk of severe hypocalcemia in patients with "
    "advanced chronic kidney disease taking osteoporosis medicine Prolia (denosumab)",
    journal="FDA Drug Safety Communication",
    year=2024,
    details="19 January 2024",
)
XGEVA_MVF_2017 = Citation(
    key="npra2017xgeva",
    authors="National Pharmaceutical Regulatory Agency Malaysia",
    title="Xgeva (denosumab): risk of multiple vertebral fractures following treatment "
    "discontinuation (safety alert and direct healthcare professional communication)",
    journal="NPRA",
    year=2017,
    details="8 September 2017",
)
DENOSUMAB_BIOSIMILARS_2024 = Citation(
    key="fda2024denosumabbiosimilar",
    authors="U.S. Food and Drug Administration",
    title="FDA approves first interchangeable biosimilars to Prolia and Xgeva (Jubbonti and "
    "Wyost, denosumab-bbdz)",
    journal="U.S. Food and Drug Administration",
    year=2024,
    details="5 March 2024",
)

#: Zometa label: administration and monitoring.
ZA_INFUSION_MIN_MINUTES = 15
ZA_CALCIUM_MG_DAILY = 500
ZA_VITAMIN_D_IU_DAILY = 400
#: Renal deterioration (label): the rise in creatinine (mg/dL) that stops a dose, by baseline.
ZA_DETERIORATION: dict[str, float] = {
    "abnormal_baseline_from_mg_dl": 1.4,
    "rise_normal_baseline_mg_dl": 0.5,
    "rise_abnormal_baseline_mg_dl": 1.0,
    "resume_within_percent_of_baseline": 10,
}
#: Denosumab: the renal thresholds of the Xgeva label and of the 2024 Prolia boxed warning.
DENOSUMAB_RENAL: dict[str, Any] = {
    "xgeva_hypocalcaemia_crcl_below": 30,
    "prolia_boxed_warning_egfr_below": 30,
    "prolia_boxed_warning_year": 2024,
    "biosimilars_fda_year": 2024,
}

UMOL_PER_MG_DL = 88.4
FEMALE_FACTOR = 0.85
#: Cockcroft-Gault: (CG_AGE_FROM - age) x weight / (CG_DIVISOR x creatinine in mg/dL).
CG_AGE_FROM = 140.0
CG_DIVISOR = 72.0


@dataclass(frozen=True)
class DoseBand:
    """A clearance interval; ``None`` is an open end. Edges say whether they include the value."""

    name: str
    low: float | None
    low_inclusive: bool
    high: float | None
    high_inclusive: bool
    dose_mg: float | None
    concentrate_ml: float | None  # volume of the 4 mg/5 mL concentrate
    label: str

    def contains(self, crcl: float) -> bool:
        return in_range(self, crcl)


#: Zometa label Table 1, with the course's closing of its gaps (see the module docstring).
ZOLEDRONIC_BANDS: tuple[DoseBand, ...] = (
    DoseBand("full_dose", 60.0, False, None, False, 4.0, 5.0, "CrCl above 60 mL/min: 4.0 mg"),
    DoseBand("reduced_3_5", 50.0, True, 60.0, True, 3.5, 4.4, "CrCl 50 to 60 mL/min: 3.5 mg"),
    DoseBand(
        "reduced_3_3", 40.0, True, 50.0, False, 3.3, 4.1, "CrCl 40 to under 50 mL/min: 3.3 mg"
    ),
    DoseBand(
        "reduced_3_0", 30.0, True, 40.0, False, 3.0, 3.8, "CrCl 30 to under 40 mL/min: 3.0 mg"
    ),
    DoseBand(
        "not_recommended",
        None,
        False,
        30.0,
        False,
        None,
        None,
        "CrCl under 30 mL/min: zoledronic acid not recommended",
    ),
)


def zoledronic_band(crcl: float) -> DoseBand:
    """The label's dose band for an unrounded baseline creatinine clearance."""
    try:
        return band_for(ZOLEDRONIC_BANDS, crcl)
    except ValueError:  # unreachable: the ladder covers every number
        raise InputError(FieldError("creatinine", f"clearance {crcl} fits no band")) from None


def creatinine_mg_dl(creatinine: float, unit: str) -> float:
    return creatinine if unit == "mg_dl" else creatinine / UMOL_PER_MG_DL


def cockcroft_gault(age: float, weight_kg: float, creatinine_mg_dl: float, sex: str) -> float:
    """Cockcroft-Gault creatinine clearance in mL/min (actual body weight, unrounded)."""
    crcl = (CG_AGE_FROM - age) * weight_kg / (CG_DIVISOR * creatinine_mg_dl)
    return denoise(crcl * FEMALE_FACTOR if sex == "female" else crcl)


CREATININE_RANGES = {"mg_dl": (0.1, 20.0), "umol_l": (9.0, 1770.0)}

DENOSUMAB_ALTERNATIVE = (
    "Denosumab 120 mg subcutaneously every 4 weeks needs no renal dose adjustment, but patients "
    "with CrCl below 30 mL/min or on dialysis are at greater risk of severe hypocalcaemia: correct "
    "calcium first, give calcium and vitamin D, and monitor calcium closely (Xgeva label)."
)


NOT_RECOMMENDED = (
    "Zoledronic acid is not recommended (trials excluded serum creatinine > 3.0 mg/dL). "
)
#: ``{dose_mg}`` is the band's dose with one decimal.
DOSE_RECOMMENDATION = (
    "Zoledronic acid {dose_mg} mg IV over at least "
    f"{ZA_INFUSION_MIN_MINUTES} minutes every 3-4 weeks "
    "(or every 12 weeks once established); check creatinine before every dose; oral "
    f"calcium {ZA_CALCIUM_MG_DAILY} mg and vitamin D {ZA_VITAMIN_D_IU_DAILY} IU daily; dental "
    "examination before starting."
)


def _compute(values: dict[str, Any]) -> Result:
    unit = values["creatinine_unit"]
    lo, hi = CREATININE_RANGES[unit]
    scr = values["creatinine"]
    if not lo <= scr <= hi:
        raise InputError(
            FieldError(
                "creatinine",
                f"{scr:g} is out of range for {unit}; allowed: "
                f"{lo:g} to {hi:g}"
                + (" (umol/L? use creatinine_unit=umol_l)" if unit == "mg_dl" and scr > hi else ""),
            )
        )
    scr_mg = creatinine_mg_dl(scr, unit)
    crcl = cockcroft_gault(values["age"], values["weight_kg"], scr_mg, values["sex"])
    band = zoledronic_band(crcl)
    notes = list(ZOLEDRONIC_ACID.notes)
    if band.dose_mg is None:
        rec = NOT_RECOMMENDED + DENOSUMAB_ALTERNATIVE
    else:
        rec = DOSE_RECOMMENDATION.format(dose_mg=f"{band.dose_mg:.1f}")
    return Result(
        calculator="zoledronic_acid",
        title=ZOLEDRONIC_ACID.title,
        inputs=dict(values),
        band=band.name,
        band_label=band.label,
        interpretation=f"Creatinine clearance {crcl:.1f} mL/min (Cockcroft-Gault, actual weight).",
        recommendation=rec,
        values={
            "crcl_ml_min": crcl,
            "dose_mg": band.dose_mg,
            "concentrate_ml": band.concentrate_ml,
            "creatinine_mg_dl": scr_mg,
            "alternative": "denosumab" if band.dose_mg is None else None,
        },
        display={
            "crcl_ml_min": f"{crcl:.1f} mL/min",
            "dose_mg": "not recommended" if band.dose_mg is None else f"{band.dose_mg:.1f} mg",
        },
        citations=ZOLEDRONIC_ACID.citations,
        notes=tuple(notes),
    )


ZOLEDRONIC_ACID = FormulaCalculator(
    name="zoledronic_acid",
    title="Zoledronic acid dose by creatinine clearance",
    summary="Cockcroft-Gault clearance (actual weight) and the label's renal dose of zoledronic "
    "acid for bone metastases.",
    inputs=(
        Number("age", "Age", minimum=18, maximum=120, unit="years"),
        Choice("sex", "Sex", options=(("female", "Female"), ("male", "Male"))),
        Number("weight_kg", "Actual body weight", minimum=25, maximum=300, unit="kg"),
        Number("creatinine", "Serum creatinine", minimum=0.1, maximum=1770, unit="mg/dL or umol/L"),
        Choice(
            "creatinine_unit", "Creatinine unit", options=(("mg_dl", "mg/dL"), ("umol_l", "µmol/L"))
        ),
    ),
    compute=_compute,
    citations=(
        COCKCROFT_1976,
        ZOMETA_LABEL,
        AAPRO_2008,
        XGEVA_LABEL,
        PROLIA_BOXED_WARNING_2024,
        XGEVA_MVF_2017,
        DENOSUMAB_BIOSIMILARS_2024,
    ),
    data={
        "bands": [b.__dict__ for b in ZOLEDRONIC_BANDS],
        "umol_per_mg_dl": UMOL_PER_MG_DL,
        "female_factor": FEMALE_FACTOR,
        "cockcroft_gault": {"age_from": CG_AGE_FROM, "divisor": CG_DIVISOR},
        "creatinine_ranges": CREATININE_RANGES,
        "denosumab_alternative": DENOSUMAB_ALTERNATIVE,
        "not_recommended": NOT_RECOMMENDED,
        "dose_recommendation": DOSE_RECOMMENDATION,
        "infusion_min_minutes": ZA_INFUSION_MIN_MINUTES,
        "calcium_mg_daily": ZA_CALCIUM_MG_DAILY,
        "vitamin_d_iu_daily": ZA_VITAMIN_D_IU_DAILY,
        "renal_deterioration": ZA_DETERIORATION,
        "denosumab": DENOSUMAB_RENAL,
    },
    labelled_bands=tuple((b.name, b.label) for b in ZOLEDRONIC_BANDS),
    notes=(
        "CrCl exactly 60 mL/min gets 3.5 mg (label row 50-60; 'reduced doses for CrCl <= 60').",
        "The label's whole-number rows (50-60, 40-49, 30-39) leave gaps for non-integer values; "
        "this calculator uses [50, 60] -> 3.5, [40, 50) -> 3.3, [30, 40) -> 3.0 mg.",
        "Actual body weight is used, as most sources do; the label says only 'Cockcroft-Gault' "
        "and does not specify the weight; some guides use ideal or adjusted weight in obesity.",
        "Cockcroft-Gault overestimates clearance with modern (IDMS) creatinine assays and is invalid "
        "when creatinine is changing fast.",
        "This table is for bone metastases (every 3-4 weeks). Hypercalcaemia of malignancy has "
        "its own label rules (single 4 mg dose, no renal reduction while creatinine is below "
        "4.5 mg/dL).",
        "During treatment the label withholds a dose if creatinine rises by 0.5 mg/dL (baseline "
        "below 1.4 mg/dL) or 1.0 mg/dL (baseline 1.4 or above), and resumes the same dose when "
        "creatinine is back within 10% of baseline.",
    ),
)
