"""Figures for supportive and palliative care and for complementary medicine.

Each record's ``key`` is its BibTeX key, generated into ``references/engine.bib``.
``tests/book/test_evidence_foundations.py`` restates every figure with the place it was read.
"""

from __future__ import annotations

from .. import sources
from ..result import Citation
from . import Trial

__all__ = ["JOHNSON_2018", "TEMEL_2010"]

TEMEL_2010 = Trial(
    key="temel2010",
    name="Early palliative care in metastatic non-small-cell lung cancer",
    citation=sources.TEMEL_2010,
    design=(
        "Randomised trial, newly diagnosed metastatic NSCLC: early palliative care integrated "
        "with oncology care vs oncology care alone"
    ),
    arms=("Early palliative care", "Standard care"),
    outcomes={
        "fact_l_12_weeks": (98.0, 91.5),
        "depressive_symptoms": (16, 38),
        "aggressive_end_of_life_care": (33, 54),
        "median_survival": (11.6, 8.9),
    },
    units={
        "fact_l_12_weeks": "points (0-136)",
        "depressive_symptoms": "%",
        "aggressive_end_of_life_care": "%",
        "median_survival": "months",
    },
    n=151,
    notes=("27 patients died by 12 weeks; 107 (86% of the rest) completed assessments.",),
)

JOHNSON_2018 = Trial(
    key="johnson2018",
    name="Complementary medicine, refusal of conventional treatment and survival (NCDB)",
    citation=Citation(
        key="johnson2018",
        authors="Johnson SB, Park HS, Gross CP, Yu JB",
        title="Complementary medicine, refusal of conventional cancer therapy, and survival among "
        "patients with curable cancers",
        journal="JAMA Oncol",
        year=2018,
        details="4(10):1375-1381",
        doi="10.1001/jamaoncol.2018.2487",
    ),
    design=(
        "Retrospective matched cohort, National Cancer Database: non-metastatic breast, "
        "prostate, lung or colorectal cancer; complementary medicine with at least one "
        "conventional treatment vs matched controls"
    ),
    arms=("Complementary medicine", "Matched controls"),
    outcomes={
        "refused_surgery": (7.0, 0.1),
        "refused_chemotherapy": (34.1, 3.2),
        "refused_radiotherapy": (53.0, 2.3),
        "refused_hormone_therapy": (33.7, 2.8),
        "os_5_years": (82.2, 86.6),
    },
    units={
        "refused_surgery": "%",
        "refused_chemotherapy": "%",
        "refused_radiotherapy": "%",
        "refused_hormone_therapy": "%",
        "os_5_years": "%",
    },
    n=1290,
    notes=(
        "258 patients using complementary medicine, 1032 matched controls.",
        "Hazard ratio for death 2.08 without adjustment for refusal; no significant association "
        "once refusal or delay of conventional treatment was in the model.",
    ),
    extra={"hr_death": 2.08, "cm_patients": 258, "control_patients": 1032},
)
