"""The types of the pathway: :class:`Action`, :class:`Rule` and the :class:`Context` rules read.

A rule is a small named function with its citation. It reads the case and the calculator results
(never a threshold of its own: thresholds come from the engine's calculator definitions or from
``bonemets.pathway.thresholds``) and returns zero or more :class:`Action`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from ..patient import Case, Lesion
from ..result import Citation, Result

__all__ = ["AREAS", "URGENCIES", "Action", "Context", "Plan", "Rule", "Withheld", "rule"]

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
    citation: Citation
    lesion: str | None = None
    #: Drugs or treatments the action proposes (``radium_223``, ``zoledronic_acid``,
    #: ``who_step_3`` ...): what the safety table (``pathway.safety``) checks.
    agents: tuple[str, ...] = ()
    #: The decision the action answers (``fixation``, ``spinal_surgery`` ...): the planner keeps
    #: one action per (modality, lesion, decision). ``None``: the rule's own name.
    decision: str | None = None
    #: The engine screen result that must not reject this action (``radiopharmaceutical``,
    #: ``exercise``, ``ablation:<lesion>``).
    screen: str | None = None
    #: Rules whose actions were merged into this one.
    merged: tuple[str, ...] = ()
    #: The rule that proposed the action: stamped by :meth:`Rule.__call__`, so a rule's
    #: ``Action(...)`` calls do not repeat its name.
    rule: str = ""

    @property
    def key(self) -> tuple[str, str | None, str]:
        return (self.modality, self.lesion, self.decision or self.rule)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "urgency": self.urgency,
            "modality": self.modality,
            "action": self.action,
            "trigger": self.trigger,
            "rule": self.rule,
            "lesion": self.lesion,
            "citation": self.citation.short(),
            "citation_key": self.citation.key,
        }
        if self.merged:
            out["merged"] = list(self.merged)
        return out


@dataclass(frozen=True)
class Withheld:
    """A candidate action the safety table blocked: what, why, and on what source."""

    action: Action
    gate: str
    reason: str
    citations: tuple[Citation, ...]
    what: str = ""

    @property
    def sources(self) -> str:
        return "; ".join(c.short() for c in self.citations)

    def text(self) -> str:
        """One line for people: "<what> withheld: <why> (<sources>)"."""
        src = f" ({self.sources})" if self.citations else ""
        return f"{self.what or self.action.modality} withheld: {self.reason}{src}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.action.rule,
            "modality": self.action.modality,
            "lesion": self.action.lesion,
            "action": self.action.action,
            "gate": self.gate,
            "what": self.what,
            "reason": self.reason,
            "text": self.text(),
            "citations": [c.short() for c in self.citations],
            "citation_keys": [c.key for c in self.citations],
        }


@dataclass(frozen=True)
class Plan:
    """The planner's output: the actions, most urgent first, and what safety withheld."""

    actions: tuple[Action, ...]
    withheld: tuple[Withheld, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "pathway": {
                u: [a.to_dict() for a in self.actions if a.urgency == u] for u in URGENCIES
            },
            "withheld": [w.to_dict() for w in self.withheld],
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
        """Fire the rule; each action it proposes is stamped with the rule's name."""
        return [a if a.rule else replace(a, rule=self.name) for a in self.fire(ctx)]

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
