"""Pain: the WHO ladder, radiotherapy (single fraction, SBRT, re-irradiation, hemibody),
radiopharmaceuticals and thermal ablation or cementoplasty.

* WHO ladder step from the NRS band (``bonemets.formulas.pain``: Serlin 1995; WHO 1996).
* EBRT for painful uncomplicated metastases: 8 Gy single fraction, same pain relief as multiple
  fractions, more retreatment (Dutch Bone Metastasis Study: van der Linden, IJROBP 2004, 24% vs
  6%; Chow, Clin Oncol 2012).
* SBRT for oligometastatic (Palma 2019) or radioresistant disease with good prognosis (Sahgal
  2021; Alcorn, ASTRO guideline 2024).
* Re-irradiation: 8 Gy single or 20 Gy in multiple fractions (Chow, Lancet Oncol 2014, SC.20).
* Widespread painful disease: a bone-seeking radiopharmaceutical if the screen allows it
  (``bonemets.screens.radiopharmaceutical``), otherwise hemibody irradiation (Salazar 1986).
* Focal pain persisting after radiotherapy: thermal ablation (``bonemets.screens.ablation``:
  Ryan 2022; Callstrom 2013), with cementoplasty where the bone needs support.
"""

from __future__ import annotations

from ..evidence.radiotherapy import VAN_DER_LINDEN_2004 as DBMS_TRIAL
from ..formulas.pain import BREAKTHROUGH_PERCENT_OF_DAILY, PAIN_BANDS
from ..result import Citation
from ..scores.sins import SINS
from ..sources import (
    ALCORN_2024,
    CALLSTROM_2013,
    CHOW_2014,
    EANM_2018,
    PALMA_2019,
    PARKER_2013,
    RYAN_2022,
    SALAZAR_1986,
    VAN_DER_LINDEN_2004,
    WHO_1996,  # the source of the analgesic ladder's steps
)
from .findings import (
    ablation_candidates,
    good_prognosis,
    irradiated,
    needs_fixation,
    oligometastatic,
    pain_is_pressing,
    radiopharmaceutical_candidate,
    radiosensitivity,
    site_pain_urgency,
)
from .rules import Action, Context, rule
from .thresholds import (
    GOOD_PROGNOSIS_MONTHS,
    HEMIBODY_LOWER_GY,
    HEMIBODY_UPPER_GY,
    OLIGOMETASTATIC_MAX_LESIONS,
)

_SINS_CONSULT_FROM = SINS.band_named("indeterminate").low
#: The Dutch Bone Metastasis Study's figures, from the evidence record (van der Linden 2004).
_DBMS_SINGLE_GY = DBMS_TRIAL.extra["single_dose_gy"]
_DBMS_RESPONSE = DBMS_TRIAL.outcomes["response"]
_DBMS_RETREATMENT = DBMS_TRIAL.outcomes["retreatment"]
#: The radiopharmaceutical screen's agent codes -> the names the safety table checks.
SCREEN_AGENTS = {"ra223": "radium_223", "sm153": "samarium_153", "sr89": "strontium_89"}

CHOW_2012 = Citation(
    key="chow2012",
    authors="Chow E, Zeng L, Salvo N, Dennis K, Tsao M, Lutz S",
    title="Update on the systematic review of palliative radiotherapy trials for bone metastases",
    journal="Clin Oncol (R Coll Radiol)",
    year=2012,
    details="24(2):112-124",
    doi="10.1016/j.clon.2011.11.004",
)
CARACENI_2012 = Citation(
    key="caraceni2012",
    authors="Caraceni A, Hanks G, Kaasa S, Bennett MI, Brunelli C, Cherny N, et al",
    title="Use of opioid analgesics in the treatment of cancer pain: evidence-based "
    "recommendations from the EAPC",
    journal="Lancet Oncol",
    year=2012,
    details="13(2):e58-e68",
)


