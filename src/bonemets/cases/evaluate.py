"""Evaluate a case: run every calculator the case has data for, then the pathway.

Each calculator's inputs are taken from named case fields (``inputs_from`` records which); a
calculator missing any input is not run and is listed in ``not_computed`` with the fields it
needs. Nothing is guessed: no default, no conversion between ECOG and Karnofsky, no assumed
creatinine. Conversions that are exact (albumin g/dL <-> g/L, haemoglobin g/L -> g/dL) are made
and recorded.

Per-lesion results are keyed ``<calculator>:<lesion id>`` (``mirels:left_femur``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import NOTICE
from ..inputs import InputError
from ..pathway import Action, Context, Withheld, build_plan, grouped
from ..pathway.findings import (
    FIXATIONS,
    SPINE_SURGERY,
    ablation_candidates,
    days_between,
    dominant_lesion_type,
    radiopharmaceutical_candidate,
    radiosensitivity,
    surgeries,
    surgery_gate,
    untreated_cord_compression,
)
from ..pathway.thresholds import RECENT_CHEMOTHERAPY_DAYS
from ..registry import calculate
from ..result import Result
from ..scores.mirels import MIRELS
from ..scores.sins import SINS
from .models import ALBUMIN_UNIT_SYSTEM, CALCIUM_UNIT_SYSTEM, CREATININE_UNITS, LONG_BONES, Case
from .primaries import PRIMARIES, radiosensitivity_of

__all__ = ["CaseEvaluation", "evaluate_case"]

_MISSING = object()


class _Inputs:
    """Collects one calculator's inputs with the case field each came from."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.sources: dict[str, str] = {}
        self.missing: list[str] = []

    def need(self, name: str, value: Any, source: str) -> None:
        if value is None or value is _MISSING:
            if source not in self.missing:
                self.missing.append(source)
        else:
            self.values[name] = value
            self.sources[name] = source

    def fail(self, source: str) -> None:
        if source not in self.missing:
            self.missing.append(source)


@dataclass
class CaseEvaluation:
    """The evaluation of one case. ``to_dict()`` is exactly ``bonemets evaluate --json``."""

    case: Case
    results: dict[str, Result]
    inputs_from: dict[str, dict[str, str]]
    not_computed: dict[str, list[str]]
    not_applicable: dict[str, str]
    actions: list[Action]
    notes: list[str] = field(default_factory=list)
    #: Candidate actions the safety table blocked, with reason and source.
    withheld: list[Withheld] = field(default_factory=list)

    @property
    def pathway(self) -> dict[str, list[Action]]:
        return grouped(self.actions)

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case.id,
            "title": self.case.teaching.title,
            "date": self.case.date.isoformat(),
            "results": {
                k: {**r.to_dict(), "inputs_from": self.inputs_from.get(k, {})}
                for k, r in self.results.items()
            },
            "not_computed": {k: list(v) for k, v in self.not_computed.items()},
            "not_applicable": dict(self.not_applicable),
            "pathway": {u: [a.to_dict() for a in acts] for u, acts in self.pathway.items()},
            "withheld": [w.to_dict() for w in self.withheld],
            "notes": list(self.notes),
            "notice": NOTICE,
        }


class _Run:
    def __init__(self, case: Case) -> None:
        self.case = case
        self.results: dict[str, Result] = {}
        self.inputs_from: dict[str, dict[str, str]] = {}
        self.not_computed: dict[str, list[str]] = {}
        self.not_applicable: dict[str, str] = {}
        self.notes: list[str] = []

    def run(self, key: str, calculator: str, inp: _Inputs) -> Result | None:
        if inp.missing:
            self.not_computed[key] = inp.missing
            return None
        try:
            result = calculate(calculator, **inp.values)
        except InputError as exc:  # a value the calculator refuses: report it, never guess
            self.not_computed[key] = [
                f"{inp.sources.get(e.field, e.field)}: {e.message}" for e in exc.errors
            ]
            return None
        self.results[key] = result
        self.inputs_from[key] = inp.sources
        return result


def _lesion_path(case: Case, i: int, name: str) -> str:
    return f"lesions[{i}].{name}"


