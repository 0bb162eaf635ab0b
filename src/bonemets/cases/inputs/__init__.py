"""Case -> calculator inputs: one small adapter per calculator, run in the order listed here.

Each module ``<calculator>.py`` (named as in ``bonemets.registry``) defines ``ADAPTER``: an
:class:`~.adapter.Adapter` whose ``adapt(case, earlier)`` returns an :class:`~.adapter.Adapted`,
i.e. the runs of that calculator (result key, inputs, the case field of each input, the fields
still missing) and the keys that do not apply to this case, with why. ``earlier`` holds what the
adapters before it produced; ``after`` names the calculators an adapter reads, so that the order
below can be checked.

To add an adapter (for a new calculator ``katagiri``):

1. write ``katagiri.py`` here, modelled on ``tokuhashi.py``: read the case fields, ``add`` each
   input with its source, ``lacks`` a field that is missing or unusable, never guess a value;
   set ``after=`` if it reads another calculator's result;
2. import it below and put ``katagiri.ADAPTER`` in :data:`ADAPTERS` after the adapters it reads;
3. if the case has no field for an input, add the field to ``bonemets.patient.model`` (and
   regenerate ``cases/case.schema.json`` with ``bonemets case schema``).

A calculator a case cannot feed is named in :data:`NOT_FROM_A_CASE` with why. A test checks that
every calculator of the registry is in exactly one of the two, and that ``after`` holds.
"""

from __future__ import annotations

from . import (
    ablation,
    bauer,
    calcium,
    eqd2,
    escc,
    exercise,
    mirels,
    noms,
    pain,
    radiopharmaceutical,
    sins,
    teachh,
    tokuhashi,
    tomita,
    zoledronic_acid,
)
from .adapter import Adapted, Adapter, Earlier, Inputs

__all__ = [
    "ADAPTERS",
    "NOT_FROM_A_CASE",
    "Adapted",
    "Adapter",
    "Earlier",
    "Inputs",
    "order_problems",
]

#: Every adapter, in the order the evaluation runs them (an adapter after those it reads).
ADAPTERS: tuple[Adapter, ...] = (
    calcium.ADAPTER,
    zoledronic_acid.ADAPTER,
    pain.ADAPTER,
    mirels.ADAPTER,
    sins.ADAPTER,
    escc.ADAPTER,
    tokuhashi.ADAPTER,
    tomita.ADAPTER,
    bauer.ADAPTER,
    teachh.ADAPTER,
    noms.ADAPTER,
    eqd2.ADAPTER,
    exercise.ADAPTER,
    radiopharmaceutical.ADAPTER,
    ablation.ADAPTER,
)

#: Calculators of the registry that no case feeds, and why.
NOT_FROM_A_CASE: dict[str, str] = {}


def order_problems(adapters: tuple[Adapter, ...] = ADAPTERS) -> list[str]:
    """Adapters listed before a calculator they read, or listed twice (empty when sound)."""
    out: list[str] = []
    seen: list[str] = []
    for a in adapters:
        if a.calculator in seen:
            out.append(f"{a.calculator}: listed twice")
        out += [
            f"{a.calculator} reads {dep}, so it must come after the {dep} adapter"
            for dep in a.after
            if dep not in seen
        ]
        seen.append(a.calculator)
    return out
