"""Epidural spinal cord compression (ESCC) scale of Bilsky.

Bilsky MH, Laufer I, Fourney DR, et al. Reliability analysis of the epidural spinal cord
compression scale. J Neurosurg Spine 2010;13(3):324-328. Graded on axial T2-weighted MRI at the
level of worst compression.

Bands used by the course (NOMS, Laufer 2013): low grade 0, 1a, 1b; borderline 1c (treatment
debated: some centres treat it as low grade); high grade 2 and 3.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ..calculator import FormulaCalculator
from ..decision import Classify, Decision, Outcome, Output
from ..inputs import Choice
from ..result import Citation, Result

BILSKY_2010 = Citation(
    key="bilsky2010",
    authors="Bilsky MH, Laufer I, Fourney DR, Groff M, Schmidt MH, Varga PP, et al",
    title="Reliability analysis of the epidural spinal cord compression scale",
    journal="J Neurosurg Spine",
    year=2010,
    details="13(3):324-328",
    doi="10.3171/2010.3.SPINE09459",
)


class Grade(NamedTuple):
    grade: str
    description: str
    band: str


#: The scale, as in Bilsky 2010.
GRADES: tuple[Grade, ...] = (
    Grade("0", "Disease confined to bone", "low"),
    Grade("1a", "Epidural impingement without deformation of the thecal sac", "low"),
    Grade("1b", "Deformation of the thecal sac without abutment of the spinal cord", "low"),
    Grade(
        "1c",
        "Deformation of the thecal sac with abutment of the cord, no compression",
        "borderline",
    ),
    Grade("2", "Spinal cord compression with cerebrospinal fluid visible around the cord", "high"),
    Grade(
        "3", "Spinal cord compression with no cerebrospinal fluid visible around the cord", "high"
    ),
)

BANDS: dict[str, tuple[str, str, str]] = {
    # band: (label, interpretation, recommendation)
    "low": (
        "Low-grade ESCC",
        "Low-grade epidural disease: the cord is not compressed.",
        "Radiotherapy is the first treatment if the spine is stable (cEBRT, or SRS for "
        "radioresistant histology).",
    ),
    "borderline": (
        "Borderline ESCC (grade 1c)",
        "The tumour abuts the cord without compressing it; treatment is debated.",
        "Discuss at the spine tumour board: many centres treat 1c as low grade (SRS); separation "
        "surgery is considered for radioresistant disease close to the cord.",
    ),
    "high": (
        "High-grade ESCC",
        "The spinal cord is compressed.",
        "Urgent spine surgical and radiation oncology review: separation surgery then SRS for "
        "radioresistant tumours if fit; cEBRT for radiosensitive tumours.",
    ),
}

GRADE_FIELD = Choice(
    "grade",
    "ESCC grade",
    "Axial T2 MRI at the level of worst compression.",
    options=tuple((g.grade, f"{g.grade}: {g.description}") for g in GRADES),
)


#: Grade -> band, a lookup table (also read by NOMS).
CLASSIFY_GRADE = Classify(
    "band",
    "grade",
    labels={k: v[0] for k, v in BANDS.items()},
    table={g.grade: g.band for g in GRADES},
)

DECISION = Decision(
    classify=(CLASSIFY_GRADE,),
    tables=(),
    result="band",
    outcomes={k: Outcome(v[0], v[1], v[2], {}) for k, v in BANDS.items()},
    outputs=(Output("grade", "ESCC grade", "option", value="grade"),),
)


def band_of(grade: str) -> str:
    """The ESCC band (low, borderline, high) of a validated grade."""
    return CLASSIFY_GRADE.of(grade)


def escc(values: dict[str, Any]) -> Result:
    grade = values["grade"]
    g = next(g for g in GRADES if g.grade == grade)
    outcome = DECISION.outcome(DECISION.run(values))
    label, interpretation, recommendation = (
        outcome.label,
        outcome.interpretation,
        outcome.recommendation,
    )
    return Result(
        calculator="escc",
        title=ESCC.title,
        inputs=dict(values),
        band=g.band,
        band_label=label,
        interpretation=interpretation,
        recommendation=recommendation,
        values={"grade": grade, "description": g.description},
        display={"grade": f"{grade}: {g.description}"},
        citations=ESCC.citations,
        notes=ESCC.notes,
    )


ESCC = FormulaCalculator(
    name="escc",
    title="Epidural spinal cord compression (Bilsky ESCC) grade",
    kind="classification",
    summary="Six MRI grades of epidural compression, grouped into low, borderline and high grade.",
    inputs=(GRADE_FIELD,),
    compute=escc,
    decision=DECISION,
    citations=(BILSKY_2010,),
    data={
        "grades": [g._asdict() for g in GRADES],
        "bands": {
            k: {"label": v[0], "interpretation": v[1], "recommendation": v[2]}
            for k, v in BANDS.items()
        },
    },
    notes=(
        "Grade 1c is treated differently between centres: NOMS treats it as the threshold grade; "
        "some groups manage it as low grade with high-dose hypofractionated SRS.",
    ),
)
