"""Charts for the foundation chapters (biology, diagnosis, prognosis).

Every figure comes from the engine: trial and cohort figures from ``bonemets.evidence``, band
labels from the calculators. Each function takes no arguments and returns an ``alt.Chart`` with a
title and an accessible ``description``.
"""

from __future__ import annotations

import altair as alt

import bonemets
from bonemets.evidence import trials
from bonemets.facts import fmt

from .kit import range_bars, range_text

__all__ = [
    "bone_metastasis_incidence",
    "psma_pet_accuracy",
    "rades_ambulatory_score",
    "survival_by_primary",
    "tokuhashi_survival_cohorts",
    "tomita_survival_by_band",
]


def bone_metastasis_incidence() -> alt.Chart:
    """Incidence of bone metastases at post-mortem by primary (Coleman 2006, Table 1)."""
    t = trials()["coleman2006"]
    lows, highs = t.outcomes["incidence_low"], t.outcomes["incidence_high"]
    rows = [
        {"primary": arm, "low": lo, "high": hi, "range": range_text(lo, hi, "%")}
        for arm, lo, hi in zip(t.arms, lows, highs, strict=True)
    ]
    desc = (
        "Horizontal range bars: percentage of patients dying of each cancer who had bone "
        "metastases at post-mortem. "
        + "; ".join(f"{r['primary']} {r['range']}" for r in rows)
        + f". Source: {t.citation.short()}."
    )
    order = [r["primary"] for r in sorted(rows, key=lambda r: -r["high"])]
    base, bars = range_bars(
        rows,
        category="primary",
        category_title="Primary",
        order=order,
        x_title="Bone metastases at post-mortem (%)",
        colour="#4c78a8",
        domain=(0, 100),
    )
    ticks = base.mark_tick(thickness=2, size=16, color="#1f3b5c").encode(
        y=alt.Y("primary:N", sort=order), x="low:Q"
    )
    return (bars + ticks).properties(
        title=f"Bone metastases at post-mortem by primary ({t.citation.short()})",
        description=desc,
        width=420,
        height=240,
    )


def survival_by_primary() -> alt.Chart:
    """Median survival after the diagnosis of bone metastases by primary (Coleman 2006)."""
    t = trials()["coleman2006"]
    lows, highs = t.outcomes["median_survival_low"], t.outcomes["median_survival_high"]
    rows = [
        {"primary": arm, "low": lo, "high": hi, "range": range_text(lo, hi, " months")}
        for arm, lo, hi in zip(t.arms, lows, highs, strict=True)
    ]
    order = [r["primary"] for r in sorted(rows, key=lambda r: -(r["low"] + r["high"]))]
    desc = (
        "Range bars: median survival in months from the diagnosis of bone metastases, by "
        "primary. "
        + "; ".join(f"{r['primary']} {r['range']}" for r in rows)
        + f". Source: {t.citation.short()}."
    )
    base, bars = range_bars(
        rows,
        category="primary",
        category_title="Primary",
        order=order,
        x_title="Median survival with bone metastases (months)",
        colour="#72b7b2",
    )
    points = base.mark_point(filled=True, size=50, color="#2a6f6b").encode(
        y=alt.Y("primary:N", sort=order), x="high:Q"
    )
    return (bars + points).properties(
        title=f"Survival after bone metastases by primary ({t.citation.short()})",
        description=desc,
        width=420,
        height=240,
    )


def psma_pet_accuracy() -> alt.Chart:
    """Staging accuracy of PSMA PET-CT vs CT and bone scan (proPSMA)."""
    t = trials()["hofman2020"]
    rows = [
        {"imaging": arm, "accuracy": v}
        for arm, v in zip(t.arms, t.outcomes["accuracy"], strict=True)
    ]
    desc = (
        "Bar chart of staging accuracy for pelvic nodal or distant metastases in high-risk "
        "prostate cancer: "
        + "; ".join(f"{r['imaging']} {fmt(r['accuracy'])}%" for r in rows)
        + f". Source: {t.citation.short()} (n = {t.n})."
    )
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(color="#f58518")
        .encode(
            x=alt.X("imaging:N", title=None, sort=list(t.arms), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("accuracy:Q", title="Accuracy (%)", scale=alt.Scale(domain=[0, 100])),
            tooltip=[
                alt.Tooltip("imaging:N", title="Imaging"),
                alt.Tooltip("accuracy:Q", title="%"),
            ],
        )
        .properties(
            title=f"Staging accuracy: PSMA PET-CT vs conventional imaging ({t.citation.short()})",
            description=desc,
            width=320,
            height=220,
        )
    )


