"""Checks that span fields of a case (lesion ids, references, counts, dates, subtypes).

Pydantic checks each field on its own (:mod:`bonemets.patient.model`); these checks read the
whole case, and each problem names the path of the field to fix, e.g.
``(("lesions", 1, "level"), "missing; a spinal lesion needs its level (c1 ... s5)")``.
"""

from __future__ import annotations

import datetime as dt

from .model import LIMB_PAIN, LONG_BONE_ONLY, SPINE_ONLY, SPINE_PAIN, Case, Lesion
from .primaries import SUBTYPES

__all__ = ["FieldPath", "PathProblem", "consistency_problems", "lesion_problems"]

#: Where a problem is: field names and list indexes, from the top of the case.
FieldPath = tuple[str | int, ...]
#: A problem found by a cross-field check: (path of the field to fix, message).
PathProblem = tuple[FieldPath, str]


def lesion_problems(i: int, les: Lesion) -> list[PathProblem]:
    """Problems of lesion ``i``: fields that do not belong to its bone, a missing spinal level."""
    out: list[PathProblem] = []
    at = ("lesions", i)
    if les.is_spine:
        if les.level is None:
            out.append(((*at, "level"), "missing; a spinal lesion needs its level (c1 ... s5)"))
        for name in LONG_BONE_ONLY:
            if getattr(les, name) is not None:
                out.append(((*at, name), "only for long bones (femur, humerus ...), not the spine"))
        if les.pain is not None and les.pain not in SPINE_PAIN:
            out.append(
                (
                    (*at, "pain"),
                    f"{les.pain!r} is not allowed for a spinal lesion; allowed: "
                    + ", ".join(SPINE_PAIN),
                )
            )
    else:
        for name in SPINE_ONLY:
            if getattr(les, name) is not None:
                out.append(((*at, name), f"only for spinal lesions, not the {les.bone}"))
        if les.pain is not None and les.pain not in LIMB_PAIN:
            out.append(
                (
                    (*at, "pain"),
                    f"{les.pain!r} is not allowed for a {les.bone} lesion; allowed: "
                    + ", ".join(LIMB_PAIN),
                )
            )
        if not les.is_long_bone:
            for name in LONG_BONE_ONLY:
                if getattr(les, name) is not None:
                    out.append(((*at, name), f"only for long bones, not the {les.bone}"))
        elif les.region == "peritrochanteric" and les.bone != "femur":
            out.append(((*at, "region"), "peritrochanteric is only for the femur"))
        if les.axial_cortical_involvement_mm is not None and les.bone != "femur":
            out.append(
                ((*at, "axial_cortical_involvement_mm"), "only for the femur (van der Linden 2004)")
            )
    return out


def consistency_problems(case: Case) -> list[PathProblem]:
    """Problems that span fields, each with the path of the field to fix."""
    out: list[PathProblem] = []
    ids: dict[str, int] = {}
    for i, les in enumerate(case.lesions):
        if les.id in ids:
            out.append(
                (
                    ("lesions", i, "id"),
                    f"duplicate lesion id {les.id!r} (also lesions[{ids[les.id]}])",
                )
            )
        ids.setdefault(les.id, i)
        out.extend(lesion_problems(i, les))
    spinal = sum(1 for les in case.lesions if les.is_spine)
    other = len(case.lesions) - spinal
    if spinal > case.metastases.vertebral:
        out.append(
            (
                ("metastases", "vertebral"),
                f"{case.metastases.vertebral} is fewer than the {spinal} spinal lesions listed",
            )
        )
    if other > case.metastases.extraspinal_bone:
        out.append(
            (
                ("metastases", "extraspinal_bone"),
                f"{case.metastases.extraspinal_bone} is fewer than the {other} extraspinal "
                "lesions listed",
            )
        )
    m = case.metastases
    if m.visceral == "none":
        if m.visceral_treatable is not None:
            out.append((("metastases", "visceral_treatable"), "given but visceral is 'none'"))
        if m.visceral_lesions:
            out.append((("metastases", "visceral_lesions"), "must be 0 when visceral is 'none'"))
    site = case.primary.site
    if case.primary.subtype is not None:
        allowed = SUBTYPES.get(site, ())
        if case.primary.subtype not in allowed:
            out.append(
                (
                    ("primary", "subtype"),
                    f"{case.primary.subtype!r} is not a subtype of {site}; allowed: "
                    + (", ".join(allowed) if allowed else "none for this site"),
                )
            )
    if case.patient.sex == "male":
        for name in ("pregnant", "breastfeeding", "pregnant_or_breastfeeding"):
            if getattr(case.patient, name):
                out.append((("patient", name), "true is not possible for a man"))
    t = case.treatments
    referenced: list[tuple[str, list[str]]] = [
        ("radiotherapy", [r.lesion for r in t.radiotherapy]),
        ("surgery", [s.lesion for s in t.surgery]),
    ]
    for key, lesion_ids in referenced:
        for i, lesion_id in enumerate(lesion_ids):
            if lesion_id not in ids:
                out.append(
                    (
                        ("treatments", key, i, "lesion"),
                        f"{lesion_id!r} is not a lesion id; allowed: " + ", ".join(ids),
                    )
                )
    dates: list[tuple[FieldPath, dt.date | None]] = [
        (("labs", "date"), case.labs.date),
        (("primary", "diagnosed"), case.primary.diagnosed),
    ]
    if t.bone_modifying_agent:
        dates.append(
            (
                ("treatments", "bone_modifying_agent", "start_date"),
                t.bone_modifying_agent.start_date,
            )
        )
    if isinstance(t.last_chemotherapy_date, dt.date):
        dates.append((("treatments", "last_chemotherapy_date"), t.last_chemotherapy_date))
    dates += [
        (("treatments", "radiotherapy", i, "date"), r.date) for i, r in enumerate(t.radiotherapy)
    ]
    dates += [(("treatments", "surgery", i, "date"), s.date) for i, s in enumerate(t.surgery)]
    for i, line in enumerate(t.systemic):
        dates.append((("treatments", "systemic", i, "start_date"), line.start_date))
        if line.start_date and line.end_date and line.end_date < line.start_date:
            out.append((("treatments", "systemic", i, "end_date"), "before start_date"))
    for i, line in enumerate(t.systemic):
        if line.current and line.outcome not in (None, "ongoing", "response", "stable"):
            out.append(
                (
                    ("treatments", "systemic", i, "outcome"),
                    f"{line.outcome!r} is for a line that has ended; a current line is "
                    "ongoing, response or stable",
                )
            )
    for path, when in dates:
        if when is not None and when > case.date:
            out.append((path, f"{when.isoformat()} is after the case date {case.date.isoformat()}"))
    return out
