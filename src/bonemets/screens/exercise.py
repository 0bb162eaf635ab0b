"""Pre-exercise screen for people with bone metastases: cleared, modify or defer.

Campbell KL, Cormie P, Weller S, et al. Exercise recommendation for people with bone metastases:
expert consensus for health care providers and exercise professionals. JCO Oncol Pract
2022;18(5):e697-e709 (the International Bone Metastases Exercise Working Group): risk depends on
lesion, cancer-treatment and patient factors; screen before prescribing.

Absolute contraindications (defer): untreated spinal cord compression, acute pathological fracture,
severe hypercalcaemia needing immediate treatment. Relative (modify: supervised, adapted
programme): impending fracture without stabilization, uncontrolled pain limiting movement,
platelets below 50 x 10^9/L (the course's source article; an Australian toolkit uses 20), expected
survival of 3 months or less (goals shift to safe movement and function), and lesion instability
scores (SINS indeterminate; Mirels borderline or high). An unstable spine (SINS 13-18) defers until
it is assessed by the spine team.
"""

from __future__ import annotations

from ..inputs import Boolean, Choice, Number
from ..scores.mirels import MIRELS
from ..scores.sins import SINS
from ..sources import CAMPBELL_2022, DUONG_2023, WELLER_2021
from .screen import Criterion, Screen, Status

PLATELETS_MODIFY_BELOW = 50.0
SURVIVAL_MODIFY_AT_OR_BELOW_MONTHS = 3.0

_SINS_OPTIONS = (
    ("no_spinal_lesion", "No spinal lesion"),
    *tuple((b.name, f"{b.label} (SINS {b.range_text})") for b in SINS.bands),
)
_MIRELS_OPTIONS = (
    ("no_long_bone_lesion", "No long-bone lesion"),
    *tuple((b.name, f"{b.label} (Mirels {b.range_text})") for b in MIRELS.bands),
)

EXERCISE = Screen(
    name="exercise",
    title="Pre-exercise screen with bone metastases",
    summary="Absolute and relative contraindications and lesion factors before an exercise "
    "programme: cleared, modify or defer.",
    inputs=(
        Boolean("untreated_cord_compression", "Untreated spinal cord compression"),
        Boolean("acute_pathologic_fracture", "Acute pathological fracture"),
        Boolean("severe_hypercalcaemia", "Severe hypercalcaemia needing immediate treatment"),
        Boolean(
            "impending_fracture_unstabilised", "Impending fracture without surgical stabilization"
        ),
        Boolean("uncontrolled_pain", "Uncontrolled pain limiting movement"),
        Number("platelets", "Platelet count", minimum=0, maximum=2000, unit="x10^9/L"),
        Number(
            "expected_survival_months", "Expected survival", minimum=0, maximum=600, unit="months"
        ),
        Choice("sins_band", "Spinal lesion stability (SINS band)", options=_SINS_OPTIONS),
        Choice("mirels_band", "Long-bone fracture risk (Mirels band)", options=_MIRELS_OPTIONS),
    ),
    criteria=(
        Criterion(
            "untreated_mscc",
            "untreated_cord_compression",
            "is",
            True,
            "defer",
            "Untreated spinal cord compression (absolute contraindication)",
            CAMPBELL_2022,
        ),
        Criterion(
            "acute_fracture",
            "acute_pathologic_fracture",
            "is",
            True,
            "defer",
            "Acute pathological fracture (absolute contraindication)",
            CAMPBELL_2022,
        ),
        Criterion(
            "severe_hypercalcaemia",
            "severe_hypercalcaemia",
            "is",
            True,
            "defer",
            "Severe hypercalcaemia needing immediate treatment (absolute contraindication)",
            CAMPBELL_2022,
        ),
        Criterion(
            "unstable_spine",
            "sins_band",
            "is",
            "unstable",
            "defer",
            f"Unstable spinal lesion (SINS {SINS.band_named('unstable').range_text}): spine team "
            "review before exercise",
            CAMPBELL_2022,
        ),
        Criterion(
            "impending_fracture",
            "impending_fracture_unstabilised",
            "is",
            True,
            "modify",
            "Impending fracture without stabilization (relative contraindication): no "
            "loading of that limb until stabilized",
            CAMPBELL_2022,
        ),
        Criterion(
            "uncontrolled_pain",
            "uncontrolled_pain",
            "is",
            True,
            "modify",
            "Uncontrolled pain limiting movement (relative contraindication)",
            CAMPBELL_2022,
        ),
        Criterion(
            "low_platelets",
            "platelets",
            "lt",
            PLATELETS_MODIFY_BELOW,
            "modify",
            f"Platelets below {PLATELETS_MODIFY_BELOW:g} x10^9/L (relative "
            "contraindication): avoid impact, falls risk and Valsalva",
            CAMPBELL_2022,
        ),
        Criterion(
            "short_survival",
            "expected_survival_months",
            "le",
            SURVIVAL_MODIFY_AT_OR_BELOW_MONTHS,
            "modify",
            f"Expected survival {SURVIVAL_MODIFY_AT_OR_BELOW_MONTHS:g} months or less: aim "
            "at safe movement, function and comfort rather than training",
            CAMPBELL_2022,
        ),
        Criterion(
            "indeterminate_spine",
            "sins_band",
            "is",
            "indeterminate",
            "modify",
            f"Potentially unstable spinal lesion (SINS {SINS.band_named('indeterminate').range_text}): "
            "avoid loaded flexion and "
            "twisting; supervised",
            CAMPBELL_2022,
        ),
        Criterion(
            "long_bone_risk",
            "mirels_band",
            "in",
            ("borderline", "high"),
            "modify",
            "Long-bone lesion at borderline or high fracture risk (Mirels): unload the limb "
            "pending orthopaedic review",
            CAMPBELL_2022,
        ),
    ),
    statuses=(
        Status(
            "cleared",
            "Cleared for exercise",
            "Individualised aerobic and resistance exercise, supervised by a qualified exercise "
            "professional at first (in person or remote); teach posture and controlled "
            "movement. Avoid heat, ultrasound, massage and electrotherapy over tumour sites.",
        ),
        Status(
            "modify",
            "Exercise with modifications",
            "Supervised, modified programme: address each reason listed; protect the affected "
            "sites; no heat, ultrasound, massage or electrotherapy over tumour sites.",
        ),
        Status(
            "defer",
            "Defer exercise",
            "Defer the exercise programme until the reasons listed are treated; keep safe "
            "movement for daily activities with the team's guidance.",
        ),
    ),
    citations=(CAMPBELL_2022, WELLER_2021, DUONG_2023),
    notes=(
        "Platelet threshold differs: the course's source article uses < 50 x10^9/L (used here); "
        "the Australian Cancer Exercise Toolkit lists < 20 x10^9/L as a relative contraindication.",
        "Safety: 17 controlled trials, 4 serious adverse events, none related to bone metastases "
        "(Weller 2021); 26 trials, 3 serious adverse events, remote delivery compliance 80.3% "
        "(Duong 2023).",
        "The IBMEWG lists lesion, treatment and patient factors; its full contraindication list "
        "could not be confirmed, so this screen uses the source article's list.",
    ),
    data={
        "platelets_modify_below": PLATELETS_MODIFY_BELOW,
        "survival_modify_at_or_below_months": SURVIVAL_MODIFY_AT_OR_BELOW_MONTHS,
    },
)
