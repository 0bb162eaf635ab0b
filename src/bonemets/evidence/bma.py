"""Figures for the bone-modifying agents chapter: dosing intervals, agents compared, bone loss.

Each record's ``key`` is its BibTeX key, generated into ``references/engine.bib``. Figures were read
from the paper's abstract (or the full text where noted); ``tests/book/test_evidence_modalities.py``
restates each one with the place it was read, so a change here has to be made on purpose. Doses and
intervals live in ``extra`` so chapter text can quote them with ``{fact}``.
"""

from __future__ import annotations

from .. import sources
from ..result import Citation
from . import Trial

__all__ = [
    "AMADORI_2013",
    "BODY_2004",
    "CLEMONS_2021",
    "GNANT_2015",
    "HIMELSTEIN_2017",
    "HORTOBAGYI_1998",
    "HORTOBAGYI_2017",
    "LIPTON_2012",
    "SAAD_2012",
    "SMITH_2009",
    "YAROM_2019",
]

HIMELSTEIN_2017 = Trial(
    key="himelstein2017",
    name="CALGB 70604 (Alliance): zoledronic acid every 12 vs every 4 weeks",
    citation=sources.HIMELSTEIN_2017,
    design="Open-label randomised non-inferiority trial from the start of treatment, for 2 years; "
    "breast cancer, prostate cancer or myeloma with at least one bone site",
    arms=("Every 4 weeks", "Every 12 weeks"),
    outcomes={"patients_with_sre": (29.5, 28.6)},
    units={"patients_with_sre": "%"},
    n=1822,
    notes=("Non-inferior; osteonecrosis of the jaw and renal dysfunction uncommon in both arms.",),
    extra={
        "dose_mg": 4,
        "interval_weeks": [4, 12],
        "duration_years": 2,
        "noninferiority_margin_percent": 7,
        "patients_per_arm": [911, 911],
    },
)

AMADORI_2013 = Trial(
    key="amadori2013",
    name="ZOOM: zoledronic acid every 12 vs every 4 weeks after a year of monthly treatment",
    citation=Citation(
        key="amadori2013",
        authors="Amadori D, Aglietta M, Alessi B, Gianni L, Ibrahim T, Farina G, et al",
        title="Efficacy and safety of 12-weekly versus 4-weekly zoledronic acid for prolonged "
        "treatment of patients with bone metastases from breast cancer (ZOOM): a phase 3, "
        "open-label, randomised, non-inferiority trial",
        journal="Lancet Oncol",
        year=2013,
        details="14(7):663-670",
        doi="10.1016/S1470-2045(13)70174-8",
    ),
    design="Open-label randomised non-inferiority trial in breast cancer after 12-15 months of "
    "monthly zoledronic acid",
    arms=("Every 4 weeks", "Every 12 weeks"),
    outcomes={"skeletal_morbidity_rate": (0.22, 0.26)},
    units={"skeletal_morbidity_rate": "events per patient-year"},
    n=425,
    notes=("Difference 0.04; upper limit of the one-tailed 97.5% CI 0.17, below the 0.19 margin.",),
    extra={
        "dose_mg": 4,
        "prior_monthly_months": [12, 15],
        "noninferiority_margin": 0.19,
        "ci_upper": 0.17,
        "patients_per_arm": [216, 209],
    },
)

HORTOBAGYI_2017 = Trial(
    key="hortobagyi2017",
    name="OPTIMIZE-2: zoledronic acid every 12 vs every 4 weeks in breast cancer",
    citation=Citation(
        key="hortobagyi2017",
        authors="Hortobagyi GN, Van Poznak C, Harker WG, Gradishar WJ, Chew H, Dakhil SR, et al",
        title="Continued treatment effect of zoledronic acid dosing every 12 vs 4 weeks in women "
        "with breast cancer metastatic to bone: the OPTIMIZE-2 randomized clinical trial",
        journal="JAMA Oncol",
        year=2017,
        details="3(7):906-912",
        doi="10.1001/jamaoncol.2016.6316",
    ),
    design="Double-blind randomised non-inferiority trial, for 1 year, after about a year of "
    "monthly intravenous bisphosphonate",
    arms=("Every 4 weeks", "Every 12 weeks"),
    outcomes={"patients_with_sre": (22.0, 23.2)},
    units={"patients_with_sre": "%"},
    n=416,
    notes=(
        "Time to first SRE HR 1.06 (95% CI 0.70-1.60).",
        "Reports of the sample size differ: 416 (paper's key points), 406 and 403 elsewhere.",
        "Non-inferiority margin 10% for the difference in SRE rate (ASCO 2014 abstract).",
    ),
    extra={
        "dose_mg": 4,
        "noninferiority_margin_percent": 10,
        "hr_first_sre": 1.06,
        "hr_ci": [0.70, 1.60],
        "n_other_reports": [403, 406],
    },
)