def _local_lesions(ctx: Context):  # type: ignore[no-untyped-def]
    """Lesions whose radiotherapy is chosen here (spinal lesions with a NOMS route are not)."""
    return [les for les in ctx.case.lesions if ctx.lesion_result("noms", les) is None]


#: The WHO ladder's three steps, by number (the texts of the NRS bands that map to them).
STEP_TEXT: dict[int, str] = {b.who_step: b.step_text for b in PAIN_BANDS if b.who_step is not None}
#: Uncontrolled pain on a strong opioid: titrate, never step down (WHO 1996 "by the ladder";
#: EAPC: Caraceni, Lancet Oncol 2012).
_BT_LOW, _BT_HIGH = BREAKTHROUGH_PERCENT_OF_DAILY
TITRATE_TEXT = (
    "Stay on the strong opioid and titrate it: raise the regular dose, prescribe an "
    f"immediate-release breakthrough dose ({_BT_LOW}-{_BT_HIGH}% of the total daily opioid dose) "
    "and review the regular dose from how often it is needed; add a non-opioid and adjuvant as "
    "needed."
)


def recommended_step(target: int | None, current: int | None, uncontrolled: bool) -> int | None:
    """The WHO step to recommend: never below the current step; one up if pain is uncontrolled
    on it (step 3 stays at 3 and is titrated)."""
    if target is None and current is None:
        return None
    if current is None:
        return target
    up = min(current + 1, 3) if uncontrolled and current < 3 else current
    return max(target or 0, up)


@rule(
    "who_analgesic_ladder",
    "pain",
    "WHO analgesic ladder step from the pain score and the current step",
    "Worst pain NRS 1-10 (Serlin bands: 1-4 step 1, 5-6 step 2, 7-10 step 3); never a step "
    "below the current one; uncontrolled pain on step 3: titrate with breakthrough doses",
    (WHO_1996, CARACENI_2012),
)
def who_analgesic_ladder(ctx: Context) -> list[Action]:
    r = ctx.result("pain")
    if r is None or r.values["who_step"] is None:
        return []
    target = r.values["who_step"]
    current = ctx.case.treatments.who_step
    uncontrolled = bool(ctx.case.pain.uncontrolled) or (current is not None and target > current)
    step = recommended_step(target, current, uncontrolled)
    assert step is not None
    if current == 3 and uncontrolled:
        text = TITRATE_TEXT
        change = " (now on step 3, pain not controlled: titrate, do not step down)"
        cite = CARACENI_2012
    else:
        text = STEP_TEXT[step] if step else "No analgesic step needed."
        cite = WHO_1996
        if current is None:
            change = ""
        elif step > current:
            change = f" (now on step {current}: step up)"
        else:
            change = f" (now on step {current}: continue, review the dose)"
    neuro = (
        " Neuropathic component: add an adjuvant (gabapentinoid or tricyclic)."
        if ctx.case.pain.neuropathic
        else ""
    )
    return [
        Action(
            urgency="urgent"
            if pain_is_pressing(ctx.case, ctx.results) or (uncontrolled and current == 3)
            else "planned",
            modality="analgesia",
            action=text
            + change
            + neuro
            + " By the mouth, by the clock, with laxatives for opioids.",
            trigger=f"Worst pain NRS {r.values['nrs']}/10 ({r.band_label.lower()})"  # type: ignore[union-attr]
            + (f"; current WHO step {current}" if current is not None else "")
            + ("; pain not controlled" if ctx.case.pain.uncontrolled else ""),
            citation=cite,
            agents=(f"who_step_{step}", "non_opioid")
            if "non-opioid" in text
            else (f"who_step_{step}",),
        )
    ]


def _sbrt_reason(ctx: Context) -> str | None:
    case = ctx.case
    if good_prognosis(case, ctx.results) is not True or not case.histology_known:
        return None
    sens, _ = radiosensitivity(case)
    if oligometastatic(case):
        return "oligometastatic disease with good prognosis"
    if sens == "resistant":
        return "radioresistant histology with good prognosis"
    return None


