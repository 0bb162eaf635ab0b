"""Systemic therapy by primary, at teaching level (hormone, targeted, immunotherapy, chemotherapy).

The table is a teaching summary, not a treatment protocol: the medical oncologist chooses the
regimen. Source: Coleman RE et al., Bone metastases, Nat Rev Dis Primers 2020 (systemic therapy
by primary), with the bone-specific points in the bone-modifying agent and radiopharmaceutical
rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ..result import Citation
from ..sources import RAJKUMAR_2014
from . import safety
from .rules import Action, Context, rule

if TYPE_CHECKING:
    from ..patient.model import SystemicLine

COLEMAN_2020_NRDP = Citation(
    key="coleman2020nrdp",
    authors="Coleman RE, Croucher PI, Padhani AR, Clezardin P, Chow E, Fallon M, et al",
    title="Bone metastases",
    journal="Nat Rev Dis Primers",
    year=2020,
    details="6(1):83",
    doi="10.1038/s41572-020-00216-3",
)

DE_WIT_2019 = Citation(
    key="dewit2019card",
    authors="de Wit R, de Bono J, Sternberg CN, Fizazi K, Tombal B, Wulfing C, et al",
    title="Cabazitaxel versus abiraterone or enzalutamide in metastatic prostate cancer",
    journal="N Engl J Med",
    year=2019,
    details="381(26):2506-2518",
    doi="10.1056/NEJMoa1911206",
    note="CARD: after docetaxel and progression within 12 months on one androgen-receptor "
    "pathway inhibitor, cabazitaxel improved imaging-based progression-free survival (median "
    "8.0 vs 3.7 months, HR 0.54) over switching to the other inhibitor. Volume, pages and "
    "results confirmed from the abstract and a structured review; issue number and DOI not "
    "re-read.",
)

#: Checkpoint inhibitors, androgen-receptor pathway inhibitors (ARPIs) and other classes: an
#: option naming a class is left out once any drug of that class has been given.
CHECKPOINT_INHIBITORS = frozenset(
    {"pembrolizumab", "nivolumab", "ipilimumab", "atezolizumab", "durvalumab", "avelumab"}
)
ARPIS = frozenset({"abiraterone", "enzalutamide", "apalutamide", "darolutamide"})
ENDOCRINE = frozenset(
    {
        "letrozole",
        "anastrozole",
        "exemestane",
        "fulvestrant",
        "tamoxifen",
        "palbociclib",
        "ribociclib",
        "abemaciclib",
    }
)


class Option(NamedTuple):
    """One line of the teaching summary: its text, the drugs that mean it has been given, and
    the treatments the safety table checks (``Action.agents`` vocabulary)."""

    text: str
    given_by: frozenset[str] = frozenset()
    checks: tuple[str, ...] = ()


def _opt(text: str, *given: str | frozenset[str], checks: tuple[str, ...] = ()) -> Option:
    names: set[str] = set()
    for g in given:
        names |= {g} if isinstance(g, str) else set(g)
    return Option(text, frozenset(names), checks)


#: What to say when every listed option has been given.
NO_FURTHER = "second-line options by subtype: medical oncology"

#: (primary, subtype or None for any) -> (categories, options). An option is left out when a
#: current or failed line gave any drug of it (line agents or regimen words).
SYSTEMIC: dict[tuple[str, str | None], tuple[str, tuple[Option, ...]]] = {
    ("breast", "hr_positive_her2_negative"): (
        "hormone + targeted",
        (
            _opt(
                "endocrine therapy (aromatase inhibitor or fulvestrant) with a CDK4/6 inhibitor",
                ENDOCRINE,
                checks=("endocrine_therapy", "cdk46_inhibitor"),
            ),
            _opt("chemotherapy for visceral crisis or endocrine resistance"),
        ),
    ),
    ("breast", "her2_positive"): (
        "targeted + chemotherapy",
        (
            _opt(
                "anti-HER2 therapy (trastuzumab, pertuzumab) with a taxane",
                "trastuzumab",
                "pertuzumab",
            ),
            _opt("trastuzumab deruxtecan", "trastuzumab_deruxtecan", "deruxtecan"),
        ),
    ),
    ("breast", "triple_negative"): (
        "chemotherapy + immunotherapy; antibody-drug conjugate",
        (
            _opt(
                "chemotherapy (taxane, platinum), with pembrolizumab if PD-L1 positive",
                "pembrolizumab",
            ),
            _opt(
                "sacituzumab govitecan (an antibody-drug conjugate)",
                "sacituzumab_govitecan",
                "sacituzumab",
            ),
        ),
    ),
    ("prostate", "castration_sensitive"): (
        "hormone",
        (
            _opt(
                "androgen deprivation with an androgen-receptor pathway inhibitor (abiraterone, "
                "enzalutamide, apalutamide)",
                ARPIS,
            ),
            _opt("docetaxel for high-volume disease", "docetaxel"),
        ),
    ),
    ("prostate", "castration_resistant"): (
        "hormone + chemotherapy",
        (
            _opt("continue androgen deprivation"),
            _opt("a new androgen-receptor pathway inhibitor", ARPIS),
            _opt("docetaxel", "docetaxel"),
            _opt("cabazitaxel", "cabazitaxel"),
            _opt("PARP inhibitors for BRCA mutations", "olaparib", "rucaparib", "talazoparib"),
            _opt("radium-223", "radium_223", "radium-223", checks=("radium_223",)),
            _opt("Lu-177-PSMA", "lutetium", "lu-177-psma", "lu177_psma"),
        ),
    ),
    ("lung", "egfr_mutant"): (
        "targeted",
        (_opt("an EGFR tyrosine kinase inhibitor (osimertinib)", "osimertinib"),),
    ),
    ("lung", "alk_rearranged"): (
        "targeted",
        (_opt("an ALK inhibitor (alectinib, lorlatinib)", "alectinib", "lorlatinib"),),
    ),
    ("lung", "no_driver"): (
        "immunotherapy + chemotherapy",
        (
            _opt(
                "immune checkpoint inhibitor (pembrolizumab) alone or with platinum doublet "
                "chemotherapy",
                CHECKPOINT_INHIBITORS,
            ),
        ),
    ),
    ("small_cell_lung", None): (
        "chemotherapy + immunotherapy",
        (
            _opt(
                "platinum-etoposide with atezolizumab or durvalumab",
                "etoposide",
                "atezolizumab",
                "durvalumab",
            ),
        ),
    ),
    ("kidney", None): (
        "immunotherapy + targeted",
        (
            _opt(
                "immune checkpoint inhibitor combinations (nivolumab-ipilimumab)",
                CHECKPOINT_INHIBITORS,
            ),
            _opt(
                "a checkpoint inhibitor with a VEGF tyrosine kinase inhibitor (pembrolizumab-"
                "axitinib, nivolumab-cabozantinib; cabozantinib is active in bone)",
                CHECKPOINT_INHIBITORS,
            ),
        ),
    ),
    ("thyroid", "rai_avid"): (
        "radioiodine",
        (_opt("radioactive iodine with TSH suppression"),),
    ),
    ("thyroid", "rai_refractory"): (
        "targeted",
        (
            _opt(
                "a multikinase inhibitor (lenvatinib, sorafenib) for progressive disease",
                "lenvatinib",
                "sorafenib",
            ),
            _opt("TSH suppression"),
        ),
    ),
    ("melanoma", "braf_v600"): (
        "immunotherapy or targeted",
        (
            _opt("immune checkpoint inhibitors (nivolumab with ipilimumab)", CHECKPOINT_INHIBITORS),
            _opt(
                "BRAF-MEK inhibitors",
                "dabrafenib",
                "trametinib",
                "encorafenib",
                "binimetinib",
                "vemurafenib",
                "cobimetinib",
            ),
        ),
    ),
    ("melanoma", "braf_wild_type"): (
        "immunotherapy",
        (
            _opt(
                "immune checkpoint inhibitors (nivolumab with ipilimumab, or anti-PD-1 alone)",
                CHECKPOINT_INHIBITORS,
            ),
        ),
    ),
    ("colon", None): (
        "chemotherapy + targeted",
        (
            _opt("FOLFOX with bevacizumab", "folfox", "oxaliplatin"),
            _opt("FOLFIRI with bevacizumab", "folfiri", "irinotecan"),
            _opt("anti-EGFR antibodies if RAS wild-type", "cetuximab", "panitumumab"),
        ),
    ),
    ("rectum", None): (
        "chemotherapy + targeted",
        (
            _opt("FOLFOX with bevacizumab", "folfox", "oxaliplatin"),
            _opt("FOLFIRI with bevacizumab", "folfiri", "irinotecan"),
            _opt("anti-EGFR antibodies if RAS wild-type", "cetuximab", "panitumumab"),
        ),
    ),
    ("myeloma", None): (
        "chemotherapy + targeted",
        (_opt("proteasome inhibitor, IMiD and anti-CD38 combinations"),),
    ),
    ("lymphoma", None): (
        "chemotherapy + immunotherapy",
        (_opt("chemo-immunotherapy by lymphoma type"),),
    ),
}

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
#: ECOG performance status from which further anticancer therapy is not advised after failed
#: evidence-based lines (ASCO Choosing Wisely 2012: "low performance status (3 or 4)").
POOR_ECOG_FROM = 3


def _entry(site: str, subtype: str | None) -> tuple[str, tuple[Option, ...]] | None:
    return SYSTEMIC.get((site, subtype)) or SYSTEMIC.get((site, None))


def _drugs(line: SystemicLine) -> set[str]:
    """The drugs a line gave: its agents and the words of its regimen."""
    words = {w.strip(",()").lower() for w in line.regimen.replace("-", " ").split()}
    return set(line.agents) | words


def _given_by(option: Option, lines: list[SystemicLine]) -> SystemicLine | None:
    for line in lines:
        if option.given_by & _drugs(line):
            return line
    return None


def _text(option: Option, ctx: Context) -> str | None:
    """The option's text for this case, or ``None`` if the subtype rules it out."""
    p = ctx.case.primary
    if option.text.startswith("anti-EGFR") and p.site in ("colon", "rectum"):
        if p.subtype == "ras_mutant":
            return None
        if p.subtype == "ras_wild_type":
            return "anti-EGFR antibodies (RAS wild-type)"
    if option.given_by == ARPIS and p.subtype == "castration_resistant":
        given = [x for x in ctx.case.treatments.systemic if ARPIS & _drugs(x)]
        if given:
            return None
    return option.text


