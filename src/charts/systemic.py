"""Charts for systemic therapy and for the trials that changed practice.

Every figure comes from ``bonemets.evidence``. Each function takes no arguments and returns an
``alt.Chart`` with a title and an accessible ``description``.
"""

from __future__ import annotations

import altair as alt

from bonemets.evidence import trials
from bonemets.facts import fmt

__all__ = ["adt_fracture_risk", "practice_changing_hazard_ratios", "systemic_trial_medians"]

#: (trial key, outcome, what the outcome is) for the medians chart.
_MEDIANS = (
    ("sweeney2015", "median_os", "overall survival"),
    ("fizazi2017", "median_rpfs", "radiographic progression-free survival"),
    ("tannock2004", "median_os", "overall survival"),
    ("finn2016", "median_pfs", "progression-free survival"),
    ("sartor2021", "median_os", "overall survival"),
)

#: Trials whose hazard ratio for the primary time-to-event outcome is charted (if present).
_HAZARDS = (
    ("sweeney2015", "hr_os", "overall survival"),
    ("fizazi2017", "hr_os", "overall survival"),
    ("tannock2004", "hr_os", "overall survival"),
    ("finn2016", "hr_pfs", "progression-free survival"),
    ("hortobagyi2016", "hr_pfs", "progression-free survival"),
    ("sartor2021", "hr_os", "overall survival"),
)


def _trial_label(key: str) -> str:
    t = trials()[key]
    return f"{t.name.split(':')[0]} ({t.citation.short()})"


def systemic_trial_medians() -> alt.Chart:
    """Dumbbell chart: median time outcome in each arm of five systemic-therapy trials."""
    rows = []
    for key, outcome, what in _MEDIANS:
        t = trials()[key]
        for i, (arm, value) in enumerate(zip(t.arms, t.outcomes[outcome], strict=True)):
            rows.append(
                {
                    "trial": _trial_label(key),
                    "arm": arm,
                    "role": "experimental" if i == 0 else "control",
                    "months": value,
                    "outcome": what,
                }
            )
    desc = (
        "Dumbbell chart of median months in the experimental and control arms. "
        + "; ".join(
            f"{r['trial']}: {r['arm']} {fmt(r['months'])} months ({r['outcome']})" for r in rows
        )
        + "."
    )
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("trial:N", title=None, sort=[_trial_label(k) for k, _, _ in _MEDIANS])
    )
    line = base.mark_line(color="#999999").encode(
        x=alt.X("months:Q", title="Median (months)"), detail="trial:N"
    )
    dots = base.mark_point(filled=True, size=90).encode(
        x="months:Q",
        color=alt.Color(
            "role:N",
            title="Arm",
            scale=alt.Scale(domain=["experimental", "control"], range=["#e45756", "#4c78a8"]),
            legend=alt.Legend(orient="bottom"),
        ),
        tooltip=[
            alt.Tooltip("trial:N", title="Trial"),
            alt.Tooltip("arm:N", title="Arm"),
            alt.Tooltip("outcome:N", title="Outcome"),
            alt.Tooltip("months:Q", title="Median (months)"),
        ],
    )
    return (line + dots).properties(
        title="Median survival or progression-free survival in practice-changing trials",
        description=desc,
        width=420,
        height=220,
    )


def adt_fracture_risk() -> alt.Chart:
    """Fracture within 5 years with and without androgen deprivation (Shahinian 2005)."""
    t = trials()["shahinian2005"]
    rows = [
        {"group": arm, "percent": v}
        for arm, v in zip(t.arms, t.outcomes["fracture_5_years"], strict=True)
    ]
    desc = (
        "Bar chart: men surviving 5 years after a prostate cancer diagnosis who had a fracture. "
        + "; ".join(f"{r['group']} {fmt(r['percent'])}%" for r in rows)
        + f". Source: {t.citation.short()} (n = {t.n:,})."
    )
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(color="#b279a2")
        .encode(
            x=alt.X("group:N", title=None, sort=list(t.arms), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("percent:Q", title="Any fracture within 5 years (%)"),
            tooltip=[alt.Tooltip("group:N", title="Group"), alt.Tooltip("percent:Q", title="%")],
        )
        .properties(
            title=f"Fractures after androgen deprivation ({t.citation.short()})",
            description=desc,
            width=300,
            height=220,
        )
    )


def practice_changing_hazard_ratios() -> alt.Chart:
    """Hazard ratios (experimental vs control) of trials that changed practice."""
    known = trials()
    rows = [
        {
            "trial": _trial_label(key),
            "hr": known[key].extra[field],
            "outcome": what,
            "n": known[key].n,
        }
        for key, field, what in _HAZARDS
        if key in known and field in known[key].extra
    ]
    desc = (
        "Dot plot of hazard ratios, experimental arm vs control; below 1 favours the new "
        "treatment. "
        + "; ".join(f"{r['trial']}: {fmt(r['hr'])} for {r['outcome']}" for r in rows)
        + "."
    )
    base = alt.Chart(alt.Data(values=rows))
    dots = base.mark_point(filled=True, size=100, color="#e45756").encode(
        y=alt.Y("trial:N", title=None, sort=[r["trial"] for r in rows]),
        x=alt.X(
            "hr:Q", title="Hazard ratio (experimental vs control)", scale=alt.Scale(domain=[0, 1.2])
        ),
        tooltip=[
            alt.Tooltip("trial:N", title="Trial"),
            alt.Tooltip("outcome:N", title="Outcome"),
            alt.Tooltip("hr:Q", title="Hazard ratio"),
            alt.Tooltip("n:Q", title="Patients"),
        ],
    )
    no_effect = (
        alt.Chart(alt.Data(values=[{"x": 1}]))
        .mark_rule(strokeDash=[4, 4], color="#666666")
        .encode(x="x:Q")
    )
    return (no_effect + dots).properties(
        title="Hazard ratios of trials that changed practice",
        description=desc,
        width=420,
        height=220,
    )