def _radiotherapy_target(ctx: Context, les) -> bool:  # type: ignore[no-untyped-def]
    return (
        les.fracture != "actual"
        and needs_fixation(ctx, les) is None
        and not irradiated(ctx.case, les)
    )


@rule(
    "sbrt_selected_disease",
    "pain",
    "SBRT for a painful metastasis in oligometastatic or radioresistant disease with good "
    "prognosis",
    f"A painful lesion; <= {OLIGOMETASTATIC_MAX_LESIONS} metastases in total, or radioresistant "
    f"histology; expected survival >= {GOOD_PROGNOSIS_MONTHS:g} months; tissue diagnosis known",
    (PALMA_2019, ALCORN_2024),
)
def sbrt_selected_disease(ctx: Context) -> list[Action]:
    why = _sbrt_reason(ctx)
    if why is None:
        return []
    out = []
    for les in _local_lesions(ctx):
        if not _radiotherapy_target(ctx, les) or not les.painful:
            continue
        out.append(
            Action(
                urgency="planned",
                modality="sbrt",
                action=f"Stereotactic body radiotherapy to the painful {les.label} (ablative "
                "dose, e.g. 24 Gy in 2 fractions or 30-35 Gy in 5), for durable local control "
                "and pain relief.",
                trigger=f"Painful {les.label}; {why} ({ctx.lesion_path(les)})",
                citation=PALMA_2019 if "oligometastatic" in why else ALCORN_2024,
                lesion=les.id,
                agents=("sbrt",),
            )
        )
    return out


@rule(
    "oligometastatic_sabr_discussion",
    "pain",
    "Metastasis-directed SABR for oligometastatic disease: an MDT or trial discussion",
    f"<= {OLIGOMETASTATIC_MAX_LESIONS} metastases in total, expected survival >= "
    f"{GOOD_PROGNOSIS_MONTHS:g} months, tissue diagnosis known, and a "
    "painless metastasis not otherwise treated (SABR-COMET conditions)",
    (PALMA_2019,),
)
def oligometastatic_sabr_discussion(ctx: Context) -> list[Action]:
    case = ctx.case
    if not (
        oligometastatic(case) and good_prognosis(case, ctx.results) is True and case.histology_known
    ):
        return []
    painless = [
        les for les in _local_lesions(ctx) if _radiotherapy_target(ctx, les) and not les.painful
    ]
    if not painless:
        return []
    controlled = {
        True: "the primary is controlled",
        False: "the primary is NOT controlled (outside SABR-COMET's conditions)",
        None: "confirm the primary is controlled (primary.controlled not recorded)",
    }[case.primary.controlled]
    sites = ", ".join(les.label for les in painless)
    return [
        Action(
            urgency="planned",
            modality="sbrt",
            action="Discuss metastasis-directed stereotactic ablative radiotherapy (SABR) to "
            "every metastasis at the MDT, ideally within a clinical trial: an emerging approach, "
            "not standard care (SABR-COMET, a randomised phase 2 trial, selected a controlled "
            f"primary, up to {OLIGOMETASTATIC_MAX_LESIONS} metastases all treatable, and good "
            f"performance status); {controlled}.",
            trigger=f"Oligometastatic disease with good prognosis; painless metastases: {sites}",
            citation=PALMA_2019,
        )
    ]


def _defer_spine_radiotherapy(ctx: Context, les) -> list[str]:  # type: ignore[no-untyped-def]
    """Why radiotherapy to a spinal lesion must wait (empty: it need not): epidural disease not
    graded (no MRI), or mechanical pain with a SINS from the indeterminate band (stability not
    yet judged by the spinal surgeon)."""
    if not les.is_spine:
        return []
    why = []
    if les.escc_grade is None:
        why.append("the MRI has not graded the epidural disease (ESCC)")
    sins = ctx.lesion_result("sins", les)
    if les.pain == "mechanical" and sins is not None and sins.score is not None:
        if sins.score >= _SINS_CONSULT_FROM:
            why.append(
                f"mechanical pain with SINS {sins.score}, {sins.band_label.lower()}: "  # type: ignore[union-attr]
                "the spinal surgeon judges stability first"
            )
    return why


