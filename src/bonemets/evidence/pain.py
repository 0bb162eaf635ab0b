"""Figures for the pain chapter.

NRS bands and the WHO ladder are read from the pain calculator (``bonemets.formulas.pain``), not
repeated here. ``tests/book/test_evidence_modalities.py`` restates each figure with the place it was
read.
"""

from __future__ import annotations

from ..result import Citation
from . import Trial

__all__ = ["BANDIERI_2016"]

BANDIERI_2016 = Trial(
    key="bandieri2016",
    name="Low-dose morphine vs weak opioids for moderate cancer pain",
    citation=Citation(
        key="bandieri2016",
        authors="Bandieri E, Romero M, Ripamonti CI, Artioli F, Sichetti D, Fanizza C, et al",
        title="Randomized trial of low-dose morphine versus weak opioids in moderate cancer pain",
        journal="J Clin Oncol",
        year=2016,
        details="34(5):436-442",
        doi="10.1200/JCO.2015.61.0733",
    ),
    design="Open-label randomised 28-day trial in moderate cancer pain; responder = 20% fall in "
    "NRS pain intensity",
    arms=("Low-dose morphine", "Weak opioid"),
    outcomes={"responders": (88.2, 57.7)},
    units={"responders": "%"},
    n=240,
    notes=(
        "Odds ratio 6.18 (95% CI 3.12-12.24). Weak opioid: codeine or tramadol, with or "
        "without paracetamol.",
    ),
    extra={"patients_per_arm": [118, 122], "responder_reduction_percent": 20, "days": 28},
)
