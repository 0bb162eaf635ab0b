"""Supportive and palliative care: palliative care, nutrition, falls and home safety, psychosocial.

* Early palliative care alongside oncology for advanced cancer (Ferrell, ASCO guideline 2017;
  Temel, NEJM 2010); sooner when symptoms are uncontrolled or prognosis is short.
* Nutrition: cachexia from > 5% weight loss in 6 months (Fearon 2011); dietitian, protein,
  calcium and vitamin D (Arends, ESPEN 2017).
* Falls: assessment and home-hazard intervention (NICE CG161, 2013).
* Psychosocial: distress thermometer >= 4 -> referral (Riba, NCCN 2019).
"""

from __future__ import annotations

from ..result import Citation
from ..scores.mirels import MIRELS
from ..scores.sins import SINS
from ..sources import NICE_NG234, TEMEL_2010
from .findings import cannot_stand, neuro_deficit
from .rules import Action, Context, rule
from .thresholds import (
    DISTRESS_REFERRAL_FROM,
    FALLS_ASSESSMENT_AGE_FROM,
    SURGERY_MIN_SURVIVAL_MONTHS,
    WEIGHT_LOSS_ABOVE_PERCENT,
)

FERRELL_2017 = Citation(
    key="ferrell2017",
    authors="Ferrell BR, Temel JS, Temin S, Alesi ER, Balboni TA, Basch EM, et al",
    title="Integration of palliative care into standard oncology care: American Society of "
    "Clinical Oncology clinical practice guideline update",
    journal="J Clin Oncol",
    year=2017,
    details="35(1):96-112",
    doi="10.1200/JCO.2016.70.1474",
)
FEARON_2011 = Citation(
    key="fearon2011",
    authors="Fearon K, Strasser F, Anker SD, Bosaeus I, Bruera E, Fainsinger RL, et al",
    title="Definition and classification of cancer cachexia: an international consensus",
    journal="Lancet Oncol",
    year=2011,
    details="12(5):489-495",
    doi="10.1016/S1470-2045(10)70218-7",
)
ARENDS_2017 = Citation(
    key="arends2017",
    authors="Arends J, Bachmann P, Baracos V, Barthelemy N, Bertz H, Bozzetti F, et al",
    title="ESPEN guidelines on nutrition in cancer patients",
    journal="Clin Nutr",
    year=2017,
    details="36(1):11-48",
    doi="10.1016/j.clnu.2016.07.015",
)
NICE_CG161 = Citation(
    key="nice2013cg161",
    authors="National Institute for Health and Care Excellence",
    title="Falls in older people: assessing risk and prevention (NICE clinical guideline CG161)",
    journal="National Institute for Health and Care Excellence, London",
    year=2013,
)
RIBA_2019 = Citation(
    key="riba2019",
    authors="Riba MB, Donovan KA, Andersen B, Braun I, Breitbart WS, Brewer BW, et al",
    title="Distress management, version 3.2019, NCCN clinical practice guidelines in oncology",
    journal="J Natl Compr Canc Netw",
    year=2019,
    details="17(10):1229-1249",
    doi="10.6004/jnccn.2019.0048",
)

_WEIGHT_BEARING = ("femur", "tibia", "pelvis", "acetabulum", "spine")


@rule(
    "palliative_care",
    "supportive",
    "Palliative care alongside oncology; sooner with uncontrolled symptoms or short prognosis",
    "Every patient with bone metastases (planned); urgent if pain is uncontrolled or severe, or "
    f"expected survival is under {SURGERY_MIN_SURVIVAL_MONTHS:g} months",
    (FERRELL_2017, TEMEL_2010),
)
def palliative_care(ctx: Context) -> list[Action]:
    case = ctx.case
    why = []
    if case.pain.uncontrolled:
        why.append("uncontrolled pain")
    pain = ctx.result("pain")
    if pain is not None and pain.band == "severe":
        why.append(f"severe pain (NRS {pain.values['nrs']})")
    months = case.prognosis.expected_survival_months
    if months is not None and months < SURGERY_MIN_SURVIVAL_MONTHS:
        why.append(f"expected survival {months:g} months")
    if why:
        return [
            Action(
                urgency="urgent",
                modality="palliative_care",
                action="Specialist palliative care referral this week: symptom control, goals of "
                "care and advance care planning, support for family.",
                trigger="; ".join(why),
                citation=FERRELL_2017,
            )
        ]
    return [
        Action(
            urgency="planned",
            modality="palliative_care",
            action="Palliative care alongside cancer treatment (early integration improves "
            "quality of life); revisit goals of care as the disease changes.",
            trigger="Metastatic cancer with bone metastases"
            if case.histology_known
            else "Suspected metastatic cancer (no tissue diagnosis yet): support while the "
            "diagnosis is made",
            citation=TEMEL_2010,
        )
    ]


