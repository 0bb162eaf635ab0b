"""Figures for oncological emergencies: spinal cord compression and hypercalcaemia.

Each record's ``key`` is its citation key; all are generated into ``references/engine.bib``.
``tests/book/test_evidence_foundations.py`` restates every figure with the place it was read.

The label records (``zometa2018``, ``xgeva2020``) hold the **hypercalcaemia of malignancy** rules
of each label; they cite the shared label citations (``bonemets.sources``), and the pathway reads
its MRI, dexamethasone and hypercalcaemia figures from these records (``pathway.thresholds``), so
each number is still written once. NICE NG234 (2023) replaced CG75
(2008) for MSCC; CG75 remains cited only as the source of the Tokuhashi table reproduction
(``scores.tokuhashi``).
"""

from __future__ import annotations

from .. import sources
from ..formulas.renal import ZOLEDRONIC_BANDS
from ..result import Citation
from ..sources import EL_HAJJ_FULEIHAN_2023, NICE_NG234, XGEVA_LABEL, ZOMETA_LABEL
from . import Trial

__all__ = [
    "ENDOCRINE_SOCIETY_2023",
    "HEIMDAL_1992",
    "MAJOR_2001",
    "NICE_NG234_MSCC",
    "SCORAD_III",
    "SORENSEN_1994",
    "XGEVA_HCM",
    "ZOMETA_HCM",
]

_ZA_FULL_DOSE_MG = next(
    b.dose_mg for b in ZOLEDRONIC_BANDS if b.name == "full_dose" and b.dose_mg is not None
)

SCORAD_III = Trial(
    key="hoskin2019",
    name="SCORAD III: single-fraction vs 5-fraction radiotherapy for spinal canal compression",
    citation=sources.HOSKIN_2019,
    design=(
        "Non-inferiority randomised trial in 42 UK and 5 Australian centres; spinal cord or "
        "cauda equina compression, life expectancy over 8 weeks, no previous RT to the area"
    ),
    arms=("8 Gy x 1", "20 Gy / 5"),
    outcomes={
        "patients": (345, 341),
        "ambulatory_8_weeks": (69.3, 72.7),
    },
    units={"patients": "patients", "ambulatory_8_weeks": "%"},
    n=686,
    notes=(
        "The lower confidence limit of the difference (-11.5%) crossed the -11% margin: "
        "non-inferiority was not shown.",
    ),
    extra={
        "dose_single_gy": 8,
        "dose_multi_gy": 20,
        "multi_fractions": 5,
        "life_expectancy_weeks": 8,
        "endpoint_weeks": 8,  # primary endpoint: ambulatory status at 8 weeks
        "lower_ci_percent": -11.5,
        "margin_percent": -11.0,
    },
)

SORENSEN_1994 = Trial(
    key="sorensen1994",
    name="High-dose dexamethasone with radiotherapy for metastatic spinal cord compression",
    citation=Citation(
        key="sorensen1994",
        authors="Sørensen PS, Helweg-Larsen S, Mouridsen H, Hansen HH",
        title="Effect of high-dose dexamethasone in carcinomatous metastatic spinal cord "
        "compression treated with radiotherapy: a randomised trial",
        journal="Eur J Cancer",
        year=1994,
        details="30A(1):22-27",
    ),
    design=(
        "Single-blind randomised trial, solid tumours; dexamethasone 96 mg IV bolus, then 96 mg "
        "orally for 3 days, tapered over 10 days, vs no steroid"
    ),
    arms=("Dexamethasone + RT", "RT alone"),
    outcomes={
        "walking_after_treatment": (81, 63),
        "walking_6_months": (59, 33),
    },
    units={"walking_after_treatment": "%", "walking_6_months": "%"},
    n=57,
    notes=("Significant side effects in 3 patients (11%) given dexamethasone.",),
    extra={"bolus_mg": 96, "oral_days": 3, "taper_days": 10, "side_effects_percent": 11},
)

NICE_NG234_MSCC = Trial(
    key="nice2023ng234",
    name="NICE NG234 (2023): timing of MRI and dexamethasone in suspected MSCC",
    citation=NICE_NG234,
    design="National guideline (recommendations, not a trial); replaced NICE CG75 (2008)",
    arms=("Recommendation",),
    outcomes={
        "mri_neuro_within_hours": (24,),
        "mri_pain_only_within_days": (7,),
        "dexamethasone_mg_per_day": (16,),
    },
    units={
        "mri_neuro_within_hours": "hours",
        "mri_pain_only_within_days": "days",
        "dexamethasone_mg_per_day": "mg",
    },
    notes=(
        "Whole-spine MRI within 24 hours for suspected MSCC with neurological symptoms or signs "
        "(NICE quality standard QS56, statement 3, based on NG234); within a week for spinal pain "
        "suggesting metastases without neurology.",
        "Dexamethasone 16 mg orally (or IV equivalent) as soon as possible for neurological "
        "symptoms or signs, then 16 mg daily until surgery or radiotherapy (rec. 1.8.1).",
    ),
)