def tokuhashi_survival_cohorts() -> alt.Chart:
    """Median survival by revised Tokuhashi band in two later cohorts (Zeng 2007, Gong 2021)."""
    bands = bonemets.get("tokuhashi").describe()["bands"]
    labels = {f"{b['low']}-{b['high']}": b["label"] for b in bands}
    rows = []
    for key in ("zeng2007", "gong2021"):
        t = trials()[key]
        for band, months in zip(t.arms, t.outcomes["median_survival"], strict=True):
            rows.append(
                {
                    "band": band,
                    "predicted": labels[band],
                    "cohort": f"{t.citation.short()} (n = {t.n})",
                    "months": months,
                }
            )
    desc = (
        "Grouped bar chart of observed median survival (months) in each revised Tokuhashi band. "
        + "; ".join(
            f"{r['cohort']}, score {r['band']} ({r['predicted'].lower()}): {fmt(r['months'])} "
            "months"
            for r in rows
        )
        + ". The later, surgically treated cohort lived far longer than the bands predict."
    )
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=alt.X("band:N", title="Revised Tokuhashi score", sort=list(labels)),
            xOffset=alt.XOffset("cohort:N"),
            y=alt.Y("months:Q", title="Observed median survival (months)"),
            color=alt.Color("cohort:N", title="Cohort", legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("cohort:N", title="Cohort"),
                alt.Tooltip("band:N", title="Score"),
                alt.Tooltip("predicted:N", title="Predicted (Tokuhashi 2005)"),
                alt.Tooltip("months:Q", title="Median survival (months)"),
            ],
        )
        .properties(
            title="Observed survival by revised Tokuhashi band in two later cohorts",
            description=desc,
            width=360,
            height=240,
        )
    )


def tomita_survival_by_band() -> alt.Chart:
    """Median survival by Tomita band after surgery (Gong 2021)."""
    t = trials()["gong2021"]
    bands = bonemets.get("tomita").describe()["bands"]
    labels = {f"{b['low']}-{b['high']}": b["label"] for b in bands}
    rows = [
        {"band": band, "goal": labels[band], "months": months}
        for band, months in zip(
            t.extra["tomita_bands"], t.extra["tomita_median_survival_months"], strict=True
        )
    ]
    desc = (
        "Bar chart of median survival (months) by Tomita score band after spinal surgery: "
        + "; ".join(f"score {r['band']} ({r['goal'].lower()}) {fmt(r['months'])}" for r in rows)
        + f". Source: {t.citation.short()} (n = {t.n})."
    )
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(color="#54a24b")
        .encode(
            x=alt.X("band:N", title="Tomita score", sort=list(labels)),
            y=alt.Y("months:Q", title="Median survival (months)"),
            tooltip=[
                alt.Tooltip("band:N", title="Score"),
                alt.Tooltip("goal:N", title="Tomita treatment goal"),
                alt.Tooltip("months:Q", title="Median survival (months)"),
            ],
        )
        .properties(
            title=f"Survival by Tomita band after surgery ({t.citation.short()})",
            description=desc,
            width=300,
            height=220,
        )
    )


def rades_ambulatory_score() -> alt.Chart:
    """Walking after radiotherapy and 6-month survival by Rades score group (Rades 2008)."""
    t = trials()["rades2008"]
    names = {
        "ambulatory_after_rt": "Walking after radiotherapy",
        "survival_6_months": "Alive at 6 months",
    }
    rows = [
        {"group": arm, "outcome": names[key], "percent": value}
        for key in ("ambulatory_after_rt", "survival_6_months")
        for arm, value in zip(t.arms, t.outcomes[key], strict=True)
    ]
    desc = (
        "Grouped bar chart by Rades score group in patients irradiated for spinal cord "
        "compression: "
        + "; ".join(f"{r['group']}: {r['outcome'].lower()} {fmt(r['percent'])}%" for r in rows)
        + f". Source: {t.citation.short()} (n = {t.n})."
    )
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=alt.X("group:N", title="Rades score", sort=list(t.arms)),
            xOffset=alt.XOffset("outcome:N"),
            y=alt.Y("percent:Q", title="Patients (%)", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("outcome:N", title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("group:N", title="Score"),
                alt.Tooltip("outcome:N", title="Outcome"),
                alt.Tooltip("percent:Q", title="%"),
            ],
        )
        .properties(
            title=f"Walking and survival by Rades score after radiotherapy for MSCC "
            f"({t.citation.short()})",
            description=desc,
            width=380,
            height=240,
        )
    )
