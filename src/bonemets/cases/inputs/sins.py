"""SINS, one run per spinal lesion (``sins:<lesion id>``)."""

from __future__ import annotations

from ...patient import Case
from .adapter import Adapted, Adapter, Earlier, lesion_path

#: Lesion fields that are SINS inputs of the same name.
FIELDS = ("pain", "lesion", "alignment", "collapse", "posterolateral")


def adapt(case: Case, earlier: Earlier) -> Adapted:
    out = Adapted()
    for i, les in enumerate(case.lesions):
        if les.is_spine:
            inp = out.run(f"sins:{les.id}")
            inp.add("level", les.level, lesion_path(i, "level"))
            for name in FIELDS:
                inp.add(name, getattr(les, name), lesion_path(i, name))
    return out


ADAPTER = Adapter("sins", adapt)
