"""Eligibility screen for bone-seeking radiopharmaceuticals: strontium-89, samarium-153, radium-223.

Indications (EANM guideline, Handkiewicz-Junak D et al., Eur J Nucl Med Mol Imaging
2018;45:846-859; Bodei L et al., EANM 2008): painful bone metastases with uptake on bone scan,
osteoblastic or mixed lesions, pain not controlled by analgesics or after external beam options.
Radium-223 (Parker C et al., N Engl J Med 2013;369:213-223, ALSYMPCA; Xofigo label):
castration-resistant prostate cancer with symptomatic bone metastases and no known visceral
metastases; first dose needs ANC >= 1.5 x10^9/L, platelets >= 100 x10^9/L, haemoglobin >= 10 g/dL;
later injections ANC >= 1.0 x10^9/L and platelets >= 50 x10^9/L (held as data: the screen
evaluates the first dose).

Blood counts for the beta emitters: the Metastron (strontium-89) label lists platelets
< 60 x10^9/L and WBC < 2.4 x10^9/L as *cautions*, not contraindications. The course's screen is
stricter: platelets < 60 x10^9/L or ANC < 1.5 x10^9/L make a beta emitter "not eligible" (the ANC
figure is the course's choice, borrowed from the radium-223 first-dose rule). Both readings are in
``data`` and shown in the book.

Renal function: strontium-89 and samarium-153 are excreted in urine, so renal failure makes them
"not eligible" here (EANM 2018; the Metastron label says "evaluate risk/benefit"). Radium-223 is
eliminated mainly in the faeces; its SmPC reports no relevant difference with mild renal
impairment, limited data in moderate and none in severe impairment, and no dose adjustment, so
renal failure is a caution for radium-223, not a bar.

Other contraindications (course source article): acute spinal cord compression, pregnancy or
breastfeeding, myelosuppression. Life expectancy: the source article asks for more than 3 months
(used here); other summaries accept more than 6 weeks (shown in notes).
"""

from __future__ import annotations

from typing import Any

from ..inputs import Boolean, Choice, Number
from ..result import Citation
from ..sources import EANM_2018, EMA_XOFIGO_2018, PANTEL_2023, PARKER_2013
from .screen import Criterion, Screen, Status

XOFIGO_SMPC = Citation(
    key="xofigo2024smpc",
    authors="Bayer AG",
    title="Xofigo 1100 kBq/mL solution for injection: summary of product characteristics",
    journal="European Medicines Agency",
    year=2024,
    details="Sections 4.2 (renal impairment), 4.4 (haematological evaluation)",
)
METASTRON_LABEL = Citation(
    key="metastronlabel",
    authors="GE Healthcare",
    title="Metastron (strontium-89 chloride injection): prescribing information",
    journal="U.S. Food and Drug Administration",
    year=2013,
    details="Warnings and precautions (read in the Medscape reference copy)",
    note="Revision year not confirmed: 2013 is the course's placeholder for the current US "
    "label. The caution counts (platelets < 60,000/mm3, WBC < 2,400/mm3) were read in the Medscape "
    "drug reference (Cautions) and a reproduction of the label text ('should be used with caution "
    "in patients with platelet ...'); no dated FDA or DailyMed copy was read.",
)
SERAFINI_1998 = Citation(
    key="serafini1998",
    authors="Serafini AN, Houston SJ, Resche I, Quick DP, Grund FM, Ell PJ, et al",
    title="Palliation of pain associated with metastatic bone cancer using samarium-153 "
    "lexidronam: a double-blind placebo-controlled clinical trial",
    journal="J Clin Oncol",
    year=1998,
    details="16(4):1574-1581",
    doi="10.1200/JCO.1998.16.4.1574",
)

