"""Mirels score, one run per long-bone lesion (``mirels:<lesion id>``).

Not applicable to an actual fracture (Mirels scores the risk of an impending one). The site is the
bone's Mirels class; a femoral lesion needs its region (peritrochanteric or not).
"""

from __future__ import annotations

from ...patient import Case
from ...patient.model import LONG_BONES
from .adapter import Adapted, Adapter, Earlier, lesion_path


def adapt(case: Case, earlier: Earlier) -> Adapted:
    out = Adapted()
    for i, les in enumerate(case.lesions):
        if not les.is_long_bone:
            continue
        key = f"mirels:{les.id}"
        if les.fracture == "actual":
            out.not_applicable[key] = (
                "actual fracture: Mirels scores the risk of an impending fracture"
            )
            continue
        inp = out.run(key)
        if les.bone == "femur" and les.region is None:
            inp.lacks(
                lesion_path(i, "region") + " (femur: peritrochanteric or not decides the site)"
            )
        else:
            site = "peritrochanteric" if les.region == "peritrochanteric" else LONG_BONES[les.bone]
            inp.add("site", site, f"lesions[{i}].bone/region")
        if les.pain == "none":
            inp.lacks(lesion_path(i, "pain") + " ('none': Mirels has no pain-free option)")
        else:
            inp.add("pain", les.pain, lesion_path(i, "pain"))
        inp.add("lesion", les.lesion, lesion_path(i, "lesion"))
        inp.add("size", les.size, lesion_path(i, "size"))
    return out


ADAPTER = Adapter("mirels", adapt)
