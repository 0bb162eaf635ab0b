"""What would change it? Edit one finding of a case at a time, re-evaluate, and compare.

The case simulator (``widgets.simulator``) and the case notebooks show these rows; they are pure
functions of the case and the engine::

    from bonemets.cases.whatif import what_if
    for row in what_if(case, [(("lesions", 0, "size"), ["lt_1_3", "1_3_to_2_3", "gt_2_3"])]):
        print(row.path, row.value, row.effect, row.outcome)

An edit the case model refuses is left out. "Changes the pathway" means an action was added or
removed, where an action is the same action when its urgency, rule, lesion and text are the same
(:func:`action_key`; finer than the planner's ``Action.key``, which merges the actions that answer
one decision).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..inputs import InputError
from ..pathway import Action
from ..pathway.rules import URGENCIES
from ..patient import Case, FieldPath
from .evaluate import CaseEvaluation, evaluate_case
from .io import CaseError, Problem, parse_case

__all__ = [
    "URGENCIES",
    "WhatIf",
    "action_key",
    "build_case_data",
    "evaluate_data",
    "get_path",
    "parse_path",
    "parse_value",
    "what_if",
]

#: The effect of one edit, from none to most.
CURRENT, SAME, BAND, PATHWAY = (
    "current value",
    "same outcome",
    "changes the band",
    "changes the pathway",
)


_PART = re.compile(r"([a-z_][a-z0-9_]*)((?:\[\d+\])*)")


def parse_path(text: str) -> FieldPath:
    """``lesions[0].size`` -> ``("lesions", 0, "size")`` (the way problems name a field).

    Raises :class:`ValueError` for anything else."""
    out: list[str | int] = []
    for part in text.strip().split("."):
        m = _PART.fullmatch(part)
        if m is None:
            raise ValueError(f"{text!r} is not a case field path; e.g. lesions[0].size")
        out.append(m.group(1))
        out += [int(i) for i in re.findall(r"\[(\d+)\]", m.group(2))]
    return tuple(out)


def parse_value(text: str) -> Any:
    """A value typed on the command line: ``true``/``false``, a number, or a word as given
    (the case model then accepts or refuses it, with its own message)."""
    t = text.strip()
    if t.lower() in ("true", "false"):
        return t.lower() == "true"
    if re.fullmatch(r"-?\d+", t):
        return int(t)
    if re.fullmatch(r"-?\d+\.\d*", t):
        return float(t)
    return t


def get_path(data: Any, path: FieldPath) -> Any:
    """The value at ``path`` in case data (``None`` under an absent parent)."""
    for part in path:
        if data is None:
            return None
        data = data[part]
    return data


def _set_path(data: dict[str, Any], path: FieldPath, value: Any) -> list[FieldPath]:
    """Set ``value`` at ``path``, creating absent parents; returns the parents created."""
    created: list[FieldPath] = []
    node: Any = data
    for i, part in enumerate(path[:-1]):
        if node[part] is None:
            node[part] = {}
            created.append(path[: i + 1])
        node = node[part]
    node[path[-1]] = value
    return created


def build_case_data(base: dict[str, Any], edits: dict[FieldPath, Any]) -> dict[str, Any]:
    """``base`` (a ``Case.model_dump()``) with ``edits`` applied; parents created for an edit and
    left all-empty again are removed (an optional lab with neither value nor unit)."""
    data = copy.deepcopy(base)
    created: list[FieldPath] = []
    for path, value in edits.items():
        created += _set_path(data, path, value)
    for parent in sorted(set(created), key=len, reverse=True):
        node = get_path(data, parent)
        if isinstance(node, dict) and all(v is None for v in node.values()):
            _set_path(data, parent, None)
    return data


def evaluate_data(
    data: dict[str, Any], source: str
) -> tuple[Case | None, CaseEvaluation | None, list[Problem]]:
    """``(case, evaluation, problems)``: problems are the case model's or the engine's."""
    try:
        case = parse_case(data, source=source)
    except CaseError as exc:
        return None, None, list(exc.problems)
    try:
        evaluation = evaluate_case(case)
    except InputError as exc:
        return case, None, [Problem(source, e.field, None, e.message) for e in exc.errors]
    except Exception as exc:  # a reader must never see a traceback; the tests must, so it is named
        message = f"the engine could not evaluate this edit ({type(exc).__name__}: {exc})"
        return case, None, [Problem(source, "(case)", None, message)]
    return case, evaluation, []


def action_key(a: Action) -> tuple[str, str, str | None, str]:
    """What makes two pathway actions the same action (for marking what changed)."""
    return (a.urgency, a.rule, a.lesion, a.action)


@dataclass(frozen=True)
class WhatIf:
    """One edit (``value`` at ``path``) and its effect: ``current value``, ``same outcome``,
    ``changes the band`` or ``changes the pathway``; ``outcome`` says what moved."""

    path: FieldPath
    value: Any
    effect: str
    outcome: str


def what_if(case: Case, variations: Iterable[tuple[FieldPath, Sequence[Any]]]) -> list[WhatIf]:
    """For each ``(path, values)`` and each value: does changing only that finding change a band,
    or the pathway? Values the case model refuses are left out."""
    base = case.model_dump()
    original = evaluate_case(case)
    bands = {k: r.band for k, r in original.results.items()}
    labels = {k: r.band_label for k, r in original.results.items()}
    actions = {action_key(a) for a in original.actions}
    rows: list[WhatIf] = []
    for path, values in variations:
        current = get_path(base, path)
        for value in values:
            if value == current:
                rows.append(WhatIf(path, value, CURRENT, "as in the case"))
                continue
            edited, ev, problems = evaluate_data(build_case_data(base, {path: value}), case.id)
            if problems or ev is None or edited is None:
                continue
            if get_path(edited.model_dump(), path) == current:  # "T8" is t8: the same value
                rows.append(WhatIf(path, value, CURRENT, "as in the case"))
                continue
            moved = [
                f"{k} {labels.get(k) or 'not computed'} -> {r.band_label or r.band}"
                for k, r in ev.results.items()
                if bands.get(k) != r.band
            ] + [f"{k} no longer computed" for k in bands if k not in ev.results]
            new_actions = {action_key(a) for a in ev.actions}
            gained, lost = len(new_actions - actions), len(actions - new_actions)
            if gained or lost:
                outcome = f"pathway: +{gained} / -{lost} actions" + (
                    "; " + ", ".join(moved) if moved else ""
                )
                rows.append(WhatIf(path, value, PATHWAY, outcome))
            elif moved:
                rows.append(WhatIf(path, value, BAND, ", ".join(moved)))
            else:
                rows.append(WhatIf(path, value, SAME, "no change"))
    return rows
