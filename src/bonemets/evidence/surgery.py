"""Figures for the surgery chapter: decompression, postoperative radiotherapy, femoral fracture risk.

Each record's ``key`` is its BibTeX key (``references/modalities.bib``, or the generated
``references/engine.bib`` for ``vanderlinden2004fracture``, whose citation object lives beside the
Mirels score). ``tests/book/test_evidence_modalities.py`` restates each figure with the place it was
read.
"""

from __future__ import annotations

from ..result import Citation
from ..scores.mirels import VAN_DER_LINDEN_2004_FRACTURE
from . import Trial

__all__ = [
    "HARRINGTON_1995",
    "PATCHELL_2005",
    "TOWNSEND_1994",
    "VAN_DER_LINDEN_2004_FRACTURE_STUDY",
    "VAN_DER_WAL_2020",
]

PATCHELL_2005 = Trial(
    key="patchell2005",
    name="Patchell: decompressive surgery plus radiotherapy vs radiotherapy alone",
    citation=Citation(
        key="patchell2005",
        authors="Patchell RA, Tibbs PA, Regine WF, Payne R, Saris S, Kryscio RJ, et al",
        title="Direct decompressive surgical resection in the treatment of spinal cord "
        "compression caused by metastatic cancer: a randomised trial",
        journal="Lancet",
        year=2005,
        details="366(9486):643-648",
        doi="10.1016/S0140-6736(05)66954-1",
    ),
    design="Randomised trial, stopped early at interim analysis; MRI-proven cord compression at "
    "one area, at least one neurological sign, not paraplegic for more than 48 hours, "
    "radiosensitive tumours excluded",
    arms=("Surgery + RT", "RT alone"),
    outcomes={
        "ambulatory_after_treatment": (84, 57),
        "median_days_ambulatory": (122, 13),
        "regained_walking": (62, 19),
    },
    units={
        "ambulatory_after_treatment": "%",
        "median_days_ambulatory": "days",
        "regained_walking": "%",
    },
    n=101,
    notes=(
        "Walking after treatment 42/50 vs 29/51 (OR 6.2, 95% CI 2.0-19.8, p = 0.001).",
        "Of patients unable to walk at entry, 10/16 vs 3/16 walked again (p = 0.01).",
        "Less corticosteroid and opioid use after surgery.",
        "Confirmed in the Lancet abstract (University of Kentucky repository). The 2003 ASCO "
        "abstract of the same trial reported 126 vs 35 days and 9/16 vs 3/16; the course uses "
        "the peer-reviewed 2005 figures.",
    ),
    extra={
        "rt_total_gy": 30,
        "rt_fractions": 10,
        "min_expected_survival_months": 3,
        "max_paraplegia_hours": 48,
        "odds_ratio_ambulatory": 6.2,
        "patients_per_arm": [50, 51],
    },
)

TOWNSEND_1994 = Trial(
    key="townsend1994",
    name="Townsend: postoperative radiotherapy after fixation of pathological fractures",
    citation=Citation(
        key="townsend1994",
        authors="Townsend PW, Rosenthal HG, Smalley SR, Cozad SC, Hassanein RE",
        title="Impact of postoperative radiation therapy and other perioperative factors on "
        "outcome after orthopedic stabilization of impending or pathologic fractures due to "
        "metastatic disease",
        journal="J Clin Oncol",
        year=1994,
        details="12(11):2345-2350",
        doi="10.1200/JCO.1994.12.11.2345",
    ),
    design="Retrospective review of 64 stabilisation procedures in 60 patients (femur, "
    "acetabulum, humerus); treatment chosen by the surgeon",
    arms=("Surgery + postoperative RT", "Surgery alone"),
    outcomes={"normal_use_of_limb": (53, 11.5), "median_survival": (12.4, 3.3)},
    units={"normal_use_of_limb": "%", "median_survival": "months"},
    n=64,
    notes=(
        "Second operations on the same site were more frequent after surgery alone.",
        "The survival difference probably reflects selection bias.",
        "Figures confirmed in the JCO abstract; the same series was also reported in Int J "
        "Radiat Oncol Biol Phys 1995 (by site: 35 vs 29 sites, femur 91%).",
    ),
    extra={"sites_per_arm": [35, 29], "patients": 60},
)

VAN_DER_LINDEN_2004_FRACTURE_STUDY = Trial(
    key="vanderlinden2004fracture",
    name="Femoral metastases: risk factors for pathological fracture (Dutch BMS)",
    citation=VAN_DER_LINDEN_2004_FRACTURE,
    design="Analysis of femoral metastases irradiated in the Dutch Bone Metastasis Study; Mirels "
    "and cortical measurements compared",
    arms=("Femoral lesions",),
    outcomes={"lesions": (110,), "fractures": (14,)},
    units={"lesions": "lesions", "fractures": "fractures"},
    n=102,
    notes=(
        "Mirels was not specific enough (p = 0.36); axial cortical involvement (p = 0.01) and "
        "circumferential cortical involvement (p = 0.03) predicted fracture.",
    ),
    extra={"axial_cortical_mm": 30, "circumferential_cortical_percent": 50},
)

VAN_DER_WAL_2020 = Trial(
    key="vanderwal2020",
    name="Axial cortical involvement above 30 mm: clinical validation",
    citation=Citation(
        key="vanderwal2020",
        authors="van der Wal CWPG, Eggermont F, Fiocco M, Kroon HM, Ayu O, Slot A, et al",
        title="Axial cortical involvement of metastatic lesions to identify impending femoral "
        "fractures; a clinical validation study",
        journal="Radiother Oncol",
        year=2020,
        details="144:59-64",
    ),
    design="Prospective validation cohort of femoral metastases treated with radiotherapy",
    arms=("Axial cortical involvement > 30 mm",),
    outcomes={"sensitivity": (86,), "specificity": (50,), "ppv": (20,), "npv": (96,)},
    units={"sensitivity": "%", "specificity": "%", "ppv": "%", "npv": "%"},
    n=100,
    notes=(
        "Abstract (University of Twente repository): 100 patients from two prospective studies, "
        "14 fractures (12 in lesions of 30 mm or more, 2 below); median follow-up 23 months.",
    ),
    extra={"axial_cortical_mm": 30, "fractures": 14, "relative_fracture_risk": 5.3},
)

HARRINGTON_1995 = Trial(
    key="harrington1995",
    name="Harrington criteria for prophylactic fixation (two published readings)",
    citation=Citation(
        key="harrington1995",
        authors="Harrington KD",
        title="Orthopaedic management of extremity and pelvic lesions",
        journal="Clin Orthop Relat Res",
        year=1995,
        details="(312):136-147",
    ),
    design="Expert criteria, never validated prospectively; not a trial. Arms are the two "
    "readings found in secondary sources",
    arms=("Reading A (Radiopaedia)", "Reading B (Epomedicine)"),
    outcomes={"lesion_size_cm": (2.5, 2.5)},
    units={"lesion_size_cm": "cm"},
    notes=(
        "Reading A: more than 50% cortical destruction; lesion larger than 2.5 cm; pathological "
        "avulsion of the lesser trochanter; functional pain persisting after radiotherapy.",
        "Reading B: lytic lesion; more than half the bone diameter (over 2.5 cm); persistent "
        "pain; radiographic progression after radiotherapy.",
        "The criteria were read in secondary sources only; the 1995 paper's own wording and its "
        "bibliographic details were not re-read by the course.",
    ),
    extra={
        "reading_a_cortical_destruction_percent": 50,
        "reading_b_fraction_of_diameter": "1/2",
    },
)
