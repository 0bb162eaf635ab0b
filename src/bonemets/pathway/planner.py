"""The planner: run every rule in area order, pass each candidate action through the safety
table, merge what answers the same decision, then sort by urgency.

1. Every rule proposes candidate actions (rules area by area, registration order within one).
2. Each candidate passes through :func:`bonemets.pathway.safety.apply`, the one place
   contraindications and interactions are decided: a blocked candidate is not recommended and is
   listed under ``withheld`` with its reason and source; a caution is added to the action's text.
3. At most one action per (modality, lesion, decision) (``Action.key``): candidates answering the
   same decision are merged into the most urgent one (ties: the first), its text followed by what
   the others add, their triggers joined and their rules recorded in ``merged``.
4. A modality the patient has declined (``goals.declines``) is kept, with the trigger saying so:
   the plan shows the option, the team discusses it.

Actions keep the order of the rules within an urgency group (emergencies first, then spine,
fracture, pain, bone-modifying agents, systemic, rehabilitation, supportive care, prognosis).
"""

from __future__ import annotations

from dataclasses import replace

from . import safety
from .rules import AREAS, REGISTRY, URGENCIES, Action, Context, Plan, Rule, Withheld


def ordered_rules() -> list[Rule]:
    """Every registered rule, in area order (registration order within an area)."""
    return sorted(REGISTRY.values(), key=lambda r: AREAS.index(r.area))


def _merge(first: Action, other: Action) -> Action:
    main, extra = (
        (other, first)
        if URGENCIES.index(other.urgency) < URGENCIES.index(first.urgency)
        else (first, other)
    )
    same = extra.action in main.action or extra.action[:40] == main.action[:40]
    text = main.action if same else f"{main.action} {extra.action}"
    trigger = main.trigger if extra.trigger in main.trigger else f"{main.trigger}; {extra.trigger}"
    return replace(
        main,
        action=text,
        trigger=trigger,
        agents=tuple(dict.fromkeys(main.agents + extra.agents)),
        merged=tuple(dict.fromkeys((*main.merged, extra.rule, *extra.merged))),
    )


def build_plan(ctx: Context) -> Plan:
    """Every rule's candidates, through the safety table, merged by decision, by urgency."""
    kept: dict[tuple[str, str | None, str], Action] = {}
    withheld: list[Withheld] = []
    seen: set[tuple[str, str, str | None]] = set()
    declined = set(ctx.case.goals.declines)
    for r in ordered_rules():
        for candidate in r(ctx):
            ident = (candidate.rule, candidate.action, candidate.lesion)
            if ident in seen:
                continue
            seen.add(ident)
            checked = safety.apply(ctx, candidate)
            if isinstance(checked, Withheld):
                withheld.append(checked)
                continue
            a = checked
            if a.modality in declined:
                a = replace(
                    a, trigger=a.trigger + "; the patient has declined this modality: discuss"
                )
            key = a.key
            kept[key] = _merge(kept[key], a) if key in kept else a
    actions = sorted(kept.values(), key=lambda a: URGENCIES.index(a.urgency))
    return Plan(tuple(actions), tuple(withheld))


def plan(ctx: Context) -> list[Action]:
    """The recommended actions only (see :func:`build_plan` for what was withheld)."""
    return list(build_plan(ctx).actions)


def grouped(actions: list[Action]) -> dict[str, list[Action]]:
    return {u: [a for a in actions if a.urgency == u] for u in URGENCIES}
