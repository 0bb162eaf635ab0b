"""Evaluate a case: run every calculator the case has data for, then the pathway.

Each calculator's inputs come from its adapter (``bonemets.cases.inputs.<calculator>``), which
names the case field of each input (``inputs_from``); a calculator missing any input is not run
and is listed in ``not_computed`` with the fields it needs. Nothing is guessed: no default, no
conversion between ECOG and Karnofsky, no assumed creatinine. Conversions that are exact (albumin
g/dL <-> g/L, haemoglobin g/L -> g/dL) are made and recorded.

Per-lesion results are keyed ``<calculator>:<lesion id>`` (``mirels:left_femur``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import NOTICE
from ..inputs import InputError
from ..pathway import Action, Context, Withheld, build_plan, grouped
from ..patient import Case
from ..registry import calculate
from ..result import Result
from .inputs import ADAPTERS, Earlier, Inputs

__all__ = ["CaseEvaluation", "evaluate_case"]


@dataclass
class CaseEvaluation:
    """The evaluation of one case. ``to_dict()`` is exactly ``bonemets evaluate --json``."""

    case: Case
    results: dict[str, Result] = field(default_factory=dict)
    inputs_from: dict[str, dict[str, str]] = field(default_factory=dict)
    not_computed: dict[str, list[str]] = field(default_factory=dict)
    not_applicable: dict[str, str] = field(default_factory=dict)
    actions: list[Action] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Candidate actions the safety table blocked, with reason and source.
    withheld: list[Withheld] = field(default_factory=list)

    @property
    def pathway(self) -> dict[str, list[Action]]:
        return grouped(self.actions)

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case.id,
            "title": self.case.teaching.title,
            "date": self.case.date.isoformat(),
            "results": {
                k: {**r.to_dict(), "inputs_from": self.inputs_from.get(k, {})}
                for k, r in self.results.items()
            },
            "not_computed": {k: list(v) for k, v in self.not_computed.items()},
            "not_applicable": dict(self.not_applicable),
            "pathway": {u: [a.to_dict() for a in acts] for u, acts in self.pathway.items()},
            "withheld": [w.to_dict() for w in self.withheld],
            "notes": list(self.notes),
            "notice": NOTICE,
        }

    def _run(self, calculator: str, inp: Inputs) -> None:
        """Run one calculator on its inputs, or record what it still needs."""
        if inp.missing:
            self.not_computed[inp.key] = inp.missing
            return
        try:
            result = calculate(calculator, **inp.values)
        except InputError as exc:  # a value the calculator refuses: report it, never guess
            self.not_computed[inp.key] = [
                f"{inp.sources.get(e.field, e.field)}: {e.message}" for e in exc.errors
            ]
            return
        self.results[inp.key] = result
        self.inputs_from[inp.key] = inp.sources


def evaluate_case(case: Case) -> CaseEvaluation:
    """Every calculator the case has data for, and the pathway. Never raises for a valid case."""
    ev = CaseEvaluation(case)
    for adapter in ADAPTERS:
        adapted = adapter.adapt(case, Earlier(ev.results, ev.not_computed, ev.not_applicable))
        for inp in adapted.runs:
            ev._run(adapter.calculator, inp)
        ev.not_applicable.update(adapted.not_applicable)
        ev.notes += adapted.notes
    planned = build_plan(Context(case, ev.results, ev.not_computed))
    ev.actions = list(planned.actions)
    ev.withheld = list(planned.withheld)
    return ev
