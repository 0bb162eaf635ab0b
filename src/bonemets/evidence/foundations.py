"""Figures for the foundation chapters: biology and epidemiology, diagnosis, prognosis.

Each record's ``key`` is its BibTeX key in ``references/foundations.bib``. Figures were read from
the paper's abstract or tables; ``tests/book/test_evidence_foundations.py`` restates each one with
the place it was read, so a change here has to be made on purpose.
"""

from __future__ import annotations

from ..result import Citation
from . import Trial

__all__ = ["COLEMAN_2006", "GONG_2021", "HOFMAN_2020", "ZENG_2007"]

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
