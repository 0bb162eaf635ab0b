"""Tomita score for the surgical strategy of spinal metastases.

Tomita K, Kawahara N, Kobayashi T, Yoshida A, Murakami H, Akamaru T. Surgical strategy for spinal
metastases. Spine 2001;26(3):298-306.

One review table gives rapid growth 3 points; the course uses 4, the only reading under which the
published 2-10 range is reachable.
"""

from __future__ import annotations

from ..sources import TOMITA_2001
from ..tables import Band, PointsTable, choice_component

#: Teaching examples of each growth class, as Tomita grouped them.
GROWTH_EXAMPLES = {
    "slow": ("breast", "thyroid", "prostate"),
    "moderate": ("kidney", "uterus"),
    "rapid": ("lung", "stomach", "liver", "colorectal", "unknown"),
}

TOMITA = PointsTable(
    name="tomita",
    title="Tomita score (surgical strategy for spinal metastases)",
    summary="Primary growth rate, visceral and bone metastases, scored 2-10.",
    components=(
        choice_component(
            "primary_growth",
            "Primary tumour growth",
            [
                ("slow", "Slow growth (e.g. breast, thyroid, prostate)", 1),
                ("moderate", "Moderate growth (e.g. kidney, uterus)", 2),
                ("rapid", "Rapid growth (e.g. lung, stomach, liver, colon; unknown primary)", 4),
            ],
        ),
        choice_component(
            "visceral_mets",
            "Visceral metastases",
            [
                ("none", "None", 0),
                ("treatable", "Treatable", 2),
                ("untreatable", "Untreatable", 4),
            ],
        ),
        choice_component(
            "bone_mets",
            "Bone metastases (including spine)",
            [
                ("solitary", "Solitary or isolated", 1),
                ("multiple", "Multiple", 2),
            ],
        ),
    ),
    bands=(
        Band(
            "long_term_control",
            2,
            3,
            "Long-term local control",
            "Treatment goal: long-term local control (Tomita 2001).",
            "Wide or marginal excision (e.g. en bloc spondylectomy).",
        ),
        Band(
            "middle_term_control",
            4,
            5,
            "Middle-term local control",
            "Treatment goal: middle-term local control (Tomita 2001).",
            "Marginal or intralesional excision.",
        ),
        Band(
            "short_term_palliation",
            6,
            7,
            "Short-term palliation",
            "Treatment goal: short-term palliation (Tomita 2001).",
            "Palliative surgery.",
        ),
        Band(
            "terminal_care",
            8,
            10,
            "Terminal care",
            "Treatment goal: terminal care (Tomita 2001).",
            "Non-operative supportive care.",
        ),
    ),
    citations=(TOMITA_2001,),
    notes=(
        "One review table gives rapid growth 3 points; with 3 the published range 2-10 cannot be "
        "reached, so this calculator uses 4 (Tomita 2001).",
    ),
)