def options_for(ctx: Context) -> tuple[str, list[str], list[str]] | None:
    """(categories, options still open, why others are left out) for the case's primary.

    Left out: an option whose drugs a current or failed line gave (the current line is what
    "when it fails" follows), an option the subtype rules out, an option the safety table
    blocks. After an androgen-receptor pathway inhibitor, the evidence (CARD) favours a taxane
    over a second one, and the plan says so.
    """
    p = ctx.case.primary
    entry = _entry(p.site, p.subtype)
    if entry is None:
        return None
    kind, options = entry
    lines = [x for x in ctx.case.treatments.systemic if x.current or x.failed]
    checked = tuple(dict.fromkeys(a for o in options for a in o.checks))
    blocked = safety.blocked_agents(ctx, checked)
    keep: list[str] = []
    left_out: list[str] = []
    taken = set(ctx.case.medications.anticancer)
    for opt in options:
        line = _given_by(opt, lines)
        if line is None and opt.given_by & taken:
            left_out.append(f"{opt.text} (taken now)")
            continue
        text = _text(opt, ctx)
        stop = next((blocked[a] for a in opt.checks if a in blocked), None)
        how = None if line is None else "current" if line.current else line.outcome
        if opt.given_by == ARPIS and p.subtype == "castration_resistant" and text is None:
            on = f"{how} on line {line.line}; " if line is not None else ""
            left_out.append(
                f"{opt.text} ({on}after an androgen-receptor pathway inhibitor the evidence "
                "favours a taxane over switching to another: CARD, de Wit 2019)"
            )
        elif line is not None:
            left_out.append(f"{opt.text} ({how} on line {line.line})")
        elif text is None:
            left_out.append(f"{opt.text} (ruled out: {(p.subtype or '').replace('_', ' ')})")
        elif stop is not None:
            left_out.append(f"{opt.text} (withheld: {stop})")
        else:
            keep.append(text)
    return kind, keep, left_out


