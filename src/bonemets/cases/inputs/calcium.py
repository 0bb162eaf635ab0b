"""Corrected calcium: total calcium and albumin, in the calcium's own unit system.

Albumin given in the other unit system is converted exactly (g/dL <-> g/L), and the conversion is
recorded as the source.
"""

from __future__ import annotations

from ...numbers import denoise
from ...patient import Case
from ...patient.model import ALBUMIN_UNIT_SYSTEM, CALCIUM_UNIT_SYSTEM
from .adapter import Adapted, Adapter, Earlier

#: g/L per g/dL: albumin in g/dL times 10 is g/L.
G_L_PER_G_DL = 10.0


def adapt(case: Case, earlier: Earlier) -> Adapted:
    out = Adapted()
    labs = case.labs
    inp = out.run("calcium")
    if labs.calcium is None:
        inp.lacks("labs.calcium")
        if labs.albumin is None:
            inp.lacks("labs.albumin")
        return out
    system = CALCIUM_UNIT_SYSTEM[labs.calcium.unit]
    inp.add("calcium", labs.calcium.value, "labs.calcium")
    inp.add("units", system, "labs.calcium.unit")
    if labs.albumin is None:
        inp.lacks("labs.albumin")
    elif ALBUMIN_UNIT_SYSTEM[labs.albumin.unit] == system:
        inp.add("albumin", labs.albumin.value, "labs.albumin")
    else:
        factor = G_L_PER_G_DL if system == "si" else 1 / G_L_PER_G_DL
        inp.add(
            "albumin",
            denoise(labs.albumin.value * factor),
            f"labs.albumin (converted from {labs.albumin.unit})",
        )
    return out


ADAPTER = Adapter("calcium", adapt)
