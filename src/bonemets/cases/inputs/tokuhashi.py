"""Revised Tokuhashi score (spinal metastases): performance, metastases, primary, palsy.

The primary is the case primary in Tokuhashi's vocabulary (``bonemets.patient.primaries``).
"""

from __future__ import annotations

from ...patient import PRIMARIES, Case
from .adapter import Adapted, Adapter, Earlier

#: Why the spinal prognostic scores do not apply to a case without a spinal lesion.
NOT_SPINAL = "no spinal metastasis: a score for spinal metastases"


def adapt(case: Case, earlier: Earlier) -> Adapted:
    out = Adapted()
    if not any(les.is_spine for les in case.lesions):
        out.not_applicable["tokuhashi"] = NOT_SPINAL
        return out
    m = case.metastases
    inp = out.run("tokuhashi")
    inp.add("kps", case.performance.kps, "performance.kps")
    inp.add("extraspinal_bone_mets", m.extraspinal_bone, "metastases.extraspinal_bone")
    inp.add("vertebral_mets", m.vertebral, "metastases.vertebral")
    inp.add("visceral_mets", m.visceral, "metastases.visceral")
    inp.add("primary", PRIMARIES[case.primary.site].tokuhashi, "primary.site")
    inp.add("palsy", case.neurology.frankel, "neurology.frankel")
    return out


ADAPTER = Adapter("tokuhashi", adapt)