def _labs(run: _Run) -> None:
    case = run.case
    labs = case.labs
    # Corrected calcium, in the calcium's own unit system (albumin converted exactly if needed).
    inp = _Inputs()
    if labs.calcium is not None:
        system = CALCIUM_UNIT_SYSTEM[labs.calcium.unit]
        inp.need("calcium", labs.calcium.value, "labs.calcium")
        inp.need("units", system, "labs.calcium.unit")
        if labs.albumin is not None:
            alb_system = ALBUMIN_UNIT_SYSTEM[labs.albumin.unit]
            if alb_system == system:
                inp.need("albumin", labs.albumin.value, "labs.albumin")
            else:
                factor = 10.0 if system == "si" else 0.1
                inp.need(
                    "albumin",
                    round(labs.albumin.value * factor, 9),
                    f"labs.albumin (converted from {labs.albumin.unit})",
                )
        else:
            inp.need("albumin", None, "labs.albumin")
    else:
        inp.need("calcium", None, "labs.calcium")
        if labs.albumin is None:
            inp.need("albumin", None, "labs.albumin")
    run.run("calcium", "calcium", inp)

    inp = _Inputs()
    inp.need("age", case.patient.age_years, "patient.age_years")
    inp.need("sex", case.patient.sex, "patient.sex")
    inp.need("weight_kg", case.patient.weight_kg, "patient.weight_kg")
    if labs.creatinine is None:
        inp.need("creatinine", None, "labs.creatinine")
    else:
        inp.need("creatinine", labs.creatinine.value, "labs.creatinine")
        inp.need("creatinine_unit", CREATININE_UNITS[labs.creatinine.unit], "labs.creatinine.unit")
    run.run("zoledronic_acid", "zoledronic_acid", inp)

    inp = _Inputs()
    nrs = case.pain.worst_nrs
    if nrs is not None:
        inp.need("nrs", nrs, "pain.worst_nrs")
    else:
        scored = [
            (les.pain_nrs, i) for i, les in enumerate(case.lesions) if les.pain_nrs is not None
        ]
        if scored:
            worst, i = max(scored)
            inp.need("nrs", worst, f"lesions[{i}].pain_nrs (highest of the lesions)")
        else:
            inp.need("nrs", None, "pain.worst_nrs")
    run.run("pain", "pain", inp)


def _mirels_site(case: Case, i: int, inp: _Inputs) -> None:
    les = case.lesions[i]
    if les.bone == "femur" and les.region is None:
        inp.fail(
            _lesion_path(case, i, "region") + " (femur: peritrochanteric or not decides the site)"
        )
        return
    site = "peritrochanteric" if les.region == "peritrochanteric" else LONG_BONES[les.bone]
    inp.need("site", site, f"lesions[{i}].bone/region")


def _lesions(run: _Run) -> None:
    case = run.case
    for i, les in enumerate(case.lesions):
        if les.is_long_bone and les.fracture == "actual":
            run.not_applicable[f"mirels:{les.id}"] = (
                "actual fracture: Mirels scores the risk of an impending fracture"
            )
        elif les.is_long_bone:
            inp = _Inputs()
            _mirels_site(case, i, inp)
            if les.pain == "none":
                inp.fail(
                    _lesion_path(case, i, "pain") + " ('none': Mirels has no pain-free option)"
                )
            else:
                inp.need("pain", les.pain, _lesion_path(case, i, "pain"))
            inp.need("lesion", les.lesion, _lesion_path(case, i, "lesion"))
            inp.need("size", les.size, _lesion_path(case, i, "size"))
            run.run(f"mirels:{les.id}", "mirels", inp)
        if les.is_spine:
            inp = _Inputs()
            inp.need("level", les.level, _lesion_path(case, i, "level"))
            for name in ("pain", "lesion", "alignment", "collapse", "posterolateral"):
                inp.need(name, getattr(les, name), _lesion_path(case, i, name))
            run.run(f"sins:{les.id}", "sins", inp)
            inp = _Inputs()
            inp.need("grade", les.escc_grade, _lesion_path(case, i, "escc_grade"))
            run.run(f"escc:{les.id}", "escc", inp)


