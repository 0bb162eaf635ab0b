"""Pain severity band: the worst pain score, or else the highest pain score of the lesions."""

from __future__ import annotations

from ...patient import Case
from .adapter import Adapted, Adapter, Earlier


def adapt(case: Case, earlier: Earlier) -> Adapted:
    out = Adapted()
    inp = out.run("pain")
    if case.pain.worst_nrs is not None:
        inp.add("nrs", case.pain.worst_nrs, "pain.worst_nrs")
        return out
    scored = [(les.pain_nrs, i) for i, les in enumerate(case.lesions) if les.pain_nrs is not None]
    if scored:
        worst, i = max(scored)
        inp.add("nrs", worst, f"lesions[{i}].pain_nrs (highest of the lesions)")
    else:
        inp.lacks("pain.worst_nrs")
    return out


ADAPTER = Adapter("pain", adapt)
