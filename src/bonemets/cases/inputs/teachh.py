"""TEACHH model (life expectancy with palliative radiotherapy): cancer type, ECOG, age, prior
palliative chemotherapy, hospital admissions, liver metastases.

* cancer type: the case primary as TEACHH groups it (breast, prostate, lung with small-cell lung;
  every other site is "other", which TEACHH scores with lung);
* age: completed years of ``patient.age_years``;
* ECOG: ``performance.ecog`` only (no conversion from Karnofsky);
* prior palliative chemotherapy courses: the recorded lines of systemic therapy that include
  chemotherapy (``treatments.systemic``; the case model does not record a line's intent, so
  every such line counts);
* hospital admissions in the last 3 months: ``patient.hospitalisations_3_months``;
* liver metastases: none when ``metastases.visceral`` is none, otherwise read from
  ``metastases.visceral_sites`` (missing when visceral metastases are present but no site is
  named).
"""

from __future__ import annotations

from ...patient import Case
from .adapter import Adapted, Adapter, Earlier

#: Case primary sites TEACHH names (``bonemets.patient.primaries``); every other site is "other".
CANCER_TYPES = {
    "breast": "breast",
    "prostate": "prostate",
    "lung": "lung",
    "small_cell_lung": "lung",
}
#: Words that name the liver in ``metastases.visceral_sites``.
LIVER_WORDS = ("liver", "hepatic")


def cancer_type(site: str) -> str:
    """The case primary site in TEACHH's four cancer types."""
    return CANCER_TYPES.get(site, "other")


def liver_mets(case: Case) -> bool | None:
    """Liver metastases: True or False when the case says, None when it does not."""
    m = case.metastases
    if m.visceral == "none":
        return False
    if not m.visceral_sites:
        return None
    return any(word in site.lower() for site in m.visceral_sites for word in LIVER_WORDS)


def adapt(case: Case, earlier: Earlier) -> Adapted:
    out = Adapted()
    inp = out.run("teachh")
    inp.add("cancer_type", cancer_type(case.primary.site), "primary.site")
    inp.add("ecog", case.performance.ecog, "performance.ecog")
    inp.add("age", int(case.patient.age_years), "patient.age_years")
    courses = sum("chemotherapy" in line.types for line in case.treatments.systemic)
    inp.add(
        "prior_chemotherapy_courses",
        courses,
        "treatments.systemic (lines with chemotherapy)",
    )
    inp.add(
        "hospitalisations_3_months",
        case.patient.hospitalisations_3_months,
        "patient.hospitalisations_3_months",
    )
    source = (
        "metastases.visceral" if case.metastases.visceral == "none" else "metastases.visceral_sites"
    )
    inp.add("liver_mets", liver_mets(case), source)
    return out


ADAPTER = Adapter("teachh", adapt)
