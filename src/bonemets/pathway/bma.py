"""Bone-modifying agents (zoledronic acid, pamidronate, denosumab) and treatment-induced bone loss.

* Start: breast cancer and castration-resistant prostate cancer with bone metastases; other solid
  tumours with significant bone metastases and life expectancy >= 3 months (Coleman, ESMO 2020).
  Agent and dose from creatinine clearance (``bonemets.formulas.renal``); denosumab when
  zoledronic acid is not recommended (CrCl < 30).
* Before and during: dental examination and ONJ prevention (Ruggiero, AAOMS 2022), calcium and
  vitamin D (Zometa and Xgeva labels), creatinine before each bisphosphonate dose (Zometa label),
  hypocalcaemia with denosumab in renal impairment (Xgeva label).
* Interval: every 12 weeks is non-inferior to every 4 weeks (Himelstein, JAMA 2017, CALGB 70604).
* Androgen deprivation and aromatase inhibitors cause bone loss (Coleman, ESMO 2020).
"""

from __future__ import annotations

from ..evidence.bma import HIMELSTEIN_2017 as CALGB_70604
from ..formulas.calcium import UNITS
from ..formulas.renal import ZOLEDRONIC_BANDS
from ..result import Citation
from ..sources import (
    AAPRO_2008,
    COLEMAN_2020_ESMO,
    HIMELSTEIN_2017,
    RUGGIERO_2022,
    SMITH_2009,
    XGEVA_LABEL,
    ZOMETA_LABEL,
)
from . import safety
from .rules import Action, Context, rule
from .thresholds import BMA_MIN_SURVIVAL_MONTHS, DEESCALATED_INTERVAL_WEEKS, HCM_RETREAT_AFTER_DAYS

_ZA_NOT_RECOMMENDED = next(b for b in ZOLEDRONIC_BANDS if b.dose_mg is None)
_BISPHOSPHONATES = ("zoledronic_acid", "pamidronate")
#: CALGB 70604 (Himelstein 2017): patients with a skeletal event, every 12 vs every 4 weeks.
_CALGB_SRE = CALGB_70604.outcomes["patients_with_sre"]


def start_indication(ctx: Context) -> str | None:
    """Why a bone-modifying agent should be started now, or ``None``."""
    case = ctx.case
    if case.treatments.bone_modifying_agent is not None or not case.histology_known:
        return None  # no agent is started before a tissue diagnosis
    site, sub = case.primary.site, case.primary.subtype
    if site == "breast":
        return "breast cancer with bone metastases"
    if site == "prostate":
        return (
            "castration-resistant prostate cancer with bone metastases"
            if sub == "castration_resistant"
            else None
        )
    if site == "myeloma":
        return "myeloma bone disease"
    months = case.prognosis.expected_survival_months
    if months is not None and months >= BMA_MIN_SURVIVAL_MONTHS:
        return f"bone metastases and expected survival {months:g} months (>= {BMA_MIN_SURVIVAL_MONTHS:g})"
    return None


def _chosen_agent(ctx: Context) -> str | None:
    bma = ctx.case.treatments.bone_modifying_agent
    if bma is not None:
        return bma.agent
    if start_indication(ctx) is None:
        return None
    zol = ctx.result("zoledronic_acid")
    if zol is not None and _ZA_NOT_RECOMMENDED.contains(zol.values["crcl_ml_min"]):
        return "denosumab"
    return "zoledronic_acid"


def planned_agent(ctx: Context) -> str | None:
    """The agent the patient is on, or the one the start rule would choose; ``None`` when the
    safety table blocks it (the start action is then listed as withheld, with the reason)."""
    agent = _chosen_agent(ctx)
    if agent is None or safety.blocked_agents(ctx, (agent,)):
        return None
    return agent


def hcm_dose_due(ctx: Context) -> bool:
    """An antiresorptive dose for hypercalcaemia is recommended today (corrected calcium at or
    above the moderate edge: ``emergencies.hypercalcaemia_antiresorptive``)."""
    ca = ctx.result("calcium")
    if ca is None:
        return False
    return bool(ca.values["corrected"] >= UNITS[ca.inputs["units"]].moderate_from)


