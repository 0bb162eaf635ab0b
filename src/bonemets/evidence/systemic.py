"""Figures for systemic therapy and for the trials that changed practice.

Each record's ``key`` is its BibTeX key, generated into ``references/engine.bib``. Figures were read
from each paper's abstract; ``tests/book/test_evidence_foundations.py`` restates them with the place
they were read.
"""

from __future__ import annotations

from ..result import Citation
from . import Trial

__all__ = [
    "ARASENS",
    "CHAARTED",
    "LATITUDE",
    "MONALEESA_2",
    "PALOMA_2",
    "SHAHINIAN_2005",
    "TAMOXIFEN_HYPERCALCAEMIA",
    "TAX_327",
    "TITAN",
    "VISION",
]

CHAARTED = Trial(
    key="sweeney2015",
    name="CHAARTED: ADT with or without docetaxel, metastatic hormone-sensitive prostate cancer",
    citation=Citation(
        key="sweeney2015",
        authors="Sweeney CJ, Chen YH, Carducci M, Liu G, Jarrard DF, Eisenberger M, et al",
        title="Chemohormonal therapy in metastatic hormone-sensitive prostate cancer",
        journal="N Engl J Med",
        year=2015,
        details="373(8):737-746",
        doi="10.1056/NEJMoa1503747",
    ),
    design="Phase 3 randomised trial; docetaxel 75 mg/m2 every 3 weeks for 6 cycles with ADT",
    arms=("ADT + docetaxel", "ADT alone"),
    outcomes={"median_os": (57.6, 44.0)},
    units={"median_os": "months"},
    n=790,
    notes=(
        "High-volume disease: visceral metastases and/or 4 or more bone metastases with at "
        "least one outside the spine and pelvis.",
    ),
    extra={
        "hr_os": 0.61,
        "docetaxel_mg_m2": 75,
        "docetaxel_cycles": 6,
        "high_volume_bone_mets": 4,
        "high_volume_median_os_months": [49.2, 32.2],
    },
)

LATITUDE = Trial(
    key="fizazi2017",
    name="LATITUDE: abiraterone + prednisone with ADT, high-risk metastatic castration-sensitive "
    "prostate cancer",
    citation=Citation(
        key="fizazi2017",
        authors="Fizazi K, Tran N, Fein L, Matsubara N, Rodriguez-Antolin A, Alekseev BY, et al",
        title="Abiraterone plus prednisone in metastatic, castration-sensitive prostate cancer",
        journal="N Engl J Med",
        year=2017,
        details="377(4):352-360",
        doi="10.1056/NEJMoa1704174",
    ),
    design="Phase 3 double-blind randomised trial; abiraterone 1000 mg + prednisone 5 mg daily",
    arms=("ADT + abiraterone + prednisone", "ADT + placebos"),
    outcomes={"median_rpfs": (33.0, 14.8)},
    units={"median_rpfs": "months"},
    n=1199,
    notes=("Median overall survival not reached vs 34.7 months at the first interim analysis.",),
    extra={"hr_os": 0.62, "hr_rpfs": 0.47, "control_median_os_months": 34.7},
)

TAX_327 = Trial(
    key="tannock2004",
    name="TAX 327: docetaxel vs mitoxantrone, metastatic castration-resistant prostate cancer",
    citation=Citation(
        key="tannock2004",
        authors="Tannock IF, de Wit R, Berry WR, Horti J, Pluzanska A, Chi KN, et al",
        title="Docetaxel plus prednisone or mitoxantrone plus prednisone for advanced prostate "
        "cancer",
        journal="N Engl J Med",
        year=2004,
        details="351(15):1502-1512",
        doi="10.1056/NEJMoa040720",
    ),
    design="Phase 3 randomised trial; docetaxel every 3 weeks or weekly, or mitoxantrone, each "
    "with prednisone",
    arms=("Docetaxel every 3 weeks", "Mitoxantrone"),
    outcomes={"median_os": (18.9, 16.5)},
    units={"median_os": "months"},
    n=1006,
    extra={"hr_os": 0.76},
)

