"""Figures for the radiopharmaceuticals chapter.

Each record's ``key`` is its BibTeX key, generated into ``references/engine.bib``; ALSYMPCA cites
the screen's source (``parker2013``, ``bonemets.sources``); doses, blood-count minimums and life
expectancy are read from the radiopharmaceutical screen (``bonemets.screens.radiopharmaceutical``),
not repeated here. ``tests/book/test_evidence_modalities.py`` restates each figure with the place it
was read.
"""

from __future__ import annotations

from ..result import Citation
from ..sources import PARKER_2013
from . import Trial

__all__ = ["GILLESSEN_2025", "MORRIS_2024", "PARKER_2013_TRIAL"]

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

GILLESSEN_2025 = Trial(
    key="gillessen2025",
    name="PEACE-3 (EORTC 1333): radium-223 with enzalutamide vs enzalutamide",
    citation=Citation(
        key="gillessen2025",
        authors="Tombal B, Choudhury A, Saad F, Gallardo E, Soares A, Loriot Y, et al",
        title="Enzalutamide plus radium-223 in metastatic castration-resistant prostate cancer: "
        "results of the EORTC 1333/PEACE-3 trial",
        journal="Ann Oncol",
        year=2025,
        note="Authors, title and figures read from the abstract (Gustave Roussy repository record; "
        "Gillessen S is the last author); published 30 May 2025 (Urology Times). Volume, pages "
        "and DOI not confirmed. The key keeps the earlier 'gillessen2025' name.",
    ),
    design="Open-label randomised (1:1) phase 3 trial, first-line metastatic CRPC with bone "
    "metastases; radium-223 55 kBq/kg every 4 weeks for 6 injections with enzalutamide 160 mg "
    "daily vs enzalutamide alone; bone-protecting agent made mandatory during the trial",
    arms=("Radium-223 + enzalutamide", "Enzalutamide"),
    outcomes={"median_rpfs": (19.4, 16.4)},
    units={"median_rpfs": "months"},
    n=446,
    notes=(
        "rPFS HR 0.69 (95% CI 0.54-0.87). Overall survival at the pre-planned interim analysis: "
        "HR 0.69 (95% CI 0.52-0.90).",
        "After ERA 223, the data monitoring committee made a bone-protecting agent mandatory; use "
        "rose from 46.1% to 97% and fracture rates fell in both arms (Gillessen S et al., Eur Urol "
        "2025;87(3):285-288, safety analysis).",
    ),
    extra={
        "hr_rpfs": 0.69,
        "hr_rpfs_ci": [0.54, 0.87],
        "hr_os_interim": 0.69,
        "bpa_use_percent_before_after": [46.1, 97],
    },
)

MORRIS_2024 = Trial(
    key="morris2024",
    name="PSMAfore: lutetium-177-PSMA-617 vs a change of androgen receptor pathway inhibitor",
    citation=Citation(
        key="morris2024",
        authors="Morris MJ, Castellano D, Herrmann K, de Bono JS, Shore ND, Chi KN, et al",
        title="177Lu-PSMA-617 versus a change of androgen receptor pathway inhibitor therapy for "
        "taxane-naive patients with progressive metastatic castration-resistant prostate cancer "
        "(PSMAfore): a phase 3, randomised, controlled trial",
        journal="Lancet",
        year=2024,
        details="404(10459):1227-1239",
        doi="10.1016/S0140-6736(24)01653-2",
    ),
    design="Open-label randomised (1:1) phase 3 trial; taxane-naive PSMA-positive metastatic "
    "CRPC after progression on one ARPI; 7.4 GBq every 6 weeks for 6 cycles vs abiraterone or "
    "enzalutamide, with crossover",
    arms=("Lu-177-PSMA-617", "Change of ARPI"),
    outcomes={"median_rpfs": (11.6, 5.6)},
    units={"median_rpfs": "months"},
    n=468,
    notes=(
        "Primary analysis rPFS HR 0.41 (95% CI 0.29-0.56); overall survival confounded by "
        "crossover (positive only after crossover adjustment at the second interim analysis).",
    ),
    extra={"hr_rpfs": 0.41, "hr_rpfs_ci": [0.29, 0.56], "activity_gbq": 7.4, "cycles": 6},
)
