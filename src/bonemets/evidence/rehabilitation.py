"""Figures for the rehabilitation and exercise chapter.

Each record's ``key`` is its BibTeX key, generated into ``references/engine.bib``; the safety
reviews cite the exercise screen's sources (``bonemets.sources``); screen thresholds are read from
the exercise screen. ``tests/book/test_evidence_modalities.py`` restates each figure with the place
it was read.
"""

from __future__ import annotations

from ..result import Citation
from ..sources import CAMPBELL_2022, DUONG_2023, WELLER_2021
from . import Trial

__all__ = ["CAMPBELL_2022_CONSENSUS", "DUONG_2023_REVIEW", "GALVAO_2018", "WELLER_2021_REVIEW"]

WELLER_2021_REVIEW = Trial(
    key="weller2021",
    name="Exercise with bone metastases: systematic review of controlled trials",
    citation=WELLER_2021,
    design="Systematic review of controlled exercise trials in people with bone metastases",
    arms=("Included trials",),
    outcomes={
        "trials": (17,),
        "serious_adverse_events": (4,),
        "serious_adverse_events_percent": (0.5,),
        "bone_related_serious_adverse_events": (0,),
        "trials_with_supervision": (16,),
    },
    units={
        "trials": "trials",
        "serious_adverse_events": "events",
        "serious_adverse_events_percent": "%",
        "bone_related_serious_adverse_events": "events",
        "trials_with_supervision": "trials",
    },
    notes=(
        "13 trials (76%) were delivered by qualified exercise professionals.",
        "Confirmed in the abstract (PubMed 34358650; Flinders and ECU repositories).",
    ),
    extra={"trials_with_exercise_professionals": 13},
)

DUONG_2023_REVIEW = Trial(
    key="duong2023",
    name="Exercise with bone metastases: scoping review of safety and efficacy",
    citation=DUONG_2023,
    design="Scoping review of exercise trials in people with bone metastases",
    arms=("Included trials",),
    outcomes={
        "trials": (26,),
        "serious_adverse_events": (3,),
        "unsupervised_trials": (9,),
        "remote_delivery_compliance": (80.3,),
    },
    units={
        "trials": "trials",
        "serious_adverse_events": "events",
        "unsupervised_trials": "trials",
        "remote_delivery_compliance": "%",
    },
    notes=(
        "The serious adverse events were probably unrelated to bone metastases.",
        "Remote delivery compliance was comparable to in-person and mixed supervision.",
        "Confirmed in the abstract (mdpi.com, Cancers 2023;15(6):1786). The published title is "
        "'Exercise intervention for bone metastasis: safety, efficacy and method of delivery'; "
        "the engine citation (screens/exercise.py) carries a different title and needs "
        "correcting there.",
    ),
    extra={"unsupervised_percent": 34.6},
)

CAMPBELL_2022_CONSENSUS = Trial(
    key="campbell2022",
    name="International Bone Metastases Exercise Working Group consensus",
    citation=CAMPBELL_2022,
    design="Modified Delphi, systematic review, clinician survey and expert meeting",
    arms=("Consensus process",),
    outcomes={"clinicians_agree_exercise_safe": (82,), "delphi_teach_safe_movement": (91,)},
    units={"clinicians_agree_exercise_safe": "%", "delphi_teach_safe_movement": "%"},
    notes=(
        "Risk of a skeletal complication depends on lesion, cancer-treatment and patient factors.",
        "82% and 91% read in a report of the paper (thelimbic.com, January 2022) and in "
        "DEFINITIONS; the 82% comes from the group's survey of physicians and nurse "
        "practitioners. The full text was not read.",
    ),
    extra={"key_recommendations": 5},
)

GALVAO_2018 = Trial(
    key="galvao2018",
    name="Supervised exercise for men with prostate cancer and bone metastases",
    citation=Citation(
        key="galvao2018",
        authors="Galvao DA, Taaffe DR, Spry N, Cormie P, Joseph D, Chambers SK, et al",
        title="Exercise preserves physical function in prostate cancer patients with bone "
        "metastases",
        journal="Med Sci Sports Exerc",
        year=2018,
        details="50(3):393-399",
        doi="10.1249/MSS.0000000000001454",
    ),
    design="Randomised trial of a supervised modular multimodal programme for 3 months vs usual "
    "care",
    arms=("Exercise", "Usual care"),
    outcomes={"randomised": (28, 29)},
    units={"randomised": "patients"},
    n=57,
    notes=(
        "Abstract (PMC5828380): self-reported physical function +3.2 points (95% CI 0.4-6.0) and "
        "lower-body strength +6.6 kg vs usual care; no exercise-related adverse events or "
        "skeletal fractures.",
    ),
    extra={
        "duration_months": 3,
        "sessions_per_week": 3,
        "physical_function_difference_points": 3.2,
        "leg_strength_difference_kg": 6.6,
        "exercise_related_adverse_events": 0,
    },
)