def _prognosis(run: _Run) -> None:
    case = run.case
    pm = PRIMARIES[case.primary.site]
    m = case.metastases
    spinal = any(les.is_spine for les in case.lesions)
    if spinal:
        inp = _Inputs()
        inp.need("kps", case.performance.kps, "performance.kps")
        inp.need("extraspinal_bone_mets", m.extraspinal_bone, "metastases.extraspinal_bone")
        inp.need("vertebral_mets", m.vertebral, "metastases.vertebral")
        inp.need("visceral_mets", m.visceral, "metastases.visceral")
        inp.need("primary", pm.tokuhashi, "primary.site")
        inp.need("palsy", case.neurology.frankel, "neurology.frankel")
        run.run("tokuhashi", "tokuhashi", inp)

        inp = _Inputs()
        growth = case.primary.tomita_growth or pm.tomita_growth
        stated = case.primary.tomita_growth is not None or pm.tomita_growth is None
        inp.need("primary_growth", growth, "primary.tomita_growth" if stated else "primary.site")
        if m.visceral == "none":
            inp.need("visceral_mets", "none", "metastases.visceral")
        elif m.visceral_treatable is None:
            inp.need("visceral_mets", None, "metastases.visceral_treatable")
        else:
            inp.need(
                "visceral_mets",
                "treatable" if m.visceral_treatable else "untreatable",
                "metastases.visceral_treatable",
            )
        inp.need(
            "bone_mets",
            "solitary" if m.bone_total == 1 else "multiple",
            "metastases.extraspinal_bone + metastases.vertebral",
        )
        run.run("tomita", "tomita", inp)
    else:
        reason = "no spinal metastasis: a score for spinal metastases"
        run.not_applicable["tokuhashi"] = reason
        run.not_applicable["tomita"] = reason
    inp = _Inputs()
    inp.need("visceral_mets", m.visceral != "none", "metastases.visceral")
    inp.need("primary", pm.bauer, "primary.site")
    inp.need("solitary", m.bone_total == 1, "metastases.extraspinal_bone + metastases.vertebral")
    run.run("bauer", "bauer", inp)
    if not spinal:
        run.notes.append(
            "Modified Bauer is validated for spinal metastases; Bauer 1995 derived it from spinal "
            "and extremity metastases, so it is shown here as a prognostic guide."
        )
    if pm.note:
        run.notes.append(f"Primary {case.primary.site}: {pm.note}")


def _noms(run: _Run) -> None:
    case = run.case
    sens, sens_source = radiosensitivity(case)
    derived = PRIMARIES[case.primary.site].noms_key
    if case.primary.radiosensitivity and derived:
        if radiosensitivity_of(case.primary.site) != case.primary.radiosensitivity:
            run.notes.append(
                f"Radiosensitivity stated as {case.primary.radiosensitivity}; the NOMS table "
                f"gives {radiosensitivity_of(case.primary.site)} for {case.primary.site}. The "
                "stated value is used."
            )
    gate = surgery_gate(case, run.results)
    fit = case.performance.fit_for_surgery
    fit_source = "performance.fit_for_surgery"
    if fit is True and gate.ok is False:
        fit = False
        fit_source = f"performance.fit_for_surgery and prognosis ({gate.reason})"
    for i, les in enumerate(case.lesions):
        if not les.is_spine:
            continue
        inp = _Inputs()
        inp.need("escc_grade", les.escc_grade, _lesion_path(case, i, "escc_grade"))
        inp.need("radiosensitivity", sens, sens_source)
        sins = run.results.get(f"sins:{les.id}")
        if sins is None:
            for missing in run.not_computed.get(f"sins:{les.id}", []):
                inp.fail(missing)
        else:
            inp.need("sins", sins.score, f"sins:{les.id}")
        inp.need("fit_for_surgery", fit, fit_source)
        run.run(f"noms:{les.id}", "noms", inp)


