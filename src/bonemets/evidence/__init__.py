"""Trial and study figures taught by the book, as data with their citations.

One module per topic (``radiotherapy.py``, ``surgery.py`` ...), each defining :class:`Trial` records
at module level. Charts (``charts``), chapter text (the ``{fact}`` role) and quiz items read
the figures from here, so each figure is written once.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any

from ..result import Citation

__all__ = ["Trial", "trials"]


@dataclass(frozen=True)
class Trial:
    """A study's headline figures: ``outcomes`` maps an outcome name to one value per arm.

    ``arms`` name the arms in order; a single-arm study has one arm. ``units`` gives the unit of
    each outcome ("%", "months", "points" ...).
    """

    key: str
    name: str
    citation: Citation
    design: str
    arms: tuple[str, ...]
    outcomes: dict[str, tuple[float, ...]]
    units: dict[str, str]
    n: int | None = None
    notes: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, values in self.outcomes.items():
            if len(values) != len(self.arms):
                raise ValueError(
                    f"{self.key}.{name}: {len(values)} values for {len(self.arms)} arms"
                )
            if name not in self.units:
                raise ValueError(f"{self.key}.{name}: no unit")

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "design": self.design,
            "n": self.n,
            "arms": list(self.arms),
            "outcomes": {k: list(v) for k, v in self.outcomes.items()},
            "units": dict(self.units),
            "citation": self.citation.to_dict(),
            "notes": list(self.notes),
            "extra": dict(self.extra),
        }


def trials() -> dict[str, Trial]:
    """Every :class:`Trial` defined in the topic modules of this package, by key."""
    out: dict[str, Trial] = {}
    for mod in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{mod.name}")
        for value in vars(module).values():
            if isinstance(value, Trial):
                if value.key in out and out[value.key] is not value:
                    raise ValueError(f"duplicate trial key {value.key!r}")
                out[value.key] = value
    return out
