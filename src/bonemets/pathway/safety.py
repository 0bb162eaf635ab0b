"""Contraindications and interactions, as data: what the patient's own record rules out.

Every candidate action of every rule passes through :func:`check` (called once, by the planner).
Each row of :data:`TABLE` names what it is about (agents or treatments an action proposes, see
``Action.agents``, or the decision it answers), the finding on the case that triggers it, the
effect and its source:

* ``block``: the action is not recommended; the plan lists it under "withheld" with the reason.
* ``caution``: the action stays, with the caution added to its text.

Sources: ERA 223 (Smith M et al., Lancet Oncol 2019) and the EMA PRAC 2018 contraindication
(radium-223 with abiraterone and prednisone/prednisolone); Zometa and Xgeva product information
(pregnancy and breast-feeding); EANM 2018 (radionuclides: pregnancy and breast-feeding; the blood
counts of the radiopharmaceutical screen); ICRP Publication 84 (radiotherapy in pregnancy);
Lenvima and Sutent labels (anti-angiogenic tyrosine kinase inhibitors around surgery); Rougraff
1993 and the IMWG criteria (biopsy and a myeloma screen before definitive local treatment of a
bone lesion of unknown origin). A screen of the engine (exercise, radiopharmaceutical, ablation)
that rejects an action blocks it here too, so no other rule can recommend it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal

from ..result import Citation
from ..screens.radiopharmaceutical import RADIOPHARMACEUTICAL
from ..sources import EANM_2018, EMA_XOFIGO_2018, RAJKUMAR_2014, SALAZAR_1986
from .rules import Action, Context, Withheld

__all__ = [
    "ANTIANGIOGENIC_TKIS",
    "TABLE",
    "TKI_HOLDS",
    "SafetyRule",
    "apply",
    "blocked_agents",
    "check",
]

Effect = Literal["block", "caution"]

# --- sources ---------------------------------------------------------------------------------
SMITH_2019_ERA223 = Citation(
    key="smith2019era223",
    authors="Smith M, Parker C, Saad F, Miller K, Tombal B, Ng QS, et al",
    title="Addition of radium-223 to abiraterone acetate and prednisone or prednisolone in "
    "patients with castration-resistant prostate cancer and bone metastases (ERA 223): a "
    "randomised, double-blind, placebo-controlled, phase 3 trial",
    journal="Lancet Oncol",
    year=2019,
    details="20(3):408-419",
)
#: One record of the EMA 2018 Xofigo review (the radiopharmaceutical screen's).
EMA_2018_XOFIGO = EMA_XOFIGO_2018
ZOMETA_SMPC = Citation(
    key="zometasmpc",
    authors="Novartis Europharm Ltd",
    title="Zometa (zoledronic acid): summary of product characteristics, sections 4.3 and 4.6 "
    "(should not be used during pregnancy; contraindicated in breast-feeding)",
    journal="European Medicines Agency",
    year=2018,
    note="Revision year of the SmPC text not confirmed (V10 could not re-read the EPAR); the "
    "sections 4.3 and 4.6 wording was read by the pathway review from a copy of the SmPC.",
)
XGEVA_SMPC = Citation(
    key="xgevasmpc",
    authors="Amgen Europe BV",
    title="Xgeva (denosumab): summary of product characteristics, section 4.6 (not recommended "
    "in pregnant women; breast-feeding: decide between breast-feeding and therapy)",
    journal="European Medicines Agency",
    year=2020,
    note="Revision year of the SmPC text not confirmed (V10 could not re-read the EPAR); the "
    "section 4.6 wording was read by the pathway review from secondary copies (drugs.com, MIMS).",
)
ICRP_84 = Citation(
    key="icrp2000pregnancy",
    authors="International Commission on Radiological Protection",
    title="Pregnancy and medical radiation (ICRP Publication 84)",
    journal="Ann ICRP",
    year=2000,
    details="30(1)",
)
LENVIMA_LABEL = Citation(
    key="lenvimalabel",
    authors="Eisai Inc",
    title="Lenvima (lenvatinib): prescribing information, impaired wound healing (withhold at "
    "least 1 week before elective surgery; not for at least 2 weeks after major surgery and "
    "until adequate wound healing)",
    journal="U.S. Food and Drug Administration",
    year=2023,
    note="Intervals confirmed against the label's wording as reproduced in the Lexicomp lenvatinib "
    "monograph (dosage guidance: withhold for at least 1 week prior to elective surgery; do not "
    "administer for at least 2 weeks following major surgery and until adequate wound healing); "
    "the revision year of the prescribing information was not confirmed.",
)
SUTENT_LABEL = Citation(
    key="sutentlabel",
    authors="Pfizer Inc",
    title="Sutent (sunitinib): prescribing information, impaired wound healing (interrupt "
    "treatment around major surgery)",
    journal="U.S. Food and Drug Administration",
    year=2021,
    note="Only the principle was confirmed (temporary interruption for patients undergoing major "
    "surgery: the label wording as summarised in Front Oncol 2021;11:696865, Table 3); the "
    "intervals in weeks and the revision year were not confirmed, so the course states none.",
)
PECCATORI_2013 = Citation(
    key="peccatori2013",
    authors="Peccatori FA, Azim HA Jr, Orecchia R, Hoekstra HJ, Pavlidis N, Kesic V, et al",
    title="Cancer, pregnancy and fertility: ESMO Clinical Practice Guidelines for diagnosis, "
    "treatment and follow-up",
    journal="Ann Oncol",
    year=2013,
    details="24(Suppl 6):vi160-vi170",
    doi="10.1093/annonc/mdt199",
    note="Cited for the principle (multidisciplinary choice of each treatment in pregnancy); "
    "no figure is taken from it.",
)
ROUGRAFF_1993 = Citation(
    key="rougraff1993",
    authors="Rougraff BT, Kneisl JS, Simon MA",
    title="Skeletal metastases of unknown origin. A prospective study of a diagnostic strategy",
    journal="J Bone Joint Surg Am",
    year=1993,
    details="75(9):1276-1281",
    doi="10.2106/00004623-199309000-00003",
)
FDA_2020_NSAID = Citation(
    key="fda2020nsaidpregnancy",
    authors="U.S. Food and Drug Administration",
    title="FDA recommends avoiding use of NSAIDs in pregnancy at 20 weeks or later because they "
    "can result in low amniotic fluid (Drug Safety Communication)",
    journal="U.S. Food and Drug Administration",
    year=2020,
    details="15 October 2020",
    note="Confirmed on the FDA page and its podcast transcript: avoid NSAIDs from about 20 weeks "
    "(fetal renal dysfunction, oligohydramnios); not recommended from about 30 weeks (premature "
    "closure of the ductus arteriosus); low-dose aspirin is outside the warning.",
)
BUONOMO_2019 = Citation(
    key="buonomo2019tamoxifen",
    authors="Buonomo B, Brunello A, Noli S, Miglietta L, Del Mastro L, Lambertini M, Peccatori FA",
    title="Tamoxifen exposure during pregnancy: a systematic review and three more cases",
    journal="Breast Care (Basel)",
    year=2019,
    details="15(2):148-156",
    doi="10.1159/000501473",
    note="Confirmed (PMC7204783): pregnancy is contraindicated during tamoxifen and for 3 months "
    "after, for the risk of fetal malformation. Cited for withholding endocrine therapy (and the "
    "CDK4/6 inhibitor given with it) in pregnancy; Peccatori 2013's own wording on endocrine "
    "therapy could not be re-read.",
)
SIR_2019 = Citation(
    key="sir2019periprocedural",
    authors="Society of Interventional Radiology",
    title="Consensus guidelines for the periprocedural management of thrombotic and bleeding "
    "risk in patients undergoing percutaneous image-guided interventions",
    journal="J Vasc Interv Radiol",
    year=2019,
    note="Confirmed as summarised by Medscape (30 August 2019): bone ablation and spine "
    "procedures, including vertebroplasty, are high bleeding risk; a multidisciplinary plan for "
    "anticoagulation around the procedure. Authors, volume and pages not re-read.",
)
ELIQUIS_SMPC = Citation(
    key="eliquissmpc",
    authors="Bristol-Myers Squibb/Pfizer EEIG",
    title="Eliquis (apixaban): summary of product characteristics, sections 4.4 and 4.5 "
    "(bleeding risk with concomitant NSAIDs)",
    journal="European Medicines Agency",
    year=2023,
    note="The SmPC was found but its NSAID wording and revision year were not re-read in this "
    "session; the caution states the principle only (anticoagulant plus NSAID raises bleeding "
    "risk), no figure.",
)

# --- data ------------------------------------------------------------------------------------
#: Anti-angiogenic tyrosine kinase inhibitors held around surgery: agent -> (hold, source).
#: Only intervals confirmed against the label text are given (lenvatinib); the others say to
#: follow the label.
TKI_HOLDS: dict[str, tuple[str, Citation | None]] = {
    "lenvatinib": (
        "withhold at least 1 week before elective surgery; restart no sooner than 2 weeks after "
        "major surgery and only once the wound has healed",
        LENVIMA_LABEL,
    ),
    "sunitinib": (
        "interrupt it around major surgery as its label directs (interval not stated here)",
        SUTENT_LABEL,
    ),
    "cabozantinib": ("hold before and after surgery as its label directs", None),
    "pazopanib": ("hold before and after surgery as its label directs", None),
    "axitinib": ("hold before and after surgery as its label directs", None),
    "sorafenib": ("hold before and after surgery as its label directs", None),
    "regorafenib": ("hold before and after surgery as its label directs", None),
    "tivozanib": ("hold before and after surgery as its label directs", None),
}
ANTIANGIOGENIC_TKIS = tuple(TKI_HOLDS)

#: Treatments (``Action.agents``) that are definitive local treatment of a bone lesion.
DEFINITIVE_LOCAL = ("fixation", "spinal_surgery", "resection", "sbrt", "ablation", "cement")
BONE_MODIFYING_AGENTS = ("zoledronic_acid", "pamidronate", "denosumab")
RADIONUCLIDES = ("radium_223", "samarium_153", "strontium_89")
#: Screen bands that reject what the screen is about.
REJECTING_BANDS = ("not_eligible", "contraindicated", "defer")
#: The radiopharmaceutical screen's marrow criteria (blood counts, recent chemotherapy), by field:
#: hemibody irradiation is held by the same findings (numbers are the screen's own).
MARROW_FIELDS = ("platelets", "anc", "haemoglobin", "chemotherapy_last_6_weeks")
MARROW_CODES = tuple(c.code for c in RADIOPHARMACEUTICAL.criteria if c.field in MARROW_FIELDS)


#: How the plan names each treatment an action proposes (for "<what> withheld: ...").
LABELS: dict[str, str] = {
    "radium_223": "Radium-223",
    "samarium_153": "Samarium-153",
    "strontium_89": "Strontium-89",
    "zoledronic_acid": "Zoledronic acid",
    "pamidronate": "Pamidronate",
    "denosumab": "Denosumab",
    "hemibody": "Hemibody irradiation",
    "radiotherapy": "Radiotherapy",
    "sbrt": "SBRT",
    "fixation": "Fixation",
    "spinal_surgery": "Spinal surgery",
    "resection": "Resection",
    "ablation": "Thermal ablation",
    "cement": "Cement augmentation",
    "exercise": "Exercise programme",
}


#: Rules whose action is better named by what it is than by the treatments it implies.
RULE_LABELS = {"postoperative_radiotherapy": "Postoperative radiotherapy"}


def label(action: Action) -> str:
    if action.rule in RULE_LABELS:
        return RULE_LABELS[action.rule]
    names = [LABELS[a].lower() for a in action.agents if a in LABELS]
    text = " or ".join(dict.fromkeys(names)) if names else action.modality.replace("_", " ")
    text = text.replace("sbrt", "SBRT")
    return text[:1].upper() + text[1:]


# --- the table -------------------------------------------------------------------------------
Targets = Callable[[Action], bool]
Finding = Callable[[Context, Action], str | None]


@dataclass(frozen=True)
class SafetyRule:
    """One row of the table: what it is about, the finding that triggers it, effect, source."""

    code: str
    title: str
    about: str
    condition: str
    effect: Effect
    citations: tuple[Citation, ...]
    targets: Targets
    finding: Finding

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "about": self.about,
            "condition": self.condition,
            "effect": self.effect,
            "citations": [c.short() for c in self.citations],
        }


def _agents(*names: str) -> Targets:
    wanted = frozenset(names)  # checked for every action of every plan: one set test, not a loop
    return lambda a: not wanted.isdisjoint(a.agents)


def _pregnant(ctx: Context, _: Action) -> str | None:
    return "pregnancy" if ctx.case.patient.pregnant else None


def _pregnant_or_breastfeeding(ctx: Context, _: Action) -> str | None:
    pt = ctx.case.patient
    found = [
        w for w, on in (("pregnancy", pt.pregnant), ("breast-feeding", pt.breastfeeding)) if on
    ]
    return " and ".join(found) or None


#: Lumbar and sacral levels: a target there is near the uterus (ICRP 84).
_NEAR_UTERUS_LEVELS = tuple(f"l{i}" for i in range(1, 6)) + tuple(f"s{i}" for i in range(1, 6))
#: Femur regions near the uterus (proximal femur and hip); a femur without a region counts too.
_NEAR_UTERUS_FEMUR = ("peritrochanteric", "proximal", None)


def near_uterus(ctx: Context, a: Action) -> bool | None:
    """Whether the action's target (its lesion) lies near the uterus: pelvis, acetabulum (hip),
    lumbar spine, sacrum or proximal femur. ``None`` when the action names no lesion."""
    if a.lesion is None:
        return None
    les = ctx.case.lesion(a.lesion)
    if les.bone in ("pelvis", "acetabulum"):
        return True
    if les.is_spine:
        return (les.level or "") in _NEAR_UTERUS_LEVELS
    return les.bone == "femur" and les.region in _NEAR_UTERUS_FEMUR


PREGNANCY_RT_DEFER = (
    "defer until after delivery or discuss with obstetrics and radiation physics; analgesia "
    "meanwhile"
)


def _pregnant_near_uterus(ctx: Context, a: Action) -> str | None:
    if not ctx.case.patient.pregnant or near_uterus(ctx, a) is not True:
        return None
    return f"pregnancy, target near the uterus: {PREGNANCY_RT_DEFER}"


def _pregnant_far_from_uterus(ctx: Context, a: Action) -> str | None:
    if not ctx.case.patient.pregnant or near_uterus(ctx, a) is True:
        return None
    return (
        "pregnancy: plan with radiation physics (estimated fetal dose, shielding, fields away "
        "from the uterus)"
    )


#: Androgen deprivation (not counted as an mCRPC line by the EMA 2018 restriction).
ADT_AGENTS = frozenset(
    {"goserelin", "leuprorelin", "triptorelin", "degarelix", "relugolix", "histrelin"}
)
#: The EMA 2018 restriction: radium-223 after at least this many prior systemic lines for
#: mCRPC (other than androgen deprivation), or when no other treatment is suitable.
RA223_MIN_PRIOR_LINES = 2


def _ra223_restriction(ctx: Context, _: Action) -> str | None:
    lines = [
        x
        for x in ctx.case.treatments.systemic
        if not x.current
        and not (set(x.agents) and set(x.agents) <= ADT_AGENTS)
        and "androgen deprivation" not in x.regimen.lower()
    ]
    if len(lines) >= RA223_MIN_PRIOR_LINES:
        return None
    names = "; ".join(f"line {x.line} {x.regimen}" for x in lines) or "none recorded"
    return (
        "EMA 2018 restriction: radium-223 only after at least "
        f"{RA223_MIN_PRIOR_LINES} prior systemic lines for metastatic castration-resistant "
        "disease (other than androgen deprivation) or when no other systemic treatment is "
        f"suitable; prior lines here: {names}: record why the others are unsuitable"
    )


def _anticoagulant(ctx: Context, _: Action) -> str | None:
    return ctx.case.medications.anticoagulant


#: Treatments (``Action.agents``) that break tissue: the anticoagulant must be planned around them.
INVASIVE = ("biopsy", "fixation", "spinal_surgery", "resection", "cement", "ablation")
#: Analgesic actions whose non-opioid may be an NSAID.
NSAID_CARRIERS = ("non_opioid", "nsaid")


def _abiraterone(ctx: Context, _: Action) -> str | None:
    agents = ctx.case.current_agents
    if "abiraterone" not in agents:
        return None
    steroid = ctx.case.medications.steroid
    with_steroid = (
        " with prednisolone"
        if {"prednisolone", "prednisone"} & agents or (steroid and "predni" in steroid.lower())
        else ""
    )
    return f"concurrent abiraterone{with_steroid}"


def _tki(ctx: Context, a: Action) -> str | None:
    held = sorted(set(ANTIANGIOGENIC_TKIS) & ctx.case.current_agents)
    if not held:
        return None
    now = (
        "stop it now: an operation today cannot wait for the label's interval, so expect a "
        "higher wound-healing and bleeding risk; "
        if a.urgency == "emergency"
        else ""
    )
    return now + "; ".join(f"on {name}: {TKI_HOLDS[name][0]}" for name in held)


def _no_histology(ctx: Context, _: Action) -> str | None:
    if ctx.case.histology_known:
        return None
    return (
        "no tissue diagnosis yet: biopsy (with a myeloma screen: serum and urine protein "
        "electrophoresis, serum free light chains) comes first"
    )


def _screen_rejects(ctx: Context, a: Action) -> str | None:
    if a.screen is None:
        return None
    r = ctx.result(a.screen)
    if r is None or r.band not in REJECTING_BANDS:
        return None
    why = "; ".join(x.text for x in r.reasons if x.effect in REJECTING_BANDS)
    return f"{r.title.split(' (')[0].lower()}: {r.band_label.lower()} ({why})"  # type: ignore[union-attr]


def _marrow(ctx: Context, _: Action) -> str | None:
    r = ctx.result("radiopharmaceutical")
    if r is None:
        return None
    found = [x.text for x in r.reasons if x.code in MARROW_CODES]
    return "; ".join(found) or None


TABLE: tuple[SafetyRule, ...] = (
    SafetyRule(
        "ra223_with_abiraterone",
        "Radium-223 with abiraterone and prednisone/prednisolone",
        "radium-223",
        "abiraterone taken now",
        "block",
        (SMITH_2019_ERA223, EMA_2018_XOFIGO),
        _agents("radium_223"),
        _abiraterone,
    ),
    SafetyRule(
        "ra223_restriction",
        "Radium-223 before two prior mCRPC lines",
        "radium-223",
        "fewer than 2 prior systemic lines for mCRPC (other than androgen deprivation)",
        "caution",
        (EMA_2018_XOFIGO,),
        _agents("radium_223"),
        _ra223_restriction,
    ),
    SafetyRule(
        "pregnancy_bone_modifying_agent",
        "Bone-modifying agents in pregnancy or breast-feeding",
        "zoledronic acid, pamidronate, denosumab",
        "patient.pregnant or patient.breastfeeding",
        "block",
        (ZOMETA_SMPC, XGEVA_SMPC),
        _agents(*BONE_MODIFYING_AGENTS),
        _pregnant_or_breastfeeding,
    ),
    SafetyRule(
        "pregnancy_radionuclide",
        "Bone-seeking radionuclides in pregnancy or breast-feeding",
        "radium-223, samarium-153, strontium-89",
        "patient.pregnant or patient.breastfeeding",
        "block",
        (EANM_2018,),
        _agents(*RADIONUCLIDES),
        _pregnant_or_breastfeeding,
    ),
    SafetyRule(
        "pregnancy_hemibody",
        "Hemibody irradiation in pregnancy",
        "hemibody irradiation",
        "patient.pregnant (breast-feeding alone is no bar)",
        "block",
        (ICRP_84,),
        _agents("hemibody"),
        _pregnant,
    ),
    SafetyRule(
        "pregnancy_radiotherapy_near_uterus",
        "Radiotherapy or SBRT near the uterus in pregnancy",
        "external beam radiotherapy and SBRT to the pelvis, hip, sacrum, lumbar spine or "
        "proximal femur",
        "patient.pregnant and the target is near the uterus",
        "block",
        (ICRP_84,),
        _agents("radiotherapy", "sbrt"),
        _pregnant_near_uterus,
    ),
    SafetyRule(
        "pregnancy_radiotherapy",
        "Radiotherapy or SBRT far from the uterus in pregnancy",
        "external beam radiotherapy and SBRT to other sites",
        "patient.pregnant",
        "caution",
        (ICRP_84,),
        _agents("radiotherapy", "sbrt"),
        _pregnant_far_from_uterus,
    ),
    SafetyRule(
        "pregnancy_endocrine",
        "Endocrine therapy and CDK4/6 inhibitors in pregnancy",
        "endocrine therapy (with or without a CDK4/6 inhibitor)",
        "patient.pregnant",
        "block",
        (BUONOMO_2019, PECCATORI_2013),
        _agents("endocrine_therapy", "cdk46_inhibitor"),
        lambda ctx, a: (
            "pregnancy: endocrine therapy risks fetal malformation; defer it (and the CDK4/6 "
            "inhibitor given with it) until after delivery"
            if ctx.case.patient.pregnant
            else None
        ),
    ),
    SafetyRule(
        "pregnancy_systemic",
        "Systemic anticancer therapy in pregnancy or breast-feeding",
        "systemic therapy options",
        "patient.pregnant or patient.breastfeeding",
        "caution",
        (PECCATORI_2013,),
        _agents("systemic"),
        lambda ctx, a: (
            f"{why}: choose each drug with the obstetric and oncology teams against its label "
            "for pregnancy and lactation"
            if (why := _pregnant_or_breastfeeding(ctx, a))
            else None
        ),
    ),
    SafetyRule(
        "pregnancy_nsaid",
        "NSAIDs in pregnancy",
        "the non-opioid of the analgesic ladder",
        "patient.pregnant",
        "caution",
        (FDA_2020_NSAID,),
        _agents(*NSAID_CARRIERS),
        lambda ctx, a: (
            "pregnancy: avoid NSAIDs from 20 weeks (fetal kidney problems, low amniotic fluid); "
            "paracetamol as the non-opioid, analgesia agreed with the obstetric team"
            if ctx.case.patient.pregnant
            else None
        ),
    ),
    SafetyRule(
        "anticoagulant_nsaid",
        "NSAIDs with an anticoagulant",
        "the non-opioid of the analgesic ladder",
        "medications.anticoagulant",
        "caution",
        (ELIQUIS_SMPC,),
        _agents(*NSAID_CARRIERS),
        lambda ctx, a: (
            f"on {ac}: an NSAID adds to the bleeding risk; prefer paracetamol as the non-opioid"
            if (ac := _anticoagulant(ctx, a))
            else None
        ),
    ),
    SafetyRule(
        "anticoagulant_procedure",
        "Biopsy, surgery, cement augmentation or ablation on an anticoagulant",
        "biopsy, fixation, spinal surgery, resection, cement augmentation, thermal ablation",
        "medications.anticoagulant",
        "caution",
        (SIR_2019,),
        _agents(*INVASIVE),
        lambda ctx, a: (
            f"on {ac}: plan interruption/bridging per local protocol"
            if (ac := _anticoagulant(ctx, a))
            else None
        ),
    ),
    SafetyRule(
        "antiangiogenic_tki_surgery",
        "Anti-angiogenic tyrosine kinase inhibitors around surgery",
        "fixation, spinal surgery, resection",
        "a current anti-angiogenic tyrosine kinase inhibitor",
        "caution",
        (LENVIMA_LABEL, SUTENT_LABEL),
        _agents("fixation", "spinal_surgery", "resection"),
        _tki,
    ),
    SafetyRule(
        "no_histology_definitive_local",
        "Definitive local treatment before a tissue diagnosis",
        "fixation, spinal surgery, resection, SBRT, ablation, cement augmentation (not today)",
        "no tissue diagnosis (primary unknown or histology not confirmed)",
        "block",
        (ROUGRAFF_1993, RAJKUMAR_2014),
        lambda a: a.urgency != "emergency" and any(x in a.agents for x in DEFINITIVE_LOCAL),
        _no_histology,
    ),
    SafetyRule(
        "no_histology_emergency",
        "Emergency surgery before a tissue diagnosis",
        "fixation or spinal surgery needed today",
        "no tissue diagnosis (primary unknown or histology not confirmed)",
        "caution",
        (ROUGRAFF_1993, RAJKUMAR_2014),
        lambda a: a.urgency == "emergency" and any(x in a.agents for x in DEFINITIVE_LOCAL),
        lambda ctx, a: (
            "no tissue diagnosis yet: send the myeloma screen now and take a biopsy (frozen "
            "section) at the operation"
            if _no_histology(ctx, a)
            else None
        ),
    ),
    SafetyRule(
        "no_histology_radiotherapy",
        "Palliative radiotherapy before a tissue diagnosis",
        "external beam radiotherapy (not today)",
        "no tissue diagnosis (primary unknown or histology not confirmed)",
        "caution",
        (ROUGRAFF_1993,),
        lambda a: a.urgency != "emergency" and "radiotherapy" in a.agents,
        lambda ctx, a: (
            "biopsy the lesion before irradiating it unless that would delay needed pain relief"
            if _no_histology(ctx, a)
            else None
        ),
    ),
    SafetyRule(
        "hemibody_marrow",
        "Hemibody irradiation with low blood counts or recent chemotherapy",
        "hemibody irradiation",
        "the radiopharmaceutical screen's blood-count or recent-chemotherapy criteria",
        "block",
        (SALAZAR_1986, EANM_2018),
        _agents("hemibody"),
        _marrow,
    ),
    SafetyRule(
        "screen_rejects",
        "An action the engine's own screen rejects",
        "exercise programme, radiopharmaceutical, thermal ablation",
        "the screen's result is defer, not eligible or contraindicated",
        "block",
        (EANM_2018,),
        lambda a: a.screen is not None,
        _screen_rejects,
    ),
)
BY_CODE: dict[str, SafetyRule] = {r.code: r for r in TABLE}


# --- the one function ------------------------------------------------------------------------
@dataclass(frozen=True)
class Verdict:
    """What the table says about one action: the blocks and cautions that apply, with why."""

    blocks: tuple[tuple[SafetyRule, str], ...]
    cautions: tuple[tuple[SafetyRule, str], ...]

    @property
    def blocked(self) -> bool:
        return bool(self.blocks)


def check(ctx: Context, action: Action) -> Verdict:
    """Every row of :data:`TABLE` that applies to ``action`` for this case."""
    blocks: list[tuple[SafetyRule, str]] = []
    cautions: list[tuple[SafetyRule, str]] = []
    for row in TABLE:
        if not row.targets(action):
            continue
        why = row.finding(ctx, action)
        if why is None:
            continue
        (blocks if row.effect == "block" else cautions).append((row, why))
    return Verdict(tuple(blocks), tuple(cautions))


def _sources(row: SafetyRule, ctx: Context) -> tuple[Citation, ...]:
    if row.code == "antiangiogenic_tki_surgery":
        cites = [
            c
            for name in sorted(set(ANTIANGIOGENIC_TKIS) & ctx.case.current_agents)
            if (c := TKI_HOLDS[name][1]) is not None
        ]
        return tuple(dict.fromkeys(cites)) or row.citations
    if row.code == "screen_rejects":
        return ()
    return row.citations


def apply(ctx: Context, action: Action) -> Action | Withheld:
    """Pass ``action`` through the table: a :class:`Withheld` if blocked, else the action with
    any cautions added to its text."""
    verdict = check(ctx, action)
    if verdict.blocked:
        row = verdict.blocks[0][0]
        reasons = "; ".join(w for _, w in verdict.blocks)
        cites: list[Citation] = []
        for r, _ in verdict.blocks:
            cites.extend(_sources(r, ctx))
        if row.code == "screen_rejects":
            res = ctx.result(action.screen or "")
            cites.extend(res.citations[:1] if res is not None else ())
        what = label(action)
        if action.lesion is not None and row.code == "pregnancy_radiotherapy_near_uterus":
            what += f" to the {ctx.case.lesion(action.lesion).label}"
        return Withheld(action, row.code, reasons, tuple(dict.fromkeys(cites)), what)
    if not verdict.cautions:
        return action
    extra = " ".join(
        f"Caution: {why} ({'; '.join(c.short() for c in _sources(row, ctx))})."
        for row, why in verdict.cautions
    )
    return replace(action, action=f"{action.action} {extra}")


def blocked_agents(ctx: Context, agents: tuple[str, ...]) -> dict[str, str]:
    """Which of ``agents`` the table blocks for this case, each with the reason and sources.

    For rules that list options as text (the systemic-therapy summary): they ask here, so the
    table stays the one place these contraindications are decided.
    """
    out: dict[str, str] = {}
    rp = ctx.result("radiopharmaceutical")
    for agent in agents:
        screened = (
            rp is not None
            and agent in RADIONUCLIDES
            and rp.values.get("agent")
            == ({"radium_223": "ra223", "samarium_153": "sm153", "strontium_89": "sr89"}[agent])
        )
        probe = Action(
            urgency="planned",
            modality="probe",
            action=agent,
            trigger="",
            rule="probe",
            citation=EANM_2018,
            agents=(agent,),
            screen="radiopharmaceutical" if screened else None,
        )
        verdict = check(ctx, probe)
        if verdict.blocked:
            row, why = verdict.blocks[0]
            src = "; ".join(c.short() for c in _sources(row, ctx))
            out[agent] = f"{why} ({src})" if src else why
    return out
