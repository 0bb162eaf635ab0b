"""Figures for the foundation chapters: biology and epidemiology, diagnosis, prognosis.

Each record's ``key`` is its BibTeX key, generated into ``references/engine.bib``. Figures were read
from the paper's abstract or tables; ``tests/book/test_evidence_foundations.py`` restates each one
with the place it was read, so a change here has to be made on purpose.
"""

from __future__ import annotations

from .. import sources
from ..result import Citation
from . import Trial

__all__ = [
    "BOLLEN_2018",
    "COLEMAN_2006",
    "EISENHAUER_2009",
    "GONG_2021",
    "HOFMAN_2020",
    "OZKALEMKAS_2005",
    "RADES_2008_AMBULATORY",
    "RADES_2008_SURVIVAL",
    "RAJKUMAR_2014",
    "ROCKWOOD_2005",
    "SCHER_2016",
    "ZENG_2007",
    "ZOCCALI_2016",
]

COLEMAN_2006 = Trial(
    key="coleman2006",
    name="Incidence of bone metastases and survival by primary (Coleman 2006)",
    citation=Citation(
        key="coleman2006",
        authors="Coleman RE",
        title="Clinical features of metastatic bone disease and risk of skeletal morbidity",
        journal="Clin Cancer Res",
        year=2006,
        details="12(20 Pt 2):6243s-6249s",
        doi="10.1158/1078-0432.CCR-06-0931",
    ),
    design=(
        "Review; Table 1 gives the incidence of bone metastases at post-mortem in advanced disease "
        "and the median survival from the diagnosis of bone metastases, by primary"
    ),
    arms=("Myeloma", "Breast", "Prostate", "Thyroid", "Bladder", "Lung", "Renal", "Melanoma"),
    outcomes={
        "incidence_low": (70, 65, 65, 60, 40, 30, 20, 14),
        "incidence_high": (95, 75, 75, 60, 40, 40, 25, 45),
        "median_survival_low": (6, 19, 12, 48, 6, 6, 12, 6),
        "median_survival_high": (54, 25, 53, 48, 9, 7, 12, 6),
    },
    units={
        "incidence_low": "%",
        "incidence_high": "%",
        "median_survival_low": "months",
        "median_survival_high": "months",
    },
    notes=(
        "Ranges as printed; where one figure is printed, low and high are the same.",
        "In randomised trials one skeletal-related event occurred on average every 3 to 6 months "
        "(abstract).",
    ),
    extra={
        "breast_prostate_autopsy_percent": 70,
        "sre_every_months": [3, 6],
    },
)

ZENG_2007 = Trial(
    key="zeng2007",
    name="Revised Tokuhashi score in 447 patients (Zeng 2007)",
    citation=Citation(
        key="zeng2007",
        authors="Zeng JC, Song YM, Liu H, Gong Q, Li T, Liu LM, Hu YZ, Pei FX, Rao SC",
        title="The predictive value of the Tokuhashi revised scoring system for the survival time "
        "of patients with spinal metastases",
        journal="Sichuan Da Xue Xue Bao Yi Xue Ban",
        year=2007,
        details="38(3)",
        doi="10.3969/j.issn.1672-173x.2007.03.032",
    ),
    design="Retrospective cohort of patients with spinal metastases scored with the 2005 revision",
    arms=("0-8", "9-11", "12-15"),
    outcomes={
        "patients": (211, 147, 89),
        "median_survival": (4, 10, 29),
    },
    units={"patients": "patients", "median_survival": "months"},
    n=447,
    notes=("Overall median survival 7.9 months; score correlated with survival (r = 0.833).",),
    extra={"overall_median_survival_months": 7.9, "correlation_r": 0.833},
)

GONG_2021 = Trial(
    key="gong2021",
    name="Tomita and revised Tokuhashi scores after surgery, 2010-2019 (Gong 2021)",
    citation=Citation(
        key="gong2021",
        authors="Gong Y, Hu J, Wei F, Liu X, Liu Z, Jiang L",
        title="The accuracy of Tomita score and revised Tokuhashi score in predicting postoperative "
        "survival of patients with spinal metastases in the past decade",
        journal="Chinese Journal of Spine and Spinal Cord",
        year=2021,
        details="(2):97-102",
    ),
    design="Retrospective cohort of 221 patients operated on for spinal metastases, 2010-2019",
    arms=("0-8", "9-11", "12-15"),
    outcomes={"median_survival": (18, 30, 51)},
    units={"median_survival": "months"},
    n=221,
    notes=(
        "Median survival of the whole cohort 27.0 months; 1-year survival 67.4%.",
        "The revised Tokuhashi score predicted the survival band correctly in 32.6% (72/221), "
        "the Tomita score in 30.2% (57/189).",
    ),
    extra={
        "overall_median_survival_months": 27.0,
        "one_year_survival_percent": 67.4,
        "tomita_bands": ["2-3", "4-5", "6-7", "8-10"],
        "tomita_median_survival_months": [34, 41, 16, 12],
        "accuracy_percent": {"tokuhashi": 32.6, "tomita": 30.2},
    },
)