@rule(
    "nutrition_support",
    "supportive",
    "Dietitian for weight loss (cachexia)",
    f"Weight loss > {WEIGHT_LOSS_ABOVE_PERCENT:g}% in 6 months",
    (FEARON_2011, ARENDS_2017),
)
def nutrition_support(ctx: Context) -> list[Action]:
    loss = ctx.case.social.weight_loss_percent_6_months
    if loss is None or loss <= WEIGHT_LOSS_ABOVE_PERCENT:
        return []
    return [
        Action(
            urgency="planned",
            modality="nutrition",
            action="Dietitian review: energy and protein (1.0-1.5 g/kg/day), small frequent "
            "meals, calcium and vitamin D intake for bone health; treat nausea, constipation and "
            "mouth problems that limit eating.",
            trigger=f"Weight loss {loss:g}% in 6 months (> {WEIGHT_LOSS_ABOVE_PERCENT:g}%: cachexia)",
            citation=ARENDS_2017,
        )
    ]


@rule(
    "falls_home_safety",
    "supportive",
    "Falls risk assessment and home safety",
    f"Age >= {FALLS_ASSESSMENT_AGE_FROM}, a fall in the last year, a neurological deficit, or a "
    "weight-bearing lesion at risk (Mirels borderline/high, impending fracture, SINS >= "
    f"{SINS.band_named('indeterminate').low})",
    (NICE_CG161,),
)
def falls_home_safety(ctx: Context) -> list[Action]:
    case = ctx.case
    why = []
    if case.patient.age_years >= FALLS_ASSESSMENT_AGE_FROM:
        why.append(f"age {case.patient.age_years:g}")
    if case.social.falls_last_year:
        why.append(f"{case.social.falls_last_year} fall(s) in the last year")
    deficit = neuro_deficit(case)
    if deficit:
        why.append(deficit)
    borderline = MIRELS.band_named("borderline").low
    consult = SINS.band_named("indeterminate").low
    for les in case.lesions:
        if les.bone not in _WEIGHT_BEARING and not les.is_spine:
            continue
        mir = ctx.lesion_result("mirels", les)
        sins = ctx.lesion_result("sins", les)
        if (
            les.fracture == "impending"
            or (mir is not None and mir.score is not None and mir.score >= borderline)
            or (sins is not None and sins.score is not None and sins.score >= consult)
        ):
            why.append(f"weight-bearing lesion at risk ({les.label})")
    if not why:
        return []
    return [
        Action(
            urgency="planned",
            modality="supportive_care",
            action="Falls assessment (gait, balance, medicines such as opioids and sedatives, "
            "vision) and an occupational therapy home visit: clear walkways, rails, night "
            "lighting, sturdy footwear, walking aid; teach how to get up and call for help.",
            trigger="; ".join(why),
            citation=NICE_CG161,
        )
    ]


@rule(
    "psychosocial_support",
    "supportive",
    "Distress screening and psychosocial support",
    f"Distress thermometer >= {DISTRESS_REFERRAL_FROM} (referral); not recorded (screen)",
    (RIBA_2019,),
)
def psychosocial_support(ctx: Context) -> list[Action]:
    score = ctx.case.social.distress_score
    if score is None:
        return [
            Action(
                urgency="planned",
                modality="psychosocial",
                action="Screen for distress (NCCN distress thermometer and problem list) at this visit.",
                trigger="Distress not recorded (social.distress_score)",
                citation=RIBA_2019,
            )
        ]
    if score < DISTRESS_REFERRAL_FROM:
        return []
    alone = (
        " Lives alone: involve social work for practical support."
        if ctx.case.social.lives_alone
        else ""
    )
    return [
        Action(
            urgency="planned",
            modality="psychosocial",
            action="Psychosocial referral (psycho-oncology, social work, chaplaincy as wished); "
            "address practical, family, emotional and spiritual concerns." + alone,
            trigger=f"Distress thermometer {score}/10 (>= {DISTRESS_REFERRAL_FROM})",
            citation=RIBA_2019,
        )
    ]


@rule(
    "immobile_patient_care",
    "supportive",
    "Care of a patient who cannot stand: bladder, bowel, skin and venous thromboembolism",
    "A neurological deficit with the patient unable to stand or walk (Frankel A-C or not "
    "ambulatory)",
    (NICE_NG234,),
)
def immobile_patient_care(ctx: Context) -> list[Action]:
    case = ctx.case
    why = cannot_stand(case)
    deficit = neuro_deficit(case)
    if why is None or deficit is None:
        return []
    return [
        Action(
            urgency="urgent",
            modality="supportive_care",
            action="Nursing care of a patient who cannot stand (course practice): bladder care "
            "(check for retention; catheter if needed) and a bowel regimen; pressure-area care "
            "(risk assessment, pressure-relieving mattress, regular turning); venous "
            "thromboembolism risk assessment and prophylaxis unless contraindicated; "
            "physiotherapy for positioning and chest care; rehabilitation planning from the start.",
            trigger=f"Cannot stand ({why}); {deficit}",
            citation=NICE_NG234,
        )
    ]
