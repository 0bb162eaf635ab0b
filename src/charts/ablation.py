"""Ablation charts: cryoablation pain over time and MRgFUS vs sham.

Figures come from ``bonemets.evidence.ablation``; no clinical number is written here.
"""

from __future__ import annotations

import altair as alt

from bonemets.evidence import trials

from .kit import trial_bars, trial_rows

__all__ = ["cryoablation_pain", "mrgfus_response"]


def cryoablation_pain() -> alt.Chart:
    """Mean worst pain after cryoablation at each visit (Callstrom 2013)."""
    t = trials()["callstrom2013"]
    names = [k for k in t.outcomes if k.startswith("worst_pain_")]
    rows = [
        {"week": week, "worst_pain": t.outcomes[name][0]}
        for week, name in zip(t.extra["weeks"], names, strict=True)
    ]
    base = alt.Chart(alt.Data(values=rows))
    line = base.mark_line(point=True).encode(
        x=alt.X("week:Q", title="Weeks after cryoablation"),
        y=alt.Y("worst_pain:Q", title="Mean worst pain (0-10)", scale=alt.Scale(domain=[0, 10])),
        tooltip=["week:Q", "worst_pain:Q"],
    )
    text = base.mark_text(dy=-10).encode(x="week:Q", y="worst_pain:Q", text="worst_pain:Q")
    return alt.layer(line, text).properties(
        width=420,
        height=220,
        title="Worst pain after percutaneous cryoablation (Callstrom 2013)",
        description=f"Line chart: mean worst pain fell from {rows[0]['worst_pain']:g} at baseline "
        f"to {rows[-1]['worst_pain']:g} at week {rows[-1]['week']} in {t.n} patients treated "
        "with cryoablation for painful bone metastases.",
    )


def mrgfus_response() -> alt.Chart:
    """MRgFUS vs sham: pain response at 3 months (Hurwitz 2014)."""
    t = trials()["hurwitz2014"]
    rows = trial_rows(t, ("response_3m",), {"response_3m": "Pain response at 3 months"})
    return trial_bars(
        rows,
        title="MR-guided focused ultrasound vs sham (Hurwitz 2014)",
        description=f"Bar chart: pain response at 3 months in {t.outcomes['response_3m'][0]:g}% "
        f"after MRgFUS and {t.outcomes['response_3m'][1]:g}% after a sham procedure.",
        y_title="Patients (%)",
    )
