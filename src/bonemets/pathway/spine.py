"""Spinal metastases: stability (SINS), stabilisation, cement augmentation and the NOMS route.

* SINS 7-18 (indeterminate or unstable): surgical consultation (Fisher, Spine 2010).
* NOMS (Laufer, Oncologist 2013): radiation route from ESCC grade and radiosensitivity;
  stabilisation for mechanical instability in a patient fit for surgery; cement augmentation for
  mechanical pain without gross instability (CAFE trial: Berenson, Lancet Oncol 2011).
* cEBRT for cord compression: 20 Gy in 5 fractions (SCORAD III: Hoskin, JAMA 2019, could not show
  8 Gy single fraction non-inferior); 8 Gy single fraction for uncomplicated pain.
* SBRT for oligometastatic disease with good prognosis: SC.24 (Sahgal, Lancet Oncol 2021).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..evidence.emergencies import SCORAD_III
from ..evidence.radiotherapy import SAHGAL_2021 as SC24_TRIAL
from ..scores.escc import band_of
from ..scores.sins import SINS
from ..sources import (
    ALCORN_2024,
    BERENSON_2011,
    FISHER_2010,
    HOSKIN_2019,
    LAUFER_2013,
    NICE_NG234,
    PAZIONIS_2014,
    SAHGAL_2021,
)
from .findings import (
    FIXATIONS,
    HYPERVASCULAR_PRIMARIES,
    SPINE_SURGERY,
    good_prognosis,
    high_grade_escc,
    irradiated,
    needs_fixation,
    noms_o_label,
    oligometastatic,
    patchell_candidate,
    site_pain_urgency,
    surgeries,
    surgery_gate,
)
from .rules import Action, Context, rule

if TYPE_CHECKING:
    from ..patient import Lesion

#: SCORAD III and SC.24 figures, from the evidence records (Hoskin 2019; Sahgal 2021).
_SCORAD = SCORAD_III.extra
_SCORAD_MULTI = f"{_SCORAD['dose_multi_gy']} Gy in {_SCORAD['multi_fractions']} fractions"
_SCORAD_NOT_SHOWN = (
    f"did not show {_SCORAD['dose_single_gy']} Gy single fraction non-inferior for walking at "
    f"{_SCORAD['endpoint_weeks']} weeks"
)
_SC24 = SC24_TRIAL.extra
_SC24_CR = SC24_TRIAL.outcomes["complete_response_3m"]

_CONSULT = SINS.band_named("indeterminate")
_UNSTABLE = SINS.band_named("unstable")


def _spinal(ctx: Context) -> list[Lesion]:
    return [les for les in ctx.case.lesions if les.is_spine]


@rule(
    "sins_surgical_consultation",
    "spine",
    "Spinal surgical consultation for a potentially unstable or unstable spine",
    f"SINS >= {_CONSULT.low} (indeterminate {_CONSULT.range_text} or unstable {_UNSTABLE.range_text})",
    (FISHER_2010,),
)
def sins_surgical_consultation(ctx: Context) -> list[Action]:
    out = []
    gate = surgery_gate(ctx.case, ctx.results)
    for les in _spinal(ctx):
        r = ctx.lesion_result("sins", les)
        if r is None or r.score is None or r.score < _CONSULT.low:
            continue
        if gate.ok is False:
            text = (
                f"Spine team opinion on the stability of {les.label} without open surgery "
                f"(prognosis: {gate.reason}): brace, cement augmentation or radiotherapy; "
                "meanwhile avoid loaded flexion and twisting."
            )
        else:
            text = (
                f"Spinal surgical consultation on the stability of {les.label}; meanwhile avoid "
                "loaded flexion and twisting."
            )
        out.append(
            Action(
                urgency="urgent",
                modality="surgery",
                action=text,
                trigger=f"SINS {r.score} at {les.label}: {r.band_label.lower()}",  # type: ignore[union-attr]
                citation=FISHER_2010,
                lesion=les.id,
                decision="spinal_surgery",
            )
        )
    return out


def _cervical_unstable(ctx: Context) -> list[tuple[Lesion, str]]:
    out = []
    for les in _spinal(ctx):
        if not (les.level or "").startswith("c") or surgeries(ctx.case, les, SPINE_SURGERY):
            continue
        r = ctx.lesion_result("sins", les)
        why = []
        if r is not None and r.band == "unstable":
            why.append(f"SINS {r.score} (unstable)")
        if les.alignment == "subluxation":
            why.append("subluxation/translation")
        if why:
            out.append((les, ", ".join(why)))
    return out


@rule(
    "cervical_immobilisation",
    "spine",
    "Immediate immobilisation of an unstable cervical spine",
    f"A cervical metastasis with SINS {_UNSTABLE.range_text} (unstable) or subluxation, not yet "
    "stabilised",
    (FISHER_2010, NICE_NG234),
)
def cervical_immobilisation(ctx: Context) -> list[Action]:
    return [
        Action(
            urgency="emergency",
            modality="surgery",
            action="Immobilise the cervical spine now, without waiting for the surgical "
            f"decision: the spinal team chooses the orthosis for {les.label} (for example a rigid "
            "collar) and decides on stabilisation; spinal surgical review today.",
            trigger=f"Unstable cervical metastasis at {les.label}: {why}",
            citation=FISHER_2010,
            lesion=les.id,
            # one decision for this lesion: the collar, the surgical consultation and the
            # stabilisation merge into this action, at its urgency
            decision="spinal_surgery",
        )
        for les, why in _cervical_unstable(ctx)
    ]


@rule(
    "spinal_stabilization",
    "spine",
    "Stabilisation of a mechanically unstable spine (NOMS 'M')",
    f"SINS {_UNSTABLE.range_text} (unstable): stabilisation if fit for surgery; otherwise "
    "percutaneous options or bracing",
    (LAUFER_2013, FISHER_2010),
)
def spinal_stabilization(ctx: Context) -> list[Action]:
    out = []
    for les in _spinal(ctx):
        r = ctx.lesion_result("sins", les)
        if (
            r is None
            or r.score is None
            or r.score < _UNSTABLE.low
            or surgeries(ctx.case, les, SPINE_SURGERY)
        ):
            continue
        noms = ctx.lesion_result("noms", les)
        trigger = f"SINS {r.score} at {les.label} (unstable)"
        agents: tuple[str, ...] = ()
        if noms is not None and noms.values["stabilization"]:
            text = (
                f"Stabilisation of {les.label} (open or percutaneous instrumentation, with cement "
                "augmentation as needed), then radiotherapy once the wound allows."
            )
            agents = ("spinal_surgery",)
        else:
            fit = ctx.case.performance.fit_for_surgery
            text = (
                f"Unstable {les.label} but not fit for open surgery"
                if fit is False or noms is not None
                else f"Unstable {les.label}; fitness for surgery not stated"
            ) + (
                ": discuss percutaneous stabilisation, cement augmentation or a brace with the "
                "spine team; radiotherapy for pain."
            )
        out.append(
            Action(
                urgency="urgent",
                modality="surgery",
                action=text,
                trigger=trigger,
                citation=LAUFER_2013,
                lesion=les.id,
                agents=agents,
                decision="spinal_surgery",
            )
        )
    return out


@rule(
    "vertebral_augmentation",
    "spine",
    "Vertebroplasty or kyphoplasty for mechanical pain without gross instability",
    "Mechanical pain, vertebral collapse, SINS below the unstable band, no high-grade ESCC",
    (BERENSON_2011, LAUFER_2013),
)
def vertebral_augmentation(ctx: Context) -> list[Action]:
    out = []
    for les in _spinal(ctx):
        r = ctx.lesion_result("sins", les)
        if r is None or r.score is None or r.score >= _UNSTABLE.low:
            continue
        if les.pain != "mechanical" or les.collapse not in ("lt_50", "gt_50"):
            continue
        if les.escc_grade is None or band_of(les.escc_grade) == "high":
            continue
        if surgeries(ctx.case, les, ("vertebroplasty", "kyphoplasty")):
            continue
        out.append(
            Action(
                urgency="urgent",
                modality="interventional",
                action=f"Vertebroplasty or balloon kyphoplasty of {les.label} for mechanical pain "
                "(CAFE: disability score fell from 17.6 to 9.1 at 1 month); combine with "
                "radiotherapy or ablation for the tumour.",
                trigger=f"Mechanical pain, {les.collapse.replace('_', ' ')}% collapse, SINS "
                f"{r.score}, ESCC {les.escc_grade} at {les.label}",
                citation=BERENSON_2011,
                lesion=les.id,
                agents=("cement",),
            )
        )
    return out


@rule(
    "noms_radiation_route",
    "spine",
    "NOMS radiation route for each spinal metastasis: cEBRT, SRS or separation surgery + SRS",
    "A NOMS result for a spinal lesion (ESCC grade, radiosensitivity, SINS, fitness)",
    (LAUFER_2013, HOSKIN_2019, SAHGAL_2021, ALCORN_2024),
)
def noms_radiation_route(ctx: Context) -> list[Action]:
    out = []
    case = ctx.case
    for les in _spinal(ctx):
        noms = ctx.lesion_result("noms", les)
        if noms is None:
            continue
        if irradiated(case, les) and not surgeries(case, les, SPINE_SURGERY):
            continue  # already irradiated: see the re-irradiation rule
        pathway = noms.values["pathway"]
        high = noms.values["escc_band"] == "high"
        if (
            not les.painful
            and noms.values["escc_band"] == "low"
            and not noms.values["surgical_consultation"]
        ):
            continue  # asymptomatic, no cord contact, stable: systemic therapy and observation
        urgency = (
            "emergency"
            if high
            else site_pain_urgency(case, ctx.results, les)
            if les.painful
            else "planned"
        )
        trigger = (
            noms.interpretation.split(". ")[0].replace(
                "O: radiosensitive", f"O: {noms_o_label(case)}"
            )
            + f" ({les.label})"
        )
        cite = LAUFER_2013
        agents: tuple[str, ...] = ("radiotherapy",)
        operated_first = les in high_grade_escc(case) and patchell_candidate(case, ctx.results)
        stabilise = bool(noms.values["stabilization"]) and not surgeries(case, les, SPINE_SURGERY)
        if pathway == "cebrt" and stabilise and not high:
            # SC.24 (Sahgal 2021) excluded unstable spines: no SBRT on its evidence here
            text = (
                f"Conventional EBRT to {les.label} as a postoperative course, fractionation as "
                "the radiation oncologist chooses (SC.24, the trial of SBRT for painful spinal "
                "metastases, excluded unstable spines)."
            )
        elif pathway == "cebrt":
            if high and operated_first:
                text = (
                    f"Radiotherapy to {les.label} after decompression if the spine surgeon "
                    "operates (postoperative, once the wound allows); if not operated, "
                    f"conventional EBRT {_SCORAD_MULTI} now (SCORAD III {_SCORAD_NOT_SHOWN})."
                )
                cite = HOSKIN_2019
            elif high:
                text = (
                    f"Conventional EBRT to {les.label}, {_SCORAD_MULTI} (SCORAD III "
                    f"{_SCORAD_NOT_SHOWN})."
                )
                cite = HOSKIN_2019
            elif oligometastatic(case) and good_prognosis(case, ctx.results):
                text = (
                    f"Radiotherapy to {les.label}: cEBRT, or SBRT {_SC24['sbrt_total_gy']} Gy in "
                    f"{_SC24['sbrt_fractions']} fractions given oligometastatic disease and good "
                    f"prognosis (SC.24: complete pain response {_SC24_CR[0]:g}% vs {_SC24_CR[1]:g}% "
                    "at 3 months)."
                )
                cite = SAHGAL_2021
                agents = ("radiotherapy", "sbrt")
            else:
                text = (
                    f"Conventional EBRT to {les.label}: 8 Gy single fraction for uncomplicated "
                    "pain, or a multi-fraction course."
                )
        elif pathway == "srs" and good_prognosis(case, ctx.results) is False:
            text = (
                f"Conventional EBRT to {les.label}, 8 Gy single fraction: NOMS would choose SRS "
                "for this radioresistant histology, but with a short prognosis a single "
                "fraction relieves pain with the least burden."
            )
            cite = ALCORN_2024
        elif pathway == "srs":
            text = (
                f"Stereotactic radiosurgery / SBRT to {les.label} (radioresistant histology "
                "without high-grade cord compression)."
            )
            cite = SAHGAL_2021
            agents = ("sbrt",)
        elif pathway == "separation_surgery_srs":
            text = (
                f"Separation surgery (decompression of the cord) at {les.label}, then SRS "
                "('hybrid therapy') once the wound allows."
            )
            agents = ("spinal_surgery", "sbrt")
        else:
            text = (
                f"Radiotherapy to {les.label} without surgery (the patient cannot have separation "
                "surgery); systemic therapy and best supportive care."
            )
        surgical = pathway == "separation_surgery_srs"
        if (
            not surgical
            and noms.values["stabilization"]
            and not surgeries(case, les, SPINE_SURGERY)
        ):
            text = f"After stabilisation, once the wound allows: {text[0].lower()}{text[1:]}"
        out.append(
            Action(
                urgency=urgency,  # type: ignore[arg-type]
                modality="surgery" if surgical else "radiotherapy",
                action=text,
                trigger=trigger,
                citation=cite,
                lesion=les.id,
                agents=agents,
                decision="spinal_surgery" if surgical else None,
            )
        )
    return out


def _operations(ctx: Context) -> list[str]:
    """Sites where an operation is indicated now (before prognosis is weighed)."""
    case = ctx.case
    out = []
    for les in case.lesions:
        if fixed_or_operated(case, les):
            continue
        sins = ctx.lesion_result("sins", les)
        noms = ctx.lesion_result("noms", les)
        if (
            (les.is_long_bone and (needs_fixation(ctx, les) or les.fracture == "actual"))
            or (sins is not None and sins.band == "unstable")
            or (noms is not None and noms.values["pathway"] == "separation_surgery_srs")
        ):
            out.append(les.label)
    if patchell_candidate(case, ctx.results):
        out += [les.label for les in high_grade_escc(case) if les.label not in out]
    return out


def fixed_or_operated(case, les) -> bool:  # type: ignore[no-untyped-def]
    return bool(surgeries(case, les, FIXATIONS + SPINE_SURGERY))


_ADJ = {"kidney": "renal", "thyroid": "thyroid"}


@rule(
    "preoperative_embolisation",
    "spine",
    "Preoperative embolisation of a hypervascular metastasis (renal, thyroid)",
    "An operation indicated on a metastasis from a hypervascular primary (kidney, thyroid), "
    "prognosis not against surgery",
    (PAZIONIS_2014,),
)
def preoperative_embolisation(ctx: Context) -> list[Action]:
    case = ctx.case
    if case.primary.site not in HYPERVASCULAR_PRIMARIES:
        return []
    if surgery_gate(case, ctx.results).ok is False:
        return []
    sites = _operations(ctx)
    if not sites:
        return []
    # the embolisation takes the operation's urgency: decompression today for cord compression
    today = patchell_candidate(case, ctx.results) and any(
        les.label in sites for les in high_grade_escc(case)
    )
    when = (
        "before the operation today, if it does not delay decompression"
        if today
        else "shortly before the operation"
    )
    return [
        Action(
            urgency="emergency" if today else "urgent",
            modality="interventional",
            action=f"Consider preoperative transarterial embolisation of the {', '.join(sites)} "
            f"metastasis {when}: {_ADJ[case.primary.site]} metastases are hypervascular and "
            "embolisation reduces blood loss at surgery.",
            trigger=f"Operation indicated at {', '.join(sites)}; {case.primary.site} primary "
            "(hypervascular)",
            citation=PAZIONIS_2014,
        )
    ]
