"""Rehabilitation: the pre-exercise screen (cleared / modify / defer) and safe programme design.

The screen is ``bonemets.screens.exercise`` (Campbell, JCO Oncol Pract 2022: IBMEWG); the
safety evidence is Weller 2021 and Duong 2023 (remote delivery: compliance 80.3%). Heat,
therapeutic ultrasound, massage and electrotherapy are not applied over tumour sites (course
source article; IBMEWG principles).
"""

from __future__ import annotations

from ..sources import CAMPBELL_2022, DUONG_2023
from .rules import Action, Context, rule


def _reasons(ctx: Context) -> str:
    r = ctx.results["exercise"]
    return "; ".join(x.text for x in r.reasons) or "no contraindication found"


@rule(
    "exercise_programme",
    "rehab",
    "Supervised exercise programme after the pre-exercise screen",
    "Exercise screen cleared or modify (a deferring screen withholds it: pathway.safety)",
    (CAMPBELL_2022, DUONG_2023),
)
def exercise_programme(ctx: Context) -> list[Action]:
    r = ctx.result("exercise")
    if r is None or r.band == "defer":  # exercise_deferred answers a deferring screen
        return []
    text = (
        "Individualised aerobic and resistance exercise supervised by a qualified exercise "
        "professional (in person or remote), with posture and controlled movement."
        if r.band == "cleared"
        else "Supervised, modified exercise programme: protect the affected sites (no loaded "
        "flexion or twisting of an at-risk spine; no impact or heavy loading of an at-risk limb), "
        "adjust as each reason below is treated."
    )
    return [
        Action(
            urgency="planned",
            modality="rehabilitation",
            action=text,
            trigger=f"Exercise screen: {r.band_label.lower()} ({_reasons(ctx)})",  # type: ignore[union-attr]
            citation=CAMPBELL_2022,
            agents=("exercise",),
            screen="exercise",
        )
    ]


@rule(
    "exercise_deferred",
    "rehab",
    "Defer the exercise programme; keep safe movement",
    "Exercise screen defer (untreated cord compression, acute fracture, severe hypercalcaemia, "
    "unstable spine)",
    (CAMPBELL_2022,),
)
def exercise_deferred(ctx: Context) -> list[Action]:
    r = ctx.result("exercise")
    if r is None or r.band != "defer":
        return []
    return [
        Action(
            urgency="planned",
            modality="rehabilitation",
            action="Defer the exercise programme until the reasons below are treated; "
            "physiotherapy for safe transfers, bed mobility and positioning meanwhile; rescreen "
            "after treatment.",
            trigger=f"Exercise screen: defer ({_reasons(ctx)})",
            citation=CAMPBELL_2022,
        )
    ]


@rule(
    "no_physical_modalities_over_tumour",
    "rehab",
    "No heat, ultrasound, massage or electrotherapy over tumour sites",
    "Any rehabilitation contact (the exercise screen was run)",
    (CAMPBELL_2022,),
)
def no_physical_modalities_over_tumour(ctx: Context) -> list[Action]:
    if ctx.result("exercise") is None:
        return []
    sites = ", ".join(les.label for les in ctx.case.lesions)
    return [
        Action(
            urgency="planned",
            modality="rehabilitation",
            action="Do not apply heat, therapeutic ultrasound, massage or electrotherapy (TENS) "
            "over tumour sites: they raise local blood flow.",
            trigger=f"Bone metastases at: {sites}",
            citation=CAMPBELL_2022,
        )
    ]
