"""Modified Bauer score: visceral metastases, primary, solitary bone metastasis.

Run for every case (validated for spinal metastases; a note says so otherwise). This adapter also
notes how the case primary was mapped to the prognostic scores' vocabularies, when the mapping
made a choice (``bonemets.patient.primaries``).
"""

from __future__ import annotations

from ...patient import PRIMARIES, Case
from .adapter import Adapted, Adapter, Earlier

NOT_SPINAL_NOTE = (
    "Modified Bauer is validated for spinal metastases; Bauer 1995 derived it from spinal "
    "and extremity metastases, so it is shown here as a prognostic guide."
)


def adapt(case: Case, earlier: Earlier) -> Adapted:
    out = Adapted()
    m = case.metastases
    primary = PRIMARIES[case.primary.site]
    inp = out.run("bauer")
    inp.add("visceral_mets", m.visceral != "none", "metastases.visceral")
    inp.add("primary", primary.bauer, "primary.site")
    inp.add("solitary", m.bone_total == 1, "metastases.extraspinal_bone + metastases.vertebral")
    if not any(les.is_spine for les in case.lesions):
        out.notes.append(NOT_SPINAL_NOTE)
    if primary.note:
        out.notes.append(f"Primary {case.primary.site}: {primary.note}")
    return out


ADAPTER = Adapter("bauer", adapt)