PALOMA_2 = Trial(
    key="finn2016",
    name="PALOMA-2: palbociclib + letrozole, first-line ER-positive HER2-negative advanced breast "
    "cancer",
    citation=Citation(
        key="finn2016",
        authors="Finn RS, Martin M, Rugo HS, Jones S, Im SA, Gelmon K, et al",
        title="Palbociclib and letrozole in advanced breast cancer",
        journal="N Engl J Med",
        year=2016,
        details="375(20):1925-1936",
        doi="10.1056/NEJMoa1607303",
    ),
    design="Phase 3 double-blind randomised trial (2:1), postmenopausal women",
    arms=("Palbociclib + letrozole", "Placebo + letrozole"),
    outcomes={"median_pfs": (24.8, 14.5)},
    units={"median_pfs": "months"},
    n=666,
    extra={"hr_pfs": 0.58},
)

MONALEESA_2 = Trial(
    key="hortobagyi2016",
    name="MONALEESA-2: ribociclib + letrozole, first-line HR-positive HER2-negative advanced "
    "breast cancer",
    citation=Citation(
        key="hortobagyi2016",
        authors="Hortobagyi GN, Stemmer SM, Burris HA, Yap YS, Sonke GS, Paluch-Shimon S, et al",
        title="Ribociclib as first-line therapy for HR-positive, advanced breast cancer",
        journal="N Engl J Med",
        year=2016,
        details="375(18):1738-1748",
        doi="10.1056/NEJMoa1609709",
    ),
    design="Phase 3 double-blind randomised trial, postmenopausal women",
    arms=("Ribociclib + letrozole", "Placebo + letrozole"),
    outcomes={"pfs_18_months": (63.0, 42.2)},
    units={"pfs_18_months": "%"},
    n=668,
    extra={"hr_pfs": 0.56},
)

SHAHINIAN_2005 = Trial(
    key="shahinian2005",
    name="Fractures after androgen deprivation for prostate cancer (SEER-Medicare)",
    citation=Citation(
        key="shahinian2005",
        authors="Shahinian VB, Kuo YF, Freeman JL, Goodwin JS",
        title="Risk of fracture after androgen deprivation for prostate cancer",
        journal="N Engl J Med",
        year=2005,
        details="352(2):154-164",
        doi="10.1056/NEJMoa041943",
    ),
    design="Population cohort, men diagnosed 1992-1997; fracture among men surviving 5 years",
    arms=("Androgen deprivation", "No androgen deprivation"),
    outcomes={"fracture_5_years": (19.4, 12.6)},
    units={"fracture_5_years": "%"},
    n=50613,
)

VISION = Trial(
    key="sartor2021",
    name="VISION: lutetium-177-PSMA-617, metastatic castration-resistant prostate cancer",
    citation=Citation(
        key="sartor2021",
        authors="Sartor O, de Bono J, Chi KN, Fizazi K, Herrmann K, Rahbar K, et al",
        title="Lutetium-177-PSMA-617 for metastatic castration-resistant prostate cancer",
        journal="N Engl J Med",
        year=2021,
        details="385(12):1091-1103",
        doi="10.1056/NEJMoa2107322",
    ),
    design=(
        "Open-label phase 3 randomised trial (2:1) after an androgen-receptor pathway inhibitor "
        "and 1-2 taxanes, PSMA-positive on gallium-68 PSMA-11 PET-CT; 7.4 GBq every 6 weeks for "
        "4-6 cycles"
    ),
    arms=("Lu-177-PSMA-617 + standard care", "Standard care"),
    outcomes={
        "median_os": (15.3, 11.3),
        "median_rpfs": (8.7, 3.4),
        "grade3_adverse_events": (52.7, 38.0),
    },
    units={"median_os": "months", "median_rpfs": "months", "grade3_adverse_events": "%"},
    n=831,
    extra={"hr_os": 0.62, "hr_rpfs": 0.40, "activity_gbq": 7.4, "interval_weeks": 6},
)