@rule(
    "ebrt_single_fraction",
    "pain",
    "EBRT 8 Gy single fraction for a painful uncomplicated bone metastasis",
    "A painful lesion, not irradiated, no fracture or fixation needed, not selected for SBRT",
    (VAN_DER_LINDEN_2004, CHOW_2012),
)
def ebrt_single_fraction(ctx: Context) -> list[Action]:
    if _sbrt_reason(ctx) is not None:
        return []
    out = []
    for les in _local_lesions(ctx):
        if not les.painful or not _radiotherapy_target(ctx, les):
            continue
        wait = _defer_spine_radiotherapy(ctx, les)
        if wait:
            biopsy = "" if ctx.case.histology_known else "; and there is no tissue diagnosis yet"
            out.append(
                Action(
                    urgency="planned",
                    modality="radiotherapy",
                    action=f"Defer radiotherapy to {les.label} until the MRI and the spinal surgical "
                    + ("opinion" if ctx.case.histology_known else "opinion and the biopsy")
                    + f": {'; '.join(wait)}{biopsy}. Analgesia meanwhile.",
                    trigger=f"Painful {les.label} ({ctx.lesion_path(les)})",
                    citation=VAN_DER_LINDEN_2004,
                    lesion=les.id,
                )
            )
            continue
        out.append(
            Action(
                urgency=site_pain_urgency(ctx.case, ctx.results, les),  # type: ignore[arg-type]
                modality="radiotherapy",
                action=f"External beam radiotherapy to the {les.label}: {_DBMS_SINGLE_GY} Gy "
                "single fraction. Pain relief is the same as with 5-10 fractions "
                f"({_DBMS_RESPONSE[0]:g}% vs {_DBMS_RESPONSE[1]:g}%); retreatment is needed more "
                f"often ({_DBMS_RETREATMENT[0]:g}% vs {_DBMS_RETREATMENT[1]:g}%), a trade-off to "
                "discuss with the patient.",
                trigger=f"Painful uncomplicated metastasis at the {les.label} ({ctx.lesion_path(les)})",
                citation=VAN_DER_LINDEN_2004,
                lesion=les.id,
                agents=("radiotherapy",),
            )
        )
    return out


@rule(
    "reirradiation",
    "pain",
    "Re-irradiation of a painful, previously irradiated metastasis",
    "Pain persisting or returning at a site already irradiated",
    (CHOW_2014,),
)
def reirradiation(ctx: Context) -> list[Action]:
    out = []
    for les in ctx.case.lesions:
        if not les.painful:
            continue
        courses = [r for r in ctx.case.treatments.radiotherapy if r.lesion == les.id]
        if not courses:
            continue
        last = max(courses, key=lambda r: r.date)
        eqd2 = ctx.result(f"eqd2:{les.id}")
        dose = f" (EQD2 {eqd2.display['eqd2_gy']})" if eqd2 is not None else ""
        out.append(
            Action(
                urgency="planned",
                modality="radiotherapy",
                action=f"Re-irradiation of the {les.label}: 8 Gy single fraction is non-inferior "
                "to 20 Gy in multiple fractions (SC.20); check cumulative dose to the cord or "
                "bowel.",
                trigger=f"Painful {les.label} already irradiated: {last.dose_gy:g} Gy in "
                f"{last.fractions} on {last.date.isoformat()}{dose}",
                citation=CHOW_2014,
                lesion=les.id,
                agents=("radiotherapy",),
            )
        )
    return out


