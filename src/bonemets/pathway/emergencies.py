"""Emergencies: metastatic spinal cord compression (MSCC) and hypercalcaemia of malignancy.

* MSCC: dexamethasone and whole-spine MRI (NICE NG234, 2023); direct decompressive surgery plus
  radiotherapy for fit patients with a neurological deficit (Patchell, Lancet 2005). The NOMS
  radiation route is in ``spine.py``.
* Hypercalcaemia: albumin-corrected calcium and its grade (``bonemets.formulas.calcium``),
  hydration (Stewart, NEJM 2005), zoledronic acid 4 mg (Major, JCO 2001; Zometa label), or
  denosumab when creatinine clearance is below 30 mL/min (Xgeva label).
"""

from __future__ import annotations

from ..evidence.surgery import PATCHELL_2005 as PATCHELL_TRIAL
from ..formulas.calcium import UNITS
from ..formulas.renal import ZOLEDRONIC_BANDS
from ..sources import (
    EL_HAJJ_FULEIHAN_2023,
    MAJOR_2001,
    NICE_NG234,
    PATCHELL_2005,
    STEWART_2005,
    XGEVA_LABEL,
    ZOMETA_LABEL,
)
from .findings import (
    high_grade_escc,
    neuro_deficit,
    noms_o_label,
    patchell_candidate,
    radiosensitivity,
    surgery_gate,
)
from .rules import Action, Context, rule
from .thresholds import (
    DEXAMETHASONE_MSCC_MG,
    HCM_RETREAT_AFTER_DAYS,
    HCM_ZOLEDRONIC_MAX_CREATININE,
    MRI_MSCC_WITHIN_HOURS,
    MRI_SPINAL_METASTASIS_WITHIN_DAYS,
    PATCHELL_MAX_PARAPLEGIA_HOURS,
    SURGERY_MIN_SURVIVAL_MONTHS,
)

#: Patchell 2005: walking after treatment, surgery plus radiotherapy vs radiotherapy alone.
_WALKING = PATCHELL_TRIAL.outcomes["ambulatory_after_treatment"]
#: Lowest clearance at which zoledronic acid has a label dose (the "not recommended" band's top).
_ZA_NOT_RECOMMENDED = next(b for b in ZOLEDRONIC_BANDS if b.dose_mg is None)


def _spinal(ctx: Context) -> bool:
    return any(les.is_spine for les in ctx.case.lesions)


@rule(
    "mscc_corticosteroids",
    "emergencies",
    "Dexamethasone for suspected or confirmed MSCC with neurological signs",
    "A spinal metastasis and a neurological deficit (Frankel A-D or bladder/bowel dysfunction)",
    (NICE_NG234,),
)
def mscc_corticosteroids(ctx: Context) -> list[Action]:
    deficit = neuro_deficit(ctx.case)
    if not (deficit and _spinal(ctx)):
        return []
    already = " (already started: continue)" if ctx.case.treatments.corticosteroids else ""
    return [
        Action(
            urgency="emergency",
            modality="corticosteroids",
            action=f"Dexamethasone {DEXAMETHASONE_MSCC_MG} mg orally (or IV equivalent) now, then "
            f"{DEXAMETHASONE_MSCC_MG} mg daily until surgery or radiotherapy, with gastric "
            f"protection and glucose monitoring{already}; reduce after definitive treatment.",
            trigger=f"Spinal metastasis with {deficit}",
            citation=NICE_NG234,
        )
    ]


@rule(
    "mscc_whole_spine_mri",
    "emergencies",
    "Whole-spine MRI for suspected MSCC or an ungraded spinal metastasis",
    f"Neurological deficit or ESCC 2-3: MRI within {MRI_MSCC_WITHIN_HOURS} hours; a spinal lesion "
    "not yet graded on "
    "MRI: within 1 week",
    (NICE_NG234,),
)
def mscc_whole_spine_mri(ctx: Context) -> list[Action]:
    case = ctx.case
    if not _spinal(ctx):
        return []
    deficit = neuro_deficit(case)
    high = high_grade_escc(case)
    if deficit or high:
        why = deficit or ", ".join(f"ESCC {les.escc_grade} at {les.label}" for les in high)
        return [
            Action(
                urgency="emergency",
                modality="imaging",
                action=f"Whole-spine MRI within {MRI_MSCC_WITHIN_HOURS} hours (if not already "
                "done) to confirm the level(s) of compression and find other levels.",
                trigger=f"Suspected or confirmed MSCC: {why}",
                citation=NICE_NG234,
            )
        ]
    ungraded = [les for les in case.lesions if les.is_spine and les.escc_grade is None]
    if ungraded:
        return [
            Action(
                urgency="urgent",
                modality="imaging",
                action=f"MRI of the whole spine within {MRI_SPINAL_METASTASIS_WITHIN_DAYS} days "
                "to grade epidural disease (Bilsky ESCC) before choosing treatment.",
                trigger="Spinal metastasis without an ESCC grade: "
                + ", ".join(
                    f"{les.label} ({ctx.lesion_path(les)}.escc_grade missing)" for les in ungraded
                ),
                citation=NICE_NG234,
            )
        ]
    return []


