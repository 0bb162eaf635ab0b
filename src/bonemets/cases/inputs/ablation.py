"""Thermal ablation screen, one run per candidate lesion (``ablation:<lesion id>``): a painful
lesion already irradiated, without widespread disease (``pathway.findings.ablation_candidates``)."""

from __future__ import annotations

from ...pathway.findings import ablation_candidates
from ...patient import Case
from .adapter import Adapted, Adapter, Earlier, lesion_path

NOT_A_CANDIDATE = (
    "not a candidate: needs a painful lesion that has already been irradiated, without "
    "widespread disease"
)


def adapt(case: Case, earlier: Earlier) -> Adapted:
    out = Adapted()
    candidates = ablation_candidates(case)
    if not candidates:
        out.not_applicable["ablation"] = NOT_A_CANDIDATE
    co = case.comorbidities
    for les in candidates:
        i = case.lesion_index(les.id)
        inp = out.run(f"ablation:{les.id}")
        inp.add(
            "tolerates_anaesthesia", co.tolerates_anaesthesia, "comorbidities.tolerates_anaesthesia"
        )
        inp.add(
            "uncorrectable_bleeding",
            co.uncorrectable_bleeding,
            "comorbidities.uncorrectable_bleeding",
        )
        inp.add(
            "percutaneous_access", les.percutaneous_access, lesion_path(i, "percutaneous_access")
        )
        inp.add("widespread_metastases", case.metastases.widespread, "metastases.widespread")
        inp.add("active_infection", co.active_infection, "comorbidities.active_infection")
        inp.add(
            "critical_structure_adjacent",
            les.critical_structure_adjacent,
            lesion_path(i, "critical_structure_adjacent"),
        )
        inp.add(
            "distance_to_neural_mm",
            les.distance_to_neural_mm,
            lesion_path(i, "distance_to_neural_mm"),
        )
    return out


ADAPTER = Adapter("ablation", adapt)
