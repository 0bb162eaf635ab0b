"""Every calculator of the engine, by its clinical name."""

from __future__ import annotations

from typing import Any

from .calculator import Calculator
from .describe import Description
from .formulas.calcium import CALCIUM
from .formulas.pain import PAIN
from .formulas.radiotherapy import EQD2
from .formulas.renal import ZOLEDRONIC_ACID
from .inputs import FieldError, InputError, echo
from .result import Citation, Result
from .scores.bauer import BAUER
from .scores.escc import ESCC
from .scores.mirels import MIRELS
from .scores.noms import NOMS
from .scores.sins import SINS
from .scores.teachh import TEACHH
from .scores.tokuhashi import TOKUHASHI
from .scores.tomita import TOMITA
from .screens.ablation import ABLATION
from .screens.exercise import EXERCISE
from .screens.radiopharmaceutical import RADIOPHARMACEUTICAL

CALCULATORS: dict[str, Calculator] = {
    c.name: c  # type: ignore[misc]
    for c in (
        MIRELS,
        SINS,
        ESCC,
        NOMS,
        TOKUHASHI,
        TOMITA,
        BAUER,
        TEACHH,
        CALCIUM,
        ZOLEDRONIC_ACID,
        EQD2,
        PAIN,
        EXERCISE,
        RADIOPHARMACEUTICAL,
        ABLATION,
    )
}

#: The prognostic scores (survival estimates), in registry order. The pathway's surgery gate and
#: the case evaluation read this list: a new prognostic score is added here, nowhere else.
PROGNOSTIC: tuple[str, ...] = (TOKUHASHI.name, TOMITA.name, BAUER.name)


def get(name: str) -> Calculator:
    """The calculator called ``name``; an :class:`InputError` listing the names otherwise."""
    if not isinstance(name, str) or name not in CALCULATORS:
        raise InputError(
            FieldError(
                "calculator",
                f"{echo(name) if isinstance(name, str) else type(name).__name__} is not a "
                "calculator; allowed: " + ", ".join(CALCULATORS),
            )
        )
    return CALCULATORS[name]


def calculate(name: str, /, **inputs: Any) -> Result:
    """Validate ``inputs`` and run calculator ``name``. Raises :class:`InputError` on bad input."""
    return get(name).evaluate(**inputs)


def calculators() -> list[Description]:
    """Every calculator with its inputs, allowed values, units, bands and citations."""
    return [c.describe() for c in CALCULATORS.values()]


def all_citations() -> dict[str, Citation]:
    """Every citation the engine uses, by BibTeX key."""
    out: dict[str, Citation] = {}
    for c in CALCULATORS.values():
        for cit in c.citations:
            out[cit.key] = cit
        for crit in getattr(c, "criteria", ()):
            out[crit.citation.key] = crit.citation
    return out
