"""Shared chart building blocks: one row per trial arm, grouped trial bars, range bars.

Every topic module (``radiotherapy.py``, ``surgery.py`` ...) builds its charts from these, so a
trial looks the same wherever it is shown. Nothing here holds a clinical number: the rows come from
the evidence records (``bonemets.evidence``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import altair as alt

from bonemets.evidence import Trial
from bonemets.facts import fmt

__all__ = ["range_bars", "range_text", "trial_bars", "trial_rows"]


def trial_rows(
    trial: Trial, outcomes: Iterable[str], labels: dict[str, str] | None = None
) -> list[dict]:
    """One row per (outcome, arm) of a trial, with the outcome's label and unit."""
    labels = labels or {}
    rows = []
    for name in outcomes:
        for arm, value in zip(trial.arms, trial.outcomes[name], strict=True):
            rows.append(
                {
                    "study": trial.name.split(":")[0],
                    "outcome": labels.get(name, name.replace("_", " ")),
                    "arm": arm,
                    "value": value,
                    "unit": trial.units[name],
                    "source": trial.citation.short(),
                }
            )
    return rows


def trial_bars(rows: list[dict], title: str, description: str, y_title: str) -> alt.Chart:
    """Grouped bars: one group per outcome (or study), one bar per arm, values labelled."""
    base = alt.Chart(alt.Data(values=rows))
    bars = base.mark_bar().encode(
        x=alt.X("arm:N", title=None, axis=alt.Axis(labelAngle=0, labelLimit=140)),
        y=alt.Y("value:Q", title=y_title),
        color=alt.Color("arm:N", legend=None),
        tooltip=["study:N", "outcome:N", "arm:N", "value:Q", "unit:N", "source:N"],
    )
    text = base.mark_text(dy=-6).encode(x="arm:N", y="value:Q", text="value:Q")
    return (
        alt.layer(bars, text)
        .properties(width=180, height=220)
        .facet(column=alt.Column("outcome:N", title=None))
        .properties(title=title, description=description)
    )


def range_text(low: float, high: float, unit: str) -> str:
    """``"20%"`` when both ends are equal, else ``"20-40%"`` (``unit`` written as given)."""
    return f"{fmt(low)}{unit}" if low == high else f"{fmt(low)}-{fmt(high)}{unit}"


def range_bars(
    rows: list[dict[str, Any]],
    *,
    category: str,
    category_title: str,
    order: Sequence[str],
    x_title: str,
    colour: str,
    domain: Sequence[float] | None = None,
) -> tuple[alt.Chart, alt.Chart]:
    """Horizontal bars from ``low`` to ``high``, one per ``category`` value (rows need ``low``,
    ``high`` and ``range``, see :func:`range_text`). Returns ``(base, bars)``: ``base`` holds the
    data, for a mark at one end of each bar layered on top."""
    base = alt.Chart(alt.Data(values=rows))
    x = (
        alt.X("low:Q", title=x_title, scale=alt.Scale(domain=list(domain)))
        if domain is not None
        else alt.X("low:Q", title=x_title)
    )
    bars = base.mark_bar(height=14, color=colour).encode(
        y=alt.Y(f"{category}:N", sort=list(order), title=None),
        x=x,
        x2="high:Q",
        tooltip=[
            alt.Tooltip(f"{category}:N", title=category_title),
            alt.Tooltip("range:N", title="Range"),
        ],
    )
    return base, bars
