"""Rehabilitation charts: the safety evidence for exercise with bone metastases.

Figures come from ``bonemets.evidence.rehabilitation``; no clinical number is written here.
"""

from __future__ import annotations

import altair as alt

from bonemets.evidence import trials

__all__ = ["exercise_safety"]


def exercise_safety() -> alt.Chart:
    """Trials reviewed and serious adverse events in the two exercise safety reviews."""
    ev = trials()
    rows = []
    for key in ("weller2021", "duong2023"):
        t = ev[key]
        for name, label in (
            ("trials", "Trials reviewed"),
            ("serious_adverse_events", "Serious adverse events"),
        ):
            rows.append(
                {
                    "review": t.citation.short(),
                    "measure": label,
                    "count": t.outcomes[name][0],
                }
            )
    base = alt.Chart(alt.Data(values=rows))
    bars = base.mark_bar().encode(
        y=alt.Y("measure:N", title=None, axis=alt.Axis(labelLimit=200)),
        x=alt.X("count:Q", title="Count"),
        color=alt.Color("measure:N", legend=None),
        tooltip=["review:N", "measure:N", "count:Q"],
    )
    text = base.mark_text(align="left", dx=3).encode(y="measure:N", x="count:Q", text="count:Q")
    return (
        alt.layer(bars, text)
        .properties(width=300, height=80)
        .facet(
            row=alt.Row("review:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left"))
        )
        .properties(
            title="Exercise with bone metastases: trials and serious adverse events",
            description="Horizontal bars for two reviews of exercise trials in people with bone "
            "metastases: the number of trials reviewed and the few serious adverse events "
            "reported, none attributed to the bone metastases.",
        )
    )
