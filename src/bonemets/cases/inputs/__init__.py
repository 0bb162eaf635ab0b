"""Case -> calculator inputs: one small adapter per calculator, found by the calculator's name.

Each module ``<calculator>.py`` (named as in ``bonemets.registry``) defines ``ADAPTER``: an
:class:`~.adapter.Adapter` whose ``adapt(case, earlier)`` returns an :class:`~.adapter.Adapted`,
i.e. the runs of that calculator (result key, inputs, the case field of each input, the fields
still missing) and the keys that do not apply to this case, with why. ``earlier`` holds what the
adapters before it produced; ``after`` names the calculators an adapter reads, so that the order
below can be checked.

To add an adapter (for a new calculator ``new_score``):

1. write ``new_score.py`` here, modelled on ``tokuhashi.py``: read the case fields, ``add`` each
   input with its source, ``lacks`` a field that is missing or unusable, never guess a value;
   set ``after=`` if it reads another calculator's result;
2. nothing to register: :data:`ADAPTERS` finds ``inputs/<name>.py`` for every calculator of
   ``bonemets.registry`` (in registry order, an adapter after those it reads);
3. if the case has no field for an input, add the field to ``bonemets.patient.model`` (and
   regenerate ``cases/case.schema.json`` with ``bonemets case schema``).

A calculator a case cannot feed is named in :data:`NOT_FROM_A_CASE` with why. A test checks that
every calculator of the registry is in exactly one of the two, and that ``after`` holds.
"""

from __future__ import annotations

import importlib

from ...registry import CALCULATORS
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

#: Calculators of the registry that no case feeds, and why.
NOT_FROM_A_CASE: dict[str, str] = {}


def in_run_order(adapters: list[Adapter]) -> tuple[Adapter, ...]:
    """``adapters`` in registry order, except that an adapter runs after every adapter it reads
    (``after``): a stable topological order. Refuses a cycle or an unknown ``after`` name."""
    names = {a.calculator for a in adapters}
    pending = list(adapters)
    done: list[Adapter] = []
    placed: set[str] = set()
    while pending:
        ready = next(
            (a for a in pending if all(d in placed or d not in names for d in a.after)), None
        )
        if ready is None:
            raise ValueError(
                "case adapters read each other in a cycle: "
                + ", ".join(f"{a.calculator} after {a.after}" for a in pending)
            )
        pending.remove(ready)
        done.append(ready)
        placed.add(ready.calculator)
    return tuple(done)


def _adapter(name: str) -> Adapter:
    module = importlib.import_module(f"{__name__}.{name}")
    adapter = module.ADAPTER
    if not isinstance(adapter, Adapter) or adapter.calculator != name:
        raise TypeError(f"{module.__name__}.ADAPTER must be the Adapter of {name!r}")
    return adapter


#: Every adapter, found by its calculator's name (``inputs/<name>.py``) for each calculator of the
#: registry not in :data:`NOT_FROM_A_CASE`, in the order the evaluation runs them.
ADAPTERS: tuple[Adapter, ...] = in_run_order(
    [_adapter(name) for name in CALCULATORS if name not in NOT_FROM_A_CASE]
)


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
