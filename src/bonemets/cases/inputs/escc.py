"""Bilsky ESCC grade, one run per spinal lesion (``escc:<lesion id>``)."""

from __future__ import annotations

from ...patient import Case
from .adapter import Adapted, Adapter, Earlier, lesion_path


def adapt(case: Case, earlier: Earlier) -> Adapted:
    out = Adapted()
    for i, les in enumerate(case.lesions):
        if les.is_spine:
            out.run(f"escc:{les.id}").add("grade", les.escc_grade, lesion_path(i, "escc_grade"))
    return out


ADAPTER = Adapter("escc", adapt)