HOFMAN_2020 = Trial(
    key="hofman2020",
    name="proPSMA: PSMA PET-CT vs conventional imaging for staging (Hofman 2020)",
    citation=Citation(
        key="hofman2020",
        authors="Hofman MS, Lawrentschuk N, Francis RJ, Tang C, Vela I, Thomas P, et al",
        title="Prostate-specific membrane antigen PET-CT in patients with high-risk prostate "
        "cancer before curative-intent surgery or radiotherapy (proPSMA): a prospective, "
        "randomised, multicentre study",
        journal="Lancet",
        year=2020,
        details="395(10231):1208-1216",
        doi="10.1016/S0140-6736(20)30314-7",
    ),
    design=(
        "Randomised multicentre study, high-risk prostate cancer before curative treatment: "
        "first-line PSMA PET-CT vs CT plus bone scan"
    ),
    arms=("PSMA PET-CT", "CT and bone scan"),
    outcomes={"accuracy": (92, 65)},
    units={"accuracy": "%"},
    n=302,
    notes=("Accuracy for pelvic nodal or distant metastases (area under the ROC curve).",),
)

ZOCCALI_2016 = Trial(
    key="zoccali2016",
    name="Accuracy of the revised Tokuhashi score across ten studies (Zoccali 2016)",
    citation=Citation(
        key="zoccali2016",
        authors="Zoccali C, Skoch J, Walter CM, Torabi M, Borgstrom M, Baaj AA",
        title="The Tokuhashi score: effectiveness and pitfalls",
        journal="Eur Spine J",
        year=2016,
    ),
    design="Literature review pooling 10 studies that compared predicted with actual survival",
    arms=("All patients", "Predicted < 6 months", "Predicted 6-12 months", "Predicted > 12 months"),
    outcomes={"predictive_accuracy": (63.00, 64.10, 55.32, 77.21)},
    units={"predictive_accuracy": "%"},
    n=1686,
    notes=("Accuracy fell over time (significant in the two lower groups).",),
    extra={"studies": 10},
)

RADES_2008_AMBULATORY = Trial(
    key="rades2008",
    name="Rades score for walking after radiotherapy for MSCC (Rades 2008)",
    citation=Citation(
        key="rades2008",
        authors="Rades D, et al",
        title="A score predicting posttreatment ambulatory status in patients irradiated for "
        "metastatic spinal cord compression",
        journal="Int J Radiat Oncol Biol Phys",
        year=2008,
        details="72(3):905-908",
        doi="10.1016/j.ijrobp.2008.02.018",
    ),
    design="Retrospective multivariate analysis of 2096 patients irradiated for MSCC; each "
    "factor scores its post-RT walking rate divided by 10 (five factors: primary tumour type, "
    "interval from tumour diagnosis to MSCC, visceral metastases, motor function before RT, time "
    "developing motor deficits)",
    arms=("21-28 points", "29-31 points", "32-34 points", "35-37 points", "38-44 points"),
    outcomes={
        "ambulatory_after_rt": (6, 44, 70, 86, 99),
        "survival_6_months": (6, 31, 42, 61, 93),
    },
    units={"ambulatory_after_rt": "%", "survival_6_months": "%"},
    n=2096,
    notes=(
        "Authors' reading: 28 points or fewer, short-course RT or best supportive care; 29-37, "
        "consider surgery; 38 or more, RT alone does well.",
    ),
    extra={"score_range": [21, 44], "factors": 5},
)

RADES_2008_SURVIVAL = Trial(
    key="rades2008survival",
    name="Rades survival score for MSCC (Rades 2008)",
    citation=Citation(
        key="rades2008survival",
        authors="Rades D, Dunst J, Schild SE",
        title="The first score predicting overall survival in patients with metastatic spinal "
        "cord compression",
        journal="Cancer",
        year=2008,
        details="112(1):157-161",
        doi="10.1002/cncr.23150",
    ),
    design="Retrospective multivariate survival analysis of 1852 patients irradiated for MSCC; "
    "six factors (tumour type, interval from tumour diagnosis to MSCC, other bone metastases, "
    "visceral metastases, ambulatory status, duration of motor deficits), each scored as its "
    "6-month survival rate divided by 10; five groups",
    arms=("20-25 points", "26-30 points"),
    outcomes={"survival_6_months": (4, 11)},
    units={"survival_6_months": "%"},
    n=1852,
    notes=("Only the two lowest groups' figures were read from the abstract.",),
    extra={"score_range": [20, 45], "factors": 6, "groups": 5},
)

