"""Modified Bauer score for the prognosis of spinal metastases.

Bauer HCF, Wedin R. Survival after surgery for spinal and extremity metastases. Acta Orthop Scand
1995;66(2):143-146 (original, five items). Modified by Leithner A, Radl R, Gruber G, et al.
Predictive value of seven preoperative prognostic scoring systems for spinal metastases. Eur Spine J
2008;17(11):1488-1495: the pathological-fracture item removed, range 0-4.
"""

from __future__ import annotations

from ..inputs import Choice
from ..result import Citation
from ..sources import LEITHNER_2008
from ..tables import Band, Option, PointsComponent, PointsTable, boolean_component
from .tokuhashi import PRIMARY_FIELD as TOKUHASHI_PRIMARY

BAUER_1995 = Citation(
    key="bauer1995",
    authors="Bauer HC, Wedin R",
    title="Survival after surgery for spinal and extremity metastases. Prognostication in 241 "
    "patients",
    journal="Acta Orthop Scand",
    year=1995,
    details="66(2):143-146",
    doi="10.3109/17453679508995508",
)

PRIMARY_FIELD = Choice(
    "primary",
    "Primary site of the cancer",
    options=(*TOKUHASHI_PRIMARY.options, ("lymphoma", "Lymphoma"), ("myeloma", "Multiple myeloma")),
)
FAVOURABLE = ("breast", "kidney", "lymphoma", "myeloma")
_ALL = PRIMARY_FIELD.values

BAUER = PointsTable(
    name="bauer",
    title="Modified Bauer score",
    summary="Four yes/no items, one point each, predicting survival with spinal metastases.",
    components=(
        boolean_component(
            "no_visceral_mets",
            "No visceral metastases",
            "visceral_mets",
            "Visceral metastases present",
            points_if=False,
            true_label="Visceral metastases present",
            false_label="No visceral metastases",
        ),
        PointsComponent(
            "primary_not_lung",
            "Primary tumour is not lung cancer",
            PRIMARY_FIELD,
            (
                Option(0, "Lung cancer", values=("lung",)),
                Option(1, "Not lung cancer", values=tuple(v for v in _ALL if v != "lung")),
            ),
        ),
        PointsComponent(
            "primary_favourable",
            "Primary is breast, kidney, lymphoma or multiple myeloma",
            PRIMARY_FIELD,
            (
                Option(1, "Breast, kidney, lymphoma or myeloma", values=FAVOURABLE),
                Option(0, "Another primary", values=tuple(v for v in _ALL if v not in FAVOURABLE)),
            ),
        ),
        boolean_component(
            "solitary",
            "Solitary skeletal metastasis",
            "solitary",
            "Solitary skeletal metastasis",
            points_if=True,
            true_label="Solitary skeletal metastasis",
            false_label="More than one skeletal metastasis",
        ),
    ),
    bands=(
        Band(
            "supportive",
            0,
            1,
            "Supportive care",
            "Poor prognosis (modified Bauer 0-1; Leithner 2008).",
            "Supportive care; no surgery.",
        ),
        Band(
            "palliative",
            2,
            2,
            "Short-term palliation",
            "Intermediate prognosis (modified Bauer 2; Leithner 2008).",
            "Short-term palliation: posterior (dorsal) surgery if surgery is needed.",
        ),
        Band(
            "local_control",
            3,
            4,
            "Middle-term local control",
            "Better prognosis (modified Bauer 3-4; Leithner 2008).",
            "Middle-term local control: anterior-posterior surgery may be considered.",
        ),
    ),
    citations=(LEITHNER_2008, BAUER_1995),
    notes=(
        "The original Bauer score (1995) has a fifth item, no pathological fracture (range 0-5); "
        "the modified score drops it. Do not mix the two.",
    ),
)
