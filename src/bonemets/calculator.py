"""The calculator protocol, the base every kind shares, and formula calculators.

Points tables use :class:`bonemets.tables.PointsTable`, screens
:class:`bonemets.screens.screen.Screen`. Everything else is a :class:`FormulaCalculator`: typed
input fields, a small typed function next to its citation, and ``data``: the thresholds the
function reads, published so that the book, widgets and static site use the same numbers. A
classification or decision also publishes its :class:`~bonemets.decision.Decision` (ladders,
lookups and decision tables as data), which the static site evaluates generically.

:class:`CalculatorBase` holds what the three kinds share: validation (``parse``), ``evaluate``,
``evaluate_text`` and the common part of ``describe()`` (typed in :mod:`bonemets.describe`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from .decision import Decision
from .describe import (
    CitationDescription,
    Description,
    FieldDescription,
    FormulaDescription,
    FormulaKind,
)
from .inputs import Field, parse_inputs
from .result import Citation, Result

__all__ = ["Calculator", "CalculatorBase", "FormulaCalculator"]


class Calculator(Protocol):
    name: str
    title: str
    citations: tuple[Citation, ...]

    @property
    def kind(self) -> str: ...

    @property
    def fields(self) -> tuple[Field, ...]: ...

    @property
    def optional_fields(self) -> frozenset[str]: ...

    def evaluate(self, **raw: Any) -> Result: ...

    def evaluate_text(self, raw: dict[str, str]) -> Result: ...

    def describe(self) -> Description: ...

    def band_labels(self) -> tuple[tuple[str, str], ...]:
        """The result bands as ``(name, label)``, in the engine's order (empty if none).

        (Not ``bands()``: a points table's ``bands`` is its tuple of :class:`Band` records.)
        """
        ...


class CalculatorBase(ABC):
    """What every kind shares. Subclasses are frozen dataclasses with these attributes; each
    kind defines :attr:`fields` and :meth:`run` (an abstract base: it cannot be instantiated)."""

    name: str
    title: str
    summary: str
    citations: tuple[Citation, ...]
    notes: tuple[str, ...]

    @property
    @abstractmethod
    def fields(self) -> tuple[Field, ...]:
        """The calculator's inputs, in order."""

    @property
    def optional_fields(self) -> frozenset[str]:
        return frozenset()

    def parse(self, raw: dict[str, Any], *, text: bool = False) -> dict[str, Any]:
        """Validate raw (or, with ``text``, typed) input; :class:`InputError` on any problem."""
        return parse_inputs(self.fields, raw, optional=self.optional_fields, text=text)

    @abstractmethod
    def run(self, values: dict[str, Any]) -> Result:
        """Evaluate already-validated values."""

    def evaluate(self, **raw: Any) -> Result:
        return self.run(self.parse(raw))

    def evaluate_text(self, raw: dict[str, str]) -> Result:
        return self.run(self.parse(raw, text=True))

    def _inputs(self) -> list[FieldDescription]:
        return [f.describe() for f in self.fields]

    def _citations(self) -> list[CitationDescription]:
        return [c.to_dict() for c in self.citations]


@dataclass(frozen=True)
class FormulaCalculator(CalculatorBase):
    name: str
    title: str
    inputs: tuple[Field, ...]
    compute: Callable[[dict[str, Any]], Result]
    citations: tuple[Citation, ...]
    summary: str = ""
    kind: FormulaKind = "formula"
    optional: frozenset[str] = frozenset()
    data: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    #: The result bands as (name, label), in order (for views: colours, legends).
    labelled_bands: tuple[tuple[str, str], ...] = ()
    #: A classification's or decision's evaluation as data (evaluated by ``compute`` and the site).
    decision: Decision | None = None

    @property
    def fields(self) -> tuple[Field, ...]:
        return self.inputs

    @property
    def optional_fields(self) -> frozenset[str]:
        return self.optional

    def run(self, values: dict[str, Any]) -> Result:
        return self.compute(values)

    def band_labels(self) -> tuple[tuple[str, str], ...]:
        if self.labelled_bands:
            return self.labelled_bands
        return self.decision.band_labels() if self.decision is not None else ()

    def describe(self) -> FormulaDescription:
        return {
            "name": self.name,
            "title": self.title,
            "kind": self.kind,
            "summary": self.summary,
            "inputs": self._inputs(),
            "optional_inputs": sorted(self.optional),
            "data": self.data,
            "decision": self.decision.describe() if self.decision is not None else None,
            "citations": self._citations(),
            "notes": list(self.notes),
        }