@rule(
    "mscc_decompressive_surgery",
    "emergencies",
    "Direct decompressive surgery plus radiotherapy for MSCC (Patchell)",
    "ESCC 2-3 with a neurological deficit, fit for surgery, expected survival >= "
    f"{SURGERY_MIN_SURVIVAL_MONTHS:g} months, not a lymphoma/myeloma, paraplegia (Frankel A) for "
    f"less than {PATCHELL_MAX_PARAPLEGIA_HOURS} hours",
    (PATCHELL_2005,),
)
def mscc_decompressive_surgery(ctx: Context) -> list[Action]:
    case = ctx.case
    if not patchell_candidate(case, ctx.results):
        return []
    deficit = neuro_deficit(case)
    high = high_grade_escc(case)
    gate = surgery_gate(case, ctx.results)
    sens, _ = radiosensitivity(case)
    note = (
        f" NOMS would route this histology ({noms_o_label(case)}) to cEBRT alone; Patchell's "
        "trial included such tumours (breast, prostate): discuss both at the spine MDT."
        if sens == "sensitive"
        else ""
    )
    levels = ", ".join(f"{les.label} (ESCC {les.escc_grade})" for les in high)
    return [
        Action(
            urgency="emergency",
            modality="surgery",
            action="Spinal surgical opinion today on direct decompression (with stabilisation) followed "
            f"by radiotherapy: {_WALKING[0]:g}% vs {_WALKING[1]:g}% walking after treatment in "
            "Patchell's trial." + note,
            trigger=f"{levels} with {deficit}; fit for surgery; {gate.reason}",
            citation=PATCHELL_2005,
            lesion=high[0].id,
            agents=("spinal_surgery",),
            decision="spinal_surgery",
        )
    ]


@rule(
    "mscc_coordinator",
    "emergencies",
    "Call the MSCC coordinator and the acute spinal team now for suspected cord compression",
    "A spinal metastasis with a neurological deficit, or ESCC 2-3 not yet treated",
    (NICE_NG234,),
)
def mscc_coordinator(ctx: Context) -> list[Action]:
    case = ctx.case
    if not _spinal(ctx):
        return []
    deficit = neuro_deficit(case)
    high = high_grade_escc(case)
    if not (deficit or high):
        return []
    why = deficit or ", ".join(f"ESCC {les.escc_grade} at {les.label}" for les in high)
    return [
        Action(
            urgency="emergency",
            modality="supportive_care",
            action="Contact the MSCC coordinator immediately: suspected MSCC is an oncological "
            "emergency. If symptoms or signs suggest spinal instability, immobilise without "
            "delay, including for transfer: nurse supine (flat or with partial elevation), "
            "adjusting the position if pain or breathlessness make it intolerable.",
            trigger=f"Suspected or confirmed MSCC: {why}",
            citation=NICE_NG234,
        )
    ]


@rule(
    "confusion_exclude_brain_metastases",
    "emergencies",
    "New confusion: image the brain before blaming the calcium",
    "New confusion (neurology.confusion) and brain metastases not already known",
    (STEWART_2005,),
)
def confusion_exclude_brain_metastases(ctx: Context) -> list[Action]:
    case = ctx.case
    if not case.neurology.confusion or case.metastases.brain:
        return []
    ca = ctx.result("calcium")
    high = ca is not None and ca.band in ("mild", "moderate", "severe")
    return [
        Action(
            urgency="urgent",
            modality="imaging",
            action="Brain imaging (CT, or MRI with contrast) to exclude brain metastases"
            + (
                ", and review whether confusion clears as the calcium falls: hypercalcaemia "
                "need not be the only cause"
                if high
                else ""
            )
            + "; check sodium, glucose, infection and medicines (opioids) too.",
            trigger="New confusion"
            + (f" with corrected calcium {ca.display['corrected']}" if high and ca else "")
            + f"; primary {case.primary.site}; brain metastases not known",
            citation=STEWART_2005,
        )
    ]


def _corrected(ctx: Context) -> tuple[float, str, str] | None:
    r = ctx.result("calcium")
    if r is None:
        return None
    return r.values["corrected"], r.display["corrected"], r.band or ""


def _no_cancer_treatment(ctx: Context) -> bool:
    goals = ctx.case.goals
    return "systemic_therapy" in goals.declines or goals.aim == "symptom_control_only"


