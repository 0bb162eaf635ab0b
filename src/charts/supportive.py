"""Charts for supportive and palliative care and for complementary medicine.

Every figure comes from ``bonemets.evidence``. Each function takes no arguments and returns an
``alt.Chart`` with a title and an accessible ``description``.
"""

from __future__ import annotations

import altair as alt

from bonemets.evidence import trials
from bonemets.facts import fmt

__all__ = ["complementary_refusal", "early_palliative_care"]

_TEMEL = (
    ("depressive_symptoms", "Depressive symptoms at 12 weeks"),
    ("aggressive_end_of_life_care", "Aggressive end-of-life care"),
)

_REFUSAL = (
    ("refused_surgery", "Surgery"),
    ("refused_chemotherapy", "Chemotherapy"),
    ("refused_radiotherapy", "Radiotherapy"),
    ("refused_hormone_therapy", "Hormone therapy"),
)


def early_palliative_care() -> alt.Chart:
    """Depressive symptoms and aggressive end-of-life care with early palliative care (Temel)."""
    t = trials()["temel2010"]
    rows = [
        {"outcome": label, "arm": arm, "percent": value}
        for name, label in _TEMEL
        for arm, value in zip(t.arms, t.outcomes[name], strict=True)
    ]
    desc = (
        "Grouped bars, percentage of patients: "
        + "; ".join(f"{r['outcome']}, {r['arm']} {fmt(r['percent'])}%" for r in rows)
        + f". Median survival was {fmt(t.outcomes['median_survival'][0])} vs "
        f"{fmt(t.outcomes['median_survival'][1])} months. Source: {t.citation.short()} "
        f"(n = {t.n})."
    )
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=alt.X("outcome:N", title=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("arm:N"),
            y=alt.Y("percent:Q", title="Patients (%)", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color(
                "arm:N",
                title="Arm",
                sort=list(t.arms),
                scale=alt.Scale(range=["#54a24b", "#bab0ac"]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("outcome:N", title="Outcome"),
                alt.Tooltip("arm:N", title="Arm"),
                alt.Tooltip("percent:Q", title="%"),
            ],
        )
        .properties(
            title=f"Early palliative care in metastatic lung cancer ({t.citation.short()})",
            description=desc,
            width=360,
            height=220,
        )
    )


def complementary_refusal() -> alt.Chart:
    """Refusal of conventional treatment among complementary-medicine users (Johnson 2018)."""
    t = trials()["johnson2018"]
    rows = [
        {"treatment": label, "group": arm, "percent": value}
        for name, label in _REFUSAL
        for arm, value in zip(t.arms, t.outcomes[name], strict=True)
    ]
    desc = (
        "Grouped bars: percentage who refused each conventional treatment. "
        + "; ".join(f"{r['treatment']}, {r['group']} {fmt(r['percent'])}%" for r in rows)
        + f". Source: {t.citation.short()} (n = {t.n})."
    )
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=alt.X(
                "treatment:N", title="Conventional treatment refused", axis=alt.Axis(labelAngle=0)
            ),
            xOffset=alt.XOffset("group:N"),
            y=alt.Y("percent:Q", title="Refused (%)"),
            color=alt.Color(
                "group:N",
                title="Group",
                sort=list(t.arms),
                scale=alt.Scale(range=["#e45756", "#4c78a8"]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("treatment:N", title="Treatment"),
                alt.Tooltip("group:N", title="Group"),
                alt.Tooltip("percent:Q", title="Refused (%)"),
            ],
        )
        .properties(
            title=f"Complementary medicine and refusal of treatment ({t.citation.short()})",
            description=desc,
            width=380,
            height=220,
        )
    )