def _rt_courses(run: _Run) -> None:
    case = run.case
    for i, course in enumerate(case.treatments.radiotherapy):
        key = f"eqd2:{course.lesion}"
        n = 2
        while key in run.results:
            key = f"eqd2:{course.lesion}:{n}"
            n += 1
        inp = _Inputs()
        inp.need("fractions", course.fractions, f"treatments.radiotherapy[{i}].fractions")
        inp.need(
            "dose_per_fraction_gy",
            round(course.dose_gy / course.fractions, 9),
            f"treatments.radiotherapy[{i}].dose_gy / fractions",
        )
        run.run(key, "eqd2", inp)


def _worst_band(
    run: _Run, calculator: str, bands: tuple[Any, ...], lesions: list[int]
) -> tuple[Any, list[str]]:
    order = [b.name for b in bands]
    worst = None
    missing: list[str] = []
    for i in lesions:
        les = run.case.lesions[i]
        r = run.results.get(f"{calculator}:{les.id}")
        if r is None and f"{calculator}:{les.id}" in run.not_applicable:
            continue
        if r is None:
            missing += run.not_computed.get(f"{calculator}:{les.id}", [f"{calculator}:{les.id}"])
        elif worst is None or order.index(r.band) > order.index(worst):  # type: ignore[arg-type]
            worst = r.band
    return worst, missing


def _unfixed(case: Case, kind: str) -> bool:
    return any(
        les.fracture == kind and not surgeries(case, les, FIXATIONS + SPINE_SURGERY)
        for les in case.lesions
    )


