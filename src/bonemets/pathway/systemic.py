"""Systemic therapy by primary, at teaching level (hormone, targeted, immunotherapy, chemotherapy).

The table is a teaching summary, not a treatment protocol: the medical oncologist chooses the
regimen. Source: Coleman RE et al., Bone metastases, Nat Rev Dis Primers 2020 (systemic therapy
by primary), with the bone-specific points in the bone-modifying agent and radiopharmaceutical
rules.
"""

from __future__ import annotations

from ..result import Citation
from .rules import Action, Context, rule

COLEMAN_2020_NRDP = Citation(
    key="coleman2020nrdp",
    authors="Coleman RE, Croucher PI, Padhani AR, Clezardin P, Chow E, Fallon M, et al",
    title="Bone metastases",
    journal="Nat Rev Dis Primers",
    year=2020,
    details="6(1):83",
    doi="10.1038/s41572-020-00216-3",
)

#: (primary, subtype or None for any) -> (categories, teaching summary).
SYSTEMIC: dict[tuple[str, str | None], tuple[str, str]] = {
    ("breast", "hr_positive_her2_negative"): (
        "hormone + targeted",
        "endocrine therapy (aromatase inhibitor or fulvestrant) with a CDK4/6 inhibitor; "
        "chemotherapy for visceral crisis or endocrine resistance",
    ),
    ("breast", "her2_positive"): (
        "targeted + chemotherapy",
        "anti-HER2 therapy (trastuzumab, pertuzumab; then trastuzumab deruxtecan) with a taxane",
    ),
    ("breast", "triple_negative"): (
        "chemotherapy + immunotherapy",
        "chemotherapy (taxane, platinum), with pembrolizumab if PD-L1 positive; sacituzumab "
        "govitecan later",
    ),
    ("prostate", "castration_sensitive"): (
        "hormone",
        "androgen deprivation with an androgen-receptor pathway inhibitor (abiraterone, "
        "enzalutamide, apalutamide), with docetaxel for high-volume disease",
    ),
    ("prostate", "castration_resistant"): (
        "hormone + chemotherapy",
        "continue androgen deprivation; a new androgen-receptor pathway inhibitor, docetaxel or "
        "cabazitaxel, PARP inhibitors for BRCA mutations, radium-223 or Lu-177-PSMA",
    ),
    ("lung", "egfr_mutant"): ("targeted", "an EGFR tyrosine kinase inhibitor (osimertinib)"),
    ("lung", "alk_rearranged"): ("targeted", "an ALK inhibitor (alectinib, lorlatinib)"),
    ("lung", "no_driver"): (
        "immunotherapy + chemotherapy",
        "immune checkpoint inhibitor (pembrolizumab) alone or with platinum doublet chemotherapy",
    ),
    ("small_cell_lung", None): (
        "chemotherapy + immunotherapy",
        "platinum-etoposide with atezolizumab or durvalumab",
    ),
    ("kidney", None): (
        "immunotherapy + targeted",
        "immune checkpoint inhibitor combinations (nivolumab-ipilimumab) or with a VEGF tyrosine "
        "kinase inhibitor (pembrolizumab-axitinib, nivolumab-cabozantinib); cabozantinib is "
        "active in bone",
    ),
    ("thyroid", "rai_avid"): ("radioiodine", "radioactive iodine with TSH suppression"),
    ("thyroid", "rai_refractory"): (
        "targeted",
        "a multikinase inhibitor (lenvatinib, sorafenib) for progressive disease; TSH suppression",
    ),
    ("melanoma", "braf_v600"): (
        "immunotherapy or targeted",
        "immune checkpoint inhibitors (nivolumab with ipilimumab) or BRAF-MEK inhibitors",
    ),
    ("melanoma", "braf_wild_type"): (
        "immunotherapy",
        "immune checkpoint inhibitors (nivolumab with ipilimumab, or anti-PD-1 alone)",
    ),
    ("colon", None): (
        "chemotherapy + targeted",
        "fluoropyrimidine-based chemotherapy (FOLFOX, FOLFIRI) with bevacizumab, or anti-EGFR "
        "antibodies if RAS wild-type",
    ),
    ("rectum", None): (
        "chemotherapy + targeted",
        "fluoropyrimidine-based chemotherapy (FOLFOX, FOLFIRI) with bevacizumab, or anti-EGFR "
        "antibodies if RAS wild-type",
    ),
    ("myeloma", None): (
        "chemotherapy + targeted",
        "proteasome inhibitor, IMiD and anti-CD38 combinations",
    ),
    ("lymphoma", None): ("chemotherapy + immunotherapy", "chemo-immunotherapy by lymphoma type"),
}


def _entry(site: str, subtype: str | None) -> tuple[str, str] | None:
    return SYSTEMIC.get((site, subtype)) or SYSTEMIC.get((site, None))


@rule(
    "systemic_therapy_by_primary",
    "systemic",
    "Systemic therapy by primary (teaching summary)",
    "A primary (and subtype) with an entry in the systemic-therapy table",
    (COLEMAN_2020_NRDP,),
)
def systemic_therapy_by_primary(ctx: Context) -> list[Action]:
    p = ctx.case.primary
    entry = _entry(p.site, p.subtype)
    if entry is None:
        return []
    kind, text = entry
    current = [line for line in ctx.case.treatments.systemic if line.current]
    now = (
        "Current line: "
        + "; ".join(f"line {line.line} {line.regimen}" for line in current)
        + ". Review response; when it fails, options include: "
        if current
        else "Options by the primary: "
    )
    return [
        Action(
            "planned",
            "systemic_therapy",
            f"{now}{text} ({kind}). Medical oncology decides; consider a clinical trial.",
            f"Primary {p.site}" + (f" ({p.subtype.replace('_', ' ')})" if p.subtype else ""),
            "systemic_therapy_by_primary",
            COLEMAN_2020_NRDP,
        )
    ]


@rule(
    "systemic_needs_subtype_or_biopsy",
    "systemic",
    "Biopsy to find the primary or its subtype before systemic therapy",
    "Unknown primary, or a primary whose subtype decides systemic therapy but is not recorded",
    (COLEMAN_2020_NRDP,),
)
def systemic_needs_subtype_or_biopsy(ctx: Context) -> list[Action]:
    p = ctx.case.primary
    if _entry(p.site, p.subtype) is not None:
        return []
    if p.site == "unknown":
        text = (
            "Biopsy of the most accessible lesion (bone biopsy if it is the only site) with "
            "immunohistochemistry, and staging CT chest-abdomen-pelvis, before systemic therapy."
        )
        trigger = "Unknown primary"
    elif any(k[0] == p.site for k in SYSTEMIC):
        text = (
            "Record the tumour subtype (receptor or mutation status): it decides systemic therapy."
        )
        trigger = f"Primary {p.site} without a subtype (primary.subtype missing)"
    else:
        return []
    return [
        Action(
            "urgent",
            "systemic_therapy",
            text,
            trigger,
            "systemic_needs_subtype_or_biopsy",
            COLEMAN_2020_NRDP,
        )
    ]
