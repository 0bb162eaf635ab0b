"""Charts for the fixture book (imported by the {chart} directive; on PYTHONPATH in the tests)."""

from __future__ import annotations

import altair as alt


def bars() -> alt.Chart:
    """A small bar chart with a title and a description."""
    data = alt.Data(
        values=[{"band": "low", "n": 3}, {"band": "borderline", "n": 1}, {"band": "high", "n": 5}]
    )
    return (
        alt.Chart(data, title="Fixture bars")
        .mark_bar()
        .encode(x=alt.X("band:N", sort=None, title="Band"), y=alt.Y("n:Q", title="Count"))
        .properties(description="Bar chart: low 3, borderline 1, high 5.", width=240, height=160)
    )
