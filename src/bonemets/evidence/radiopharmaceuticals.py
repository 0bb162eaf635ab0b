"""Figures for the radiopharmaceuticals chapter.

The ALSYMPCA record reuses the engine's citation (``parker2013``, in the generated
``references/engine.bib``); doses, blood-count minimums and life expectancy are read from the
radiopharmaceutical screen (``bonemets.screens.radiopharmaceutical``), not repeated here.
``tests/book/test_evidence_modalities.py`` restates each figure with the place it was read.
"""

from __future__ import annotations

from ..screens.radiopharmaceutical import PARKER_2013
from . import Trial

__all__ = ["PARKER_2013_TRIAL"]

PARKER_2013_TRIAL = Trial(
    key="parker2013",
    name="ALSYMPCA: radium-223 vs placebo in castration-resistant prostate cancer",
    citation=PARKER_2013,
    design="Double-blind randomised 2:1 placebo-controlled phase 3 trial, both arms with best "
    "standard of care; symptomatic bone metastases, no known visceral metastases",
    arms=("Radium-223", "Placebo"),
    outcomes={"median_overall_survival": (14.9, 11.3)},
    units={"median_overall_survival": "months"},
    n=921,
    notes=(
        "Updated analysis (528 deaths): HR 0.70 (95% CI 0.58-0.83), P < 0.001. Interim analysis: "
        "14.0 vs 11.2 months.",
        "Stopped for efficacy at the interim analysis.",
        "Eligibility: progressive symptomatic CRPC, two or more bone metastases on scintigraphy, "
        "no known visceral metastases; docetaxel received, unsuitable or declined (ASCO GU 2012 "
        "abstract).",
    ),
    extra={
        "hr": 0.70,
        "hr_ci": [0.58, 0.83],
        "injections": 6,
        "interval_weeks": 4,
        "trial_dose_kbq_per_kg": 50,
        "deaths_at_update": 528,
        "min_bone_metastases": 2,
    },
)
