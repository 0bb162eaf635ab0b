"""The multidisciplinary pathway: named, cited rules by area, and the planner.

    >>> from bonemets.pathway import RULES
    >>> RULES["ebrt_single_fraction"].area
    'pain'

``RULES`` holds every rule by name (:class:`~bonemets.pathway.rules.Rule`: name, area, title,
trigger, citations, fire). One module per area: ``emergencies``, ``spine``, ``fracture``,
``pain``, ``bma``, ``systemic``, ``rehab``, ``supportive``, ``prognosis``. Every candidate
action passes through the contraindication and interaction table (``safety``) in the planner;
what it blocks is listed in ``Plan.withheld`` with the reason and source. Thresholds come from
the engine's calculators or, where no calculator defines one, from ``pathway.thresholds``.
"""

from __future__ import annotations

# Importing an area module registers its rules (``@rule``); the planner runs them in AREAS order.
from . import (  # noqa: F401
    bma,
    emergencies,
    fracture,
    pain,
    prognosis,
    rehab,
    safety,
    spine,
    supportive,
    systemic,
)
from .planner import build_plan, grouped, ordered_rules, plan
from .rules import AREAS, URGENCIES, Action, Context, Plan, Rule, Withheld

#: Every rule, by name, in the order the planner runs them.
RULES: dict[str, Rule] = {r.name: r for r in ordered_rules()}

__all__ = [
    "AREAS",
    "RULES",
    "URGENCIES",
    "Action",
    "Context",
    "Plan",
    "Rule",
    "Withheld",
    "build_plan",
    "grouped",
    "plan",
    "safety",
]
