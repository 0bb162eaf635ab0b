"""Radiopharmaceutical charts: ALSYMPCA survival and the blood counts each agent needs.

Figures come from ``bonemets.evidence.radiopharmaceuticals`` and the radiopharmaceutical screen's
data; no clinical number is written here.
"""

from __future__ import annotations

import altair as alt

from bonemets.evidence import trials
from bonemets.screens.radiopharmaceutical import AGENTS, COUNTS_MIN

from .kit import trial_bars, trial_rows

__all__ = ["alsympca_survival", "blood_count_minimums"]


def alsympca_survival() -> alt.Chart:
    """Median overall survival with radium-223 vs placebo (ALSYMPCA)."""
    t = trials()["parker2013"]
    rows = trial_rows(t, ("median_overall_survival",), {"median_overall_survival": "Median OS"})
    return trial_bars(
        rows,
        title="ALSYMPCA: median overall survival, radium-223 vs placebo",
        description=f"Bar chart: median overall survival {t.outcomes['median_overall_survival'][0]:g}"
        f" months with radium-223 and {t.outcomes['median_overall_survival'][1]:g} months with "
        f"placebo in {t.n} men with castration-resistant prostate cancer and bone metastases "
        "(Parker 2013).",
        y_title="Median overall survival (months)",
    )


def blood_count_minimums() -> alt.Chart:
    """Platelet and neutrophil minimums before treatment, per agent, from the eligibility screen."""
    rows = []
    for agent, counts in COUNTS_MIN.items():
        for field, label in (
            ("platelets", "Platelets (x10^9/L)"),
            ("anc", "Neutrophils (x10^9/L)"),
        ):
            rows.append(
                {
                    "agent": AGENTS[agent]["label"].split(" (")[0],
                    "count": label,
                    "minimum": counts[field],
                }
            )
    panels = []
    for label in dict.fromkeys(r["count"] for r in rows):
        base = alt.Chart(alt.Data(values=[r for r in rows if r["count"] == label])).encode(
            y=alt.Y("agent:N", title=None, axis=alt.Axis(labelLimit=220)),
            x=alt.X("minimum:Q", title=label),
        )
        bars = base.mark_bar().encode(
            color=alt.Color("agent:N", legend=None),
            tooltip=["agent:N", "count:N", "minimum:Q"],
        )
        text = base.mark_text(align="left", dx=3).encode(text="minimum:Q")
        panels.append(alt.layer(bars, text).properties(width=240, height=110))
    return alt.hconcat(*panels).properties(
        title="Blood counts needed before a bone-seeking radiopharmaceutical",
        description="Horizontal bars: the platelet and neutrophil minimums the course's "
        "eligibility screen applies before strontium-89, samarium-153 and radium-223. "
        "Radium-223 needs the highest platelet count.",
    )
