"""What an input adapter returns, and the few helpers adapters share.

An adapter reads one calculator's inputs from a case. For each run it returns the inputs, each
with the case field it came from; for a calculator that does not apply, the reason. It never
guesses: a value that is not known is recorded as missing, and the evaluation reports it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ...pathway.findings import FIXATIONS, SPINE_SURGERY, surgeries
from ...patient import Case
from ...result import Result

__all__ = ["Adapted", "Adapter", "Earlier", "Inputs", "lesion_path", "unfixed"]


class Inputs:
    """One calculator run: its result key, the inputs with the case field each came from, and
    the case fields it still needs."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.values: dict[str, Any] = {}
        self.sources: dict[str, str] = {}
        self.missing: list[str] = []

    def add(self, name: str, value: Any, source: str) -> None:
        """Input ``name`` is ``value``, read from ``source``; ``None`` records ``source`` as
        missing."""
        if value is None:
            self.lacks(source)
        else:
            self.values[name] = value
            self.sources[name] = source

    def lacks(self, source: str) -> None:
        """The run needs ``source`` (a case field, with why if it is given but unusable)."""
        if source not in self.missing:
            self.missing.append(source)


@dataclass
class Adapted:
    """What one adapter returns: the runs, in order, and the keys that do not apply (why)."""

    runs: list[Inputs] = field(default_factory=list)
    not_applicable: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def run(self, key: str) -> Inputs:
        """A new run keyed ``key`` (``"sins:t8"``), to fill with :meth:`Inputs.add`."""
        inputs = Inputs(key)
        self.runs.append(inputs)
        return inputs


@dataclass(frozen=True)
class Earlier:
    """What the adapters before this one produced (read-only): results, what could not be
    computed (key -> fields needed), and what does not apply (key -> why)."""

    results: Mapping[str, Result]
    not_computed: Mapping[str, list[str]]
    not_applicable: Mapping[str, str]


@dataclass(frozen=True)
class Adapter:
    """The input adapter of one calculator.

    ``after``: calculators whose results this adapter reads; their adapters must run earlier
    (checked by :func:`bonemets.cases.inputs.check_order` and a test).
    """

    calculator: str
    adapt: Callable[[Case, Earlier], Adapted]
    after: tuple[str, ...] = ()


def lesion_path(i: int, name: str) -> str:
    """The case field ``name`` of lesion ``i``: ``lesions[2].size``."""
    return f"lesions[{i}].{name}"


def unfixed(case: Case, kind: str) -> bool:
    """A lesion with an ``kind`` (actual or impending) fracture not yet fixed or stabilised."""
    return any(
        les.fracture == kind and not surgeries(case, les, FIXATIONS + SPINE_SURGERY)
        for les in case.lesions
    )
