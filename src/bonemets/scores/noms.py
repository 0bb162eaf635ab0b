"""NOMS decision framework for spinal metastases (Neurologic, Oncologic, Mechanical, Systemic).

Laufer I, Rubin DG, Lis E, et al. The NOMS framework: approach to the treatment of spinal
metastatic tumors. Oncologist 2013;18(6):744-751.

* N + O choose the radiation route: radiosensitive -> cEBRT whatever the ESCC grade; radioresistant
  and low-grade ESCC -> SRS; radioresistant and high-grade ESCC -> separation surgery then SRS.
* M is decided apart: SINS >= 7 (indeterminate or unstable) -> surgical consultation; SINS >= 13
  (unstable) in a patient fit for surgery -> stabilization. The thresholds are read from the SINS
  table, not written again here.
* S: a patient unfit for surgery who would need separation surgery gets radiation without surgery.

Course choice (documented): ESCC 1c with radioresistant histology is routed to SRS, as many centres
manage 1c as low grade; the result notes that separation surgery is considered at some centres.

Radiosensitivity (the "O"): in the NOMS literature the clearly radiosensitive histologies are
lymphoma, myeloma (and plasmacytoma) and seminoma (AO Surgery Reference classification; Laufer
2013). Breast and prostate cancer are intermediate ("moderately sensitive") and are judged case by
case. The calculator's choice is binary; :data:`RADIOSENSITIVITY_GUIDANCE` and the notes say how
to choose, and that Patchell's trial of surgery (Lancet 2005) excluded only lymphoma, leukaemia,
myeloma and germ-cell tumours, so a fit patient with high-grade breast or prostate MSCC and a
deficit is a candidate for surgery: sources disagree, and the book shows both.
"""

from __future__ import annotations

from typing import Any

from ..calculator import FormulaCalculator
from ..decision import (
    Classify,
    Condition,
    Decision,
    DecisionTable,
    LadderBand,
    NoteRule,
    Outcome,
    Output,
    Rule,
)
from ..inputs import Boolean, Choice, Integer
from ..result import Result
from ..sources import FISHER_2010, LAUFER_2013
from .escc import BILSKY_2010, CLASSIFY_GRADE, GRADE_FIELD
from .sins import SINS

#: Response of each histology to conventional external beam radiotherapy, as grouped in the NOMS
#: literature (Laufer 2013). Lung is treated as non-small-cell (radioresistant).
RADIOSENSITIVITY: dict[str, str] = {
    "lymphoma": "sensitive",
    "myeloma": "sensitive",
    "seminoma": "sensitive",
    "breast": "sensitive",
    "prostate": "sensitive",
    "ovary": "sensitive",
    "neuroendocrine": "sensitive",
    "small_cell_lung": "sensitive",
    "kidney": "resistant",
    "thyroid": "resistant",
    "liver": "resistant",
    "colorectal": "resistant",
    "lung": "resistant",
    "sarcoma": "resistant",
    "melanoma": "resistant",
}

#: How to choose the binary radiosensitivity input (shown on the calculator page and in notes).
#: The three groups follow the AO Surgery Reference classification used with NOMS; the course's
#: case table (:data:`RADIOSENSITIVITY`) files the intermediate group with "sensitive" for routing.
RADIOSENSITIVITY_GUIDANCE: dict[str, tuple[str, ...]] = {
    "sensitive": ("lymphoma", "myeloma", "plasmacytoma", "seminoma"),
    "intermediate": ("breast", "prostate"),
    "resistant": (
        "renal cell",
        "melanoma",
        "thyroid",
        "colorectal",
        "sarcoma",
        "hepatocellular",
        "non-small-cell lung",
    ),
}
NOTE_RADIOSENSITIVITY = (
    "Choosing the radiosensitivity: clearly radiosensitive are lymphoma, myeloma/plasmacytoma and "
    "seminoma; breast and prostate cancer are intermediate and decided case by case (the course's "
    "case table routes them as sensitive); renal cell, melanoma, thyroid, colorectal, sarcoma, "
    "hepatocellular and non-small-cell lung cancer are resistant to conventional doses."
)
NOTE_PATCHELL = (
    "Sources disagree: NOMS routes radiosensitive histology to radiotherapy alone whatever the "
    "ESCC grade, but Patchell's randomised trial (Lancet 2005) excluded only lymphoma, leukaemia, "
    "myeloma and germ-cell tumours; breast, prostate and lung primaries were eligible and did "
    "better with surgery first. A fit patient with high-grade compression, a deficit and an "
    "expected survival of months: discuss surgery at the spine MDT."
)