def _screens(run: _Run) -> None:
    case = run.case
    cord = untreated_cord_compression(case)
    cord_src = "lesions[*].escc_grade and treatments"
    ca = run.results.get("calcium")

    inp = _Inputs()
    inp.need("untreated_cord_compression", cord, cord_src)
    inp.need(
        "acute_pathologic_fracture",
        _unfixed(case, "actual"),
        "lesions[*].fracture and treatments.surgery",
    )
    inp.need(
        "severe_hypercalcaemia",
        None if ca is None else ca.band == "severe",
        "calcium (labs.calcium, labs.albumin)",
    )
    inp.need(
        "impending_fracture_unstabilised",
        _unfixed(case, "impending"),
        "lesions[*].fracture and treatments.surgery",
    )
    inp.need("uncontrolled_pain", case.pain.uncontrolled, "pain.uncontrolled")
    inp.need(
        "platelets", case.labs.platelets.value if case.labs.platelets else None, "labs.platelets"
    )
    inp.need(
        "expected_survival_months",
        case.prognosis.expected_survival_months,
        "prognosis.expected_survival_months",
    )
    spinal = [i for i, les in enumerate(case.lesions) if les.is_spine]
    long_ = [i for i, les in enumerate(case.lesions) if les.is_long_bone]
    sins_band, miss = _worst_band(run, "sins", SINS.bands, spinal)
    if miss:
        for m in miss:
            inp.fail(m)
    else:
        inp.need("sins_band", sins_band or "no_spinal_lesion", "sins (worst spinal lesion)")
    mir_band, miss = _worst_band(run, "mirels", MIRELS.bands, long_)
    if miss:
        for m in miss:
            inp.fail(m)
    else:
        inp.need(
            "mirels_band", mir_band or "no_long_bone_lesion", "mirels (worst long-bone lesion)"
        )
    run.run("exercise", "exercise", inp)

    if radiopharmaceutical_candidate(case):
        inp = _Inputs()
        prostate = case.primary.site == "prostate"
        inp.need(
            "agent",
            "ra223" if prostate else "sm153",
            "primary.site (prostate: radium-223; otherwise samarium-153)",
        )
        inp.need("painful_bone_metastases", case.pain.uncontrolled, "pain.uncontrolled")
        inp.need(
            "positive_bone_scan", case.metastases.bone_scan_uptake, "metastases.bone_scan_uptake"
        )
        inp.need("lesion_type", dominant_lesion_type(case), "lesions[*].lesion")
        inp.need(
            "life_expectancy_months",
            case.prognosis.expected_survival_months,
            "prognosis.expected_survival_months",
        )
        if prostate:
            sub = case.primary.subtype
            inp.need(
                "crpc", None if sub is None else sub == "castration_resistant", "primary.subtype"
            )
        else:
            inp.need("crpc", False, "primary.site (not prostate)")
        inp.need("visceral_mets", case.metastases.visceral != "none", "metastases.visceral")
        inp.need("acute_cord_compression", cord, cord_src)
        inp.need(
            "fracture_or_impending",
            _unfixed(case, "actual") or _unfixed(case, "impending"),
            "lesions[*].fracture",
        )
        inp.need("renal_failure", case.comorbidities.renal_failure, "comorbidities.renal_failure")
        if case.patient.sex == "male":
            inp.need("pregnant_or_breastfeeding", False, "patient.sex")
        else:
            pt = case.patient
            either = (
                True
                if pt.pregnant or pt.breastfeeding
                else False
                if pt.pregnant is False and pt.breastfeeding is False
                else None
            )
            inp.need("pregnant_or_breastfeeding", either, "patient.pregnant, patient.breastfeeding")
        last = case.treatments.last_chemotherapy_date
        recent = (
            None
            if last is None
            else False
            if last == "never"
            else days_between(case.date, last) < RECENT_CHEMOTHERAPY_DAYS  # type: ignore[arg-type]
        )
        inp.need("chemotherapy_last_6_weeks", recent, "treatments.last_chemotherapy_date")
        labs = case.labs
        inp.need("platelets", labs.platelets.value if labs.platelets else None, "labs.platelets")
        inp.need("anc", labs.anc.value if labs.anc else None, "labs.anc")
        inp.need(
            "haemoglobin",
            labs.haemoglobin.g_dl if labs.haemoglobin else None,
            "labs.haemoglobin"
            + (
                " (converted from g/L)"
                if labs.haemoglobin and labs.haemoglobin.unit == "g/L"
                else ""
            ),
        )
        run.run("radiopharmaceutical", "radiopharmaceutical", inp)
    else:
        run.not_applicable["radiopharmaceutical"] = (
            "not a candidate: needs widespread (metastases.widespread) bone metastases with "
            "uncontrolled pain (pain.uncontrolled)"
        )

    candidates = ablation_candidates(case)
    for les in candidates:
        i = case.lesion_index(les.id)
        co = case.comorbidities
        inp = _Inputs()
        inp.need(
            "tolerates_anaesthesia", co.tolerates_anaesthesia, "comorbidities.tolerates_anaesthesia"
        )
        inp.need(
            "uncorrectable_bleeding",
            co.uncorrectable_bleeding,
            "comorbidities.uncorrectable_bleeding",
        )
        inp.need(
            "percutaneous_access",
            les.percutaneous_access,
            _lesion_path(case, i, "percutaneous_access"),
        )
        inp.need("widespread_metastases", case.metastases.widespread, "metastases.widespread")
        inp.need("active_infection", co.active_infection, "comorbidities.active_infection")
        inp.need(
            "critical_structure_adjacent",
            les.critical_structure_adjacent,
            _lesion_path(case, i, "critical_structure_adjacent"),
        )
        inp.need(
            "distance_to_neural_mm",
            les.distance_to_neural_mm,
            _lesion_path(case, i, "distance_to_neural_mm"),
        )
        run.run(f"ablation:{les.id}", "ablation", inp)
    if not candidates:
        run.not_applicable["ablation"] = (
            "not a candidate: needs a painful lesion that has already been irradiated, without "
            "widespread disease"
        )


def evaluate_case(case: Case) -> CaseEvaluation:
    """Every calculator the case has data for, and the pathway. Never raises for a valid case."""
    run = _Run(case)
    _labs(run)
    _lesions(run)
    _prognosis(run)
    _noms(run)
    _rt_courses(run)
    _screens(run)
    ctx = Context(case, run.results, run.not_computed)
    planned = build_plan(ctx)
    return CaseEvaluation(
        case=case,
        results=run.results,
        inputs_from=run.inputs_from,
        not_computed=run.not_computed,
        not_applicable=run.not_applicable,
        actions=list(planned.actions),
        notes=run.notes,
        withheld=list(planned.withheld),
    )