TITAN = Trial(
    key="chi2019",
    name="TITAN: apalutamide with androgen deprivation, metastatic castration-sensitive prostate "
    "cancer",
    citation=Citation(
        key="chi2019",
        authors="Chi KN, Agarwal N, Bjartell A, Chung BH, Pereira de Santana Gomes AJ, Given R, "
        "et al",
        title="Apalutamide for metastatic, castration-sensitive prostate cancer",
        journal="N Engl J Med",
        year=2019,
        details="381(1):13-24",
        doi="10.1056/NEJMoa1903307",
    ),
    design="Double-blind placebo-controlled phase 3 trial, apalutamide 240 mg daily or placebo "
    "added to ADT; previous docetaxel allowed",
    arms=("Apalutamide + ADT", "Placebo + ADT"),
    outcomes={},
    units={},
    notes=(
        "First interim analysis: rPFS at 24 months 68.2% vs 47.5% (HR 0.48, 95% CI 0.39-0.60); "
        "risk of death 33% lower (HR 0.67). 1052 patients (525 + 527).",
    ),
    extra={
        "patients": 1052,
        "rpfs_24m_percent": [68.2, 47.5],
        "hr_rpfs": 0.48,
        "hr_os": 0.67,
    },
)

ARASENS = Trial(
    key="smith2022arasens",
    name="ARASENS: darolutamide with ADT and docetaxel, metastatic hormone-sensitive prostate "
    "cancer",
    citation=Citation(
        key="smith2022arasens",
        authors="Smith MR, Hussain M, Saad F, Fizazi K, Sternberg CN, Crawford ED, et al",
        title="Darolutamide and survival in metastatic, hormone-sensitive prostate cancer",
        journal="N Engl J Med",
        year=2022,
        details="386(12):1132-1142",
        doi="10.1056/NEJMoa2119115",
    ),
    design="Double-blind placebo-controlled phase 3 trial: darolutamide 600 mg twice daily or "
    "placebo, both with ADT and six cycles of docetaxel (triplet therapy)",
    arms=("Darolutamide + ADT + docetaxel", "Placebo + ADT + docetaxel"),
    outcomes={},
    units={},
    notes=(
        "Risk of death 32.5% lower: HR 0.68 (95% CI 0.57-0.80); 1306 patients (651 + 655); "
        "86.1% metastatic at diagnosis.",
    ),
    extra={"patients": 1306, "hr_os": 0.68, "hr_os_ci": [0.57, 0.80]},
)

TAMOXIFEN_HYPERCALCAEMIA = Trial(
    key="legha1981",
    name="Tamoxifen-induced hypercalcaemia in metastatic breast cancer",
    citation=Citation(
        key="legha1981",
        authors="Legha SS, et al",
        title="Tamoxifen-induced hypercalcemia in breast cancer",
        journal="Cancer",
        year=1981,
        details="47(12):2803-2806",
        doi="10.1002/1097-0142(19810615)47:12<2803::aid-cncr2820471208>3.0.co;2-a",
        note="PubMed 7260871 abstract read (15 June 1981 issue; 10 of 470, median 7 days, range "
        "4-11); the author list was not shown in the copy read, so 'Legha SS' is not confirmed.",
    ),
    design="Case series: women with metastatic breast cancer treated with tamoxifen",
    arms=("Tamoxifen",),
    outcomes={},
    units={},
    notes=(
        "10 of 470 patients (2.3%) developed hypercalcaemia, all with osteolytic or mixed bone "
        "metastases, after a median of 7 days (range 4-11); it was short-lived and usually "
        "allowed tamoxifen to continue.",
    ),
    extra={
        "patients": 470,
        "hypercalcaemia_patients": 10,
        "hypercalcaemia_percent": 2.3,
        "median_onset_days": 7,
    },
)
