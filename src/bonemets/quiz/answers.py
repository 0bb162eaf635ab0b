"""The engine bridge: the answer of a calculation or fact item, computed by the engine.

An item's answer comes from exactly one source (see :mod:`bonemets.quiz.models`): written in the
bank, ``calculator`` + ``inputs`` + ``output`` (``bonemets.calculate``), or a ``bonemets.facts``
path. :func:`compute_answer` gives it; :class:`ComputeError` names the field the engine refused.
Used by the checks (:mod:`bonemets.quiz.bank`) and the build (:mod:`bonemets.quiz.build`).
"""

from __future__ import annotations

import math
from typing import Any

from .. import facts
from ..datafile import shown
from ..inputs import InputError
from ..registry import CALCULATORS
from .models import Item

__all__ = [
    "ComputeError",
    "answer_decimals",
    "compute_answer",
    "evaluate",
    "format_number",
    "numeric_answer_text",
]


class ComputeError(Exception):
    """A calculation item the engine cannot answer: which field, and why."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


def _output_at(node: Any, path: str, where: str) -> Any:
    """The value at the dotted ``path`` of a calculation result (raises :class:`ComputeError`)."""
    for part in path.split("."):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            allowed = ", ".join(map(str, node)) if isinstance(node, dict) else "nothing"
            raise ComputeError(
                "output", f"{where} has no {shown(path)} ({shown(part)}); allowed: {allowed}"
            )
    return node


def evaluate(item: Item) -> dict[str, Any] | None:
    """The item's own calculation as ``Result.to_dict()`` (None without a calculator; raises
    :class:`ComputeError`)."""
    if item.calculator is None:
        return None
    if item.calculator not in CALCULATORS:
        raise ComputeError(
            "calculator",
            f"{shown(item.calculator)} is not a calculator; allowed: {', '.join(CALCULATORS)}",
        )
    try:
        return CALCULATORS[item.calculator].evaluate(**(item.inputs or {})).to_dict()
    except InputError as exc:
        first = exc.errors[0]
        raise ComputeError(f"inputs.{first.field}", "; ".join(str(e) for e in exc.errors)) from None


def compute_answer(item: Item, result: dict[str, Any] | None = None) -> Any:
    """The engine's value for a calculation or fact item (raises :class:`ComputeError`); the
    written answer otherwise. ``result``: the item's calculation, if already evaluated."""
    if item.calculator is not None:
        if result is None:
            result = evaluate(item)
        value = _output_at(result or {}, item.output or "", f"the {item.calculator} result")
    elif item.fact is not None:
        try:
            value = facts.resolve(item.fact)
        except KeyError as exc:
            raise ComputeError("fact", str(exc.args[0] if exc.args else exc)) from None
    else:
        return item.answer
    if item.type == "numeric":
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise ComputeError(
                "output" if item.calculator else "fact",
                f"a numeric item needs a number, the engine gives {shown(value)}",
            )
        return float(value)
    key = facts.fmt(value)
    if key not in (item.options or {}):
        raise ComputeError(
            "options",
            f"the engine's answer {shown(key)} is not among the option keys "
            f"({', '.join(item.options or {})})",
        )
    return key


def answer_decimals(item: Item, value: float) -> int:
    """Decimals a numeric answer is shown with: the item's, else from its tolerance."""
    if item.decimals is not None:
        return item.decimals
    tol = item.tolerance or 0.0
    if tol > 0 and math.isfinite(tol):
        return min(6, max(0, -math.floor(math.log10(tol) + 1e-9)))
    return 0 if float(value).is_integer() else 2


def format_number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def numeric_answer_text(item: Item, answer: Any) -> str:
    """A numeric answer as the learner sees it: the item's decimals and unit."""
    unit = f" {item.unit}" if item.unit else ""
    return format_number(float(answer), answer_decimals(item, float(answer))) + unit
