"""Prognosis: the revised Tokuhashi, Tomita and modified Bauer scores, and the gate they set on
aggressive options.

* The scores are computed by the engine (``bonemets.scores``); this area reports them for the MDT
  and goals-of-care discussion (Tokuhashi 2005; Tomita 2001; Leithner 2008).
* Surgery needs an expected survival of at least 3 months (Patchell 2005); when survival is not
  stated, a Tomita "terminal care" or modified Bauer "supportive care" band closes the gate
  (``findings.surgery_gate``). The radiopharmaceutical screen applies its own life-expectancy
  criterion.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..evidence.foundations import GONG_2021
from ..sources import LEITHNER_2008, PATCHELL_2005, TOKUHASHI_2005, TOMITA_2001
from .findings import high_grade_escc, needs_fixation, neuro_deficit, surgery_gate
from .rules import Action, Context, rule
from .thresholds import SURGERY_MIN_SURVIVAL_MONTHS

if TYPE_CHECKING:
    from ..patient import Lesion

_SCORES = ("tokuhashi", "tomita", "bauer")
#: Accuracy of the scores in a modern cohort (Gong 2021), from the evidence record.
_ACC: dict[str, float] = GONG_2021.extra["accuracy_percent"]


@rule(
    "prognostic_scores",
    "prognosis",
    "Prognostic scores for the MDT and the goals-of-care discussion",
    "Any of the revised Tokuhashi, Tomita or modified Bauer scores computed",
    (TOKUHASHI_2005, TOMITA_2001, LEITHNER_2008),
)
def prognostic_scores(ctx: Context) -> list[Action]:
    parts = []
    for key in _SCORES:
        r = ctx.result(key)
        if r is not None:
            parts.append(f"{r.title.split(' (')[0]} {r.score}: {r.band_label}")
    if not parts:
        return []
    months = ctx.case.prognosis.expected_survival_months
    stated = f" Stated expected survival: {months:g} months." if months is not None else ""
    return [
        Action(
            urgency="planned",
            modality="prognosis",
            action="Use the prognostic scores, with the patient's goals, to set how aggressive local "
            "treatment should be; they often miss: in a 2010-2019 surgical cohort the revised "
            f"Tokuhashi score predicted the survival band in {_ACC['tokuhashi']:g}% and Tomita "
            f"in {_ACC['tomita']:g}% (Gong 2021), and survival was longer than the bands "
            "predict." + stated,
            trigger="; ".join(parts),
            citation=TOKUHASHI_2005 if ctx.result("tokuhashi") else LEITHNER_2008,
        )
    ]


def surgical_findings(ctx: Context) -> list[tuple[Lesion | None, str]]:
    """(lesion or None, finding) that would make surgery an option, before prognosis."""
    case = ctx.case
    out: list[tuple[Lesion | None, str]] = []
    for les in case.lesions:
        why = needs_fixation(ctx, les)
        if why:
            out.append((les, f"{les.label}: {why}"))
        if les.fracture == "actual" and not les.is_spine:
            out.append((les, f"{les.label}: pathological fracture"))
        noms = ctx.lesion_result("noms", les)
        if noms is not None and noms.values["pathway"] in (
            "separation_surgery_srs",
            "radiation_without_surgery",
        ):
            out.append((les, f"{les.label}: high-grade ESCC with radioresistant histology"))
        sins = ctx.lesion_result("sins", les)
        if sins is not None and sins.band == "unstable":
            out.append((les, f"{les.label}: SINS {sins.score} (unstable)"))
    if neuro_deficit(case) and high_grade_escc(case):
        out.append((None, "cord compression with a neurological deficit"))
    return out


def surgical_options(ctx: Context) -> list[str]:
    """Findings that would make surgery an option, before prognosis is considered."""
    return [why for _, why in surgical_findings(ctx)]


@rule(
    "surgery_prognosis_gate",
    "prognosis",
    f"Prognosis gate on surgery (expected survival >= {SURGERY_MIN_SURVIVAL_MONTHS:g} months)",
    f"A surgical option is indicated and expected survival is under {SURGERY_MIN_SURVIVAL_MONTHS:g} "
    "months (or the scores advise no surgery), or survival is unknown",
    (PATCHELL_2005,),
)
def surgery_prognosis_gate(ctx: Context) -> list[Action]:
    options = surgical_options(ctx)
    if not options:
        return []
    gate = surgery_gate(ctx.case, ctx.results)
    if gate.ok is True:
        return []
    if gate.ok is False:
        text = (
            "Surgery is not favoured on prognosis: prefer radiotherapy, bracing or splinting, "
            "analgesia and best supportive care; discuss with the patient and family."
        )
        urgency = "urgent"
        findings = surgical_findings(ctx)
        if all(les is not None for les, _ in findings):
            # one decision per lesion: the gate joins that lesion's surgical action
            seen: dict[str, Lesion] = {}
            for les, _ in findings:
                assert les is not None
                seen.setdefault(les.id, les)
            return [
                Action(
                    urgency="urgent",
                    modality="surgery",
                    action=f"Surgery is not favoured on prognosis ({gate.reason}): discuss with "
                    "the patient and family.",
                    trigger=f"Surgical option ({'; '.join(w for x, w in findings if x is les)}); "
                    f"prognosis: {gate.reason}",
                    citation=PATCHELL_2005,
                    lesion=les.id,
                    decision="spinal_surgery" if les.is_spine else "fixation",
                )
                for les in seen.values()
            ]
    else:
        text = (
            "Estimate prognosis before any operation (record expected survival; complete the "
            "prognostic scores): surgery needs an expected survival of at least "
            f"{SURGERY_MIN_SURVIVAL_MONTHS:g} months."
        )
        urgency = "urgent"
    return [
        Action(
            urgency=urgency,  # type: ignore[arg-type]
            modality="prognosis",
            action=text,
            trigger=f"Surgical option ({'; '.join(options)}); prognosis: {gate.reason}",
            citation=PATCHELL_2005,
        )
    ]
