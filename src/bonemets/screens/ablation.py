"""Screen before percutaneous thermal ablation (radiofrequency, microwave, cryoablation) of a bone
metastasis.

Ryan A, Byrne C, Pusceddu C, Buy X, Tsoumakidou G, Filippiadis D. CIRSE standards of practice on
thermal ablation of primary and secondary lesions of bone. Cardiovasc Intervent Radiol
2022;45(5):591-605: decisions by the multidisciplinary team.
Absolute contraindications (course source article): cannot tolerate the anaesthesia needed,
uncorrectable bleeding disorder, lesion not reachable percutaneously. Relative: widespread skeletal
metastases, active infection, a critical structure next to the tumour that cannot be displaced or
monitored.
Distance: ablate at least 10 mm from the spinal cord, cauda equina or a nerve root; closer, use
thermal protection (thermocouple, hydro- or carbo-dissection) or another modality. Nakatsuka A et
al., Cardiovasc Intervent Radiol 2009;32:70-75 (lesions within 1 cm needed a thermocouple; cord
damage above 45 degrees C).
"""

from __future__ import annotations

from ..inputs import Boolean, Number
from ..result import Citation
from ..sources import CALLSTROM_2013, RYAN_2022
from .screen import Criterion, Screen, Status

NAKATSUKA_2009 = Citation(
    key="nakatsuka2009",
    authors="Nakatsuka A, Yamakado K, Takaki H, Uraki J, Makita M, Oshima F, Takeda K",
    title="Percutaneous radiofrequency ablation of painful spinal tumors adjacent to the spinal "
    "cord with real-time monitoring of spinal canal temperature: a prospective study",
    journal="Cardiovasc Intervent Radiol",
    year=2009,
    details="32(1):70-75",
    doi="10.1007/s00270-008-9390-y",
)

MIN_NEURAL_DISTANCE_MM = 10.0

ABLATION = Screen(
    name="ablation",
    title="Thermal ablation screen (bone metastasis)",
    summary="Absolute and relative contraindications and the distance to neural structures before "
    "thermal ablation.",
    inputs=(
        Boolean("tolerates_anaesthesia", "Can tolerate the anaesthesia or sedation needed"),
        Boolean("uncorrectable_bleeding", "Uncorrectable coagulopathy or bleeding disorder"),
        Boolean("percutaneous_access", "Lesion reachable by a percutaneous approach"),
        Boolean("widespread_metastases", "Widespread skeletal metastases"),
        Boolean("active_infection", "Active infection"),
        Boolean(
            "critical_structure_adjacent",
            "Adjacent critical structure that cannot be displaced or monitored",
        ),
        Number(
            "distance_to_neural_mm",
            "Distance from the lesion to the cord, cauda equina or a nerve root",
            minimum=0,
            maximum=500,
            unit="mm",
        ),
    ),
    criteria=(
        Criterion(
            "anaesthesia",
            "tolerates_anaesthesia",
            "is",
            False,
            "contraindicated",
            "Cannot tolerate the anaesthesia needed (absolute)",
            RYAN_2022,
        ),
        Criterion(
            "bleeding",
            "uncorrectable_bleeding",
            "is",
            True,
            "contraindicated",
            "Uncorrectable bleeding disorder (absolute)",
            RYAN_2022,
        ),
        Criterion(
            "no_access",
            "percutaneous_access",
            "is",
            False,
            "contraindicated",
            "Lesion not reachable percutaneously (absolute)",
            RYAN_2022,
        ),
        Criterion(
            "widespread",
            "widespread_metastases",
            "is",
            True,
            "caution",
            "Widespread skeletal metastases (relative): ablation treats one focus",
            RYAN_2022,
        ),
        Criterion(
            "infection",
            "active_infection",
            "is",
            True,
            "caution",
            "Active infection (relative; many centres treat it as absolute)",
            RYAN_2022,
        ),
        Criterion(
            "critical_structure",
            "critical_structure_adjacent",
            "is",
            True,
            "caution",
            "Critical structure next to the tumour that cannot be displaced or monitored "
            "(relative)",
            RYAN_2022,
        ),
        Criterion(
            "near_neural",
            "distance_to_neural_mm",
            "lt",
            MIN_NEURAL_DISTANCE_MM,
            "caution",
            f"Lesion less than {MIN_NEURAL_DISTANCE_MM:g} mm from a neural structure: thermal "
            "protection (thermocouple, hydro- or carbo-dissection) or another modality",
            NAKATSUKA_2009,
        ),
    ),
    statuses=(
        Status(
            "suitable",
            "Suitable for ablation",
            "Suitable: discuss at the multidisciplinary meeting; add cementoplasty if the bone "
            "needs support.",
        ),
        Status(
            "caution",
            "Ablation with caution",
            "Possible with precautions: address each reason listed with interventional radiology.",
        ),
        Status(
            "contraindicated",
            "Ablation contraindicated",
            "Contraindicated: consider radiotherapy, systemic or analgesic options instead.",
        ),
    ),
    citations=(RYAN_2022, NAKATSUKA_2009, CALLSTROM_2013),
    notes=(
        f"The {MIN_NEURAL_DISTANCE_MM:g} mm margin is a convention: Nakatsuka 2009 monitored canal "
        "temperature for lesions within 1 cm of the cord. At exactly 10 mm the source article's "
        "'at least 10 mm' is met, so 10 mm is not flagged.",
        "Active infection is relative in the course's source article; many centres treat it as "
        "absolute.",
    ),
    data={"min_neural_distance_mm": MIN_NEURAL_DISTANCE_MM},
)
