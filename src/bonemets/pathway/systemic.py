"""Systemic therapy by primary, at teaching level (hormone, targeted, immunotherapy, chemotherapy).

The table is a teaching summary, not a treatment protocol: the medical oncologist chooses the
regimen. Source: Coleman RE et al., Bone metastases, Nat Rev Dis Primers 2020 (systemic therapy
by primary), with the bone-specific points in the bone-modifying agent and radiopharmaceutical
rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..result import Citation
from . import safety
from .rules import Action, Context, rule

if TYPE_CHECKING:
    from ..cases.models import SystemicLine

COLEMAN_2020_NRDP = Citation(
    key="coleman2020nrdp",
    authors="Coleman RE, Croucher PI, Padhani AR, Clezardin P, Chow E, Fallon M, et al",
    title="Bone metastases",
    journal="Nat Rev Dis Primers",
    year=2020,
    details="6(1):83",
    doi="10.1038/s41572-020-00216-3",
)

#: (primary, subtype or None for any) -> (categories, options). Each option is one regimen or
#: class; an option is left out when a line that failed names it (its first word, or an agent).
SYSTEMIC: dict[tuple[str, str | None], tuple[str, tuple[str, ...]]] = {
    ("breast", "hr_positive_her2_negative"): (
        "hormone + targeted",
        (
            "endocrine therapy (aromatase inhibitor or fulvestrant) with a CDK4/6 inhibitor",
            "chemotherapy for visceral crisis or endocrine resistance",
        ),
    ),
    ("breast", "her2_positive"): (
        "targeted + chemotherapy",
        (
            "anti-HER2 therapy (trastuzumab, pertuzumab) with a taxane",
            "trastuzumab deruxtecan",
        ),
    ),
    ("breast", "triple_negative"): (
        "chemotherapy + immunotherapy",
        (
            "chemotherapy (taxane, platinum), with pembrolizumab if PD-L1 positive",
            "sacituzumab govitecan",
        ),
    ),
    ("prostate", "castration_sensitive"): (
        "hormone",
        (
            "androgen deprivation with an androgen-receptor pathway inhibitor (abiraterone, "
            "enzalutamide, apalutamide)",
            "docetaxel for high-volume disease",
        ),
    ),
    ("prostate", "castration_resistant"): (
        "hormone + chemotherapy",
        (
            "continue androgen deprivation",
            "a new androgen-receptor pathway inhibitor",
            "docetaxel",
            "cabazitaxel",
            "PARP inhibitors for BRCA mutations",
            "radium-223",
            "Lu-177-PSMA",
        ),
    ),
    ("lung", "egfr_mutant"): ("targeted", ("an EGFR tyrosine kinase inhibitor (osimertinib)",)),
    ("lung", "alk_rearranged"): ("targeted", ("an ALK inhibitor (alectinib, lorlatinib)",)),
    ("lung", "no_driver"): (
        "immunotherapy + chemotherapy",
        (
            "immune checkpoint inhibitor (pembrolizumab) alone or with platinum doublet "
            "chemotherapy",
        ),
    ),
    ("small_cell_lung", None): (
        "chemotherapy + immunotherapy",
        ("platinum-etoposide with atezolizumab or durvalumab",),
    ),
    ("kidney", None): (
        "immunotherapy + targeted",
        (
            "immune checkpoint inhibitor combinations (nivolumab-ipilimumab)",
            "a checkpoint inhibitor with a VEGF tyrosine kinase inhibitor (pembrolizumab-axitinib,"
            " nivolumab-cabozantinib; cabozantinib is active in bone)",
        ),
    ),
    ("thyroid", "rai_avid"): ("radioiodine", ("radioactive iodine with TSH suppression",)),
    ("thyroid", "rai_refractory"): (
        "targeted",
        (
            "a multikinase inhibitor (lenvatinib, sorafenib) for progressive disease",
            "TSH suppression",
        ),
    ),
    ("melanoma", "braf_v600"): (
        "immunotherapy or targeted",
        ("immune checkpoint inhibitors (nivolumab with ipilimumab)", "BRAF-MEK inhibitors"),
    ),
    ("melanoma", "braf_wild_type"): (
        "immunotherapy",
        ("immune checkpoint inhibitors (nivolumab with ipilimumab, or anti-PD-1 alone)",),
    ),
    ("colon", None): (
        "chemotherapy + targeted",
        (
            "FOLFOX with bevacizumab",
            "FOLFIRI with bevacizumab",
            "anti-EGFR antibodies if RAS wild-type",
        ),
    ),
    ("rectum", None): (
        "chemotherapy + targeted",
        (
            "FOLFOX with bevacizumab",
            "FOLFIRI with bevacizumab",
            "anti-EGFR antibodies if RAS wild-type",
        ),
    ),
    ("myeloma", None): (
        "chemotherapy + targeted",
        ("proteasome inhibitor, IMiD and anti-CD38 combinations",),
    ),
    ("lymphoma", None): ("chemotherapy + immunotherapy", ("chemo-immunotherapy by lymphoma type",)),
}

#: Options that are single agents the safety table checks (text -> agent).
OPTION_AGENTS = {"radium-223": "radium_223"}

SCHNIPPER_2012 = Citation(
    key="schnipper2012",
    authors="Schnipper LE, Smith TJ, Raghavan D, Blayney DW, Ganz PA, Mulvey TM, et al",
    title="American Society of Clinical Oncology identifies five key opportunities to improve "
    "care and reduce costs: the top five list for oncology",
    journal="J Clin Oncol",
    year=2012,
    details="30(14):1715-1724",
    doi="10.1200/JCO.2012.42.8375",
    note="Authors, title, journal, year and DOI confirmed (the article's first page); the first "
    "item (no cancer-directed therapy for solid tumours at performance status 3 or 4 without "
    "benefit from prior evidence-based interventions, not eligible for a trial) confirmed as "
    "quoted in J Natl Compr Canc Netw 2012;10(6):681. Volume and pages not confirmed.",
)
ROUGRAFF_1993 = safety.ROUGRAFF_1993
RAJKUMAR_2014 = safety.RAJKUMAR_2014
#: ECOG performance status from which further anticancer therapy is not advised after failed
#: evidence-based lines (ASCO Choosing Wisely 2012: "low performance status (3 or 4)").
POOR_ECOG_FROM = 3


def _entry(site: str, subtype: str | None) -> tuple[str, tuple[str, ...]] | None:
    return SYSTEMIC.get((site, subtype)) or SYSTEMIC.get((site, None))


def _failed_by(option: str, failed: list[SystemicLine]) -> SystemicLine | None:
    head = option.split()[0].lower()
    for line in failed:
        words = {w.strip(",()").lower() for w in line.regimen.split()}
        if head in words or any(a in option.lower() for a in line.agents):
            return line
    return None


def options_for(ctx: Context) -> tuple[str, list[str], list[str]] | None:
    """(categories, options still open, why others are left out) for the case's primary."""
    p = ctx.case.primary
    entry = _entry(p.site, p.subtype)
    if entry is None:
        return None
    kind, options = entry
    failed = [line for line in ctx.case.treatments.systemic if line.failed]
    blocked = safety.blocked_agents(ctx, tuple(OPTION_AGENTS.values()))
    keep, left_out = [], []
    for opt in options:
        line = _failed_by(opt, failed)
        agent = OPTION_AGENTS.get(opt)
        if line is not None:
            left_out.append(f"{opt} ({line.outcome} on line {line.line})")
        elif agent in blocked:
            left_out.append(f"{opt} (withheld: {blocked[agent]})")
        else:
            keep.append(opt)
    return kind, keep, left_out