PATHWAYS: dict[str, tuple[str, str]] = {
    "cebrt": (
        "Conventional external beam radiotherapy (cEBRT)",
        "Radiosensitive histology: cEBRT whatever the ESCC grade.",
    ),
    "srs": (
        "Stereotactic radiosurgery / SBRT",
        "Radioresistant histology without high-grade cord compression: SRS.",
    ),
    "separation_surgery_srs": (
        "Separation surgery followed by SRS",
        "Radioresistant histology with high-grade ESCC in a patient fit "
        "for surgery: decompress, then SRS ('hybrid therapy').",
    ),
    "radiation_without_surgery": (
        "Radiation without surgery (patient unfit for surgery)",
        "Separation surgery would be indicated but the patient cannot "
        "tolerate it: radiotherapy alone, systemic therapy or best "
        "supportive care.",
    ),
}

CONSULT_FROM = SINS.band_named("indeterminate").low
STABILIZE_FROM = SINS.band_named("unstable").low

#: The mechanical (M) decision, as written in the recommendation.
MECHANICAL: dict[str, str] = {
    "stabilization": "stabilization (open or percutaneous)",
    "consultation": "surgical consultation on stability",
    "none": "no surgical consultation needed on stability grounds",
}
NOTE_BORDERLINE_RESISTANT = (
    "ESCC 1c with radioresistant histology: routed to SRS (many centres treat "
    "1c as low grade); some centres consider separation surgery. Discuss."
)
#: ``{sins}`` is the SINS total from which stabilization is advised.
NOTE_UNSTABLE_UNFIT = (
    "Mechanically unstable (SINS >= {sins}) but unfit for open surgery: consider percutaneous "
    "stabilization, cement augmentation or bracing with the spine team."
)


#: The framework as a decision table (data): the site evaluates the same rules.
DECISION = Decision(
    classify=(
        # N: the ESCC band of the grade (the ESCC scale's own lookup).
        Classify(
            "escc_band", "escc_grade", labels=CLASSIFY_GRADE.labels, table=CLASSIFY_GRADE.table
        ),
        # M: the SINS band of the total (the SINS table's own bands).
        Classify(
            "sins_band",
            "sins",
            labels={b.name: b.label for b in SINS.bands},
            bands=tuple(LadderBand(b.name, b.label, b.low, b.high) for b in SINS.bands),
        ),
    ),
    tables=(
        # N + O (+ S when separation surgery would be needed): the radiation route.
        DecisionTable(
            "pathway",
            (
                Rule((Condition("radiosensitivity", "is", "sensitive"),), "cebrt"),
                Rule(
                    (
                        Condition("escc_band", "is", "high"),
                        Condition("fit_for_surgery", "is", True),
                    ),
                    "separation_surgery_srs",
                ),
                Rule((Condition("escc_band", "is", "high"),), "radiation_without_surgery"),
                Rule((), "srs"),
            ),
            texts={k: v[0] for k, v in PATHWAYS.items()},
        ),
        # M (+ S): stabilization needs an unstable spine and a patient fit for surgery.
        DecisionTable(
            "mechanical",
            (
                Rule(
                    (
                        Condition("sins", "ge", STABILIZE_FROM),
                        Condition("fit_for_surgery", "is", True),
                    ),
                    "stabilization",
                ),
                Rule((Condition("sins", "ge", CONSULT_FROM),), "consultation"),
                Rule((), "none"),
            ),
            texts=MECHANICAL,
        ),
    ),
    result="pathway",
    outcomes={k: Outcome(label, why, label, {}) for k, (label, why) in PATHWAYS.items()},
    notes=(
        NoteRule(
            (
                Condition("radiosensitivity", "is", "resistant"),
                Condition("escc_band", "is", "borderline"),
            ),
            NOTE_BORDERLINE_RESISTANT,
        ),
        NoteRule(
            (Condition("sins", "ge", STABILIZE_FROM), Condition("fit_for_surgery", "is", False)),
            NOTE_UNSTABLE_UNFIT.format(sins=STABILIZE_FROM),
        ),
    ),
    outputs=(
        Output("escc_band", "Neurologic (ESCC)", "class_label", value="escc_band"),
        Output("sins_band", "Mechanical (SINS)", "class_label", value="sins_band"),
        Output(
            "surgical_consultation",
            "Surgical consultation",
            "yes_no",
            when=(Condition("mechanical", "in", ("stabilization", "consultation")),),
        ),
        Output(
            "stabilization",
            "Stabilization",
            "yes_no",
            when=(Condition("mechanical", "is", "stabilization"),),
        ),
    ),
    recommendation="{pathway}; mechanical: {mechanical}.",
)


