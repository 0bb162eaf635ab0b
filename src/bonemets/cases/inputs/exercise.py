"""Exercise safety screen: emergencies, hypercalcaemia, fractures, pain, platelets, survival,
and the worst SINS and Mirels bands (so runs after calcium, SINS and Mirels)."""

from __future__ import annotations

from ...pathway.findings import untreated_cord_compression
from ...patient import Case
from ...scores.mirels import MIRELS
from ...scores.sins import SINS
from ...tables import Band
from .adapter import Adapted, Adapter, Earlier, Inputs, unfixed

FRACTURE_SOURCE = "lesions[*].fracture and treatments.surgery"


def _worst_band(
    case: Case, earlier: Earlier, calculator: str, bands: tuple[Band, ...], spine: bool
) -> tuple[str | None, list[str]]:
    """The highest band of ``calculator`` over the spinal (or long-bone) lesions, and the
    fields still missing for lesions not scored; lesions it does not apply to are left out."""
    order = [b.name for b in bands]
    worst: str | None = None
    missing: list[str] = []
    for les in case.lesions:
        if not (les.is_spine if spine else les.is_long_bone):
            continue
        key = f"{calculator}:{les.id}"
        r = earlier.results.get(key)
        if r is None and key in earlier.not_applicable:
            continue
        if r is None:
            missing += earlier.not_computed.get(key, [key])
        elif r.band is not None and (worst is None or order.index(r.band) > order.index(worst)):
            worst = r.band
    return worst, missing


def _band(inp: Inputs, name: str, found: tuple[str | None, list[str]], none: str, src: str) -> None:
    worst, missing = found
    for m in missing:
        inp.lacks(m)
    if not missing:
        inp.add(name, worst or none, src)


def adapt(case: Case, earlier: Earlier) -> Adapted:
    out = Adapted()
    ca = earlier.results.get("calcium")
    platelets = case.labs.platelets
    inp = out.run("exercise")
    inp.add(
        "untreated_cord_compression",
        untreated_cord_compression(case),
        "lesions[*].escc_grade and treatments",
    )
    inp.add("acute_pathologic_fracture", unfixed(case, "actual"), FRACTURE_SOURCE)
    inp.add(
        "severe_hypercalcaemia",
        None if ca is None else ca.band == "severe",
        "calcium (labs.calcium, labs.albumin)",
    )
    inp.add("impending_fracture_unstabilised", unfixed(case, "impending"), FRACTURE_SOURCE)
    inp.add("uncontrolled_pain", case.pain.uncontrolled, "pain.uncontrolled")
    inp.add("platelets", platelets.value if platelets else None, "labs.platelets")
    inp.add(
        "expected_survival_months",
        case.prognosis.expected_survival_months,
        "prognosis.expected_survival_months",
    )
    _band(
        inp,
        "sins_band",
        _worst_band(case, earlier, "sins", SINS.bands, spine=True),
        "no_spinal_lesion",
        "sins (worst spinal lesion)",
    )
    _band(
        inp,
        "mirels_band",
        _worst_band(case, earlier, "mirels", MIRELS.bands, spine=False),
        "no_long_bone_lesion",
        "mirels (worst long-bone lesion)",
    )
    return out


ADAPTER = Adapter("exercise", adapt, after=("calcium", "sins", "mirels"))
