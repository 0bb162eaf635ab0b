"""Revised Tokuhashi score (2005) for the prognosis of spinal metastases.

Tokuhashi Y, Matsuzaki H, Oda H, Oshima M, Ryu J. A revised scoring system for preoperative
evaluation of metastatic spine tumor prognosis. Spine 2005;30(19):2186-2191. Table as reproduced,
with corrections approved by Tokuhashi, in NICE CG75 (2008), Appendix 3. CG75 was replaced by NICE
NG234 (2023) for the management of MSCC; it is cited here only as the source of this table.

Not the 1990 score (0-12, different primary weights): do not mix the two.
"""

from __future__ import annotations

from ..inputs import Choice, Integer
from ..sources import NICE_CG75, TOKUHASHI_2005
from ..tables import Band, Option, PointsComponent, PointsTable, choice_component

#: Primary sites of the 2005 table, grouped by points.
PRIMARY_POINTS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (
        0,
        "Lung, osteosarcoma, stomach, bladder, oesophagus, pancreas",
        ("lung", "osteosarcoma", "stomach", "bladder", "esophagus", "pancreas"),
    ),
    (1, "Liver, gallbladder, unidentified", ("liver", "gallbladder", "unknown")),
    (2, "Others", ("other",)),
    (3, "Kidney, uterus", ("kidney", "uterus")),
    (4, "Rectum", ("rectum",)),
    (
        5,
        "Thyroid, breast, prostate, carcinoid tumour",
        ("thyroid", "breast", "prostate", "carcinoid"),
    ),
)

PRIMARY_LABELS = {
    "lung": "Lung",
    "osteosarcoma": "Osteosarcoma",
    "stomach": "Stomach",
    "bladder": "Bladder",
    "esophagus": "Oesophagus",
    "pancreas": "Pancreas",
    "liver": "Liver",
    "gallbladder": "Gallbladder",
    "unknown": "Unidentified primary",
    "other": "Other primary",
    "kidney": "Kidney",
    "uterus": "Uterus",
    "rectum": "Rectum",
    "thyroid": "Thyroid",
    "breast": "Breast",
    "prostate": "Prostate",
    "carcinoid": "Carcinoid tumour",
}
PRIMARY_FIELD = Choice(
    "primary",
    "Primary site of the cancer",
    options=tuple((v, PRIMARY_LABELS[v]) for _, _, vals in PRIMARY_POINTS for v in vals),
)


def _numeric(
    name: str, label: str, field: Integer, rows: list[tuple[int, str, int | None, int | None]]
) -> PointsComponent:
    return PointsComponent(
        name, label, field, tuple(Option(p, lab, between=(lo, hi)) for p, lab, lo, hi in rows)
    )


TOKUHASHI = PointsTable(
    name="tokuhashi",
    title="Revised Tokuhashi score (2005)",
    summary="Six items predicting survival in patients with spinal metastases (range 0-15).",
    components=(
        _numeric(
            "kps",
            "General condition (Karnofsky performance status)",
            Integer(
                "kps", "Karnofsky performance status", minimum=10, maximum=100, step=10, unit="%"
            ),
            [
                (0, "Poor (KPS 10–40%)", 10, 40),
                (1, "Moderate (KPS 50–70%)", 50, 70),
                (2, "Good (KPS 80–100%)", 80, 100),
            ],
        ),
        _numeric(
            "extraspinal_bone_mets",
            "Number of extraspinal bone metastasis foci",
            Integer(
                "extraspinal_bone_mets",
                "Extraspinal bone metastases (count)",
                minimum=0,
                maximum=1000,
            ),
            [(0, "3 or more", 3, None), (1, "1–2", 1, 2), (2, "0", 0, 0)],
        ),
        _numeric(
            "vertebral_mets",
            "Number of metastases in the vertebral body",
            Integer("vertebral_mets", "Vertebral body metastases (count)", minimum=1, maximum=33),
            [(0, "3 or more", 3, None), (1, "2", 2, 2), (2, "1", 1, 1)],
        ),
        choice_component(
            "visceral_mets",
            "Metastases to major internal organs",
            [("unremovable", "Unremovable", 0), ("removable", "Removable", 1), ("none", "None", 2)],
        ),
        PointsComponent(
            "primary",
            "Primary site of the cancer",
            PRIMARY_FIELD,
            tuple(Option(p, lab, values=vals) for p, lab, vals in PRIMARY_POINTS),
        ),
        PointsComponent(
            "palsy",
            "Palsy (Frankel grade)",
            Choice(
                "palsy",
                "Frankel grade",
                options=(
                    ("a", "A: complete, no motor or sensory function"),
                    ("b", "B: sensory only"),
                    ("c", "C: motor useless"),
                    ("d", "D: motor useful"),
                    ("e", "E: normal"),
                ),
            ),
            (
                Option(0, "Complete (Frankel A, B)", values=("a", "b")),
                Option(1, "Incomplete (Frankel C, D)", values=("c", "d")),
                Option(2, "None (Frankel E)", values=("e",)),
            ),
        ),
    ),
    bands=(
        Band(
            "under_6_months",
            0,
            8,
            "Predicted survival under 6 months",
            "Predicted survival less than 6 months (Tokuhashi 2005).",
            "Conservative treatment or palliative surgery.",
        ),
        Band(
            "6_months_or_more",
            9,
            11,
            "Predicted survival 6 months or more",
            "Predicted survival 6 months or more (Tokuhashi 2005).",
            "Palliative surgery; excisional surgery if a single lesion and no metastases to "
            "major internal organs.",
        ),
        Band(
            "1_year_or_more",
            12,
            15,
            "Predicted survival 1 year or more",
            "Predicted survival 1 year or more (Tokuhashi 2005).",
            "Excisional surgery.",
        ),
    ),
    citations=(TOKUHASHI_2005, NICE_CG75),
    notes=(
        "Vertebral-body item scored as in the NICE CG75 reproduction approved by Tokuhashi: "
        "3 or more -> 0, 2 -> 1, 1 -> 2. Other reproductions read 3 or more -> 0, 1-2 -> 1, "
        "0 -> 2, which gives one point less for a single vertebral metastasis and can move a "
        "patient across the 8/9 band edge.",
        "This is the 2005 revision (0-15). The 1990 original ran 0-12 with other primary weights.",
        "In later cohorts survival was longer than predicted (e.g. Gong 2021: median 18/30/51 "
        "months).",
        "Accuracy differs between sources: in Gong 2021 (221 operated patients, 2010-2019) the "
        "score put 32.6% (72/221) in the right band; a review pooling ten studies (1686 patients; "
        "Zoccali, Eur Spine J 2016) found 63%. Both are shown in the book.",
    ),
)
