"""Points tables as data, and the one generic evaluator that scores every one of them.

A :class:`PointsTable` reads like the paper's table: components, each with its options and points;
bands over the total, each with its meaning; citations; notes where sources disagree. The evaluator
refuses partial input, sums the points, and picks the band from the unrounded total.

An option is matched in one of three ways, all of them data (so the static site can be generated
from the same table):

* ``values``: the input is one of these choices (``"lytic"``; or ``True``/``False`` for a yes/no item);
* ``between``: a number input falls in this closed range (KPS 80-100); ``None`` is open-ended;
* ``alt_values``: the component's alternative input (SINS: a vertebral level instead of a location
  class) is one of these.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import product
from typing import Any

from . import decision
from .calculator import CalculatorBase
from .describe import BandDescription, ComponentDescription, PointsTableDescription
from .inputs import Boolean, Choice, Field, FieldError, InputError, Integer
from .result import Citation, Component, Result

__all__ = ["Band", "Option", "PointsComponent", "PointsTable", "choice_component"]


@dataclass(frozen=True)
class Option:
    points: int
    label: str
    values: tuple[Any, ...] = ()
    between: tuple[int | None, int | None] | None = None
    alt_values: tuple[str, ...] = ()

    def matches(self, value: Any) -> bool:
        if self.between is not None:
            lo, hi = self.between
            return (lo is None or value >= lo) and (hi is None or value <= hi)
        return value in self.values


@dataclass(frozen=True)
class PointsComponent:
    name: str
    label: str
    input: Field
    options: tuple[Option, ...]
    alternate: Choice | None = None  # e.g. SINS vertebral level -> location class

    def option_for(self, value: Any) -> Option:
        for opt in self.options:
            if opt.matches(value):
                return opt
        # Unreachable for validated input: every table is checked to cover its input space.
        raise InputError(FieldError(self.input.name, f"{value!r} has no points in this table"))

    def option_for_alternate(self, value: str) -> Option:
        for opt in self.options:
            if value in opt.alt_values:
                return opt
        raise InputError(
            FieldError(self.alternate.name if self.alternate else self.name, "no match")
        )

    def describe(self) -> ComponentDescription:
        return {
            "name": self.name,
            "label": self.label,
            "input": self.input.name,
            "alternate": self.alternate.name if self.alternate else None,
            "options": [
                {
                    "points": o.points,
                    "label": o.label,
                    "values": list(o.values),
                    "between": list(o.between) if o.between else None,
                    "alt_values": list(o.alt_values),
                }
                for o in self.options
            ],
        }

    @property
    def min_points(self) -> int:
        return min(o.points for o in self.options)

    @property
    def max_points(self) -> int:
        return max(o.points for o in self.options)


@dataclass(frozen=True)
class Band:
    """A closed interval of totals, ``low`` to ``high`` inclusive, with its meaning."""

    name: str
    low: int
    high: int
    label: str
    interpretation: str
    recommendation: str

    #: Both ends of a points band are inclusive (a ladder of whole-number totals).
    low_inclusive = True
    high_inclusive = True

    def contains(self, total: float) -> bool:
        return decision.in_range(self, total)

    def describe(self) -> BandDescription:
        return {
            "name": self.name,
            "low": self.low,
            "high": self.high,
            "label": self.label,
            "interpretation": self.interpretation,
            "recommendation": self.recommendation,
        }

    @property
    def range_text(self) -> str:
        return f"{self.low}" if self.low == self.high else f"{self.low}–{self.high}"


def choice_component(
    name: str, label: str, rows: list[tuple[str, str, int]], help: str = ""
) -> PointsComponent:
    """A component whose input is a direct choice: rows of (value, label, points)."""
    field_ = Choice(name, label, help, options=tuple((v, lab) for v, lab, _ in rows))
    opts = tuple(Option(points=p, label=lab, values=(v,)) for v, lab, p in rows)
    return PointsComponent(name, label, field_, opts)


def boolean_component(
    name: str,
    label: str,
    input_name: str,
    input_label: str,
    points_if: bool,
    true_label: str,
    false_label: str,
    help: str = "",
) -> PointsComponent:
    """A one-point item scored when a yes/no input equals ``points_if``."""
    field_ = Boolean(input_name, input_label, help)
    opts = (
        Option(points=1 if points_if else 0, label=true_label, values=(True,)),
        Option(points=0 if points_if else 1, label=false_label, values=(False,)),
    )
    return PointsComponent(name, label, field_, opts)


@dataclass(frozen=True)
class PointsTable(CalculatorBase):
    name: str
    title: str
    components: tuple[PointsComponent, ...]
    bands: tuple[Band, ...]
    citations: tuple[Citation, ...]
    summary: str = ""
    notes: tuple[str, ...] = ()

    kind = "points"

    # -- shape -------------------------------------------------------------------------------
    @cached_property  # the table is frozen: computed once per table
    def fields(self) -> tuple[Field, ...]:
        seen: dict[str, Field] = {}
        for c in self.components:
            seen.setdefault(c.input.name, c.input)
            if c.alternate is not None:
                seen.setdefault(c.alternate.name, c.alternate)
        return tuple(seen.values())

    @cached_property  # the table is frozen: computed once per table
    def optional_fields(self) -> frozenset[str]:
        """Fields that may be absent because an alternative can stand in for them."""
        names: set[str] = set()
        for c in self.components:
            if c.alternate is not None:
                names.update({c.input.name, c.alternate.name})
        return frozenset(names)

    @cached_property  # the table is frozen: computed once per table
    def score_range(self) -> tuple[int, int]:
        return (
            sum(c.min_points for c in self.components),
            sum(c.max_points for c in self.components),
        )

    def band_for(self, total: float) -> Band:
        try:
            return decision.band_for(self.bands, total)
        except ValueError:
            raise InputError(FieldError("score", f"total {total} is outside every band")) from None

    def band_named(self, name: str) -> Band:
        for band in self.bands:
            if band.name == name:
                return band
        raise KeyError(name)

    # -- evaluation --------------------------------------------------------------------------
    def parse(self, raw: dict[str, Any], *, text: bool = False) -> dict[str, Any]:
        values = super().parse(raw, text=text)
        errors: list[FieldError] = []
        for c in self.components:
            if c.alternate is None:
                continue
            have_main = c.input.name in values
            have_alt = c.alternate.name in values
            if not have_main and not have_alt:
                errors.append(
                    FieldError(
                        c.input.name,
                        f"missing; give {c.input.name} ({c.input.allowed()}) "
                        f"or {c.alternate.name} ({c.alternate.allowed()})",
                    )
                )
            elif have_main and have_alt:
                from_alt = c.option_for_alternate(values[c.alternate.name])
                if not from_alt.matches(values[c.input.name]):
                    errors.append(
                        FieldError(
                            c.alternate.name,
                            f"{values[c.alternate.name]} is not in {c.input.name} "
                            f"{values[c.input.name]!r}; give one of the two, or make them agree",
                        )
                    )
        if errors:
            raise InputError(errors)
        return values

    def run(self, values: dict[str, Any]) -> Result:
        return self.score(values)

    def score(self, values: dict[str, Any]) -> Result:
        """Score already-validated values."""
        comps: list[Component] = []
        for c in self.components:
            if c.input.name in values or c.alternate is None:
                value = values[c.input.name]
                opt = c.option_for(value)
            else:  # the alternative input stands in (validated above)
                value = values[c.alternate.name]
                opt = c.option_for_alternate(value)
            comps.append(Component(c.name, c.label, value, opt.label, opt.points))
        total = sum(c.points for c in comps)
        band = self.band_for(total)
        return Result(
            calculator=self.name,
            title=self.title,
            inputs=dict(values),
            components=tuple(comps),
            score=total,
            score_range=self.score_range,
            band=band.name,
            band_label=band.label,
            interpretation=band.interpretation,
            recommendation=band.recommendation,
            citations=self.citations,
            notes=self.notes,
            display={"score": f"{total} (range {self.score_range[0]}–{self.score_range[1]})"},
        )

    # -- description (for calculators(), widgets, the static site and the book) ---------------
    def band_labels(self) -> tuple[tuple[str, str], ...]:
        return tuple((b.name, b.label) for b in self.bands)

    def describe(self) -> PointsTableDescription:
        return {
            "name": self.name,
            "title": self.title,
            "kind": "points",
            "summary": self.summary,
            "inputs": self._inputs(),
            "optional_inputs": sorted(self.optional_fields),
            "components": [c.describe() for c in self.components],
            "score_range": list(self.score_range),
            "bands": [b.describe() for b in self.bands],
            "citations": self._citations(),
            "notes": list(self.notes),
        }

    def input_space(self) -> list[dict[str, Any]]:
        """Every combination of the table's inputs (finite fields only; numbers by their options).

        Numeric inputs (Tokuhashi KPS, counts) are represented by one value per option band, the
        lower end of each range, so the space is the table's own combinatorial space.
        """
        axes: list[tuple[str, list[Any]]] = []
        for f in self.fields:
            if self.alternate_only(f.name):
                continue
            if isinstance(f, Choice):
                axes.append((f.name, list(f.values)))
            elif isinstance(f, Boolean):
                axes.append((f.name, [True, False]))
            elif isinstance(f, Integer):
                comp = next(c for c in self.components if c.input.name == f.name)
                reps = []
                for o in comp.options:
                    lo, _hi = o.between  # type: ignore[misc]
                    reps.append(lo if lo is not None else f.minimum)
                axes.append((f.name, reps))
        names = [n for n, _ in axes]
        return [dict(zip(names, combo, strict=True)) for combo in product(*(v for _, v in axes))]

    def alternate_only(self, name: str) -> bool:
        return any(c.alternate is not None and c.alternate.name == name for c in self.components)