@rule(
    "bma_start",
    "bma",
    "Start a bone-modifying agent, dosed for renal function",
    "Bone metastases from breast or castration-resistant prostate cancer (any prognosis), or other "
    f"solid tumours with expected survival >= {BMA_MIN_SURVIVAL_MONTHS:g} months; not yet on an "
    "agent",
    (COLEMAN_2020_ESMO, ZOMETA_LABEL, XGEVA_LABEL),
)
def bma_start(ctx: Context) -> list[Action]:
    why = start_indication(ctx)
    if why is None:
        return []
    zol = ctx.result("zoledronic_acid")
    agents: tuple[str, ...] = ("zoledronic_acid", "denosumab")
    if zol is None:
        text = (
            "Start zoledronic acid or denosumab to prevent skeletal events once creatinine "
            "clearance is known (it sets the zoledronic acid dose)."
        )
        trigger = (
            why
            + "; creatinine clearance not computed: "
            + ", ".join(ctx.not_computed.get("zoledronic_acid", []))
        )
    elif zol.values["dose_mg"] is None:
        text = (
            "Start denosumab 120 mg subcutaneously every 4 weeks (zoledronic acid is not "
            "recommended at this clearance), after a dental check and with calcium and vitamin D."
        )
        trigger = f"{why}; CrCl {zol.display['crcl_ml_min']}"
        agents = ("denosumab",)
    else:
        text = (
            f"Start zoledronic acid {zol.display['dose_mg']} IV over at least 15 minutes (label "
            "dose for this clearance), or denosumab 120 mg subcutaneously every 4 weeks, after a "
            "dental check."
        )
        trigger = f"{why}; CrCl {zol.display['crcl_ml_min']} ({zol.band_label})"
    if hcm_dose_due(ctx):
        dose = f" ({zol.display['dose_mg']} at this clearance)" if zol is not None else ""
        text = (
            "Maintenance after recovery from the hypercalcaemia: zoledronic acid every "
            f"{DEESCALATED_INTERVAL_WEEKS} weeks{dose} or denosumab, the first dose at least {HCM_RETREAT_AFTER_DAYS} days after "
            "the hypercalcaemia dose and after a dental check."
        )
        trigger += "; a hypercalcaemia dose is given today"
    return [
        Action(
            urgency="planned",
            modality="bone_modifying_agent",
            action=text,
            trigger=trigger,
            citation=COLEMAN_2020_ESMO,
            agents=agents,
        )
    ]


@rule(
    "bma_dental_examination",
    "bma",
    "Dental examination before (or on) a bone-modifying agent",
    "Starting or on a bone-modifying agent without a dental examination on record",
    (RUGGIERO_2022,),
)
def bma_dental_examination(ctx: Context) -> list[Action]:
    agent = planned_agent(ctx)
    dental = ctx.case.dental
    if agent is None or (dental is not None and dental.status != "not_examined"):
        return []
    when = "before the first dose" if ctx.case.treatments.bone_modifying_agent is None else "now"
    return [
        Action(
            urgency="planned",
            modality="dental",
            action=f"Dental examination {when}, with any extractions or invasive work completed "
            "and healed before starting; good oral hygiene and regular check-ups.",
            trigger=f"{agent.replace('_', ' ')}; dental status "
            + (dental.status.replace("_", " ") if dental else "not recorded"),
            citation=RUGGIERO_2022,
        )
    ]


@rule(
    "bma_onj_warning",
    "bma",
    "Osteonecrosis of the jaw: dental disease or an invasive procedure with a bone-modifying agent",
    "Starting or on an agent, and dental treatment needed or an invasive dental procedure planned",
    (RUGGIERO_2022,),
)
def bma_onj_warning(ctx: Context) -> list[Action]:
    agent = planned_agent(ctx)
    dental = ctx.case.dental
    if agent is None or dental is None:
        return []
    if dental.status != "needs_treatment" and not dental.invasive_procedure_planned:
        return []
    started = ctx.case.treatments.bone_modifying_agent is not None
    text = (
        "Risk of osteonecrosis of the jaw: prefer non-invasive dental care (root canal over "
        "extraction) while on the agent; involve the dentist and oncologist before any "
        "extraction; teach the patient to report jaw pain, loose teeth or exposed bone."
        if started
        else "Risk of osteonecrosis of the jaw: complete the needed dental treatment and let it "
        "heal before the first dose; teach the patient to report jaw pain or exposed bone."
    )
    trigger = (
        "Dental treatment needed"
        if dental.status == "needs_treatment"
        else "Invasive dental procedure planned"
    )
    return [
        Action(
            urgency="urgent",
            modality="dental",
            action=text,
            trigger=f"{trigger}; {agent.replace('_', ' ')}",
            citation=RUGGIERO_2022,
        )
    ]