AGENTS: dict[str, dict[str, Any]] = {
    "sr89": {
        "label": "Strontium-89 chloride (Metastron)",
        "emitter": "beta",
        "dose": "148 MBq (4 mCi) slow IV, or 1.5-2.2 MBq/kg; do not repeat within 90 days",
        "notes": "Pain relief after 7-20 days; platelet nadir at 12-16 weeks (about 30% fall); "
        "renal excretion; do not repeat within 90 days (Metastron label).",
    },
    "sm153": {
        "label": "Samarium-153 lexidronam (Quadramet)",
        "emitter": "beta",
        "dose": "37 MBq/kg (1 mCi/kg) IV",
        "notes": "Relieved pain more often than placebo in a double-blind randomised trial "
        "(Serafini 1998); renal excretion; reversible marrow suppression is dose-limiting.",
    },
    "ra223": {
        "label": "Radium-223 dichloride (Xofigo)",
        "emitter": "alpha",
        "dose": "55 kBq/kg IV every 4 weeks for 6 injections (50 kBq/kg under the pre-2015 "
        "calibration: the same activity)",
        "notes": "ALSYMPCA: median overall survival 14.9 vs 11.3 months with placebo (Parker "
        "2013); life-prolonging, not only palliative; eliminated mainly in the faeces.",
    },
}

LIFE_EXPECTANCY_ABOVE_MONTHS = 3.0
#: Blood counts before the first dose, per agent: (platelets x10^9/L, ANC x10^9/L, Hb g/dL).
COUNTS_MIN: dict[str, dict[str, float]] = {
    "ra223": {"platelets": 100.0, "anc": 1.5, "haemoglobin": 10.0},
    "sr89": {"platelets": 60.0, "anc": 1.5, "haemoglobin": 0.0},
    "sm153": {"platelets": 60.0, "anc": 1.5, "haemoglobin": 0.0},
}

#: Metastron label: counts below these are a *caution* (x10^9/L); the course's rule is stricter.
BETA_LABEL_CAUTION: dict[str, float] = {"platelets": 60.0, "wbc": 2.4}
#: Xofigo label: counts before the second to sixth injections (x10^9/L); treatment is withheld
#: below them and stopped if the counts have not recovered 6-8 weeks after the last injection.
RA223_LATER_INJECTIONS_MIN: dict[str, float] = {"anc": 1.0, "platelets": 50.0}
RA223_RECOVERY_WEEKS = (6, 8)

_ALL = tuple(AGENTS)
_BETA = ("sr89", "sm153")


def _counts(agent: str) -> list[Criterion]:
    out = []
    for field, unit, cite in (
        ("platelets", "x10^9/L", EANM_2018),
        ("anc", "x10^9/L", EANM_2018),
        ("haemoglobin", "g/dL", PARKER_2013),
    ):
        threshold = COUNTS_MIN[agent][field]
        if threshold <= 0:
            continue
        name = field.capitalize() if field != "anc" else "ANC"
        what = AGENTS[agent]["label"].split(" (")[0]
        text = f"{name} below {threshold:g} {unit} for {what} (myelosuppression)"
        if agent == "ra223":
            text += "; Xofigo label, before the first injection"
        else:
            text += (
                "; course rule for beta emitters, stricter than the strontium-89 (Metastron) label, "
                "which lists platelets below "
                f"{BETA_LABEL_CAUTION['platelets']:g} or WBC below {BETA_LABEL_CAUTION['wbc']:g} "
                "x10^9/L as a caution"
            )
        out.append(
            Criterion(
                f"{agent}_low_{field}",
                field,
                "lt",
                threshold,
                "not_eligible",
                text,
                PARKER_2013 if agent == "ra223" else cite,
                only_for=("agent", agent),
            )
        )
    return out


def _agent_notes(values: dict[str, Any], status: str) -> dict[str, Any]:
    a = AGENTS[values["agent"]]
    return {
        "eligible": status != "not_eligible",
        "agent": values["agent"],
        "agent_label": a["label"],
        "agent_dose": a["dose"],
        "agent_notes": a["notes"],
    }


