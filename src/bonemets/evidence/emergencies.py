"""Figures for oncological emergencies: spinal cord compression and hypercalcaemia.

Each record's ``key`` is its BibTeX key in ``references/care.bib``, except ``nice2008cg75``, whose
citation is the engine's own (``references/engine.bib``). ``tests/book/test_evidence_foundations.py``
restates every figure with the place it was read.
"""

from __future__ import annotations

from ..result import Citation
from ..scores.tokuhashi import NICE_CG75
from . import Trial

__all__ = ["MAJOR_2001", "NICE_CG75_MSCC", "SCORAD_III", "SORENSEN_1994"]

SCORAD_III = Trial(
    key="hoskin2019",
    name="SCORAD III: single-fraction vs 5-fraction radiotherapy for spinal canal compression",
    citation=Citation(
        key="hoskin2019",
        authors="Hoskin PJ, Hopkins K, Misra V, Holt T, McMenemin R, Dubois D, et al",
        title="Effect of single-fraction vs multifraction radiotherapy on ambulatory status among "
        "patients with spinal canal compression from metastatic cancer: the SCORAD randomized "
        "clinical trial",
        journal="JAMA",
        year=2019,
        details="322(21):2084-2094",
        doi="10.1001/jama.2019.17913",
    ),
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

NICE_CG75_MSCC = Trial(
    key="nice2008cg75",
    name="NICE CG75: timing of MRI and dexamethasone in suspected MSCC",
    citation=NICE_CG75,
    design="National guideline (recommendations, not a trial)",
    arms=("Recommendation",),
    outcomes={
        "mri_neuro_within_hours": (24,),
        "mri_pain_only_within_weeks": (1,),
        "dexamethasone_mg_per_day": (16,),
    },
    units={
        "mri_neuro_within_hours": "hours",
        "mri_pain_only_within_weeks": "weeks",
        "dexamethasone_mg_per_day": "mg",
    },
    notes=(
        "MRI of the whole spine within 24 hours for neurological symptoms or signs suggesting "
        "MSCC; within 1 week for spinal pain suggesting metastases without neurological signs.",
        "Dexamethasone 16 mg daily for neurological symptoms or signs, then tapered.",
    ),
)

MAJOR_2001 = Trial(
    key="major2001",
    name="Zoledronic acid vs pamidronate for hypercalcaemia of malignancy (pooled analysis)",
    citation=Citation(
        key="major2001",
        authors="Major P, Lortholary A, Hon J, Abdi E, Mills G, Menssen HD, et al",
        title="Zoledronic acid is superior to pamidronate in the treatment of hypercalcemia of "
        "malignancy: a pooled analysis of two randomized, controlled clinical trials",
        journal="J Clin Oncol",
        year=2001,
        details="19(2):558-567",
        doi="10.1200/JCO.2001.19.2.558",
    ),
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