@rule(
    "bma_calcium_vitamin_d",
    "bma",
    "Calcium and vitamin D with a bone-modifying agent",
    "Starting or on an agent and corrected calcium not above the upper limit of normal",
    (ZOMETA_LABEL, XGEVA_LABEL),
)
def bma_calcium_vitamin_d(ctx: Context) -> list[Action]:
    agent = planned_agent(ctx)
    if agent is None:
        return []
    ca = ctx.result("calcium")
    if ca is not None and ca.band in ("mild", "moderate", "severe"):
        return []
    shown = (
        f"corrected calcium {ca.display['corrected']}"
        if ca
        else "calcium not measured: check it first"
    )
    return [
        Action(
            urgency="planned",
            modality="bone_modifying_agent",
            action="Oral calcium 500 mg and vitamin D 400 IU daily (check and correct vitamin D "
            "and calcium before the first dose).",
            trigger=f"{agent.replace('_', ' ')}; {shown}",
            citation=ZOMETA_LABEL if agent in _BISPHOSPHONATES else XGEVA_LABEL,
        )
    ]


@rule(
    "bma_renal_monitoring",
    "bma",
    "Creatinine before every bisphosphonate dose",
    "Starting or on zoledronic acid or pamidronate",
    (ZOMETA_LABEL, AAPRO_2008),
)
def bma_renal_monitoring(ctx: Context) -> list[Action]:
    agent = planned_agent(ctx)
    if agent not in _BISPHOSPHONATES:
        return []
    zol = ctx.result("zoledronic_acid")
    shown = f"CrCl {zol.display['crcl_ml_min']}" if zol else "creatinine clearance not computed"
    return [
        Action(
            urgency="planned",
            modality="monitoring",
            action="Serum creatinine before every dose; withhold if it rises by 0.5 mg/dL (44 "
            "umol/L) from a normal baseline or 1.0 mg/dL (88 umol/L) from an abnormal one, and "
            "restart at the same dose when back within 10% of baseline.",
            trigger=f"{agent.replace('_', ' ')}; {shown}",
            citation=ZOMETA_LABEL,
        )
    ]


@rule(
    "bma_deescalation",
    "bma",
    f"Zoledronic acid every {DEESCALATED_INTERVAL_WEEKS} weeks instead of every 4",
    f"Starting zoledronic acid, or on it at an interval shorter than {DEESCALATED_INTERVAL_WEEKS} "
    "weeks",
    (HIMELSTEIN_2017,),
)
def bma_deescalation(ctx: Context) -> list[Action]:
    if planned_agent(ctx) != "zoledronic_acid":
        return []
    bma = ctx.case.treatments.bone_modifying_agent
    if (
        bma is not None
        and bma.interval_weeks is not None
        and bma.interval_weeks >= DEESCALATED_INTERVAL_WEEKS
    ):
        return []
    if bma is None:
        trigger = "Starting zoledronic acid"
    else:
        months = (ctx.case.date - bma.start_date).days / 30.44
        every = (
            f"every {bma.interval_weeks} weeks" if bma.interval_weeks else "interval not recorded"
        )
        trigger = f"On zoledronic acid {every} for {months:.0f} months"
    zol = ctx.result("zoledronic_acid")
    dose = (
        f" at the label dose for this clearance, {zol.display['dose_mg']} (CrCl "
        f"{zol.display['crcl_ml_min']})"
        if zol is not None and zol.values["dose_mg"] is not None
        else ""
    )
    return [
        Action(
            urgency="planned",
            modality="bone_modifying_agent",
            action=f"Give zoledronic acid every {DEESCALATED_INTERVAL_WEEKS} weeks{dose}: as "
            f"effective as every 4 weeks over 2 years (skeletal events {_CALGB_SRE[0]:g}% vs "
            f"{_CALGB_SRE[1]:g}%, CALGB 70604), with fewer infusions.",
            trigger=trigger,
            citation=HIMELSTEIN_2017,
            agents=("zoledronic_acid",),
        )
    ]


