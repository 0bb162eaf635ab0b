"""The generic screen: a list of criteria (data), each a test on one input with its effect.

A criterion fires when its test is true. The status is the most severe effect that fired, by the
screen's ``statuses`` order (first is the best). Every fired criterion becomes a cited reason.
Tests are data (field, operator, value) so the static site can be generated from the same list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..calculator import CalculatorBase
from ..decision import OPERATORS
from ..describe import CriterionDescription, ScreenDescription, StatusDescription
from ..inputs import Field
from ..result import Citation, Reason, Result

#: Screen-specific outputs: (values, status name) -> extra result values.
ExtraValues = Callable[[dict[str, Any], str], dict[str, Any]]


@dataclass(frozen=True)
class Criterion:
    code: str
    field: str
    op: str
    value: Any
    effect: str
    text: str
    citation: Citation
    only_for: tuple[str, str] | None = None  # (field, value): applies only when field == value

    def fires(self, values: dict[str, Any]) -> bool:
        if self.only_for is not None and values[self.only_for[0]] != self.only_for[1]:
            return False
        return OPERATORS[self.op](values[self.field], self.value)

    def to_dict(self) -> CriterionDescription:
        return {
            "code": self.code,
            "field": self.field,
            "op": self.op,
            "value": list(self.value) if isinstance(self.value, tuple) else self.value,
            "effect": self.effect,
            "text": self.text,
            "citation": self.citation.short(),
            "only_for": list(self.only_for) if self.only_for else None,
        }


@dataclass(frozen=True)
class Status:
    name: str
    label: str
    recommendation: str

    def describe(self) -> StatusDescription:
        return {"name": self.name, "label": self.label, "recommendation": self.recommendation}


@dataclass(frozen=True)
class Screen(CalculatorBase):
    name: str
    title: str
    inputs: tuple[Field, ...]
    criteria: tuple[Criterion, ...]
    statuses: tuple[Status, ...]  # best first
    citations: tuple[Citation, ...]
    summary: str = ""
    notes: tuple[str, ...] = ()
    values_key: str = "status"
    extra_values: ExtraValues | None = None
    data: dict[str, Any] = field(default_factory=dict)

    kind = "screen"

    @property
    def fields(self) -> tuple[Field, ...]:
        return self.inputs

    def run(self, values: dict[str, Any]) -> Result:
        return self.decide(values)

    def band_labels(self) -> tuple[tuple[str, str], ...]:
        return tuple((s.name, s.label) for s in self.statuses)

    def decide(self, values: dict[str, Any]) -> Result:
        fired = [c for c in self.criteria if c.fires(values)]
        order = [s.name for s in self.statuses]
        worst = max((order.index(c.effect) for c in fired), default=0)
        status = self.statuses[worst]
        extra = self.extra_values(values, status.name) if self.extra_values else {}
        reasons = tuple(Reason(c.code, c.text, c.effect, c.citation) for c in fired)
        interp = (
            "No criterion fired."
            if not fired
            else "; ".join(f"{c.text} ({c.effect})" for c in fired) + "."
        )
        return Result(
            calculator=self.name,
            title=self.title,
            inputs=dict(values),
            band=status.name,
            band_label=status.label,
            interpretation=interp,
            recommendation=status.recommendation,
            values={self.values_key: status.name, **extra},
            reasons=reasons,
            citations=self.citations,
            notes=self.notes,
        )

    def describe(self) -> ScreenDescription:
        return {
            "name": self.name,
            "title": self.title,
            "kind": "screen",
            "summary": self.summary,
            "inputs": self._inputs(),
            "optional_inputs": [],
            "criteria": [c.to_dict() for c in self.criteria],
            "statuses": [s.describe() for s in self.statuses],
            "data": self.data,
            "citations": self._citations(),
            "notes": list(self.notes),
        }