@rule(
    "systemic_therapy_by_primary",
    "systemic",
    "Systemic therapy by primary (teaching summary), after failed lines, performance status "
    "and the patient's goals",
    "A primary (and subtype) with an entry in the systemic-therapy table; ECOG 3-4 after "
    "failed lines, or a patient who wants symptom control only: best supportive care",
    (COLEMAN_2020_NRDP, SCHNIPPER_2012),
)
def systemic_therapy_by_primary(ctx: Context) -> list[Action]:
    found = options_for(ctx)
    if found is None:
        return []
    kind, keep, left_out = found
    case = ctx.case
    p = case.primary
    trigger = f"Primary {p.site}" + (f" ({p.subtype.replace('_', ' ')})" if p.subtype else "")
    failed = [line for line in case.treatments.systemic if line.failed]
    ecog = case.performance.ecog
    poor = ecog is not None and ecog >= POOR_ECOG_FROM
    comfort = case.goals.aim == "symptom_control_only"
    gone = f" Not listed: {'; '.join(left_out)}." if left_out else ""
    if comfort or (poor and failed):
        why = []
        if poor:
            why.append(f"ECOG {ecog}")
        if failed:
            why.append("; ".join(f"line {x.line} {x.regimen}: {x.outcome}" for x in failed))
        if comfort:
            why.append("the patient wants symptom control only")
        return [
            Action(
                "planned",
                "supportive_care",
                "Best supportive care: further anticancer therapy is unlikely to help at "
                f"performance status {POOR_ECOG_FROM}-4 after failed evidence-based lines "
                "(ASCO Choosing Wisely 2012), and the patient's wishes lead; revisit only if "
                "performance status improves or the patient asks." + gone,
                f"{trigger}; " + "; ".join(why),
                "systemic_therapy_by_primary",
                SCHNIPPER_2012,
                decision="systemic_therapy",
            )
        ]
    current = [line for line in case.treatments.systemic if line.current]
    now = (
        "Current line: "
        + "; ".join(f"line {line.line} {line.regimen}" for line in current)
        + ". Review response; when it fails, options include: "
        if current
        else "Options by the primary: "
    )
    listed = "; ".join(keep) if keep else "no further standard option in this summary"
    return [
        Action(
            "planned",
            "systemic_therapy",
            f"{now}{listed} ({kind}).{gone} Medical oncology decides; consider a clinical trial.",
            trigger,
            "systemic_therapy_by_primary",
            COLEMAN_2020_NRDP,
            agents=("systemic",),
            decision="systemic_therapy",
        )
    ]


