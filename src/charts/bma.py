"""Bone-modifying agent charts: dosing-interval trials and the zoledronic acid renal dose bands.

Figures come from ``bonemets.evidence.bma`` and the zoledronic acid calculator's band table; no
clinical number is written here.
"""

from __future__ import annotations

import altair as alt

from bonemets.evidence import trials
from bonemets.formulas.renal import ZOLEDRONIC_BANDS

from .kit import trial_bars, trial_rows

__all__ = ["deescalation", "denosumab_onj", "zoledronic_renal_doses"]


def deescalation() -> alt.Chart:
    """CALGB 70604 and OPTIMIZE-2: patients with a skeletal-related event by dosing interval."""
    ev = trials()
    rows = []
    for key in ("himelstein2017", "hortobagyi2017"):
        for r in trial_rows(ev[key], ("patients_with_sre",)):
            r["outcome"] = r["study"]
            rows.append(r)
    return trial_bars(
        rows,
        title="Zoledronic acid every 12 vs every 4 weeks: patients with a skeletal-related event",
        description="Grouped bars for two non-inferiority trials of zoledronic acid intervals: "
        "CALGB 70604 (from the start of treatment) and OPTIMIZE-2 (after a period of monthly "
        "treatment). The proportions with a skeletal-related event are close in each trial: "
        + "; ".join(
            f"{ev[k].name.split(':')[0]} "
            + " vs ".join(f"{v:g}%" for v in ev[k].outcomes["patients_with_sre"])
            for k in ("himelstein2017", "hortobagyi2017")
        )
        + ".",
        y_title="Patients with an SRE (%)",
    )


def denosumab_onj() -> alt.Chart:
    """Osteonecrosis of the jaw with denosumab vs zoledronic acid (pooled phase 3 trials)."""
    t = trials()["saad2012"]
    rows = trial_rows(t, ("onj",), {"onj": "Osteonecrosis of the jaw"})
    return trial_bars(
        rows,
        title="Osteonecrosis of the jaw in the pooled denosumab vs zoledronic acid trials",
        description=f"Bar chart: osteonecrosis of the jaw in {t.outcomes['onj'][0]:g}% with "
        f"denosumab and {t.outcomes['onj'][1]:g}% with zoledronic acid across {t.n} patients "
        "(Saad 2012).",
        y_title="Patients (%)",
    )


def zoledronic_renal_doses() -> alt.Chart:
    """The label's zoledronic acid dose for each creatinine clearance band, as the engine holds it."""
    rows = []
    for b in ZOLEDRONIC_BANDS:
        if b.dose_mg is None:
            continue
        low = b.low
        high = b.high if b.high is not None else low + 30
        rows.append(
            {
                "band": b.label,
                "low": low,
                "high": high,
                "dose": b.dose_mg,
                "open_ended": b.high is None,
            }
        )
    base = alt.Chart(alt.Data(values=rows))
    steps = base.mark_rule(strokeWidth=6).encode(
        x=alt.X("low:Q", title="Baseline creatinine clearance (mL/min, Cockcroft-Gault)"),
        x2="high:Q",
        y=alt.Y("dose:Q", title="Zoledronic acid dose (mg)", scale=alt.Scale(zero=False)),
        tooltip=["band:N", "dose:Q"],
    )
    text = base.mark_text(dy=-10).encode(x="low:Q", y="dose:Q", text="dose:Q")
    return alt.layer(steps, text).properties(
        width=420,
        height=220,
        title="Zoledronic acid dose by creatinine clearance (label table, course band edges)",
        description="Step chart of the zoledronic acid dose for each band of baseline creatinine "
        "clearance, read from the course calculator: full dose above the top band, reduced doses "
        "below it, and not recommended below the lowest band (not drawn). The top band has no "
        "upper limit.",
    )
