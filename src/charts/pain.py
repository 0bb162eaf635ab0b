"""Pain charts: the two readings of the NRS bands, and low-dose morphine vs weak opioids.

Bands come from the pain calculator (``bonemets.formulas.pain``) and trial figures from
``bonemets.evidence.pain``; no clinical number is written here.
"""

from __future__ import annotations

import altair as alt

from bonemets.evidence import trials
from bonemets.formulas.pain import ALTERNATIVE_BANDS, PAIN_BANDS

from .kit import trial_bars, trial_rows

__all__ = ["morphine_vs_weak_opioid", "nrs_bands"]


def nrs_bands() -> alt.Chart:
    """Mild / moderate / severe on the 0-10 NRS: Serlin 1995 (the course) vs the common 3/4 split."""
    rows = [
        {
            "reading": "Serlin 1995 (course calculator)",
            "band": b.name,
            "start": b.low - 0.5,
            "end": b.high + 0.5,
            "range": f"{b.low}-{b.high}",
        }
        for b in PAIN_BANDS
        if b.name != "none"
    ]
    rows += [
        {
            "reading": "Common guideline reading",
            "band": name,
            "start": low - 0.5,
            "end": high + 0.5,
            "range": f"{low}-{high}",
        }
        for name, low, high in ALTERNATIVE_BANDS
    ]
    base = alt.Chart(alt.Data(values=rows))
    bars = base.mark_bar(stroke="white").encode(
        y=alt.Y("reading:N", title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X("start:Q", title="Numeric rating scale (0-10)", scale=alt.Scale(domain=[0, 10.5])),
        x2="end:Q",
        color=alt.Color(
            "band:N",
            title="Band",
            sort=["mild", "moderate", "severe"],
            scale=alt.Scale(domain=["mild", "moderate", "severe"]),
        ),
        tooltip=["reading:N", "band:N", "range:N"],
    )
    text = (
        base.mark_text(color="black")
        .encode(y="reading:N", x=alt.X("mid:Q"), text="range:N")
        .transform_calculate(mid="(datum.start + datum.end) / 2")
    )
    return alt.layer(bars, text).properties(
        width=420,
        height=110,
        title="Pain bands on the numeric rating scale: two readings",
        description="Two horizontal band bars over the 0-10 scale. The course calculator uses "
        "Serlin 1995 (mild, moderate, severe); the second bar is the reading common in "
        "guidelines, which moves the mild/moderate edge down by one point. Both put severe "
        "pain at the same edge.",
    )


def morphine_vs_weak_opioid() -> alt.Chart:
    """Bandieri 2016: responders with low-dose morphine vs a weak opioid for moderate pain."""
    t = trials()["bandieri2016"]
    rows = trial_rows(t, ("responders",), {"responders": f"Responders at {t.extra['days']} days"})
    return trial_bars(
        rows,
        title="Moderate cancer pain: low-dose morphine vs weak opioids (Bandieri 2016)",
        description=f"Bar chart: {t.outcomes['responders'][0]:g}% responders with low-dose "
        f"morphine vs {t.outcomes['responders'][1]:g}% with a weak opioid (codeine or "
        "tramadol).",
        y_title="Responders (%)",
    )
