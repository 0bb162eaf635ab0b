"""The greedy covering set the browser tests use for a mechanism that is the same everywhere
(issue 14): live mode's controls (``test_live_cases.py``) and a calculator's full walk of its
controls (``test_calculators.py``) run on a set of cases or pages that together have every
feature any of them has. (The phone checks' cover, ``pages.cover``, is another kind: each feature
on its smallest page, checked there for that feature.)"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any


def greedy_cover(features: Mapping[str, frozenset[Any]], cost: Mapping[str, float]) -> list[str]:
    """Items whose features together are every item's features, sorted by name: greedy (most new
    features per cost, then the cheaper, then by name), then every member whose features the
    others hold dropped (the dearest first). An item with a feature no other item has is always
    in it."""
    left: set[Hashable] = set().union(*features.values())
    chosen: list[str] = []
    while left:
        best = min(
            (n for n in features if features[n] & left),
            key=lambda n: (cost[n] / len(features[n] & left), cost[n], n),
        )
        chosen.append(best)
        left -= features[best]
    for n in sorted(chosen, key=lambda n: (-cost[n], n)):
        rest = set().union(*(features[m] for m in chosen if m != n))
        if features[n] <= rest:
            chosen.remove(n)
    return sorted(chosen)
