"""Figures for the ablation and cement chapter: MRgFUS, cryoablation, kyphoplasty.

Each record's ``key`` is its BibTeX key, generated into ``references/engine.bib``; the cryoablation
record cites the ablation screen's source (``bonemets.sources``). The 10 mm neural margin is read
from the ablation screen, not repeated here. ``tests/book/test_evidence_modalities.py`` restates
each figure with the place it was read.
"""

from __future__ import annotations

from .. import sources
from ..result import Citation
from ..sources import CALLSTROM_2013
from . import Trial

__all__ = ["BAAL_2021", "BERENSON_2011", "CALLSTROM_2013_TRIAL", "HURWITZ_2014"]

HURWITZ_2014 = Trial(
    key="hurwitz2014",
    name="MR-guided focused ultrasound vs sham for painful bone metastases",
    citation=Citation(
        key="hurwitz2014",
        authors="Hurwitz MD, Ghanouni P, Kanaev SV, Iozeffi D, Gianfelice D, Fennessy FM, et al",
        title="Magnetic resonance-guided focused ultrasound for patients with painful bone "
        "metastases: phase III trial results",
        journal="J Natl Cancer Inst",
        year=2014,
        details="106(5):dju082",
        doi="10.1093/jnci/dju082",
    ),
    design="Randomised 3:1 sham-controlled phase 3 trial; worst pain NRS 4 or more despite "
    "optimised medication; response = 2-point fall in worst NRS without more than 25% more "
    "morphine-equivalent dose, at 3 months",
    arms=("MRgFUS", "Sham"),
    outcomes={"response_3m": (64.3, 20.0)},
    units={"response_3m": "%"},
    n=147,
    notes=(
        "Pain during sonication in 32.1%; two pathological fractures; one third-degree skin burn.",
        "Confirmed in the JNCI abstract (Fox Chase staff publications) and an ESMO report.",
    ),
    # Primary endpoint: pain response at 3 months (abstract).
    extra={
        "sonication_pain_percent": 32.1,
        "min_worst_nrs": 4,
        "patients_per_arm": [112, 35],
        "endpoint_months": 3,
    },
)

BAAL_2021 = Trial(
    key="baal2021",
    name="MRgFUS for painful bone metastases: meta-analysis",
    citation=Citation(
        key="baal2021",
        authors="Baal JD, Chen WC, Baal U, Wagle S, Baal JH, Link TM, Bucknor MD",
        title="Efficacy and safety of magnetic resonance-guided focused ultrasound for the "
        "treatment of painful bone metastases: a systematic review and meta-analysis",
        journal="Skeletal Radiol",
        year=2021,
        details="50(12):2459-2469",
        doi="10.1007/s00256-021-03822-8",
    ),
    design="Systematic review and meta-analysis of 33 studies",
    arms=("Pooled studies",),
    outcomes={"pain_response": (79,), "high_grade_adverse_events": (0.9,)},
    units={"pain_response": "%", "high_grade_adverse_events": "%"},
    n=1082,
    extra={"studies": 33},
)

CALLSTROM_2013_TRIAL = Trial(
    key="callstrom2013",
    name="Percutaneous cryoablation of painful bone metastases (multicentre)",
    citation=CALLSTROM_2013,
    design="Prospective single-arm multicentre trial; worst pain 4/10 or more",
    arms=("Cryoablation",),
    outcomes={
        "worst_pain_baseline": (7.1,),
        "worst_pain_week_1": (5.1,),
        "worst_pain_week_4": (4.0,),
        "worst_pain_week_8": (3.6,),
        "worst_pain_week_24": (1.4,),
    },
    units={
        "worst_pain_baseline": "points",
        "worst_pain_week_1": "points",
        "worst_pain_week_4": "points",
        "worst_pain_week_8": "points",
        "worst_pain_week_24": "points",
    },
    n=61,
    notes=(
        "One major complication (osteomyelitis).",
        "Confirmed in the Cancer 2013 abstract (PubMed 23065947): 69 tumours of 1-11 cm in 61 "
        "patients with 1 or 2 painful metastases who had failed or refused standard treatment.",
    ),
    extra={
        "weeks": [0, 1, 4, 8, 24],
        "min_worst_pain": 4,
        "major_complications": 1,
        "tumours": 69,
        "tumour_size_cm": [1, 11],
    },
)

BERENSON_2011 = Trial(
    key="berenson2011",
    name="CAFE: balloon kyphoplasty vs non-surgical management of painful vertebral fractures",
    citation=sources.BERENSON_2011,
    design="Randomised trial in cancer with 1-3 painful vertebral compression fractures; primary "
    "end point Roland-Morris disability (RDQ, 0-24) at 1 month; controls could cross over",
    arms=("Kyphoplasty",),
    outcomes={"rdq_baseline": (17.6,), "rdq_1_month": (9.1,)},
    units={"rdq_baseline": "points", "rdq_1_month": "points"},
    n=134,
    notes=(
        "Kyphoplasty arm only: mean change -8.3 (95% CI -6.4 to -10.2, p < 0.0001). The control "
        "arm's change is not quoted by the course (not confirmed).",
    ),
    # Primary endpoint: Roland-Morris disability at 1 month (abstract).
    extra={
        "patients_per_arm": [70, 64],
        "rdq_change": -8.3,
        "fractures_max": 3,
        "endpoint_months": 1,
    },
)