@rule(
    "radiopharmaceutical",
    "pain",
    "Bone-seeking radiopharmaceutical for widespread painful disease",
    "Widespread painful bone metastases and an eligible radiopharmaceutical screen",
    (EANM_2018, PARKER_2013),
)
def radiopharmaceutical(ctx: Context) -> list[Action]:
    r = ctx.result("radiopharmaceutical")
    if r is None:
        return []
    extra = "; ".join(x.text for x in r.reasons if x.effect == "caution")
    return [
        Action(
            urgency="planned",
            modality="radiopharmaceutical",
            action=f"{r.values['agent_label']}: {r.values['agent_dose']}. Warn of a transient pain flare; "
            "check blood counts before each dose." + (f" Cautions: {extra}." if extra else ""),
            trigger=f"Widespread painful bone metastases; radiopharmaceutical screen: {r.band_label.lower()}",  # type: ignore[union-attr]
            citation=PARKER_2013 if r.values["agent"] == "ra223" else EANM_2018,
            agents=(SCREEN_AGENTS[r.values["agent"]],),
            screen="radiopharmaceutical",
        )
    ]


@rule(
    "hemibody_irradiation",
    "pain",
    "Hemibody irradiation for widespread painful disease when a radiopharmaceutical is not possible",
    "Widespread painful bone metastases and a radiopharmaceutical screen that is not eligible "
    "(or could not be run)",
    (SALAZAR_1986,),
)
def hemibody_irradiation(ctx: Context) -> list[Action]:
    if not radiopharmaceutical_candidate(ctx.case):
        return []
    r = ctx.result("radiopharmaceutical")
    if r is not None and r.band != "not_eligible":
        return []
    why = (
        "radiopharmaceutical not eligible: "
        + "; ".join(x.text for x in r.reasons if x.effect == "not_eligible")
        if r is not None
        else "radiopharmaceutical screen not computed (missing: "
        + ", ".join(ctx.not_computed.get("radiopharmaceutical", []))
        + ")"
    )
    return [
        Action(
            urgency="planned",
            modality="radiotherapy",
            action=f"Hemibody irradiation: single fraction of {HEMIBODY_UPPER_GY:g} Gy to the "
            f"upper or {HEMIBODY_LOWER_GY:g} Gy to the lower half (pain relief in about 73%, "
            "often within 48 hours); premedicate with antiemetics and steroids; check blood "
            "counts.",
            trigger=f"Widespread painful bone metastases; {why}",
            citation=SALAZAR_1986,
            agents=("hemibody",),
        )
    ]


@rule(
    "thermal_ablation",
    "pain",
    "Thermal ablation, with cementoplasty where needed, for focal pain persisting after radiotherapy",
    "A painful lesion already irradiated, disease not widespread, ablation screen not "
    "contraindicated",
    (RYAN_2022, CALLSTROM_2013),
)
def thermal_ablation(ctx: Context) -> list[Action]:
    out = []
    for les in ablation_candidates(ctx.case):
        r = ctx.lesion_result("ablation", les)
        if r is None:
            continue
        cement = (
            " with cementoplasty (or vertebral augmentation) to support the bone"
            if les.lesion in ("lytic", "mixed")
            else ""
        )
        cautions = "; ".join(x.text for x in r.reasons if x.effect != "contraindicated")
        out.append(
            Action(
                urgency="planned",
                modality="interventional",
                action=f"Image-guided thermal ablation (radiofrequency, microwave or cryoablation) of the "
                f"{les.label}{cement}, decided at the MDT."
                + (f" Precautions: {cautions}." if cautions else ""),
                trigger=f"Focal pain persisting after radiotherapy at the {les.label}; ablation "
                f"screen: {r.band_label.lower()}",  # type: ignore[union-attr]
                citation=CALLSTROM_2013,
                lesion=les.id,
                agents=("ablation",),
                screen=f"ablation:{les.id}",
            )
        )
    return out
