"""Mirels score: risk of pathological fracture through a metastasis in a long bone.

Mirels H. Metastatic disease in long bones: a proposed scoring system for diagnosing impending
pathologic fractures. Clin Orthop Relat Res 1989;(249):256-264 (reprinted CORR 2003;415S:S4-S13).
78 irradiated long-bone lesions without prophylactic fixation; 27 fractured within 6 months.

Band reading chosen here (most later summaries; Jawad & Scully, CORR 2010): <= 7 low, 8 borderline,
>= 9 high, fixation recommended. The original abstract recommended fixation from 8; that reading is
in the notes and the book shows both.
"""

from __future__ import annotations

from ..result import Citation
from ..sources import MIRELS_1989
from ..tables import Band, PointsTable, choice_component

JAWAD_2010 = Citation(
    key="jawad2010",
    authors="Jawad MU, Scully SP",
    title="In brief: classifications in brief: Mirels' classification: metastatic disease in long "
    "bones and impending pathologic fracture",
    journal="Clin Orthop Relat Res",
    year=2010,
    details="468(10):2825-2827",
    doi="10.1007/s11999-010-1326-4",
)

#: The original abstract's fixation cut-off (a documented alternative reading).
ORIGINAL_FIXATION_CUTOFF = 8

MIRELS = PointsTable(
    name="mirels",
    title="Mirels score (impending pathological fracture of a long bone)",
    summary="Four radiographic and clinical items, 1-3 points each, for a metastasis in a long bone.",
    components=(
        choice_component(
            "site",
            "Site",
            [
                ("upper_limb", "Upper limb", 1),
                ("lower_limb", "Lower limb", 2),
                ("peritrochanteric", "Peritrochanteric", 3),
            ],
        ),
        choice_component(
            "pain",
            "Pain",
            [
                ("mild", "Mild", 1),
                ("moderate", "Moderate", 2),
                ("functional", "Functional (pain on using the limb)", 3),
            ],
        ),
        choice_component(
            "lesion",
            "Lesion type",
            [("blastic", "Blastic", 1), ("mixed", "Mixed", 2), ("lytic", "Lytic", 3)],
        ),
        choice_component(
            "size",
            "Size (fraction of the bone's diameter)",
            [
                ("lt_1_3", "Less than 1/3", 1),
                ("1_3_to_2_3", "1/3 to 2/3", 2),
                ("gt_2_3", "More than 2/3", 3),
            ],
            help="Mirels measured the lesion against the bone's diameter on a plain radiograph.",
        ),
    ),
    bands=(
        Band(
            "low",
            4,
            7,
            "Low fracture risk",
            "Fracture risk within 6 months of radiotherapy about 4% or less (Mirels 1989).",
            "Radiotherapy and observation; prophylactic fixation not indicated on this score.",
        ),
        Band(
            "borderline",
            8,
            8,
            "Borderline fracture risk",
            "Fracture risk about 15% within 6 months (Mirels 1989).",
            "Borderline: use clinical judgement; consider prophylactic fixation before radiotherapy.",
        ),
        Band(
            "high",
            9,
            12,
            "High fracture risk",
            "Fracture risk 33% or more within 6 months (Mirels 1989).",
            "Prophylactic fixation before radiotherapy, then postoperative radiotherapy.",
        ),
    ),
    citations=(MIRELS_1989, JAWAD_2010),
    notes=(
        "Sources disagree on the fixation cut-off: Mirels' original abstract recommends prophylactic "
        f"fixation from a score of {ORIGINAL_FIXATION_CUTOFF}; most later summaries (Jawad & Scully "
        "2010) treat 8 as borderline and fix from 9. This calculator uses the later reading.",
        "Size is measured against the bone's diameter (some secondary sources say cortex).",
        "Mirels is sensitive but not specific (about 91% and 35% at >= 9). For the femur, axial "
        "cortical involvement > 30 mm predicted fracture better (van der Linden, JBJS Br 2004).",
        "Long bones only: use SINS for the spine.",
    ),
)
