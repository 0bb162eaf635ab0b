"""NOMS decision, one run per spinal lesion (``noms:<lesion id>``).

Reads the lesion's SINS result (so runs after SINS) and the prognostic scores through the surgery
gate (so runs after them): a patient judged fit for surgery whose prognosis closes the gate is
taken as not fit, and the source says why.
"""

from __future__ import annotations

from ...pathway.findings import radiosensitivity, surgery_gate
from ...patient import PRIMARIES, Case, radiosensitivity_of
from ...registry import PROGNOSTIC
from .adapter import Adapted, Adapter, Earlier, lesion_path


def adapt(case: Case, earlier: Earlier) -> Adapted:
    out = Adapted()
    site = case.primary.site
    stated = case.primary.radiosensitivity
    if stated and PRIMARIES[site].noms_key and radiosensitivity_of(site) != stated:
        out.notes.append(
            f"Radiosensitivity stated as {stated}; the NOMS table gives "
            f"{radiosensitivity_of(site)} for {site}. The stated value is used."
        )
    sens, sens_source = radiosensitivity(case)
    gate = surgery_gate(case, dict(earlier.results))
    fit = case.performance.fit_for_surgery
    fit_source = "performance.fit_for_surgery"
    if fit is True and gate.ok is False:
        fit = False
        fit_source = f"performance.fit_for_surgery and prognosis ({gate.reason})"
    for i, les in enumerate(case.lesions):
        if not les.is_spine:
            continue
        inp = out.run(f"noms:{les.id}")
        inp.add("escc_grade", les.escc_grade, lesion_path(i, "escc_grade"))
        inp.add("radiosensitivity", sens, sens_source)
        sins = earlier.results.get(f"sins:{les.id}")
        if sins is None:
            for missing in earlier.not_computed.get(f"sins:{les.id}", []):
                inp.lacks(missing)
        else:
            inp.add("sins", sins.score, f"sins:{les.id}")
        inp.add("fit_for_surgery", fit, fit_source)
    return out


ADAPTER = Adapter("noms", adapt, after=("sins", *PROGNOSTIC))
