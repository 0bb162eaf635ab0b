"""Spinal Instability Neoplastic Score (SINS).

Fisher CG, DiPaola CP, Ryken TC, et al. A novel classification system for spinal instability in
neoplastic disease: an evidence-based approach and expert consensus from the Spine Oncology Study
Group. Spine 2010;35(22):E1221-E1229. Validated by Fourney DR et al., J Clin Oncol 2011;29:3072-7.

Location is scored from the lesion's class or from its vertebral level (mapped below, as in the
paper's table). A lesion spanning two classes is scored at its most unstable class (the usual
practice; the paper does not say): enter the level of that class.
"""

from __future__ import annotations

from ..inputs import Choice
from ..result import Citation
from ..sources import FISHER_2010
from ..tables import Band, Option, PointsComponent, PointsTable, choice_component

FOURNEY_2011 = Citation(
    key="fourney2011",
    authors="Fourney DR, Frangou EM, Ryken TC, DiPaola CP, Shaffrey CI, Berven SH, et al",
    title="Spinal instability neoplastic score: an analysis of reliability and validity from the "
    "Spine Oncology Study Group",
    journal="J Clin Oncol",
    year=2011,
    details="29(22):3072-3077",
    doi="10.1200/JCO.2010.34.3897",
)

JUNCTIONAL = ("C1", "C2", "C7", "T1", "T2", "T11", "T12", "L1", "L5", "S1")
MOBILE = ("C3", "C4", "C5", "C6", "L2", "L3", "L4")
SEMI_RIGID = tuple(f"T{i}" for i in range(3, 11))
RIGID = ("S2", "S3", "S4", "S5")

#: Every vertebral level C1...S5, in anatomical order.
LEVELS = (
    tuple(f"C{i}" for i in range(1, 8))
    + tuple(f"T{i}" for i in range(1, 13))
    + tuple(f"L{i}" for i in range(1, 6))
    + tuple(f"S{i}" for i in range(1, 6))
)

LEVEL_FIELD = Choice(
    "level",
    "Vertebral level",
    "The level of the lesion (C1...S5); mapped to its location class.",
    options=tuple((lv.lower(), lv) for lv in LEVELS),
)


def _lower(levels: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(lv.lower() for lv in levels)


_LOCATION = choice_component(
    "location",
    "Location",
    [
        ("junctional", "Junctional (occiput–C2, C7–T2, T11–L1, L5–S1)", 3),
        ("mobile", "Mobile spine (C3–C6, L2–L4)", 2),
        ("semi_rigid", "Semi-rigid (T3–T10)", 1),
        ("rigid", "Rigid (S2–S5)", 0),
    ],
)
LOCATION = PointsComponent(
    name="location",
    label="Location",
    input=_LOCATION.input,
    options=tuple(
        Option(o.points, o.label, o.values, alt_values=_lower(levels))
        for o, levels in zip(
            _LOCATION.options, (JUNCTIONAL, MOBILE, SEMI_RIGID, RIGID), strict=True
        )
    ),
    alternate=LEVEL_FIELD,
)

SINS = PointsTable(
    name="sins",
    title="Spinal Instability Neoplastic Score (SINS)",
    summary="Six items scoring the mechanical stability of a spinal segment with a metastasis.",
    components=(
        LOCATION,
        choice_component(
            "pain",
            "Pain",
            [
                (
                    "mechanical",
                    "Mechanical (relieved by lying down, or with movement or loading)",
                    3,
                ),
                ("occasional", "Occasional pain, not mechanical", 1),
                ("pain_free", "Pain-free lesion", 0),
            ],
        ),
        choice_component(
            "lesion",
            "Bone lesion",
            [
                ("lytic", "Lytic", 2),
                ("mixed", "Mixed (lytic/blastic)", 1),
                ("blastic", "Blastic", 0),
            ],
        ),
        choice_component(
            "alignment",
            "Radiographic spinal alignment",
            [
                ("subluxation", "Subluxation or translation present", 4),
                ("deformity", "De novo deformity (kyphosis or scoliosis)", 2),
                ("normal", "Normal alignment", 0),
            ],
        ),
        choice_component(
            "collapse",
            "Vertebral body collapse",
            [
                ("gt_50", "More than 50% collapse", 3),
                ("lt_50", "Less than 50% collapse", 2),
                ("involved_gt_50", "No collapse, more than 50% of the body involved", 1),
                ("none", "None of the above", 0),
            ],
            help="Fisher 2010 does not say where exactly 50% falls: judge it, do not guess.",
        ),
        choice_component(
            "posterolateral",
            "Posterolateral involvement (facet, pedicle or costovertebral joint)",
            [("bilateral", "Bilateral", 3), ("unilateral", "Unilateral", 1), ("none", "None", 0)],
        ),
    ),
    bands=(
        Band(
            "stable",
            0,
            6,
            "Stable",
            "Stable spine (Fisher 2010).",
            "No surgical consultation needed on stability grounds.",
        ),
        Band(
            "indeterminate",
            7,
            12,
            "Indeterminate (possibly impending instability)",
            "Potentially unstable (Fisher 2010).",
            "Surgical consultation recommended.",
        ),
        Band(
            "unstable",
            13,
            18,
            "Unstable",
            "Unstable spine (Fisher 2010).",
            "Surgical consultation recommended; consider stabilization.",
        ),
    ),
    citations=(FISHER_2010, FOURNEY_2011),
    notes=(
        "Scores of 7 or more (indeterminate or unstable) warrant a surgical consultation "
        "(Fisher 2010; Fourney 2011: sensitivity 95.7%, specificity 79.5% for that split).",
        "One secondary source lists pain as 3/2/1 and 'stable 1-6'; both are wrong against "
        "Fisher 2010 (pain 3/1/0; stable 0-6).",
        "A lesion spanning two location classes is scored at the most unstable class (usual "
        "practice; not stated in the paper).",
    ),
)