RADIOPHARMACEUTICAL = Screen(
    name="radiopharmaceutical",
    title="Bone-seeking radiopharmaceutical eligibility (Sr-89, Sm-153, Ra-223)",
    summary="Indications, contraindications and blood counts before a bone-seeking "
    "radiopharmaceutical.",
    values_key="status",
    inputs=(
        Choice("agent", "Agent", options=tuple((k, v["label"]) for k, v in AGENTS.items())),
        Boolean("painful_bone_metastases", "Painful bone metastases not controlled by analgesics"),
        Boolean("positive_bone_scan", "Uptake at the painful sites on bone scan"),
        Choice(
            "lesion_type",
            "Dominant lesion type",
            options=(("blastic", "Osteoblastic"), ("mixed", "Mixed"), ("lytic", "Osteolytic")),
        ),
        Number("life_expectancy_months", "Life expectancy", minimum=0, maximum=600, unit="months"),
        Boolean("crpc", "Castration-resistant prostate cancer"),
        Boolean("visceral_mets", "Known visceral metastases"),
        Boolean("acute_cord_compression", "Acute spinal cord compression"),
        Boolean("fracture_or_impending", "Pathological or impending fracture at a painful site"),
        Boolean("renal_failure", "Acute or chronic renal failure"),
        Boolean("pregnant_or_breastfeeding", "Pregnant or breastfeeding"),
        Boolean("chemotherapy_last_6_weeks", "Myelosuppressive chemotherapy in the last 6 weeks"),
        Number("platelets", "Platelet count", minimum=0, maximum=2000, unit="x10^9/L"),
        Number("anc", "Absolute neutrophil count", minimum=0, maximum=100, unit="x10^9/L"),
        Number("haemoglobin", "Haemoglobin", minimum=2, maximum=25, unit="g/dL"),
    ),
    criteria=(
        Criterion(
            "no_painful_mets",
            "painful_bone_metastases",
            "is",
            False,
            "not_eligible",
            "No painful bone metastases needing treatment",
            EANM_2018,
        ),
        Criterion(
            "no_uptake",
            "positive_bone_scan",
            "is",
            False,
            "not_eligible",
            "No uptake on bone scan at the painful sites",
            EANM_2018,
        ),
        Criterion(
            "lytic",
            "lesion_type",
            "is",
            "lytic",
            "not_eligible",
            "Purely osteolytic disease takes up little tracer",
            EANM_2018,
        ),
        Criterion(
            "short_life_expectancy",
            "life_expectancy_months",
            "le",
            LIFE_EXPECTANCY_ABOVE_MONTHS,
            "not_eligible",
            f"Life expectancy {LIFE_EXPECTANCY_ABOVE_MONTHS:g} months or less",
            EANM_2018,
        ),
        Criterion(
            "ra223_not_crpc",
            "crpc",
            "is",
            False,
            "not_eligible",
            "Radium-223 is licensed for castration-resistant prostate cancer only",
            PARKER_2013,
            only_for=("agent", "ra223"),
        ),
        Criterion(
            "ra223_visceral",
            "visceral_mets",
            "is",
            True,
            "not_eligible",
            "Radium-223 is not indicated with known visceral metastases",
            PARKER_2013,
            only_for=("agent", "ra223"),
        ),
        Criterion(
            "cord_compression",
            "acute_cord_compression",
            "is",
            True,
            "not_eligible",
            "Acute spinal cord compression: treat it first (surgery or EBRT)",
            EANM_2018,
        ),
        *[
            Criterion(
                f"{agent}_renal_failure",
                "renal_failure",
                "is",
                True,
                "not_eligible",
                f"Renal failure: {AGENTS[agent]['label'].split(' (')[0]} is excreted in urine",
                EANM_2018,
                only_for=("agent", agent),
            )
            for agent in _BETA
        ],
        Criterion(
            "ra223_renal_impairment",
            "renal_failure",
            "is",
            True,
            "caution",
            "Renal failure: radium-223 is eliminated mainly in the faeces and needs no dose "
            "adjustment, but data in moderate renal impairment are limited and there are none in "
            "severe impairment (Xofigo SmPC)",
            XOFIGO_SMPC,
            only_for=("agent", "ra223"),
        ),
        Criterion(
            "pregnancy",
            "pregnant_or_breastfeeding",
            "is",
            True,
            "not_eligible",
            "Pregnancy or breastfeeding",
            EANM_2018,
        ),
        *[c for agent in _ALL for c in _counts(agent)],
        Criterion(
            "fracture",
            "fracture_or_impending",
            "is",
            True,
            "caution",
            "Fracture or impending fracture: not as the only treatment; fix or irradiate that site",
            EANM_2018,
        ),
        Criterion(
            "mixed_lesions",
            "lesion_type",
            "is",
            "mixed",
            "caution",
            "Mixed lesions: uptake may be partial",
            EANM_2018,
        ),
        Criterion(
            "recent_chemo",
            "chemotherapy_last_6_weeks",
            "is",
            True,
            "caution",
            "Myelosuppressive chemotherapy in the last 6 weeks: added marrow toxicity",
            EANM_2018,
        ),
    ),
    statuses=(
        Status(
            "eligible",
            "Eligible",
            "Eligible: discuss with nuclear medicine; warn of a transient pain flare; check "
            "blood counts before each dose.",
        ),
        Status(
            "caution",
            "Eligible with caution",
            "Eligible with caution: address each reason listed with nuclear medicine before "
            "treating.",
        ),
        Status(
            "not_eligible",
            "Not eligible",
            "Not eligible now: see the reasons; consider EBRT, hemibody irradiation or systemic "
            "options.",
        ),
    ),
    extra_values=_agent_notes,
    citations=(
        EANM_2018,
        PARKER_2013,
        SERAFINI_1998,
        XOFIGO_SMPC,
        METASTRON_LABEL,
        EMA_XOFIGO_2018,
        PANTEL_2023,
    ),
    notes=(
        "Life expectancy: the course's source article requires more than 3 months (used here); "
        "other summaries accept more than 6 weeks.",
        "The source article's 'no chemotherapy or bisphosphonate in the previous 6 weeks' is not in "
        "the labels consulted; radium-223 is given with denosumab or zoledronic acid in practice. "
        "Recent chemotherapy is a caution here, and bone-modifying agents are not screened.",
        "Radium-223 dose: 55 kBq/kg on the current (NIST 2015) calibration equals the 50 kBq/kg "
        "used in ALSYMPCA.",
        "Beta-emitter counts: the Metastron label lists platelets below 60 or WBC below 2.4 "
        "x10^9/L as a caution; this screen is stricter and calls platelets below 60 or ANC below "
        "1.5 x10^9/L not eligible, because the platelet nadir comes 12-16 weeks later.",
        "Renal failure bars strontium-89 and samarium-153 (urinary excretion); for radium-223 "
        "(faecal elimination) it is a caution: limited data in moderate, none in severe renal "
        "impairment (Xofigo SmPC).",
        "The screen checks the first dose. Before each later radium-223 injection the label asks "
        "for ANC of at least 1.0 and platelets of at least 50 x10^9/L; stop if counts have not "
        "recovered 6-8 weeks after the last injection.",
        "EMA 2018: in the EU radium-223 is for patients after at least two prior lines of "
        "systemic therapy for metastatic CRPC (or with no other option), not with abiraterone "
        "and prednisone or other systemic therapy except ADT; assess fracture risk and consider "
        "a bone-modifying agent. This screen does not check treatment lines.",
    ),
    data={
        "agents": AGENTS,
        "counts_min": COUNTS_MIN,
        "beta_label_caution": BETA_LABEL_CAUTION,
        "ra223_later_injections_min": RA223_LATER_INJECTIONS_MIN,
        "ra223_recovery_weeks": list(RA223_RECOVERY_WEEKS),
        "life_expectancy_above_months": LIFE_EXPECTANCY_ABOVE_MONTHS,
    },
)
