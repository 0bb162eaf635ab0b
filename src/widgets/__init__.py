"""Thin ipywidgets and altair views over the bonemets engine. No clinical number lives here.

    from widgets import calculator, CaseSimulator
    calculator("mirels")                     # one calculator, generated from the engine
    CaseSimulator.from_file("data/c01.yaml") # a case, editable, every score and the pathway live

Charts are in :mod:`widgets.charts` (``widgets.charts.scores``); notebooks are generated and
executed by ``python -m widgets.notebooks generate|execute``.
"""

from .calculator import CalculatorWidget, calculator

__all__ = ["CalculatorWidget", "CaseSimulator", "calculator"]


def __getattr__(name: str):  # the simulator needs bonemets.cases; import it when first asked
    if name == "CaseSimulator":
        from .simulator import CaseSimulator

        return CaseSimulator
    raise AttributeError(name)
