"""The planner: run every rule in area order, then sort the actions by urgency.

Actions keep the order of the rules within an urgency group (emergencies first, then spine,
fracture, pain, bone-modifying agents, systemic, rehabilitation, supportive care, prognosis).
A modality the patient has declined (``goals.declines``) is kept, with the trigger saying so:
the plan shows the option, the team discusses it.
"""

from __future__ import annotations

from .rules import AREAS, REGISTRY, URGENCIES, Action, Context, Rule


def ordered_rules() -> list[Rule]:
    """Every registered rule, in area order (registration order within an area)."""
    return sorted(REGISTRY.values(), key=lambda r: AREAS.index(r.area))


def plan(ctx: Context) -> list[Action]:
    """Every action of every rule, most urgent first, duplicates removed."""
    actions: list[Action] = []
    seen: set[tuple[str, str, str | None]] = set()
    declined = set(ctx.case.goals.declines)
    for r in ordered_rules():
        for a in r(ctx):
            key = (a.rule, a.action, a.lesion)
            if key in seen:
                continue
            seen.add(key)
            if a.modality in declined:
                a = Action(
                    a.urgency,
                    a.modality,
                    a.action,
                    a.trigger + "; the patient has declined this modality: discuss",
                    a.rule,
                    a.citation,
                    a.lesion,
                )
            actions.append(a)
    return sorted(actions, key=lambda a: URGENCIES.index(a.urgency))


def grouped(actions: list[Action]) -> dict[str, list[Action]]:
    return {u: [a for a in actions if a.urgency == u] for u in URGENCIES}