LIPTON_2012 = Trial(
    key="lipton2012",
    name="Denosumab vs zoledronic acid: combined analysis of three phase 3 trials",
    citation=Citation(
        key="lipton2012",
        authors="Lipton A, Fizazi K, Stopeck AT, Henry DH, Brown JE, Yardley DA, et al",
        title="Superiority of denosumab to zoledronic acid for prevention of skeletal-related "
        "events: a combined analysis of 3 pivotal, randomised, phase 3 trials",
        journal="Eur J Cancer",
        year=2012,
        details="48(16):3082-3092",
    ),
    design="Pre-planned patient-level analysis of three identically designed double-blind trials "
    "(breast, prostate, other solid tumours or myeloma)",
    arms=("Denosumab", "Zoledronic acid"),
    outcomes={},
    units={},
    notes=(
        "Risk of a first SRE 17% lower with denosumab (HR 0.83, 95% CI 0.76-0.90); median delay "
        "8.21 months. Overall survival and disease progression similar.",
    ),
    extra={
        "hr_first_sre": 0.83,
        "hr_ci": [0.76, 0.90],
        "median_delay_months": 8.21,
        "denosumab_dose_mg": 120,
        "zoledronic_dose_mg": 4,
        "interval_weeks": 4,
    },
)

SAAD_2012 = Trial(
    key="saad2012",
    name="Osteonecrosis of the jaw in the three denosumab vs zoledronic acid trials",
    citation=Citation(
        key="saad2012",
        authors="Saad F, Brown JE, Van Poznak C, Ibrahim T, Stemmer SM, Stopeck AT, et al",
        title="Incidence, risk factors, and outcomes of osteonecrosis of the jaw: integrated "
        "analysis from three blinded active-controlled phase III trials in cancer patients with "
        "bone metastases",
        journal="Ann Oncol",
        year=2012,
        details="23(5):1341-1347",
        doi="10.1093/annonc/mdr435",
    ),
    design="Integrated analysis of three blinded trials; oral adverse events adjudicated by an "
    "independent dental committee",
    arms=("Denosumab", "Zoledronic acid"),
    outcomes={"onj": (1.8, 1.3)},
    units={"onj": "%"},
    n=5723,
    notes=("P = 0.13; management conservative in more than 95%.",),
    extra={"tooth_extraction_in_onj_percent": 61.8, "onj_resolved_percent": 36.0},
)

HORTOBAGYI_1998 = Trial(
    key="hortobagyi1998",
    name="Pamidronate vs placebo in breast cancer with lytic bone metastases",
    citation=Citation(
        key="hortobagyi1998",
        authors="Hortobagyi GN, Theriault RL, Lipton A, Porter L, Blayney D, Sinoff C, et al",
        title="Long-term prevention of skeletal complications of metastatic breast cancer with "
        "pamidronate",
        journal="J Clin Oncol",
        year=1998,
        details="16(6):2038-2044",
        doi="10.1200/JCO.1998.16.6.2038",
    ),
    design="Randomised placebo-controlled trial in women receiving chemotherapy",
    arms=("Pamidronate", "Placebo"),
    outcomes={"median_time_to_first_skeletal_complication": (13.9, 7.0)},
    units={"median_time_to_first_skeletal_complication": "months"},
    n=382,
    extra={"dose_mg": 90, "infusion_hours": 2, "interval_weeks": [3, 4]},
)

BODY_2004 = Trial(
    key="body2004",
    name="Oral ibandronate vs placebo in breast cancer with bone metastases",
    citation=Citation(
        key="body2004",
        authors="Body JJ, Diel IJ, Lichinitzer M, Lazarev A, Pecherstorfer M, Bell R, et al",
        title="Oral ibandronate reduces the risk of skeletal complications in breast cancer "
        "patients with metastatic bone disease: results from two randomised, placebo-controlled "
        "phase III studies",
        journal="Br J Cancer",
        year=2004,
        details="90(6):1133-1137",
        doi="10.1038/sj.bjc.6601663",
    ),
    design="Two pooled randomised placebo-controlled trials, up to 96 weeks",
    arms=("Ibandronate", "Placebo"),
    outcomes={"skeletal_morbidity_period_rate": (0.95, 1.18)},
    units={"skeletal_morbidity_period_rate": "12-week periods with events per patient"},
    n=564,
    extra={"oral_dose_mg_daily": 50, "patients_per_arm": [287, 277]},
)

SMITH_2009 = Trial(
    key="smith2009",
    name="HALT 138: denosumab for bone loss under androgen deprivation",
    citation=sources.SMITH_2009,
    design="Double-blind placebo-controlled trial in non-metastatic prostate cancer on androgen "
    "deprivation",
    arms=("Denosumab", "Placebo"),
    outcomes={
        "lumbar_spine_bmd_change_24m": (5.6, -1.0),
        "new_vertebral_fractures_36m": (1.5, 3.9),
    },
    units={"lumbar_spine_bmd_change_24m": "%", "new_vertebral_fractures_36m": "%"},
    n=1468,
    notes=("Vertebral fractures: relative risk 0.38 (95% CI 0.19-0.78).",),
    extra={"dose_mg": 60, "interval_months": 6, "patients_per_arm": [734, 734]},
)

