"""Charts for oncological emergencies: cord compression and hypercalcaemia.

Every figure comes from the engine (``bonemets.evidence`` and the calcium calculator's data).
Each function takes no arguments and returns an ``alt.Chart`` with a title and an accessible
``description``.
"""

from __future__ import annotations

import altair as alt

import bonemets
from bonemets.evidence import trials
from bonemets.facts import fmt

__all__ = ["calcium_grading_scales", "hypercalcaemia_response", "mscc_ambulation"]

#: Trials of cord compression charted, with the outcome that measures walking.
#: Patchell's trial belongs to the surgery chapter's evidence; it is shown when defined there.
_MSCC = (
    ("sorensen1994", ("walking_after_treatment",)),
    (
        "patchell2005",
        ("ambulatory_after", "ambulatory_after_treatment", "walking_after", "ambulatory"),
    ),
    ("hoskin2019", ("ambulatory_8_weeks",)),
)


def mscc_ambulation() -> alt.Chart:
    """Percentage walking after treatment in randomised trials of cord compression."""
    known = trials()
    rows = []
    for key, candidates in _MSCC:
        if key not in known:
            continue
        t = known[key]
        outcome = next((c for c in candidates if c in t.outcomes), None)
        if outcome is None:
            outcome = next(
                (
                    name
                    for name in t.outcomes
                    if t.units.get(name) == "%" and ("walk" in name or "ambul" in name)
                ),
                None,
            )
        if outcome is None:
            continue
        label = f"{t.name.split(':')[0]} ({t.citation.short()})"
        for arm, value in zip(t.arms, t.outcomes[outcome], strict=True):
            rows.append(
                {
                    "trial": label,
                    "arm": arm,
                    "percent": value,
                    "outcome": outcome.replace("_", " "),
                }
            )
    desc = (
        "Grouped bars: percentage of patients walking after treatment in randomised trials of "
        "metastatic spinal cord compression. "
        + "; ".join(f"{r['trial']}: {r['arm']} {fmt(r['percent'])}% ({r['outcome']})" for r in rows)
        + "."
    )
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y("trial:N", title=None),
            yOffset=alt.YOffset("arm:N"),
            x=alt.X(
                "percent:Q", title="Walking after treatment (%)", scale=alt.Scale(domain=[0, 100])
            ),
            color=alt.Color("arm:N", title="Arm", legend=alt.Legend(orient="bottom", columns=2)),
            tooltip=[
                alt.Tooltip("trial:N", title="Trial"),
                alt.Tooltip("arm:N", title="Arm"),
                alt.Tooltip("outcome:N", title="Outcome"),
                alt.Tooltip("percent:Q", title="%"),
            ],
        )
        .properties(
            title="Walking after treatment for spinal cord compression",
            description=desc,
            width=420,
            height=240,
        )
    )


def hypercalcaemia_response() -> alt.Chart:
    """Complete response by day 10 in hypercalcaemia of malignancy (Major 2001)."""
    t = trials()["major2001"]
    rows = [
        {"arm": arm, "percent": cr, "days": days}
        for arm, cr, days in zip(
            t.arms,
            t.outcomes["complete_response_day_10"],
            t.outcomes["median_response_days"],
            strict=True,
        )
    ]
    desc = (
        "Bar chart of complete response (corrected calcium normalised) by day 10 after a single "
        "dose: "
        + "; ".join(
            f"{r['arm']} {fmt(r['percent'])}% (median response {fmt(r['days'])} days)" for r in rows
        )
        + f". Source: {t.citation.short()} (n = {t.n})."
    )
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(color="#4c78a8")
        .encode(
            x=alt.X("arm:N", title=None, sort=list(t.arms), axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "percent:Q",
                title="Complete response by day 10 (%)",
                scale=alt.Scale(domain=[0, 100]),
            ),
            tooltip=[
                alt.Tooltip("arm:N", title="Drug"),
                alt.Tooltip("percent:Q", title="Complete response (%)"),
                alt.Tooltip("days:Q", title="Median duration (days)"),
            ],
        )
        .properties(
            title=f"Hypercalcaemia of malignancy: response to one dose ({t.citation.short()})",
            description=desc,
            width=360,
            height=220,
        )
    )


def calcium_grading_scales() -> alt.Chart:
    """The course's severity bands and the CTCAE grades on one corrected-calcium axis (mg/dL).

    Both are the engine's own ladders (``describe()["data"]``: ``severity_bands`` and
    ``ctcae_grades``); the bands open below (hypocalcaemia, grade 0) are not drawn.
    """
    data = bonemets.get("calcium").describe()["data"]
    severity = data["severity_bands"]["conventional"]
    edge = {b["name"]: b["low"] for b in severity}
    lln, mod, sev = edge["normal"], edge["moderate"], edge["severe"]
    top = sev + (sev - mod) / 2  # display only: half a band beyond the severe edge
    scales = (
        ("Severity (course calculator)", severity),
        ("CTCAE v5 grade", data["ctcae_grades"]["conventional"]),
    )
    rows = [
        {
            "scale": scale,
            "band": b["label"],
            "from": b["low"],
            "to": top if b["high"] is None else b["high"],
        }
        for scale, ladder in scales
        for b in ladder
        if b["low"] is not None
    ]
    for r in rows:
        r["range"] = (
            f"{fmt(r['from'])}-{fmt(r['to'])} mg/dL"
            if r["to"] != top
            else f"from {fmt(r['from'])} mg/dL"
        )
    desc = (
        "Two stacked scales on one axis of corrected calcium in mg/dL. "
        + "; ".join(f"{r['scale']}: {r['band']} {r['range']}" for r in rows)
        + ". The course's severity edges and the CTCAE grade edges do not coincide."
    )
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(height=26, stroke="white")
        .encode(
            y=alt.Y("scale:N", title=None),
            x=alt.X(
                "from:Q", title="Corrected calcium (mg/dL)", scale=alt.Scale(domain=[lln, top])
            ),
            x2="to:Q",
            color=alt.Color("band:N", title="Band", legend=None, scale=alt.Scale(scheme="oranges")),
            tooltip=[
                alt.Tooltip("scale:N", title="Scale"),
                alt.Tooltip("band:N", title="Band"),
                alt.Tooltip("range:N", title="Corrected calcium"),
            ],
        )
        .properties(
            title="Hypercalcaemia: severity bands vs CTCAE grades",
            description=desc,
            width=440,
            height=110,
        )
    )