BOLLEN_2018 = Trial(
    key="bollen2018",
    name="Prognostic factors for survival with spinal bone metastases (Bollen 2018)",
    citation=Citation(
        key="bollen2018",
        authors="Bollen L, Jacobs WCH, Van der Linden YM, Van der Hel O, Taal W, Dijkstra PDS",
        title="A systematic review of prognostic factors predicting survival in patients with "
        "spinal bone metastases",
        journal="Eur Spine J",
        year=2018,
    ),
    design="Systematic review of 22 studies and 43 candidate prognostic factors",
    arms=("Review",),
    outcomes={},
    units={},
    notes=(
        "The primary tumour and the performance status were the factors most often associated "
        "with survival; age, sex, the number and site of spinal metastases and pathological "
        "fracture most often were not.",
    ),
    extra={"studies": 22, "factors_studied": 43},
)

ROCKWOOD_2005 = Trial(
    key="rockwood2005",
    name="Clinical Frailty Scale (Rockwood 2005)",
    citation=Citation(
        key="rockwood2005",
        authors="Rockwood K, Song X, MacKnight C, Bergman H, Hogan DB, McDowell I, Mitnitski A",
        title="A global clinical measure of fitness and frailty in elderly people",
        journal="CMAJ",
        year=2005,
        details="173(5):489-495",
        doi="10.1503/cmaj.050051",
    ),
    design="Canadian Study of Health and Aging cohort followed for 5 years; 7-point scale",
    arms=("Per category",),
    outcomes={"death_risk_increase_per_category": (21.2,)},
    units={"death_risk_increase_per_category": "%"},
    n=2305,
    notes=("Area under the ROC curve 0.77 for 18-month mortality.",),
    extra={"categories": 7, "auc_18_months": 0.77},
)

EISENHAUER_2009 = Trial(
    key="eisenhauer2009",
    name="RECIST version 1.1 (Eisenhauer 2009)",
    citation=Citation(
        key="eisenhauer2009",
        authors="Eisenhauer EA, Therasse P, Bogaerts J, Schwartz LH, Sargent D, Ford R, et al",
        title="New response evaluation criteria in solid tumours: revised RECIST guideline "
        "(version 1.1)",
        journal="Eur J Cancer",
        year=2009,
        details="45(2):228-247",
    ),
    design="Consensus response criteria",
    arms=("Criterion",),
    outcomes={},
    units={},
    notes=(
        "Bone lesions are non-measurable, except lytic or mixed lesions with an identifiable soft "
        "tissue component that meets the size rule (10 mm on CT), which may be target lesions; "
        "blastic lesions are non-measurable.",
    ),
    extra={"measurable_min_mm": 10},
)

SCHER_2016 = Trial(
    key="scher2016",
    name="PCWG3: bone-scan progression in prostate cancer trials (Scher 2016)",
    citation=Citation(
        key="scher2016",
        authors="Scher HI, et al",
        title="Trial design and objectives for castration-resistant prostate cancer: updated "
        "recommendations from the Prostate Cancer Clinical Trials Working Group 3",
        journal="J Clin Oncol",
        year=2016,
    ),
    design="Consensus recommendations for trials in castration-resistant prostate cancer",
    arms=("Rule",),
    outcomes={},
    units={},
    notes=(
        "New lesions on the first post-treatment bone scan may be flare: progression needs two or "
        "more new lesions confirmed by two or more further new lesions on a scan at least 6 "
        "weeks later (the '2+2' rule).",
    ),
    extra={"new_lesions": 2, "confirming_new_lesions": 2, "confirm_after_weeks": 6},
)

RAJKUMAR_2014 = Trial(
    key="rajkumar2014",
    name="IMWG diagnostic criteria for myeloma: MRI focal lesions (Rajkumar 2014)",
    citation=sources.RAJKUMAR_2014,
    design="Consensus diagnostic criteria",
    arms=("Criterion",),
    outcomes={},
    units={},
    notes=("More than one focal lesion of at least 5 mm on MRI is a myeloma-defining event.",),
    extra={"mri_focal_lesions_more_than": 1, "focal_lesion_min_mm": 5},
)

OZKALEMKAS_2005 = Trial(
    key="ozkalemkas2005",
    name="Bone marrow metastases found by marrow aspirate and biopsy (Ozkalemkas 2005)",
    citation=Citation(
        key="ozkalemkas2005",
        authors="Ozkalemkas F, Ali R, Ozkocaman V, Ozcelik T, Ozan U, Ozturk H, et al",
        title="The bone marrow aspirate and biopsy in the diagnosis of unsuspected nonhematologic "
        "malignancy: a clinical study of 19 cases",
        journal="BMC Cancer",
        year=2005,
        details="5:144",
        doi="10.1186/1471-2407-5-144",
    ),
    design="Case series of solid tumours first diagnosed from bone marrow",
    arms=("Patients",),
    outcomes={},
    units={},
    n=19,
    notes=(
        "A leucoerythroblastic blood film, microangiopathic haemolysis and unexplained cytopenias "
        "were strong pointers to marrow examination; anaemia and thrombocytopenia were present in "
        "all patients.",
    ),
)