GNANT_2015 = Trial(
    key="gnant2015",
    name="ABCSG-18: denosumab for women on adjuvant aromatase inhibitors",
    citation=Citation(
        key="gnant2015",
        authors="Gnant M, Pfeiler G, Dubsky PC, Hubalek M, Greil R, Jakesz R, et al",
        title="Adjuvant denosumab in breast cancer (ABCSG-18): a multicentre, randomised, "
        "double-blind, placebo-controlled trial",
        journal="Lancet",
        year=2015,
        details="386(9992):433-443",
    ),
    design="Double-blind placebo-controlled trial in postmenopausal women with early hormone "
    "receptor-positive breast cancer on an aromatase inhibitor",
    arms=("Denosumab", "Placebo"),
    outcomes={"clinical_fractures_36m": (5.0, 9.6), "clinical_fractures_84m": (11.5, 26.2)},
    units={"clinical_fractures_36m": "%", "clinical_fractures_84m": "%"},
    n=3420,
    notes=(
        "Time to first clinical fracture: HR 0.50 (p < 0.0001); 1711 denosumab vs 1709 placebo "
        "(report of the Lancet paper, endocrineweb; 3425 enrolled).",
        "Estimated clinical fracture rates: 5.0% vs 9.6% at 36 months and 11.5% vs 26.2% at 84 "
        "months (same report).",
    ),
    extra={
        "dose_mg": 60,
        "interval_months": 6,
        "hr_first_clinical_fracture": 0.50,
        "patients_per_arm": [1711, 1709],
    },
)

CLEMONS_2021 = Trial(
    key="clemons2021",
    name="REaCT-BTA: bone-targeted agents every 12 vs every 4 weeks",
    citation=Citation(
        key="clemons2021",
        authors="Clemons M, Ong M, Stober C, Ernst S, Booth C, Canil C, et al",
        title="A randomised trial of 4- versus 12-weekly administration of bone-targeted agents in "
        "patients with bone metastases from breast or castration-resistant prostate cancer",
        journal="Eur J Cancer",
        year=2021,
        details="142:132-140",
        note="Title, authors, date (January 2021) and all figures confirmed from the abstract "
        "(McMaster Experts and Tel Aviv University records); the journal, volume and pages (Eur J "
        "Cancer 142:132-140) were not shown there and are not confirmed.",
    ),
    design="Pragmatic open-label randomised non-inferiority trial for one year; breast cancer or "
    "castration-resistant prostate cancer, starting or already on denosumab, zoledronic acid or "
    "pamidronate; primary end point EORTC QLQ-C30 physical function (margin 5 points)",
    arms=("Every 4 weeks", "Every 12 weeks"),
    outcomes={},
    units={},
    n=263,
    notes=(
        "Physical-function score 1.2 points higher with 4-weekly dosing (95% CI -1.6 to 4.0): "
        "non-inferior; no significant difference in pain, global health, symptomatic skeletal "
        "events or SSE-free survival.",
    ),
    extra={
        "interval_weeks": [4, 12],
        "patients_per_arm": [133, 130],
        "breast_patients": 160,
        "crpc_patients": 103,
        "denosumab_percent": 56.3,
        "noninferiority_margin_points": 5,
        "difference_points": 1.2,
        "difference_ci": [-1.6, 4.0],
    },
)

YAROM_2019 = Trial(
    key="yarom2019",
    name="MASCC/ISOO/ASCO guideline: medication-related osteonecrosis of the jaw",
    citation=Citation(
        key="yarom2019",
        authors="Yarom N, Shapiro CL, Peterson DE, Van Poznak CH, Bohlke K, Ruggiero SL, et al",
        title="Medication-related osteonecrosis of the jaw: MASCC/ISOO/ASCO clinical practice "
        "guideline",
        journal="J Clin Oncol",
        year=2019,
        details="37(25), September 2019",
        note="Journal, volume and issue (J Clin Oncol 37, no. 25, September 2019) confirmed "
        "(RUSSCO summary; guideline text); the page range was not confirmed.",
    ),
    design="Clinical practice guideline: systematic review (132 publications, 10 randomised "
    "trials) and formal consensus; definition as in the AAOMS position paper",
    arms=(),
    outcomes={},
    units={},
    notes=(
        "MRONJ needs all three: current or previous bone-modifying agent or angiogenesis "
        "inhibitor; exposed bone, or bone that can be probed through an intraoral or extraoral "
        "fistula, in the maxillofacial region for longer than 8 weeks; no radiotherapy to the "
        "jaws and no metastatic disease in the jaws.",
        "Staging (AAOMS): at risk; stage 0 (no exposed bone, non-specific symptoms or findings); "
        "stage 1 (exposed bone or probeable fistula, asymptomatic, no infection); stage 2 (with "
        "pain and infection); stage 3 (plus pathological fracture, extra-oral or oro-antral "
        "fistula, or osteolysis to the inferior border of the mandible or the sinus floor).",
    ),
    extra={
        "exposed_bone_weeks": 8,
        "publications_reviewed": 132,
        "randomised_trials": 10,
        "stages": [0, 1, 2, 3],
    },
)