@rule(
    "hypercalcaemia_hydration",
    "emergencies",
    "Rehydration for hypercalcaemia of malignancy",
    "Corrected calcium above the upper limit of normal (mild, moderate or severe)",
    (STEWART_2005,),
)
def hypercalcaemia_hydration(ctx: Context) -> list[Action]:
    c = _corrected(ctx)
    if c is None or c[2] not in ("mild", "moderate", "severe"):
        return []
    _, shown, band = c
    grade = ctx.results["calcium"].values["ctcae_grade"]
    if band == "mild":
        return [
            Action(
                urgency="urgent",
                modality="hydration",
                action="Oral hydration, stop calcium-raising drugs (calcium and vitamin D supplements, "
                "thiazides), repeat calcium within days; "
                + (
                    "the patient has declined anticancer treatment: manage the calcium for "
                    "comfort and revisit the goals of care."
                    if _no_cancer_treatment(ctx)
                    else "treat the cancer."
                ),
                trigger=f"Corrected calcium {shown}: mild hypercalcaemia (CTCAE grade {grade})",
                citation=STEWART_2005,
            )
        ]
    return [
        Action(
            urgency="emergency",
            modality="hydration",
            action="Admit; IV 0.9% saline to restore volume (watch fluid balance), stop calcium-raising "
            "drugs, monitor calcium, renal function and ECG"
            + ("; consider calcitonin for a faster fall." if band == "severe" else "."),
            trigger=f"Corrected calcium {shown}: {band} hypercalcaemia (CTCAE grade {grade})",
            citation=STEWART_2005,
        )
    ]


@rule(
    "hypercalcaemia_antiresorptive",
    "emergencies",
    "Zoledronic acid (or denosumab if CrCl < 30) for hypercalcaemia of malignancy",
    "Corrected calcium >= 12.0 mg/dL (3.0 mmol/L)",
    (MAJOR_2001, ZOMETA_LABEL, XGEVA_LABEL, EL_HAJJ_FULEIHAN_2023),
)
def hypercalcaemia_antiresorptive(ctx: Context) -> list[Action]:
    c = _corrected(ctx)
    if c is None:
        return []
    value, shown, _ = c
    system = ctx.results["calcium"].inputs["units"]
    threshold = UNITS[system].moderate_from
    if value < threshold:
        return []
    trigger = f"Corrected calcium {shown} (>= {threshold:g} {UNITS[system].calcium_unit})"
    zol = ctx.result("zoledronic_acid")
    if zol is None:
        return [
            Action(
                urgency="emergency",
                modality="bone_modifying_agent",
                action="After IV hydration, an IV bisphosphonate (zoledronic acid 4 mg) or "
                "denosumab: measure creatinine first (creatinine clearance decides between them).",
                trigger=trigger
                + "; creatinine clearance not computed: "
                + ", ".join(ctx.not_computed.get("zoledronic_acid", [])),
                citation=MAJOR_2001,
                agents=("zoledronic_acid", "denosumab"),
            )
        ]
    crcl = zol.values["crcl_ml_min"]
    unit = zol.inputs["creatinine_unit"]
    scr = zol.inputs["creatinine"]
    if _ZA_NOT_RECOMMENDED.contains(crcl) or scr >= HCM_ZOLEDRONIC_MAX_CREATININE[unit]:
        return [
            Action(
                urgency="emergency",
                modality="bone_modifying_agent",
                action="Denosumab 120 mg subcutaneously (no renal dose adjustment) after "
                "hydration, with close calcium monitoring: severe hypocalcaemia is more likely "
                "with CrCl below 30 mL/min. Zoledronic acid is not recommended.",
                trigger=f"{trigger}; CrCl {zol.display['crcl_ml_min']} ({zol.band_label})",
                citation=XGEVA_LABEL,
                agents=("denosumab",),
            )
        ]
    return [
        Action(
            urgency="emergency",
            modality="bone_modifying_agent",
            action="Zoledronic acid 4 mg IV over at least 15 minutes after hydration (the "
            "hypercalcaemia dose is not reduced while creatinine is below "
            f"{HCM_ZOLEDRONIC_MAX_CREATININE['mg_dl']:g} mg/dL); wait at least "
            f"{HCM_RETREAT_AFTER_DAYS} days before a repeat dose (Zometa label). The other "
            "reading: the Endocrine Society 2023 guideline recommends denosumab or an IV "
            "bisphosphonate and suggests denosumab over an IV bisphosphonate (conditional, "
            "low-certainty evidence); the course follows the zoledronic acid label here and shows "
            "both.",
            trigger=f"{trigger}; CrCl {zol.display['crcl_ml_min']}",
            citation=MAJOR_2001,
            agents=("zoledronic_acid",),
        )
    ]
