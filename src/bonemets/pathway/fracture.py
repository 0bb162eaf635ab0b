"""Long bones: actual and impending pathological fracture, fixation, postoperative radiotherapy.

* Impending fracture: Mirels score (Mirels 1989; fixation from the high band, 9-12, with 8
  borderline; the original abstract fixed from 8) and, for the femur, axial cortical involvement
  above 30 mm (van der Linden, JBJS Br 2004).
* Prophylactic fixation is preferred to fixing a fracture; radiotherapy follows fixation
  (Coleman, ESMO 2020; Townsend, JCO 1994).
* Surgery needs an expected survival of at least 3 months (``prognosis.py`` gate).
"""

from __future__ import annotations

from ..evidence.surgery import TOWNSEND_1994 as TOWNSEND_SERIES
from ..scores.mirels import MIRELS, ORIGINAL_FIXATION_CUTOFF
from ..sources import (
    COLEMAN_2020_ESMO,
    FOTTNER_2010,
    HARRINGTON_1981,
    MIRELS_1989,
    TOWNSEND_1994,
    VAN_DER_LINDEN_2004_FRACTURE,
)
from .findings import (
    FIXATIONS,
    fixed,
    good_prognosis,
    irradiated,
    needs_fixation,
    surgeries,
    surgery_gate,
)
from .rules import Action, Context, rule
from .thresholds import AXIAL_CORTICAL_FIXATION_ABOVE_MM, GOOD_PROGNOSIS_MONTHS

_HIGH = MIRELS.band_named("high")
#: Townsend 1994: normal use of the limb with vs without postoperative radiotherapy.
_NORMAL_USE = TOWNSEND_SERIES.outcomes["normal_use_of_limb"]
_BORDERLINE = MIRELS.band_named("borderline")


def _not_for_surgery(what: str) -> str:
    return (
        f"{what}: prognosis does not support surgery, so protect the limb instead (brace, splint "
        "or cast; walking aid; no loading) and give radiotherapy for pain (8 Gy single fraction, "
        "as for an uncomplicated painful metastasis)."
    )


@rule(
    "pathologic_fracture",
    "fracture",
    "Actual pathological fracture outside the spine",
    "A lesion with an actual fracture that has not been fixed",
    (COLEMAN_2020_ESMO, TOWNSEND_1994),
)
def pathologic_fracture(ctx: Context) -> list[Action]:
    out = []
    gate = surgery_gate(ctx.case, ctx.results)
    for les in ctx.case.lesions:
        if les.is_spine or les.fracture != "actual" or fixed(ctx.case, les):
            continue
        agents: tuple[str, ...] = ()
        if gate.ok is False:
            text = _not_for_surgery(f"Pathological fracture of the {les.label}")
        else:
            text = (
                f"Immobilise the {les.label}, analgesia, orthopaedic review today: fixation "
                "(intramedullary nail, plate or prosthesis, spanning the whole bone) then "
                "postoperative radiotherapy."
            )
            agents = ("fixation",)
        out.append(
            Action(
                urgency="emergency",
                modality="surgery",
                action=text,
                trigger=f"Pathological fracture of the {les.label} "
                f"({ctx.lesion_path(les)}.fracture); prognosis: {gate.reason}",
                citation=COLEMAN_2020_ESMO,
                lesion=les.id,
                agents=agents,
                decision="fixation",
            )
        )
    return out