@rule(
    "systemic_therapy_by_primary",
    "systemic",
    "Systemic therapy by primary (teaching summary), after failed lines, performance status "
    "and the patient's goals",
    "A primary (and subtype) with an entry in the systemic-therapy table; ECOG 3-4 after "
    "failed lines, or a patient who wants symptom control only: best supportive care",
    (COLEMAN_2020_NRDP, SCHNIPPER_2012, DE_WIT_2019),
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
                urgency="planned",
                modality="supportive_care",
                action="Best supportive care: further anticancer therapy is unlikely to help at "
                f"performance status {POOR_ECOG_FROM}-4 after failed evidence-based lines "
                "(ASCO Choosing Wisely 2012), and the patient's wishes lead; revisit only if "
                "performance status improves or the patient asks." + gone,
                trigger=f"{trigger}; " + "; ".join(why),
                citation=SCHNIPPER_2012,
                decision="systemic_therapy",
            )
        ]
    current = [line for line in case.treatments.systemic if line.current]
    lead = (
        "Current line: "
        + "; ".join(f"line {line.line} {line.regimen}" for line in current)
        + ". Review response; when it fails"
        if current
        else "Options by the primary"
    )
    listed = (
        f"{', options include' if current else ''}: {'; '.join(keep)} ({kind})"
        if keep
        else f": {NO_FURTHER}"
    )
    return [
        Action(
            urgency="planned",
            modality="systemic_therapy",
            action=f"{lead}{listed}.{gone} Medical oncology decides; consider a clinical trial.",
            trigger=trigger,
            citation=COLEMAN_2020_NRDP,
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
            urgency="urgent",
            modality="systemic_therapy",
            action="Record the tumour subtype (receptor or mutation status): it decides systemic therapy.",
            trigger=f"Primary {p.site} without a subtype (primary.subtype missing)",
            citation=COLEMAN_2020_NRDP,
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
            urgency="urgent",
            modality="biopsy",
            action="Before fixation, SBRT or ablation: CT chest-abdomen-pelvis (and a bone scan or "
            "whole-body imaging), a myeloma screen (serum and urine protein electrophoresis with "
            "immunofixation, serum free light chains, calcium, creatinine, blood count), then "
            "biopsy of the most accessible lesion. A bone lesion is biopsied by, or with, the "
            "team that will treat it, along the planned surgical track, with immunohistochemistry."
            + protect,
            trigger="Unknown primary"
            if case.primary.site == "unknown"
            else "Histology not confirmed",
            citation=ROUGRAFF_1993,
            agents=("biopsy",),
        )
    ]
