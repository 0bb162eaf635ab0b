"""Thin ipywidgets views over the bonemets engine. No clinical number lives here.

Public API::

    from widgets import calculator, CaseSimulator

    w = calculator("mirels")        # one widget per engine calculator (bonemets calc --list)
    w.set(site="peritrochanteric", pain="functional", lesion="lytic", size="gt_2_3")
    w.result                        # the engine's Result (None until every input is chosen)

    sim = CaseSimulator.from_file("cases/data/breast_lytic_femur.yaml")
    sim.set("lesions[0].size", "lt_1_3")   # what-if: every score and the pathway recomputed
    sim.evaluation                  # the engine's CaseEvaluation of the edited case
    sim.reset()

The views draw their charts with the altair-only :mod:`charts` package (:mod:`charts.scores`,
rendered offline by :mod:`charts.render`); the case notebooks are generated and executed by
:mod:`coursebook.notebooks` (``./course execute``).
"""

from .calculator import CalculatorWidget, calculator
from .simulator import CaseSimulator

__all__ = ["CalculatorWidget", "CaseSimulator", "calculator"]