@rule(
    "mirels_prophylactic_fixation",
    "fracture",
    "Prophylactic fixation of a long bone at high Mirels fracture risk",
    f"Mirels {_HIGH.range_text} (high): fixation; Mirels {_BORDERLINE.range_text} (borderline): "
    "clinical judgement",
    (MIRELS_1989,),
)
def mirels_prophylactic_fixation(ctx: Context) -> list[Action]:
    out = []
    gate = surgery_gate(ctx.case, ctx.results)
    for les in ctx.case.lesions:
        r = ctx.lesion_result("mirels", les)
        if r is None or r.score is None or les.fracture == "actual" or fixed(ctx.case, les):
            continue
        trigger = f"Mirels {r.score} at the {les.label} ({r.band_label.lower()}); prognosis: {gate.reason}"  # type: ignore[union-attr]
        if r.score >= _HIGH.low:
            text = (
                _not_for_surgery(f"High fracture risk in the {les.label}")
                if gate.ok is False
                else f"Orthopaedic referral this week for prophylactic fixation of the {les.label} "
                "before radiotherapy; protected weight-bearing until then."
            )
            out.append(
                Action(
                    urgency="urgent",
                    modality="surgery",
                    action=text,
                    trigger=trigger,
                    citation=MIRELS_1989,
                    lesion=les.id,
                    agents=() if gate.ok is False else ("fixation",),
                    decision="fixation",
                )
            )
        elif r.score >= _BORDERLINE.low:
            out.append(
                Action(
                    urgency="planned",
                    modality="surgery",
                    action=f"Borderline fracture risk in the {les.label}: orthopaedic opinion on "
                    "prophylactic fixation (the original Mirels abstract fixed from "
                    f"{ORIGINAL_FIXATION_CUTOFF}); otherwise radiotherapy and observation.",
                    trigger=trigger,
                    citation=MIRELS_1989,
                    lesion=les.id,
                    agents=("fixation",),
                    decision="fixation",
                )
            )
    return out


@rule(
    "femoral_axial_cortical_involvement",
    "fracture",
    "Prophylactic fixation of a femoral lesion with axial cortical involvement above "
    f"{AXIAL_CORTICAL_FIXATION_ABOVE_MM:g} mm",
    f"Femur, axial cortical involvement > {AXIAL_CORTICAL_FIXATION_ABOVE_MM:g} mm",
    (VAN_DER_LINDEN_2004_FRACTURE,),
)
def femoral_axial_cortical_involvement(ctx: Context) -> list[Action]:
    out = []
    gate = surgery_gate(ctx.case, ctx.results)
    for les in ctx.case.lesions:
        ax = les.axial_cortical_involvement_mm
        if ax is None or ax <= AXIAL_CORTICAL_FIXATION_ABOVE_MM or les.fracture == "actual":
            continue
        if fixed(ctx.case, les):
            continue
        text = (
            _not_for_surgery(f"Femoral lesion at high fracture risk ({les.label})")
            if gate.ok is False
            else f"Orthopaedic referral this week for prophylactic fixation of the {les.label}: "
            "axial cortical involvement predicted fracture better than Mirels in the femur."
        )
        out.append(
            Action(
                urgency="urgent",
                modality="surgery",
                action=text,
                trigger=f"Axial cortical involvement {ax:g} mm (> "
                f"{AXIAL_CORTICAL_FIXATION_ABOVE_MM:g} mm) at the {les.label}; prognosis: "
                f"{gate.reason}",
                citation=VAN_DER_LINDEN_2004_FRACTURE,
                lesion=les.id,
                agents=() if gate.ok is False else ("fixation",),
                decision="fixation",
            )
        )
    return out


