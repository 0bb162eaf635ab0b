"""Helpers for the pathway tests: library cases with small, named changes.

(A module of its own, not ``conftest.py``: the tests import it by a name no other test folder uses.)
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

from bonemets.cases import evaluate_case, load_yaml, parse_case
from bonemets.cases.evaluate import CaseEvaluation
from bonemets.pathway import RULES, Context

CASES = Path(__file__).resolve().parents[2] / "cases" / "data"
DELETE = object()


@cache
def _base(name: str) -> Any:
    return load_yaml(CASES / f"{name}.yaml").data


def _set(data: Any, path: str, value: Any) -> None:
    parts: list[Any] = [int(p) if p.isdigit() else p for p in path.split(".")]
    node = data
    for p in parts[:-1]:
        node = node[p]
    if value is DELETE:
        del node[parts[-1]]
    else:
        node[parts[-1]] = value


def variant(name: str, changes: dict[str, Any] | None = None) -> CaseEvaluation:
    """Evaluate library case ``name`` with dotted-path ``changes`` applied."""
    data = copy.deepcopy(_base(name))
    for path, value in (changes or {}).items():
        _set(data, path, value)
    return evaluate_case(parse_case(data, source=f"{name}+{changes}"))


def fired(ev: CaseEvaluation, rule: str) -> list[Any]:
    """The rule's own candidate actions for this case (before the safety table and merging:
    ``tests/pathway/test_pathway_safety.py`` tests those)."""
    return RULES[rule](Context(ev.case, ev.results, ev.not_computed))


def planned(ev: CaseEvaluation, rule: str) -> list[Any]:
    """The plan's actions from ``rule`` (its own, or merged into another rule's action)."""
    return [a for a in ev.actions if a.rule == rule or rule in a.merged]


def check(rule: str, name: str, changes: dict[str, Any], expect: bool | str) -> None:
    """``expect``: False (does not fire), True (fires), "withheld" (proposed, then blocked by
    the safety table: listed as withheld, not in the plan) or an urgency/text that must appear."""
    ev = variant(name, changes)
    acts = fired(ev, rule)
    if expect == "withheld":
        assert acts, f"{rule} did not propose anything for {name} {changes}"
        assert not planned(ev, rule), f"{rule} is in the plan for {name} {changes}"
        assert any(w.action.rule == rule for w in ev.withheld), ev.withheld
        return
    if expect is False:
        assert not acts, f"{rule} fired for {name} {changes}: {acts}"
        return
    assert acts, f"{rule} did not fire for {name} {changes}"
    if isinstance(expect, str):
        if expect in ("emergency", "urgent", "planned"):
            assert {a.urgency for a in acts} == {expect}, acts
        else:
            assert any(expect in a.action or expect in a.trigger for a in acts), acts
