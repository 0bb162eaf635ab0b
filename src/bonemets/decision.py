"""Band ladders and decision tables as data, with the one generic evaluator of each.

* A **ladder** is an ordered list of bands over a number, each an interval whose ends may be open
  (``None``) and inclusive or not. :func:`band_for` picks the first band that holds the value.
  Points-table bands, the zoledronic acid dose bands, the calcium severity and CTCAE grades and the
  pain bands are all ladders.
* A **condition** is a test on one value: ``(field, op, value)``, the operators of the screens.
* A **decision table** is an ordered list of rules, each a set of conditions and an outcome; the
  first rule whose conditions all hold decides (a rule without conditions is the default).
* A :class:`Decision` classifies inputs (by a ladder or a lookup table), runs its tables, adds
  the notes whose conditions hold and names the outputs to show. NOMS, ESCC and pain are decisions.

Everything here is published by ``describe()`` so that the static site
(``coursebook/static/calculators/bonemets-calc.js``) evaluates the same data with the same rules.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypeVar

from .describe import (
    ClassifyDescription,
    ConditionDescription,
    DecisionDescription,
    DecisionTableDescription,
    LadderBandDescription,
    NoteRuleDescription,
    OutputDescription,
    RuleDescription,
)

__all__ = [
    "OPERATORS",
    "Classify",
    "Condition",
    "Decision",
    "DecisionTable",
    "LadderBand",
    "NoteRule",
    "Output",
    "Ranged",
    "Rule",
    "band_for",
    "in_range",
]


def _in(a: Any, b: Any) -> bool:
    return a in b


OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "is": operator.eq,
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
    "in": _in,
}


# ------------------------------------------------------------------------------------ ladders


class Ranged(Protocol):
    """Anything with an interval: ``low``/``high`` (``None`` is open) and whether each is in."""

    @property
    def name(self) -> str: ...

    @property
    def low(self) -> float | None: ...

    @property
    def high(self) -> float | None: ...

    @property
    def low_inclusive(self) -> bool: ...

    @property
    def high_inclusive(self) -> bool: ...


R = TypeVar("R", bound=Ranged)


def in_range(band: Ranged, x: float) -> bool:
    """Whether ``x`` is inside ``band`` (open ends hold everything on their side)."""
    lo, hi = band.low, band.high
    if lo is not None and (x < lo or (x == lo and not band.low_inclusive)):
        return False
    return not (hi is not None and (x > hi or (x == hi and not band.high_inclusive)))


def band_for(bands: Sequence[R], x: float) -> R:
    """The first band of the ladder that holds ``x``; :class:`ValueError` if none does."""
    for band in bands:
        if in_range(band, x):
            return band
    raise ValueError(f"{x} is outside every band ({', '.join(b.name for b in bands)})")


@dataclass(frozen=True)
class LadderBand:
    """One rung of a ladder: an interval with a name and a label."""

    name: str
    label: str
    low: float | None
    high: float | None
    low_inclusive: bool = True
    high_inclusive: bool = True

    def describe(self) -> LadderBandDescription:
        return {
            "name": self.name,
            "label": self.label,
            "low": self.low,
            "low_inclusive": self.low_inclusive,
            "high": self.high,
            "high_inclusive": self.high_inclusive,
        }


# ------------------------------------------------------------------------------------ rules


@dataclass(frozen=True)
class Condition:
    """``values[field] <op> value``."""

    field: str
    op: str
    value: Any

    def holds(self, values: Mapping[str, Any]) -> bool:
        return bool(OPERATORS[self.op](values[self.field], self.value))

    def describe(self) -> ConditionDescription:
        value = list(self.value) if isinstance(self.value, tuple) else self.value
        return [self.field, self.op, value]


def _all(when: Sequence[Condition], values: Mapping[str, Any]) -> bool:
    return all(c.holds(values) for c in when)


@dataclass(frozen=True)
class Rule:
    when: tuple[Condition, ...]
    then: str

    def describe(self) -> RuleDescription:
        return {"when": [c.describe() for c in self.when], "then": self.then}


@dataclass(frozen=True)
class DecisionTable:
    """Ordered rules; the first whose conditions all hold gives the outcome."""

    name: str
    rules: tuple[Rule, ...]
    #: Text of each outcome (used by :attr:`Decision.recommendation` templates).
    texts: Mapping[str, str]

    def decide(self, values: Mapping[str, Any]) -> str:
        for rule in self.rules:
            if _all(rule.when, values):
                return rule.then
        raise ValueError(f"decision table {self.name}: no rule holds")  # tables end in a default

    def describe(self) -> DecisionTableDescription:
        return {
            "name": self.name,
            "rules": [r.describe() for r in self.rules],
            "texts": dict(self.texts),
        }


@dataclass(frozen=True)
class Classify:
    """A derived value ``name``: the class of input ``input`` by a lookup ``table`` or a ladder."""

    name: str
    input: str
    labels: Mapping[str, str]  # class -> label
    table: Mapping[str, str] | None = None
    bands: tuple[LadderBand, ...] = ()

    def of(self, value: Any) -> str:
        if self.table is not None:
            return self.table[value]
        return band_for(self.bands, value).name

    def describe(self) -> ClassifyDescription:
        return {
            "name": self.name,
            "input": self.input,
            "labels": dict(self.labels),
            "table": dict(self.table) if self.table is not None else None,
            "bands": [b.describe() for b in self.bands],
        }


@dataclass(frozen=True)
class NoteRule:
    """A note added to the result when every condition holds."""

    when: tuple[Condition, ...]
    text: str

    def describe(self) -> NoteRuleDescription:
        return {"when": [c.describe() for c in self.when], "text": self.text}


OutputSource = Literal["option", "class_label", "yes_no", "outcome"]


@dataclass(frozen=True)
class Output:
    """One computed value shown with the result.

    ``source`` says how its text is found: ``option`` the label of the chosen option of input
    ``value``; ``class_label`` the label of derived class ``value``; ``yes_no`` whether the
    conditions ``when`` hold; ``outcome`` the text ``outputs[key]`` of the result's outcome.
    """

    key: str
    label: str
    source: OutputSource
    value: str = ""
    when: tuple[Condition, ...] = ()

    def describe(self) -> OutputDescription:
        return {
            "key": self.key,
            "label": self.label,
            "source": self.source,
            "value": self.value,
            "when": [c.describe() for c in self.when],
        }


@dataclass(frozen=True)
class Outcome:
    """What the result says for one value of the deciding table (or class)."""

    label: str
    interpretation: str
    recommendation: str
    outputs: Mapping[str, str]


@dataclass(frozen=True)
class Decision:
    """Classify, decide, annotate: the whole evaluation of a classification or decision as data.

    ``result`` names the derived value that is the result's band; ``outcomes`` give its label,
    interpretation and recommendation. ``recommendation`` (optional) is a template whose
    ``{table}`` fields are replaced by the text of that table's outcome.
    """

    classify: tuple[Classify, ...]
    tables: tuple[DecisionTable, ...]
    result: str
    outcomes: Mapping[str, Outcome]
    notes: tuple[NoteRule, ...] = ()
    outputs: tuple[Output, ...] = ()
    recommendation: str = ""

    def run(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """The inputs with every derived value and table outcome added."""
        out = dict(values)
        for c in self.classify:
            out[c.name] = c.of(out[c.input])
        for t in self.tables:
            out[t.name] = t.decide(out)
        return out

    def notes_for(self, derived: Mapping[str, Any]) -> list[str]:
        return [n.text for n in self.notes if _all(n.when, derived)]

    def outcome(self, derived: Mapping[str, Any]) -> Outcome:
        return self.outcomes[derived[self.result]]

    def recommendation_for(self, derived: Mapping[str, Any]) -> str:
        if not self.recommendation:
            return self.outcome(derived).recommendation
        text = self.recommendation
        for t in self.tables:
            text = text.replace("{" + t.name + "}", t.texts[derived[t.name]])
        return text

    def yes(self, key: str, derived: Mapping[str, Any]) -> bool:
        """Whether the conditions of the ``yes_no`` output ``key`` hold."""
        out = next(o for o in self.outputs if o.key == key)
        return _all(out.when, derived)

    def band_labels(self) -> tuple[tuple[str, str], ...]:
        return tuple((name, o.label) for name, o in self.outcomes.items())

    def describe(self) -> DecisionDescription:
        return {
            "classify": [c.describe() for c in self.classify],
            "tables": [t.describe() for t in self.tables],
            "result": self.result,
            "outcomes": {
                k: {
                    "label": o.label,
                    "interpretation": o.interpretation,
                    "recommendation": o.recommendation,
                    "outputs": dict(o.outputs),
                }
                for k, o in self.outcomes.items()
            },
            "notes": [n.describe() for n in self.notes],
            "outputs": [o.describe() for o in self.outputs],
            "recommendation": self.recommendation,
        }