@rule(
    "postoperative_radiotherapy",
    "fracture",
    "Radiotherapy after fixation of a long bone or spinal surgery",
    "A fixed or stabilised lesion not irradiated since surgery, or a fixation recommended now",
    (TOWNSEND_1994, COLEMAN_2020_ESMO),
)
def postoperative_radiotherapy(ctx: Context) -> list[Action]:
    out = []
    case = ctx.case
    gate = surgery_gate(case, ctx.results)
    for les in case.lesions:
        done = surgeries(case, les, (*FIXATIONS, "decompression"))
        if done:
            last = max(done)
            if irradiated(case, les, after=last):
                continue
            weeks = (case.date - last).days / 7
            trigger = f"Surgery to the {les.label} on {last.isoformat()} ({weeks:.0f} weeks ago), no radiotherapy since"
            urgency = "urgent"
        else:
            why = needs_fixation(ctx, les)
            if les.fracture == "actual" and not les.is_spine:
                why = "pathological fracture to be fixed"
            if why is None or gate.ok is False:
                continue
            trigger = f"Fixation recommended for the {les.label} ({why})"
            urgency = "planned"
        proposes = ("radiotherapy",) if done else ("radiotherapy", "fixation")
        out.append(
            Action(
                urgency=urgency,  # type: ignore[arg-type]
                modality="radiotherapy",
                action=f"Postoperative radiotherapy to the whole operated {les.label} once the "
                "wound has healed (usually 2-4 weeks after surgery): better limb function and "
                f"fewer second operations ({_NORMAL_USE[0]:g}% vs {_NORMAL_USE[1]:g}% normal use "
                "in Townsend's series).",
                trigger=trigger,
                citation=TOWNSEND_1994,
                lesion=les.id,
                agents=proposes,
            )
        )
    return out


@rule(
    "solitary_metastasis_resection",
    "fracture",
    "Resection (metastasectomy) of a solitary bone metastasis: an MDT discussion",
    "One bone metastasis from renal cell carcinoma, tissue diagnosis known, expected survival "
    f">= {GOOD_PROGNOSIS_MONTHS:g} months, fit for surgery (or fitness not yet judged)",
    (FOTTNER_2010,),
)
def solitary_metastasis_resection(ctx: Context) -> list[Action]:
    case = ctx.case
    if case.primary.site != "kidney" or case.metastases.bone_total != 1:
        return []
    if not case.histology_known or good_prognosis(case, ctx.results) is not True:
        return []
    if case.performance.fit_for_surgery is False:
        return []
    les = case.lesions[0]
    if fixed(case, les):
        return []
    others = (
        f" ({case.metastases.visceral} visceral disease: oligometastatic, not solitary)"
        if case.metastases.visceral != "none"
        else ""
    )
    return [
        Action(
            urgency="planned",
            modality="surgery",
            action=f"Discuss resection of the solitary {les.label} metastasis (en bloc / wide "
            "margins with a durable reconstruction, after preoperative embolisation) against "
            "SBRT at the MDT: after surgery for renal cell carcinoma bone metastases, a solitary "
            "metastasis and tumour-free margins went with longer survival (Fottner 2010, "
            "retrospective).",
            trigger=f"One bone metastasis from renal cell carcinoma{others}; good prognosis",
            citation=FOTTNER_2010,
            lesion=les.id,
            agents=("resection",),
        )
    ]


@rule(
    "periacetabular_lesion",
    "fracture",
    "A painful lytic or mixed periacetabular metastasis: orthopaedic opinion and protected loading",
    "An acetabular lesion, lytic or mixed, painful, not fixed",
    (HARRINGTON_1981,),
)
def periacetabular_lesion(ctx: Context) -> list[Action]:
    out = []
    gate = surgery_gate(ctx.case, ctx.results)
    for les in ctx.case.lesions:
        if les.bone != "acetabulum" or les.lesion not in ("lytic", "mixed"):
            continue
        if not les.painful or fixed(ctx.case, les):
            continue
        if gate.ok is False:
            text = (
                f"Protect the {les.label}: walking aid and limited loading, radiotherapy for pain; "
                "prognosis does not support acetabular reconstruction."
            )
        else:
            text = (
                f"Orthopaedic opinion on the {les.label} (CT of the acetabulum; Harrington class "
                "of acetabular insufficiency) with a walking aid and protected loading meanwhile: "
                "no score like Mirels applies to the acetabulum."
            )
        out.append(
            Action(
                urgency="urgent" if les.pain == "functional" else "planned",
                modality="surgery",
                action=text,
                trigger=f"Painful {les.lesion} lesion of the {les.label} "
                f"({ctx.lesion_path(les)}); prognosis: {gate.reason}",
                citation=HARRINGTON_1981,
                lesion=les.id,
                decision="fixation",
            )
        )
    return out
