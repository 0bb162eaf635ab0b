"""Look up any number or label of the engine by a dotted path, for pages and quizzes.

    >>> from bonemets.facts import resolve, text
    >>> resolve("mirels.bands.high.low")
    9
    >>> text("zoledronic_acid.data.bands.reduced_3_5.dose_mg")
    '3.5'
    >>> text("evidence.vanderlinden2004.outcomes.retreatment.0")
    '24'

The first part is a calculator name (its :meth:`describe` output is walked) or ``evidence`` (then a
trial key, walked through :meth:`Trial.to_dict`). Lists of records are indexed by their ``name``,
``grade``, ``code`` or ``value`` field, or by position. A path that does not resolve raises
:class:`KeyError` naming the part that failed and what was available, so a typo fails the build.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .evidence import trials
from .registry import CALCULATORS

_ID_KEYS = ("name", "grade", "code", "value", "key")


@cache
def _root(head: str) -> Any:
    if head in CALCULATORS:
        return CALCULATORS[head].describe()
    if head == "evidence":
        return {k: t.to_dict() for k, t in trials().items()}
    raise KeyError(
        f"{head!r}: not a calculator or 'evidence'; allowed: "
        + ", ".join([*CALCULATORS, "evidence"])
    )


def _step(node: Any, part: str, where: str) -> Any:
    if isinstance(node, dict):
        if part in node:
            return node[part]
        raise KeyError(f"{where}: no {part!r}; allowed: {', '.join(map(str, node))}")
    if isinstance(node, list | tuple):
        for item in node:
            if isinstance(item, dict) and any(str(item.get(k)) == part for k in _ID_KEYS):
                return item
        if part.isdigit() and int(part) < len(node):
            return node[int(part)]
        ids = [
            str(next((i[k] for k in _ID_KEYS if k in i), "?")) if isinstance(i, dict) else "?"
            for i in node
        ]
        raise KeyError(f"{where}: no {part!r}; allowed: {', '.join(ids)} or 0-{len(node) - 1}")
    raise KeyError(f"{where}: {part!r} goes below a value ({node!r})")


def resolve(path: str) -> Any:
    """The raw value at ``path``."""
    parts = path.strip().split(".")
    node = _root(parts[0])
    for i, part in enumerate(parts[1:], start=1):
        node = _step(node, part, ".".join(parts[:i]))
    return node


def fmt(value: Any) -> str:
    """Text for a value: whole floats without '.0', others as written (no clinical rounding)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    if value is None:
        return "none"
    return str(value)


def text(path: str) -> str:
    """The value at ``path`` as text for a page."""
    return fmt(resolve(path))