@rule(
    "bma_hypocalcaemia_warning",
    "bma",
    "Hypocalcaemia risk with denosumab (renal impairment or low calcium)",
    "Starting or on denosumab with CrCl < 30 mL/min or corrected calcium below normal",
    (XGEVA_LABEL,),
)
def bma_hypocalcaemia_warning(ctx: Context) -> list[Action]:
    agent = planned_agent(ctx)
    ca = ctx.result("calcium")
    zol = ctx.result("zoledronic_acid")
    low_ca = ca is not None and ca.band == "low"
    low_crcl = zol is not None and _ZA_NOT_RECOMMENDED.contains(zol.values["crcl_ml_min"])
    if agent != "denosumab" or not (low_ca or low_crcl):
        return []
    why = []
    if low_crcl:
        why.append(f"CrCl {zol.display['crcl_ml_min']}")  # type: ignore[union-attr]
    if low_ca:
        system = ca.inputs["units"]  # type: ignore[union-attr]
        why.append(
            f"corrected calcium {ca.display['corrected']} (below {UNITS[system].lln:g})"  # type: ignore[union-attr]
        )
    return [
        Action(
            urgency="urgent",
            modality="monitoring",
            action="Severe hypocalcaemia risk with denosumab: correct calcium and vitamin D "
            "before the first dose, supplement throughout, and check calcium within 2 weeks of "
            "each early dose.",
            trigger="Denosumab with " + " and ".join(why),
            citation=XGEVA_LABEL,
        )
    ]


HADJI_2017 = Citation(
    key="hadji2017",
    authors="Hadji P, Aapro MS, Body JJ, Gnant M, Brandi ML, Reginster JY, et al",
    title="Management of aromatase inhibitor-associated bone loss (AIBL) in postmenopausal "
    "women with hormone sensitive breast cancer: joint position statement of the IOF, CABS, "
    "ECTS, IEG, ESCEO, IMS, and SIOG",
    journal="J Bone Oncol",
    year=2017,
    details="7:1-12",
)

#: When to add a bone-protective agent for treatment-induced bone loss, by setting.
BONE_LOSS_THRESHOLDS: dict[str, tuple[str, Citation]] = {
    "hormone_aromatase_inhibitor": (
        "aromatase inhibitor: T-score below -2.0, or below -1.5 with one more risk factor, or "
        "two or more risk factors whatever the T-score (Hadji 2017 joint position statement)",
        HADJI_2017,
    ),
    "hormone_adt": (
        "androgen deprivation: T-score -2.5 or lower, a prior fragility fracture, or a high "
        "fracture risk on FRAX (ESMO 2020; denosumab cut new vertebral fractures in HALT, "
        "Smith 2009)",
        COLEMAN_2020_ESMO,
    ),
}


@rule(
    "endocrine_bone_loss",
    "bma",
    "Bone loss under androgen deprivation or an aromatase inhibitor, thresholds by setting",
    "Current androgen deprivation therapy or aromatase inhibitor",
    (COLEMAN_2020_ESMO, HADJI_2017, SMITH_2009),
)
def endocrine_bone_loss(ctx: Context) -> list[Action]:
    lines = [
        line
        for line in ctx.case.treatments.systemic
        if line.current and set(BONE_LOSS_THRESHOLDS) & set(line.types)
    ]
    if not lines:
        return []
    settings = [k for k in BONE_LOSS_THRESHOLDS if any(k in line.types for line in lines)]
    on_bma = planned_agent(ctx) is not None
    text = (
        "Treatment-induced bone loss: bone density (DXA) and fracture-risk assessment, calcium "
        "and vitamin D, weight-bearing and resistance exercise, stop smoking, limit alcohol. "
        + (
            "The bone-modifying agent for metastases also protects against this loss."
            if on_bma
            else "Give an osteoporosis-dose bisphosphonate or denosumab when the threshold of "
            "the setting is met: " + "; ".join(BONE_LOSS_THRESHOLDS[k][0] for k in settings) + "."
        )
    )
    return [
        Action(
            urgency="planned",
            modality="bone_modifying_agent",
            action=text,
            trigger="Current " + "; ".join(line.regimen for line in lines),
            citation=BONE_LOSS_THRESHOLDS[settings[0]][1],
        )
    ]
