"""Surgery charts: Patchell's randomised trial of decompression and postoperative radiotherapy.

Figures come from ``bonemets.evidence.surgery``; no clinical number is written here.
"""

from __future__ import annotations

import altair as alt

from bonemets.evidence import trials

from .kit import trial_bars, trial_rows

__all__ = ["patchell_ambulation", "postoperative_rt"]


def patchell_ambulation() -> alt.Chart:
    """Patchell 2005: walking after treatment, regained walking, and days of walking."""
    t = trials()["patchell2005"]
    rows = trial_rows(
        t,
        ("ambulatory_after_treatment", "regained_walking"),
        {
            "ambulatory_after_treatment": "Walking after treatment (%)",
            "regained_walking": "Non-walkers who walked again (%)",
        },
    )
    return trial_bars(
        rows,
        title="Decompressive surgery plus radiotherapy vs radiotherapy alone (Patchell 2005)",
        description="Grouped bars: the proportion walking after treatment and the proportion of "
        "patients unable to walk at entry who walked again, with surgery plus radiotherapy vs "
        f"radiotherapy alone; median time walking {t.outcomes['median_days_ambulatory'][0]:g} vs "
        f"{t.outcomes['median_days_ambulatory'][1]:g} days.",
        y_title="Patients (%)",
    )


def postoperative_rt() -> alt.Chart:
    """Townsend 1994: normal use of the limb with and without postoperative radiotherapy."""
    t = trials()["townsend1994"]
    rows = trial_rows(t, ("normal_use_of_limb",), {"normal_use_of_limb": "Normal use of limb"})
    return trial_bars(
        rows,
        title="Postoperative radiotherapy after fixation (Townsend 1994, retrospective)",
        description="Bar chart from a retrospective series: estimated probability of normal use "
        f"of the limb {t.outcomes['normal_use_of_limb'][0]:g}% with postoperative radiotherapy "
        f"vs {t.outcomes['normal_use_of_limb'][1]:g}% with surgery alone; selection bias likely.",
        y_title="Patients (%)",
    )
