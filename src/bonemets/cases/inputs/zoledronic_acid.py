"""Zoledronic acid dose for renal function: age, sex, weight and serum creatinine."""

from __future__ import annotations

from ...patient import Case
from ...patient.model import CREATININE_UNITS
from .adapter import Adapted, Adapter, Earlier


def adapt(case: Case, earlier: Earlier) -> Adapted:
    out = Adapted()
    inp = out.run("zoledronic_acid")
    inp.add("age", case.patient.age_years, "patient.age_years")
    inp.add("sex", case.patient.sex, "patient.sex")
    inp.add("weight_kg", case.patient.weight_kg, "patient.weight_kg")
    creatinine = case.labs.creatinine
    if creatinine is None:
        inp.lacks("labs.creatinine")
    else:
        inp.add("creatinine", creatinine.value, "labs.creatinine")
        inp.add("creatinine_unit", CREATININE_UNITS[creatinine.unit], "labs.creatinine.unit")
    return out


ADAPTER = Adapter("zoledronic_acid", adapt)
