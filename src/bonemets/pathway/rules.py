"""The types of the pathway: :class:`Action`, :class:`Rule` and the :class:`Context` rules read.

A rule is a small named function with its citation. It reads the case and the calculator results
(never a threshold of its own: thresholds come from the engine's calculator definitions or from
``bonemets.pathway.thresholds``) and returns zero or more :class:`Action`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..result import Citation, Result

if TYPE_CHECKING:
    from ..cases.models import Case, Lesion

__all__ = ["AREAS", "URGENCIES", "Action", "Context", "Rule", "rule"]

Urgency = Literal["emergency", "urgent", "planned"]
#: Urgency groups, most urgent first: emergency = today; urgent = this week; planned = later.
URGENCIES: tuple[str, ...] = ("emergency", "urgent", "planned")
URGENCY_LABELS = {
    "emergency": "Emergency: today",
    "urgent": "Urgent: this week",
    "planned": "Planned",
}
#: Rule areas in the order the planner runs them (one module each).
AREAS: tuple[str, ...] = (
    "emergencies",
    "spine",
    "fracture",
    "pain",
    "bma",
    "systemic",
    "rehab",
    "supportive",
    "prognosis",
)


@dataclass(frozen=True)
class Action:
    """One step of the plan: what to do, how soon, why (the trigger) and on what evidence."""

    urgency: Urgency
    modality: str
    action: str
    trigger: str
    rule: str
    citation: Citation
    lesion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "urgency": self.urgency,
            "modality": self.modality,
            "action": self.action,
            "trigger": self.trigger,
            "rule": self.rule,
            "lesion": self.lesion,
            "citation": self.citation.short(),
            "citation_key": self.citation.key,
        }


@dataclass
class Context:
    """What a rule may read: the case, the calculator results and what could not be computed."""

    case: Case
    results: dict[str, Result]
    not_computed: dict[str, list[str]] = field(default_factory=dict)

    def result(self, key: str) -> Result | None:
        return self.results.get(key)

    def lesion_result(self, calculator: str, lesion: Lesion) -> Result | None:
        return self.results.get(f"{calculator}:{lesion.id}")

    def lesion_path(self, lesion: Lesion) -> str:
        return f"lesions[{self.case.lesion_index(lesion.id)}]"


Fire = Callable[[Context], list[Action]]


@dataclass(frozen=True)
class Rule:
    """A named pathway rule: its trigger in words, its sources, and the function that fires it."""

    name: str
    area: str
    title: str
    trigger: str
    citations: tuple[Citation, ...]
    fire: Fire

    def __call__(self, ctx: Context) -> list[Action]:
        return self.fire(ctx)

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "area": self.area,
            "title": self.title,
            "trigger": self.trigger,
            "citations": [c.to_dict() for c in self.citations],
        }


#: Every rule, in registration order (area modules register on import).
REGISTRY: dict[str, Rule] = {}


def rule(
    name: str, area: str, title: str, trigger: str, citations: tuple[Citation, ...]
) -> Callable[[Fire], Rule]:
    """Decorator: register ``fire`` as the rule ``name``."""
    if area not in AREAS:
        raise ValueError(f"{name}: unknown area {area!r}")

    def wrap(fire: Fire) -> Rule:
        if name in REGISTRY:
            raise ValueError(f"duplicate rule name {name!r}")
        r = Rule(name, area, title, trigger, citations, fire)
        REGISTRY[name] = r
        return r

    return wrap