def noms(values: dict[str, Any]) -> Result:
    grade = values["escc_grade"]
    sens = values["radiosensitivity"]
    sins = values["sins"]
    fit = values["fit_for_surgery"]
    d = DECISION.run(values)
    outcome = DECISION.outcome(d)
    escc_band, sins_band = d["escc_band"], d["sins_band"]
    sins_label = DECISION.classify[1].labels[sins_band]
    return Result(
        calculator="noms",
        title=NOMS.title,
        inputs=dict(values),
        band=d["pathway"],
        band_label=outcome.label,
        interpretation=f"N: ESCC {grade} ({escc_band}); O: radio{sens}; M: SINS {sins} "
        f"({sins_label.lower()}); S: {'fit' if fit else 'not fit'} for surgery. "
        f"{outcome.interpretation}",
        recommendation=DECISION.recommendation_for(d),
        values={
            "pathway": d["pathway"],
            "surgical_consultation": DECISION.yes("surgical_consultation", d),
            "stabilization": DECISION.yes("stabilization", d),
            "escc_band": escc_band,
            "sins_band": sins_band,
        },
        citations=(LAUFER_2013, BILSKY_2010, FISHER_2010),
        notes=(*DECISION.notes_for(d), *NOMS.notes),
    )


NOMS = FormulaCalculator(
    name="noms",
    title="NOMS framework (spinal metastases)",
    kind="decision",
    summary="Neurologic, oncologic, mechanical and systemic assessment to a treatment route.",
    inputs=(
        Choice("escc_grade", "ESCC grade", GRADE_FIELD.help, options=GRADE_FIELD.options),
        Choice(
            "radiosensitivity",
            "Radiosensitivity of the histology to cEBRT",
            "Radiosensitive: lymphoma, myeloma/plasmacytoma, seminoma. Breast and prostate are "
            "intermediate: decide case by case (see the notes).",
            options=(("sensitive", "Radiosensitive"), ("resistant", "Radioresistant")),
        ),
        Integer("sins", "SINS total", minimum=SINS.score_range[0], maximum=SINS.score_range[1]),
        Boolean("fit_for_surgery", "Fit for surgery (systemic assessment)"),
    ),
    compute=noms,
    decision=DECISION,
    citations=(LAUFER_2013, BILSKY_2010, FISHER_2010),
    data={
        "pathways": {k: {"label": v[0], "why": v[1]} for k, v in PATHWAYS.items()},
        "surgical_consultation_from_sins": CONSULT_FROM,
        "stabilization_from_sins": STABILIZE_FROM,
        "radiosensitivity": RADIOSENSITIVITY,
        "radiosensitivity_guidance": {k: list(v) for k, v in RADIOSENSITIVITY_GUIDANCE.items()},
        "mechanical": MECHANICAL,
        "note_borderline_resistant": NOTE_BORDERLINE_RESISTANT,
        "note_unstable_unfit": NOTE_UNSTABLE_UNFIT,
    },
    notes=(
        "The mechanical decision (M) is taken apart from the radiation route (N and O).",
        NOTE_RADIOSENSITIVITY,
        NOTE_PATCHELL,
    ),
)