@rule(
    "systemic_needs_subtype_or_biopsy",
    "systemic",
    "Record the subtype that decides systemic therapy",
    "A primary whose subtype decides systemic therapy but is not recorded",
    (COLEMAN_2020_NRDP,),
)
def systemic_needs_subtype_or_biopsy(ctx: Context) -> list[Action]:
    p = ctx.case.primary
    if p.site == "unknown" or _entry(p.site, p.subtype) is not None:
        return []
    if not any(k[0] == p.site for k in SYSTEMIC):
        return []
    return [
        Action(
            "urgent",
            "systemic_therapy",
            "Record the tumour subtype (receptor or mutation status): it decides systemic therapy.",
            f"Primary {p.site} without a subtype (primary.subtype missing)",
            "systemic_needs_subtype_or_biopsy",
            COLEMAN_2020_NRDP,
        )
    ]


@rule(
    "unknown_primary_workup",
    "systemic",
    "No tissue diagnosis: staging, myeloma screen and biopsy before any definitive local treatment",
    "Unknown primary, or histology not confirmed (primary.histology_confirmed false)",
    (ROUGRAFF_1993, RAJKUMAR_2014),
)
def unknown_primary_workup(ctx: Context) -> list[Action]:
    case = ctx.case
    if case.histology_known:
        return []
    at_risk = [les.label for les in case.lesions if les.is_long_bone or les.bone == "acetabulum"]
    protect = (
        f" Meanwhile protect the {', '.join(at_risk)} (walking aid, no loading) and treat pain."
        if at_risk
        else " Meanwhile treat pain."
    )
    return [
        Action(
            "urgent",
            "biopsy",
            "Before fixation, SBRT or ablation: CT chest-abdomen-pelvis (and a bone scan or "
            "whole-body imaging), a myeloma screen (serum and urine protein electrophoresis with "
            "immunofixation, serum free light chains, calcium, creatinine, blood count), then "
            "biopsy of the most accessible lesion. A bone lesion is biopsied by, or with, the "
            "team that will treat it, along the planned surgical track, with immunohistochemistry."
            + protect,
            "Unknown primary" if case.primary.site == "unknown" else "Histology not confirmed",
            "unknown_primary_workup",
            ROUGRAFF_1993,
        )
    ]
