"""Tomita score (spinal metastases): primary growth, visceral and bone metastases.

The growth class is the case's own (``primary.tomita_growth``) or, if not stated, the one
Tomita's examples give the primary (``bonemets.patient.primaries``).
"""

from __future__ import annotations

from ...patient import PRIMARIES, Case
from .adapter import Adapted, Adapter, Earlier
from .tokuhashi import NOT_SPINAL


def adapt(case: Case, earlier: Earlier) -> Adapted:
    out = Adapted()
    if not any(les.is_spine for les in case.lesions):
        out.not_applicable["tomita"] = NOT_SPINAL
        return out
    m = case.metastases
    derived = PRIMARIES[case.primary.site].tomita_growth
    stated = case.primary.tomita_growth
    inp = out.run("tomita")
    inp.add(
        "primary_growth",
        stated or derived,
        "primary.tomita_growth" if stated is not None or derived is None else "primary.site",
    )
    if m.visceral == "none":
        inp.add("visceral_mets", "none", "metastases.visceral")
    elif m.visceral_treatable is None:
        inp.lacks("metastases.visceral_treatable")
    else:
        inp.add(
            "visceral_mets",
            "treatable" if m.visceral_treatable else "untreatable",
            "metastases.visceral_treatable",
        )
    inp.add(
        "bone_mets",
        "solitary" if m.bone_total == 1 else "multiple",
        "metastases.extraspinal_bone + metastases.vertebral",
    )
    return out


ADAPTER = Adapter("tomita", adapt)
