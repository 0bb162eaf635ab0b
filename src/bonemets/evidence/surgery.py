"""Figures for the surgery chapter: decompression, postoperative radiotherapy, femoral fracture risk.

Each record's ``key`` is its BibTeX key, generated into ``references/engine.bib``; citations the
scores or the pathway also use come from ``bonemets.sources``.
``tests/book/test_evidence_modalities.py`` restates each figure with the place it was read.
"""

from __future__ import annotations

from .. import sources
from ..result import Citation
from ..sources import VAN_DER_LINDEN_2004_FRACTURE
from . import Trial

__all__ = [
    "DAMRON_2018",
    "EGGERMONT_2018",
    "EGGERMONT_2022",
    "FOTTNER_2010",
    "GERAETS_2020",
    "HARRINGTON_1995",
    "LAUFER_2013_SEPARATION",
    "PATCHELL_2005",
    "PAZIONIS_2014",
    "TOWNSEND_1994",
    "VAN_DER_LINDEN_2004_FRACTURE_STUDY",
    "VAN_DER_WAL_2020",
]

PATCHELL_2005 = Trial(
    key="patchell2005",
    name="Patchell: decompressive surgery plus radiotherapy vs radiotherapy alone",
    citation=sources.PATCHELL_2005,
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
    citation=sources.TOWNSEND_1994,
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

# --- CT-based fracture risk beside Mirels --------------------------------------------------------

DAMRON_2018 = Citation(
    key="damron2018",
    authors="Damron TA",
    title="Update on predicting fracture risk: what's new, what's old, what's accurate",
    journal="Tech Orthop",
    year=2018,
    details="33(3):191-200",
    doi="10.1097/BTO.0000000000000289",
    note="Review of Mirels, the L-cort > 30 mm rule, CT-based structural rigidity analysis (CTRA), "
    "finite element modelling and FDG PET/CT; read from the abstract.",
)

EGGERMONT_2018 = Trial(
    key="eggermont2018",
    name="Patient-specific finite element models vs experienced clinicians for femoral fracture",
    citation=Citation(
        key="eggermont2018",
        authors="Eggermont F, Derikx LC, Verdonschot N, van der Geest ICM, de Jong MAA, Snyers A, "
        "et al",
        title="Can patient-specific finite element models better predict fractures in metastatic "
        "bone disease than experienced clinicians? Towards computational modelling in daily "
        "clinical practice",
        journal="Bone Joint Res",
        year=2018,
        details="7(6):430-439",
        doi="10.1302/2046-3758.76.BJR-2017-0325.R2",
    ),
    design="Prospective cohort of patients irradiated for painful non-fractured femoral "
    "metastases in three radiotherapy institutes; quantitative CT-based finite element models",
    arms=("Finite element model",),
    outcomes={"sensitivity": (89,), "specificity": (79,)},
    units={"sensitivity": "%", "specificity": "%"},
    n=39,
    notes=(
        "Nine pathological fractures in seven patients; experienced clinicians identified "
        "high-risk patients with a sensitivity of 0% to 33%.",
    ),
    extra={"fractures": 9, "clinician_sensitivity_range": [0, 33]},
)

EGGERMONT_2022 = Trial(
    key="eggermont2022",
    name="BOne Strength (BOS) score in clinical practice: pilot implementation",
    citation=Citation(
        key="eggermont2022",
        authors="Eggermont F, van der Linden Y, Verdonschot N, Dierselhuis E, Ligthert S, "
        "Bitter T, et al",
        title="A patient-specific fracture risk assessment tool for femoral bone metastases: using "
        "the bone strength (BOS) score in clinical practice",
        journal="Cancers (Basel)",
        year=2022,
        details="14(23):5904",
        doi="10.3390/cancers14235904",
    ),
    design="Pilot implementation in four Dutch radiotherapy centres: CT-based patient-specific "
    "finite element bone strength returned to the treating physician",
    arms=("BOS score",),
    outcomes={"treatment_plan_adapted": (48,)},
    units={"treatment_plan_adapted": "%"},
    n=42,
    notes=(
        "42 BOS scores: 20 high, 9 moderate and 13 low fracture risk; physicians found the score "
        "gave objective insight and improved multidisciplinary discussion.",
    ),
    extra={"high_risk": 20, "moderate_risk": 9, "low_risk": 13, "centres": 4},
)

# --- Periacetabular metastases ---------------------------------------------------------------------


# --- Separation surgery, embolisation, resection of a solitary metastasis -------------------------

LAUFER_2013_SEPARATION = Trial(
    key="laufer2013separation",
    name="Separation surgery followed by stereotactic radiosurgery ('hybrid therapy')",
    citation=Citation(
        key="laufer2013separation",
        authors="Laufer I, et al",
        title="Local disease control for spinal metastases following 'separation surgery' and "
        "adjuvant hypofractionated or high-dose single-fraction stereotactic radiosurgery: "
        "outcome analysis in 186 patients",
        journal="J Neurosurg Spine",
        year=2013,
        details="18(3):207-214",
    ),
    design="Retrospective series: decompression and instrumentation for epidural cord "
    "compression, then single-fraction or hypofractionated SRS; competing-risks analysis",
    arms=("High-dose hypofractionated SRS", "Low-dose hypofractionated SRS"),
    outcomes={"local_progression_1y": (4.1, 22.6)},
    units={"local_progression_1y": "%"},
    n=186,
    notes=(
        "Cumulative incidence of local progression at 1 year 16.4% overall; high-dose "
        "hypofractionated SRS (24-30 Gy in 3 fractions) HR 0.12 against low-dose hypofractionated "
        "SRS (18-36 Gy in 5-6 fractions).",
        "40 patients had single-fraction 24 Gy, 37 high-dose and 109 low-dose hypofractionated.",
    ),
    extra={
        "overall_local_progression_1y": 16.4,
        "single_fraction_gy": 24,
        "high_dose_total_gy": [24, 30],
        "high_dose_fractions": 3,
        "patients_per_group": [37, 109],
        "single_fraction_patients": 40,
    },
)

PAZIONIS_2014 = Trial(
    key="pazionis2014",
    name="Preoperative embolisation of hypervascular bone metastases: case-control study",
    citation=sources.PAZIONIS_2014,
    design="Retrospective case-control study: 27 renal and 12 thyroid carcinoma patients embolised "
    "before 41 procedures, matched to 41 procedures without embolisation",
    arms=("Embolised", "Not embolised"),
    outcomes={"mean_blood_loss": (0.90, 1.77)},
    units={"mean_blood_loss": "L"},
    notes=("Mean estimated blood loss p = 0.002.",),
    extra={"procedures_per_group": [41, 41]},
)

GERAETS_2020 = Trial(
    key="geraets2020",
    name="Preoperative embolisation for long-bone metastases: systematic review",
    citation=Citation(
        key="geraets2020",
        authors="Geraets SEW, Bos PK, van der Stok J",
        title="Preoperative embolization in surgical treatment of long bone metastasis: a "
        "systematic literature review",
        journal="EFORT Open Rev",
        year=2020,
        details="5(1):17-25",
        doi="10.1302/2058-5241.5.190013",
    ),
    design="Systematic review of level III studies of preoperative embolisation before surgery "
    "for long-bone metastases",
    arms=("Renal cell carcinoma studies",),
    outcomes={"studies_showing_less_blood_loss": (3,), "studies": (6,)},
    units={"studies_showing_less_blood_loss": "studies", "studies": "studies"},
    notes=(
        "Successful embolisation (> 70% obliteration of vascularity) in 36-75% of cases; "
        "embolisation-related complications 0-9%; no study supported embolising thyroid or other "
        "common long-bone metastases.",
    ),
)

FOTTNER_2010 = Trial(
    key="fottner2010",
    name="Surgery for bone metastases of renal cell carcinoma: survival",
    citation=sources.FOTTNER_2010,
    design="Retrospective series of patients operated on for skeletal metastases of renal cell "
    "carcinoma, 1980-2005",
    arms=("All operated patients",),
    outcomes={"survival_1y": (58,), "survival_5y": (12,)},
    units={"survival_1y": "%", "survival_5y": "%"},
    n=101,
    notes=(
        "27 had a solitary bone metastasis and survived longer than those with multiple "
        "metastases (p < 0.001); tumour-free resection margins (p = 0.028), age under 65 and no "
        "pathological fracture also predicted longer survival.",
    ),
    extra={"solitary_bone_metastasis": 27, "survival_2y_percent": 37},
)
