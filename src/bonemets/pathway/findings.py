"""Findings derived from a case, shared by the rules and the evaluation (each defined once).

None of these guesses: a finding that depends on an unknown value returns ``None`` (unknown),
and the callers say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..formulas.pain import PAIN_BANDS
from ..patient import PRIMARIES, Case, Lesion, radiosensitivity_of
from ..registry import PROGNOSTIC
from ..result import Result
from ..scores.bauer import BAUER
from ..scores.escc import band_of
from ..scores.mirels import MIRELS
from ..scores.tokuhashi import TOKUHASHI
from ..scores.tomita import TOMITA
from .rules import Context
from .thresholds import (
    AXIAL_CORTICAL_FIXATION_ABOVE_MM,
    GOOD_PROGNOSIS_MONTHS,
    OLIGOMETASTATIC_MAX_LESIONS,
    PATCHELL_EXCLUDED_PRIMARIES,
    PATCHELL_MAX_PARAPLEGIA_HOURS,
    SURGERY_MIN_SURVIVAL_MONTHS,
)

FIXATIONS = ("prophylactic_fixation", "fracture_fixation", "stabilization")
SPINE_SURGERY = ("decompression", "stabilization")
#: The score bands whose own recommendation is "no surgery".
NO_SURGERY_BANDS = {
    "tomita": TOMITA.bands[-1].name,  # terminal care: non-operative supportive care
    "bauer": BAUER.bands[0].name,  # supportive care, no surgery
}
FRANKEL_DEFICIT = ("a", "b", "c", "d")


def surgeries(case: Case, lesion: Lesion, procedures: tuple[str, ...]) -> list[dt.date]:
    return [
        s.date
        for s in case.treatments.surgery
        if s.lesion == lesion.id and s.procedure in procedures
    ]


def fixed(case: Case, lesion: Lesion) -> bool:
    """The lesion's bone has been fixed or stabilised already."""
    return bool(surgeries(case, lesion, FIXATIONS + SPINE_SURGERY))


def irradiated(case: Case, lesion: Lesion, after: dt.date | None = None) -> list[dt.date]:
    return [
        r.date
        for r in case.treatments.radiotherapy
        if r.lesion == lesion.id and (after is None or r.date >= after)
    ]


def neuro_deficit(case: Case) -> str | None:
    """Text of the neurological deficit, if any (Frankel A-D or bladder/bowel dysfunction)."""
    parts = []
    n = case.neurology
    if n.frankel in FRANKEL_DEFICIT:
        parts.append(f"Frankel {n.frankel.upper()}")
    if n.bladder_bowel_dysfunction:
        parts.append("bladder/bowel dysfunction")
    return ", ".join(parts) or None


def high_grade_escc(case: Case) -> list[Lesion]:
    """Spinal lesions with the cord compressed (Bilsky ESCC 2 or 3)."""
    return [
        les
        for les in case.lesions
        if les.is_spine and les.escc_grade is not None and band_of(les.escc_grade) == "high"
    ]


def untreated_cord_compression(case: Case) -> bool | None:
    """Cord compression not yet treated; ``None`` if a spinal lesion has no ESCC grade."""
    spinal = [les for les in case.lesions if les.is_spine]
    if any(les.escc_grade is None for les in spinal):
        return None
    return any(
        not irradiated(case, les) and not surgeries(case, les, SPINE_SURGERY)
        for les in high_grade_escc(case)
    )


def radiosensitivity(case: Case) -> tuple[str | None, str]:
    """(sensitive | resistant | None, where it came from)."""
    if case.primary.radiosensitivity is not None:
        return case.primary.radiosensitivity, "primary.radiosensitivity"
    derived = radiosensitivity_of(case.primary.site)
    return derived, "primary.site (NOMS table)" if derived else "primary.radiosensitivity"


def oligometastatic(case: Case) -> bool | None:
    m = case.metastases
    if m.brain:
        return False
    if m.visceral != "none" and m.visceral_lesions is None:
        return None
    return m.bone_total + (m.visceral_lesions or 0) <= OLIGOMETASTATIC_MAX_LESIONS


@dataclass(frozen=True)
class Gate:
    """Whether prognosis supports an option: ``ok`` True, False or None (unknown), and why."""

    ok: bool | None
    reason: str


def surgery_gate(case: Case, results: dict[str, Result]) -> Gate:
    """Prognosis gate for surgery (Patchell 2005: expected survival >= 3 months).

    The stated expected survival decides when known; otherwise the prognostic scores
    (``bonemets.registry.PROGNOSTIC``) do: a Tomita or modified Bauer band whose own
    recommendation is "no surgery" closes the gate, any other computed score opens it. With
    neither, the gate is unknown.
    """
    months = case.prognosis.expected_survival_months
    if months is not None:
        if months >= SURGERY_MIN_SURVIVAL_MONTHS:
            return Gate(
                True, f"expected survival {months:g} months (>= {SURGERY_MIN_SURVIVAL_MONTHS:g})"
            )
        return Gate(
            False, f"expected survival {months:g} months (< {SURGERY_MIN_SURVIVAL_MONTHS:g})"
        )
    against = [
        f"{results[k].title.split(' (')[0]} {results[k].score} ({results[k].band_label})"
        for k, band in NO_SURGERY_BANDS.items()
        if k in results and results[k].band == band
    ]
    if against:
        return Gate(False, "; ".join(against))
    scores = [k for k in PROGNOSTIC if k in results]
    if scores:
        shown = ", ".join(f"{k} {results[k].score} ({results[k].band_label})" for k in scores)
        return Gate(True, shown)
    return Gate(None, "expected survival unknown and no prognostic score computed")


