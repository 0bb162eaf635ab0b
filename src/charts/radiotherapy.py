"""Radiotherapy charts: fractionation trials, SBRT/SRS trials and EQD2 of the taught schedules.

Figures come from the evidence records (``bonemets.evidence.radiotherapy``) and the EQD2 formula
(``bonemets.formulas.radiotherapy``); no clinical number is written here.
"""

from __future__ import annotations

import altair as alt

from bonemets.evidence import trials
from bonemets.formulas.radiotherapy import DEFAULT_ALPHA_BETA, TEACHING_SCHEDULES, eqd2

from .kit import trial_bars, trial_rows

__all__ = [
    "astro_2024_schedules",
    "eqd2_schedules",
    "fractionation_response",
    "sbrt_trials",
]

#: alpha/beta of late-responding tissue, the usual second reading beside the default.
LATE_ALPHA_BETA = 3.0


def fractionation_response() -> alt.Chart:
    """Dutch Bone Metastasis Study: same pain response, more retreatment after a single fraction."""
    t = trials()["vanderlinden2004"]
    rows = trial_rows(
        t, ("response", "retreatment"), {"response": "Pain response", "retreatment": "Retreated"}
    )
    return trial_bars(
        rows,
        title="Single vs multiple fractions: response and retreatment (Dutch BMS, 2004)",
        description="Bar chart from the 2004 re-analysis of the Dutch Bone Metastasis Study: "
        f"pain response {t.outcomes['response'][0]:g}% after {t.arms[0]} and "
        f"{t.outcomes['response'][1]:g}% after {t.arms[1]}; retreatment "
        f"{t.outcomes['retreatment'][0]:g}% vs {t.outcomes['retreatment'][1]:g}%.",
        y_title="Patients (%)",
    )


def sbrt_trials() -> alt.Chart:
    """SC.24 and RTOG 0631 (both reports): the stereotactic arm first in each trial."""
    ev = trials()
    rows = []
    for key, outcome, label in (
        ("sahgal2021", "complete_response_3m", "SC.24: complete response, 3 months"),
        ("ryu2023", "pain_response_3m", "RTOG 0631 (JAMA Oncol 2023): response, 3 months"),
        ("ryu2019", "pain_response_3m", "RTOG 0631 (ASTRO 2019 abstract): response, 3 months"),
    ):
        t = ev[key]
        for i, (arm, value) in enumerate(zip(t.arms, t.outcomes[outcome], strict=True)):
            rows.append(
                {
                    "trial": label,
                    "arm": arm,
                    "kind": "stereotactic" if i == 0 else "conventional",
                    "value": value,
                    "source": t.citation.short(),
                }
            )
    base = alt.Chart(alt.Data(values=rows))
    bars = base.mark_bar().encode(
        y=alt.Y("arm:N", title=None, axis=alt.Axis(labelLimit=160)),
        x=alt.X("value:Q", title="Patients (%)"),
        color=alt.Color("kind:N", title="Technique"),
        tooltip=["trial:N", "arm:N", "value:Q", "source:N"],
    )
    text = base.mark_text(align="left", dx=3).encode(y="arm:N", x="value:Q", text="value:Q")
    return (
        alt.layer(bars, text)
        .properties(width=320, height=70)
        .facet(
            row=alt.Row("trial:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left"))
        )
        .properties(
            title="Stereotactic vs conventional radiotherapy for spinal metastases",
            description="Horizontal bars: SC.24 complete pain response at 3 months ("
            + " vs ".join(ev["sahgal2021"].arms)
            + ") and RTOG 0631 pain response at 3 months ("
            + " vs ".join(ev["ryu2023"].arms)
            + "), shown as published in 2023 and as first presented in 2019. Values from the "
            "course's evidence records.",
        )
    )


def eqd2_schedules() -> alt.Chart:
    """EQD2 of each taught schedule at alpha/beta 10 Gy (tumour) and 3 Gy (late effects)."""
    rows = []
    for n, d, name in TEACHING_SCHEDULES:
        for ab in (DEFAULT_ALPHA_BETA, LATE_ALPHA_BETA):
            rows.append(
                {
                    "schedule": name,
                    "alpha_beta": f"alpha/beta {ab:g} Gy",
                    "eqd2": round(eqd2(n, d, ab), 1),
                    "physical": n * d,
                }
            )
    base = alt.Chart(alt.Data(values=rows))
    bars = base.mark_bar().encode(
        y=alt.Y("schedule:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("eqd2:Q", title="EQD2 (Gy)"),
        color=alt.Color("alpha_beta:N", title=None),
        yOffset="alpha_beta:N",
        tooltip=["schedule:N", "alpha_beta:N", "eqd2:Q", "physical:Q"],
    )
    text = base.mark_text(align="left", dx=3).encode(
        y=alt.Y("schedule:N", sort=None), yOffset="alpha_beta:N", x="eqd2:Q", text="eqd2:Q"
    )
    return alt.layer(bars, text).properties(
        width=360,
        height=300,
        title="EQD2 of common palliative schedules (linear-quadratic model)",
        description="Grouped horizontal bars: equivalent dose in 2 Gy fractions of each schedule "
        "taught in the radiotherapy chapter, computed by the course engine at alpha/beta 10 Gy "
        "and 3 Gy. Single high doses (SRS) are overstated by the model.",
    )


def astro_2024_schedules() -> alt.Chart:
    """EQD2 of the conventional schedules recommended by ASTRO 2024, by indication."""
    t = trials()["alcorn2024"]
    rows = []
    for indication, prefix in (
        ("Uncomplicated painful metastases", "uncomplicated"),
        ("Cord compression, no initial surgery", "mscc"),
    ):
        totals = t.extra[f"{prefix}_total_gy"]
        fractions = t.extra[f"{prefix}_fractions"]
        for total, n in zip(totals, fractions, strict=True):
            for ab in (DEFAULT_ALPHA_BETA, LATE_ALPHA_BETA):
                rows.append(
                    {
                        "indication": indication,
                        "schedule": f"{total:g} Gy / {n}",
                        "alpha_beta": f"alpha/beta {ab:g} Gy",
                        "eqd2": round(eqd2(n, total / n, ab), 1),
                        "source": t.citation.short(),
                    }
                )
    base = alt.Chart(alt.Data(values=rows))
    bars = base.mark_bar().encode(
        y=alt.Y("schedule:N", title=None, sort=None),
        x=alt.X("eqd2:Q", title="EQD2 (Gy)"),
        color=alt.Color("alpha_beta:N", title=None),
        yOffset="alpha_beta:N",
        tooltip=["indication:N", "schedule:N", "alpha_beta:N", "eqd2:Q", "source:N"],
    )
    text = base.mark_text(align="left", dx=3).encode(
        y=alt.Y("schedule:N", sort=None), yOffset="alpha_beta:N", x="eqd2:Q", text="eqd2:Q"
    )
    return (
        alt.layer(bars, text)
        .properties(width=320, height=170)
        .facet(
            row=alt.Row(
                "indication:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left")
            )
        )
        .resolve_scale(y="independent")
        .properties(
            title="ASTRO 2024 conventional schedules and their EQD2",
            description="Grouped horizontal bars, one panel per indication: the equivalent dose "
            "in 2 Gy fractions of each conventional schedule recommended by the ASTRO 2024 "
            "guideline (uncomplicated pain; cord compression without initial surgery), computed "
            "by the course engine at alpha/beta 10 Gy and 3 Gy. Schedules with very different "
            "EQD2 are recommended side by side: palliation is not simply a matter of dose.",
        )
    )