HEIMDAL_1992 = Trial(
    key="heimdal1992",
    name="High-dose vs standard-dose dexamethasone with radiotherapy for MSCC (Heimdal 1992)",
    citation=Citation(
        key="heimdal1992",
        authors="Heimdal K, et al",
        title="High incidence of serious side effects of high-dose dexamethasone treatment in "
        "patients with epidural spinal cord compression",
        journal="J Neurooncol",
        year=1992,
        details="12(2):141-144",
        doi="10.1007/BF00172664",
    ),
    design="Consecutive cohorts (not randomised): 96 mg IV loading dose tapered over 14 days, "
    "then, after the regimen was abandoned, 16 mg daily tapered over 14 days; both with RT",
    arms=("96 mg loading dose", "16 mg daily"),
    outcomes={
        "patients": (28, 38),
        "serious_side_effects": (14.3, 0),
    },
    units={"patients": "patients", "serious_side_effects": "%"},
    n=66,
    notes=(
        "Serious side effects 4/28 (fatal ulcer haemorrhage, rectal bleeding, two perforations) "
        "vs none; no significant difference in the number of ambulant patients.",
    ),
    extra={"high_dose_mg": 96, "standard_dose_mg": 16},
)

MAJOR_2001 = Trial(
    key="major2001",
    name="Zoledronic acid vs pamidronate for hypercalcaemia of malignancy (pooled analysis)",
    citation=sources.MAJOR_2001,
    design=(
        "Two identical double-blind randomised trials, pooled; corrected calcium 12.0 mg/dL "
        "(3.00 mmol/L) or more; single dose of each drug"
    ),
    arms=("Zoledronic acid 4 mg", "Zoledronic acid 8 mg", "Pamidronate 90 mg"),
    outcomes={
        "complete_response_day_10": (88.4, 86.7, 69.7),
        "median_response_days": (32, 43, 18),
    },
    units={"complete_response_day_10": "%", "median_response_days": "days"},
    n=287,
    notes=("275 patients evaluable for efficacy.",),
    # Doses of the three arms (abstract): zoledronic acid 4 or 8 mg, pamidronate 90 mg.
    extra={"entry_calcium_mg_dl": 12.0, "entry_calcium_mmol_l": 3.00, "doses_mg": [4, 8, 90]},
)


ZOMETA_HCM = Trial(
    key="zometa2018",
    name="Zoledronic acid label: hypercalcaemia of malignancy",
    citation=ZOMETA_LABEL,
    design="Prescribing information, sections 1.1 (definition) and 2.1 (dose in hypercalcaemia "
    "of malignancy); not the every-3-4-week bone-metastasis schedule",
    arms=("Hypercalcaemia of malignancy",),
    outcomes={
        "dose_mg": (_ZA_FULL_DOSE_MG,),
        "infusion_min_minutes": (15,),
        "no_dose_reduction_below_creatinine_mg_dl": (4.5,),
        "no_dose_reduction_below_creatinine_umol_l": (400.0,),
        "retreat_after_days": (7,),
        "treat_from_corrected_calcium_mg_dl": (12.0,),
        "treat_from_corrected_calcium_mmol_l": (3.0,),
    },
    units={
        "dose_mg": "mg",
        "infusion_min_minutes": "minutes",
        "no_dose_reduction_below_creatinine_mg_dl": "mg/dL",
        "no_dose_reduction_below_creatinine_umol_l": "umol/L",
        "retreat_after_days": "days",
        "treat_from_corrected_calcium_mg_dl": "mg/dL",
        "treat_from_corrected_calcium_mmol_l": "mmol/L",
    },
    notes=(
        "4 mg maximum, single intravenous infusion over no less than 15 minutes, after "
        "rehydration; no dose adjustment for mild-to-moderate renal impairment while serum "
        "creatinine is below 400 umol/L (4.5 mg/dL); at least 7 days before retreatment.",
        "Hypercalcaemia of malignancy is defined with cCa = Ca + 0.8 (4.0 - albumin), in mg/dL.",
    ),
    extra={"correction_factor_mg_dl_per_g_dl": 0.8},
)

XGEVA_HCM = Trial(
    key="xgeva2020",
    name="Denosumab (Xgeva) label: hypercalcaemia of malignancy refractory to bisphosphonate",
    citation=XGEVA_LABEL,
    design="Prescribing information, dosage for hypercalcaemia of malignancy refractory to "
    "bisphosphonate therapy (US indication)",
    arms=("Hypercalcaemia of malignancy",),
    outcomes={
        "dose_mg": (120,),
        "interval_weeks": (4,),
    },
    units={"dose_mg": "mg", "interval_weeks": "weeks"},
    notes=(
        "120 mg subcutaneously every 4 weeks, with additional 120 mg doses on days 8 and 15 of "
        "the first month.",
        "Severe symptomatic hypocalcaemia, including fatal cases, has been reported; risk is "
        "greater with creatinine clearance below 30 mL/min or dialysis. Correct hypocalcaemia "
        "before the first dose and monitor calcium.",
    ),
    extra={"extra_dose_days": [8, 15], "hypocalcaemia_risk_crcl_below": 30},
)

ENDOCRINE_SOCIETY_2023 = Trial(
    key="elhajjfuleihan2023",
    name="Endocrine Society guideline: treatment of hypercalcaemia of malignancy (2023)",
    citation=EL_HAJJ_FULEIHAN_2023,
    design="GRADE clinical practice guideline (recommendations, not a trial)",
    arms=("Recommendation",),
    outcomes={"severe_above_mg_dl": (14,)},
    units={"severe_above_mg_dl": "mg/dL"},
    notes=(
        "Treat with denosumab or an IV bisphosphonate (strong); suggests denosumab rather than an "
        "IV bisphosphonate (conditional, low certainty).",
        "Severe hypercalcaemia (calcium above 14 mg/dL): calcitonin with an IV bisphosphonate or "
        "denosumab as initial treatment (conditional).",
        "Refractory or recurrent on an IV bisphosphonate: denosumab (conditional).",
        "High calcitriol (for example lymphoma): glucocorticoids first; add an IV bisphosphonate "
        "or denosumab if severe or symptomatic despite them.",
    ),
)