def good_prognosis(case: Case, results: dict[str, Result]) -> bool | None:
    """Expected survival >= 6 months (or, if unknown, a Tokuhashi band of >= 6 months)."""
    months = case.prognosis.expected_survival_months
    if months is not None:
        return months >= GOOD_PROGNOSIS_MONTHS
    tok = results.get("tokuhashi")
    if tok is not None and tok.score is not None:
        return tok.score >= TOKUHASHI.band_named("6_months_or_more").low
    return None


def needs_fixation(ctx: Context, lesion: Lesion) -> str | None:
    """Why a long-bone lesion needs prophylactic fixation (Mirels high; femoral axial > 30 mm)."""
    if not lesion.is_long_bone or lesion.fracture == "actual":
        return None
    why = []
    mir = ctx.lesion_result("mirels", lesion)
    if mir is not None and mir.score is not None and mir.score >= MIRELS.band_named("high").low:
        why.append(f"Mirels {mir.score} ({mir.band_label.lower()})")  # type: ignore[union-attr]
    ax = lesion.axial_cortical_involvement_mm
    if ax is not None and ax > AXIAL_CORTICAL_FIXATION_ABOVE_MM:
        why.append(
            f"axial cortical involvement {ax:g} mm (> {AXIAL_CORTICAL_FIXATION_ABOVE_MM:g} mm)"
        )
    return "; ".join(why) or None


def radiopharmaceutical_candidate(case: Case) -> bool:
    """Widespread painful disease: more than one bone metastasis and pain not controlled."""
    return (
        case.metastases.bone_total > 1
        and bool(case.metastases.widespread)
        and bool(case.pain.uncontrolled)
    )


def ablation_candidates(case: Case) -> list[Lesion]:
    """Focal pain persisting after radiotherapy in a patient without widespread disease."""
    if case.metastases.widespread:
        return []
    return [les for les in case.lesions if les.painful and irradiated(case, les)]


def dominant_lesion_type(case: Case) -> str:
    kinds = {les.lesion for les in case.lesions}
    return kinds.pop() if len(kinds) == 1 else "mixed"


def days_between(later: dt.date, earlier: dt.date) -> int:
    return (later - earlier).days


#: Primaries whose metastases are hypervascular: preoperative embolisation is considered.
HYPERVASCULAR_PRIMARIES = ("kidney", "thyroid")


def patchell_candidate(case: Case, results: dict[str, Result]) -> bool:
    """Decompressive surgery is on the table (Patchell 2005): ESCC 2-3 with a deficit, fit, a
    survival gate that is open, not a radiosensitive haematological primary, paraplegia under
    48 hours."""
    if not (neuro_deficit(case) and high_grade_escc(case)):
        return False
    if case.primary.site in PATCHELL_EXCLUDED_PRIMARIES:
        return False
    if case.neurology.frankel == "a" and (
        case.neurology.symptom_onset_days is None
        or case.neurology.symptom_onset_days * 24 > PATCHELL_MAX_PARAPLEGIA_HOURS
    ):
        return False
    return case.performance.fit_for_surgery is True and surgery_gate(case, results).ok is True


def cannot_stand(case: Case) -> str | None:
    """Why the patient cannot stand or walk (Frankel A-C, or not ambulatory), or ``None``."""
    n = case.neurology
    if n.frankel in ("a", "b", "c"):
        return f"Frankel {n.frankel.upper()}"
    if n.ambulatory is False:
        return "not walking"
    return None


def pain_is_pressing(case: Case, results: dict[str, Result]) -> bool:
    """Pain that makes its treatment urgent (this week): uncontrolled, or severe on the worst
    NRS. The analgesic ladder, site radiotherapy and the palliative-care referral read this one
    finding, so one pain never gets two urgencies."""
    pain = results.get("pain")
    return bool(case.pain.uncontrolled) or (pain is not None and pain.band == "severe")


def site_pain_urgency(case: Case, results: dict[str, Result], lesion: Lesion) -> str:
    """Urgency of radiotherapy for a painful site: urgent when the patient's pain is pressing
    (uncontrolled or severe) or this site's own NRS is in the severe band; else planned. A more
    painful site is therefore never less urgent than a less painful one."""
    severe = next(b for b in PAIN_BANDS if b.name == "severe")
    own = lesion.pain_nrs is not None and lesion.pain_nrs >= severe.low
    return "urgent" if own or pain_is_pressing(case, results) else "planned"


def noms_o_label(case: Case) -> str:
    """How the plan names NOMS's "O" for this case: breast and prostate cancer are intermediate
    (chapter 13; AO Surgery Reference), routed as sensitive by the course's case table."""
    from ..scores.noms import RADIOSENSITIVITY_GUIDANCE

    sens, source = radiosensitivity(case)
    if sens is None:
        return "radiosensitivity not known"
    key = PRIMARIES[case.primary.site].noms_key
    if (
        sens == "sensitive"
        and source != "primary.radiosensitivity"
        and key in RADIOSENSITIVITY_GUIDANCE["intermediate"]
    ):
        return "intermediate (NOMS routes as sensitive)"
    return f"radio{sens}"
