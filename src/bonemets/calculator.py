"""The calculator protocol for rules that are formulas, classifications or screens.

Points tables use :class:`bonemets.tables.PointsTable`. Everything else is a
:class:`FormulaCalculator`: typed input fields, a small typed function next to its citation, and
``data``: the thresholds the function reads, published so that the book, widgets and static site
use the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from .inputs import Field, parse_inputs
from .result import Citation, Result

__all__ = ["Calculator", "FormulaCalculator"]


class Calculator(Protocol):
    name: str
    title: str
    kind: str
    citations: tuple[Citation, ...]

    @property
    def fields(self) -> tuple[Field, ...]: ...

    @property
    def optional_fields(self) -> frozenset[str]: ...

    def evaluate(self, **raw: Any) -> Result: ...

    def evaluate_text(self, raw: dict[str, str]) -> Result: ...

    def describe(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class FormulaCalculator:
    name: str
    title: str
    inputs: tuple[Field, ...]
    compute: Callable[[dict[str, Any]], Result]
    citations: tuple[Citation, ...]
    summary: str = ""
    kind: str = "formula"
    optional: frozenset[str] = frozenset()
    data: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def fields(self) -> tuple[Field, ...]:
        return self.inputs

    @property
    def optional_fields(self) -> frozenset[str]:
        return self.optional

    def evaluate(self, **raw: Any) -> Result:
        return self.compute(parse_inputs(self.inputs, raw, optional=self.optional))

    def evaluate_text(self, raw: dict[str, str]) -> Result:
        return self.compute(parse_inputs(self.inputs, raw, optional=self.optional, text=True))

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "kind": self.kind,
            "summary": self.summary,
            "inputs": [f.describe() for f in self.inputs],
            "optional_inputs": sorted(self.optional),
            "data": self.data,
            "citations": [c.to_dict() for c in self.citations],
            "notes": list(self.notes),
        }
