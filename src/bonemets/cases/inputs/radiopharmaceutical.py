"""Bone-seeking radiopharmaceutical screen, for a candidate only (widespread bone metastases with
uncontrolled pain): radium-223 for prostate cancer, otherwise samarium-153."""

from __future__ import annotations

from ...pathway.findings import (
    days_between,
    dominant_lesion_type,
    radiopharmaceutical_candidate,
    untreated_cord_compression,
)
from ...pathway.thresholds import RECENT_CHEMOTHERAPY_DAYS
from ...patient import Case
from .adapter import Adapted, Adapter, Earlier, Inputs, unfixed

NOT_A_CANDIDATE = (
    "not a candidate: needs widespread (metastases.widespread) bone metastases with "
    "uncontrolled pain (pain.uncontrolled)"
)


def _pregnant_or_breastfeeding(case: Case, inp: Inputs) -> None:
    pt = case.patient
    if pt.sex == "male":
        inp.add("pregnant_or_breastfeeding", False, "patient.sex")
        return
    either = (
        True
        if pt.pregnant or pt.breastfeeding
        else False
        if pt.pregnant is False and pt.breastfeeding is False
        else None
    )
    inp.add("pregnant_or_breastfeeding", either, "patient.pregnant, patient.breastfeeding")


def _recent_chemotherapy(case: Case) -> bool | None:
    last = case.treatments.last_chemotherapy_date
    if last is None:
        return None
    if last == "never":
        return False
    return days_between(case.date, last) < RECENT_CHEMOTHERAPY_DAYS


def adapt(case: Case, earlier: Earlier) -> Adapted:
    out = Adapted()
    if not radiopharmaceutical_candidate(case):
        out.not_applicable["radiopharmaceutical"] = NOT_A_CANDIDATE
        return out
    inp = out.run("radiopharmaceutical")
    prostate = case.primary.site == "prostate"
    inp.add(
        "agent",
        "ra223" if prostate else "sm153",
        "primary.site (prostate: radium-223; otherwise samarium-153)",
    )
    inp.add("painful_bone_metastases", case.pain.uncontrolled, "pain.uncontrolled")
    inp.add("positive_bone_scan", case.metastases.bone_scan_uptake, "metastases.bone_scan_uptake")
    inp.add("lesion_type", dominant_lesion_type(case), "lesions[*].lesion")
    inp.add(
        "life_expectancy_months",
        case.prognosis.expected_survival_months,
        "prognosis.expected_survival_months",
    )
    if prostate:
        sub = case.primary.subtype
        inp.add("crpc", None if sub is None else sub == "castration_resistant", "primary.subtype")
    else:
        inp.add("crpc", False, "primary.site (not prostate)")
    inp.add("visceral_mets", case.metastases.visceral != "none", "metastases.visceral")
    inp.add(
        "acute_cord_compression",
        untreated_cord_compression(case),
        "lesions[*].escc_grade and treatments",
    )
    inp.add(
        "fracture_or_impending",
        unfixed(case, "actual") or unfixed(case, "impending"),
        "lesions[*].fracture",
    )
    inp.add("renal_failure", case.comorbidities.renal_failure, "comorbidities.renal_failure")
    _pregnant_or_breastfeeding(case, inp)
    inp.add(
        "chemotherapy_last_6_weeks", _recent_chemotherapy(case), "treatments.last_chemotherapy_date"
    )
    labs = case.labs
    inp.add("platelets", labs.platelets.value if labs.platelets else None, "labs.platelets")
    inp.add("anc", labs.anc.value if labs.anc else None, "labs.anc")
    hb = labs.haemoglobin
    inp.add(
        "haemoglobin",
        hb.g_dl if hb else None,
        "labs.haemoglobin" + (" (converted from g/L)" if hb and hb.unit == "g/L" else ""),
    )
    return out


ADAPTER = Adapter("radiopharmaceutical", adapt)
