"""Figures for the radiotherapy chapter: fractionation, SBRT/SRS, hemibody, re-irradiation, flare.

Each record's ``key`` is its BibTeX key, generated into ``references/engine.bib``. Figures were read
from the paper's abstract (or a report of it, named in the test);
``tests/book/test_evidence_modalities.py`` restates each one with the place it was read. Doses live
in ``extra`` so the chapter quotes them with ``{fact}``; the EQD2 of each schedule is computed by
``bonemets.formulas.radiotherapy``.
"""

from __future__ import annotations

from .. import sources
from ..formulas.radiotherapy import DEFAULT_ALPHA_BETA, eqd2
from ..result import Citation
from . import Trial


def _eqd2(fractions: int, dose_per_fraction: float) -> float:
    """EQD2 at the engine's default alpha/beta, to one decimal for display (derived, not read)."""
    return round(eqd2(fractions, dose_per_fraction, DEFAULT_ALPHA_BETA), 1)


__all__ = [
    "ALCORN_2024",
    "CHOW_2014",
    "CHOW_2015",
    "OLSON_2020",
    "OST_2018",
    "PALMA_2019",
    "PALMA_2020",
    "PHILLIPS_2020",
    "POULTER_1992",
    "RYU_2019",
    "RYU_2023",
    "SAHGAL_2013",
    "SAHGAL_2021",
    "SAITO_2019",
    "SALAZAR_1986",
    "STEENLAND_1999",
    "TONG_1982",
    "VAN_DER_LINDEN_2004",
    "VAN_DER_LINDEN_2020",
]

VAN_DER_LINDEN_2004 = Trial(
    key="vanderlinden2004",
    name="Dutch Bone Metastasis Study, re-analysis controlling for retreatment",
    citation=sources.VAN_DER_LINDEN_2004,
    design="Re-analysis of a randomised trial of a single fraction vs multiple fractions for "
    "painful bone metastases",
    arms=("8 Gy x 1", "24 Gy / 6"),
    outcomes={"response": (71, 73), "retreatment": (24, 6)},
    units={"response": "%", "retreatment": "%"},
    notes=(
        "Response to initial treatment p = 0.84; retreatment raised single-fraction response "
        "to 75%.",
        "Retreatment was effective in 63% of retreated patients.",
    ),
    extra={
        **(_DBMS := {"single_dose_gy": 8, "multi_total_gy": 24, "multi_fractions": 6}),
        # Derived by the engine, not read: EQD2 of each arm at the default alpha/beta.
        "eqd2_gy": [
            _eqd2(1, _DBMS["single_dose_gy"]),
            _eqd2(
                _DBMS["multi_fractions"],
                _DBMS["multi_total_gy"] / _DBMS["multi_fractions"],
            ),
        ],
        "single_fraction_response_after_retreatment": 75,
        "retreatment_effective_percent": 63,
    },
)

STEENLAND_1999 = Trial(
    key="steenland1999",
    name="Dutch Bone Metastasis Study, first report",
    citation=Citation(
        key="steenland1999",
        authors="Steenland E, Leer JW, van Houwelingen H, Post WJ, van den Hout WB, Kievit J, "
        "et al",
        title="The effect of a single fraction compared to multiple fractions on painful bone "
        "metastases: a global analysis of the Dutch Bone Metastasis Study",
        journal="Radiother Oncol",
        year=1999,
        details="52(2):101-109",
    ),
    design="Randomised trial of a single fraction vs multiple fractions for painful bone "
    "metastases (first report)",
    arms=("8 Gy x 1", "24 Gy / 6"),
    outcomes={"retreatment": (25, 7)},
    units={"retreatment": "%"},
    notes=(
        "Retreatment figures as commonly quoted from the first report; the course did not re-read "
        "them in the paper and teaches the 2004 re-analysis (van der Linden 2004).",
    ),
    extra={"confirmed_in_primary": False},
)

TONG_1982 = Trial(
    key="tong1982",
    name="RTOG 74-02: fractionation schedules for symptomatic bone metastases",
    citation=Citation(
        key="tong1982",
        authors="Tong D, Gillick L, Hendrickson FR",
        title="The palliation of symptomatic osseous metastases: final results of the Study by "
        "the Radiation Therapy Oncology Group",
        journal="Cancer",
        year=1982,
        details="50(5):893-899",
        doi="10.1002/1097-0142(19820901)50:5<893::aid-cncr2820500515>3.0.co;2-y",
    ),
    design="Randomised comparison of several dose-fractionation schedules",
    arms=("All schedules",),
    outcomes={"any_pain_relief": (90,), "complete_pain_relief": (54,)},
    units={"any_pain_relief": "%", "complete_pain_relief": "%"},
    notes=("Low-dose short-course schedules were as effective as high-dose protracted ones.",),
)

SAITO_2019 = Trial(
    key="saito2019",
    name="Single vs multiple fractions: meta-analysis of non-randomised studies",
    citation=Citation(
        key="saito2019",
        authors="Saito T, Yamaguchi K, Toya R, Oya N",
        title="Single- versus multiple-fraction radiation therapy for painful bone metastases: a "
        "systematic review and meta-analysis of nonrandomized studies",
        journal="Adv Radiat Oncol",
        year=2019,
        details="4(4):706-715",
        doi="10.1016/j.adro.2019.06.003",
    ),
    design="Systematic review and meta-analysis of 9 non-randomised studies",
    arms=("Single fraction", "Multiple fractions"),
    outcomes={"overall_response": (67, 70), "complete_response": (26, 35)},
    units={"overall_response": "%", "complete_response": "%"},
    notes=(
        "Overall response in 9 studies: pooled OR 0.85 (95% CI 0.66-1.08). Complete response in "
        "5 studies: pooled OR 0.89 (95% CI 0.70-1.13). Neither difference was significant.",
        "Five of the nine studies did not exclude complicated metastases; the studies were not "
        "randomised, so the arms differ in who was offered a single fraction.",
    ),
    extra={
        "studies": 9,
        "studies_complete_response": 5,
        "studies_not_excluding_complicated": 5,
        "overall_response_or": 0.85,
        "overall_response_or_ci": [0.66, 1.08],
        "complete_response_or": 0.89,
        "complete_response_or_ci": [0.70, 1.13],
    },
)

SAHGAL_2021 = Trial(
    key="sahgal2021",
    name="CCTG SC.24: SBRT vs conventional radiotherapy for painful spinal metastases",
    citation=sources.SAHGAL_2021,
    design="Open-label randomised phase 2/3 trial; primary end point complete pain response at "
    "3 months",
    arms=("SBRT 24 Gy / 2", "cEBRT 20 Gy / 5"),
    outcomes={"complete_response_3m": (35, 14)},
    units={"complete_response_3m": "%"},
    n=229,
    notes=(
        "Risk ratio 1.33 (95% CI 1.14-1.55, p = 0.0002); no treatment-related deaths.",
        "Checked against ClinicalTrials.gov NCT02512965 (229 enrolled: 114 SBRT, 115 "
        "conventional) and a report of the Lancet Oncol paper (35% vs 14%); the full text was not "
        "read.",
        "Eligible: MRI-confirmed painful spinal metastasis, no more than three consecutive "
        "segments, ECOG 0-2, no frank instability and no symptomatic cord or cauda equina "
        "compression.",
    ),
    extra={
        **(
            _SC24 := {
                "sbrt_total_gy": 24,
                "sbrt_fractions": 2,
                "cebrt_total_gy": 20,
                "cebrt_fractions": 5,
            }
        ),
        # Derived by the engine, not read: EQD2 of each arm at the default alpha/beta.
        "eqd2_gy": [
            _eqd2(
                _SC24["sbrt_fractions"],
                _SC24["sbrt_total_gy"] / _SC24["sbrt_fractions"],
            ),
            _eqd2(
                _SC24["cebrt_fractions"],
                _SC24["cebrt_total_gy"] / _SC24["cebrt_fractions"],
            ),
        ],
        "patients_per_arm": [114, 115],
        "endpoint_months": 3,  # primary endpoint: complete pain response at 3 months
    },
)

RYU_2023 = Trial(
    key="ryu2023",
    name="NRG Oncology/RTOG 0631: spine radiosurgery vs 8 Gy (full publication)",
    citation=Citation(
        key="ryu2023",
        authors="Ryu S, Deshmukh S, Timmerman RD, Movsas B, Gerszten P, Yin FF, et al",
        title="Stereotactic radiosurgery vs conventional radiotherapy for localized vertebral "
        "metastases of the spine: phase 3 results of NRG Oncology/RTOG 0631 randomized clinical "
        "trial",
        journal="JAMA Oncol",
        year=2023,
        details="9(6):800-807",
        doi="10.1001/jamaoncol.2023.0356",
    ),
    design="Randomised 2:1 phase 3 trial, 1 to 3 sites of vertebral metastases; primary end "
    "point a 3-point NRS improvement at 3 months",
    arms=("SRS 16-18 Gy x 1", "cEBRT 8 Gy x 1"),
    outcomes={"pain_response_3m": (41.3, 60.5)},
    units={"pain_response_3m": "%"},
    n=339,
    notes=(
        "SRS was not superior (two-sided p = 0.01 in favour of cEBRT); no spinal cord "
        "complications at 2 years.",
    ),
    # Primary endpoint: pain response at 3 months (abstract).
    extra={"enrolled": 353, "srs_dose_gy": [16, 18], "cebrt_dose_gy": 8, "endpoint_months": 3},
)

RYU_2019 = Trial(
    key="ryu2019",
    name="NRG Oncology/RTOG 0631: first presentation (ASTRO 2019 abstract)",
    citation=Citation(
        key="ryu2019",
        authors="Ryu S, Deshmukh S, Timmerman RD, Movsas B, Gerszten P, Yin FF, et al",
        title="Radiosurgery compared to external beam radiotherapy for localized spine "
        "metastasis: phase III results of NRG Oncology/RTOG 0631",
        journal="Int J Radiat Oncol Biol Phys",
        year=2019,
        details="105(1 Suppl):S2-S3",
    ),
    design="Conference abstract of the same trial",
    arms=("SRS 16-18 Gy x 1", "cEBRT 8 Gy x 1"),
    outcomes={"pain_response_3m": (40.3, 57.9)},
    units={"pain_response_3m": "%"},
    n=339,
    notes=("Often rounded to 40% vs 58% in reports of the meeting.",),
    extra={"patients_per_arm": [209, 130]},
)

CHOW_2014 = Trial(
    key="chow2014",
    name="NCIC CTG SC.20: single vs multiple fractions for repeat radiation",
    citation=sources.CHOW_2014,
    design="Randomised non-inferiority trial of re-irradiation; primary end point overall pain "
    "response at 2 months",
    arms=("8 Gy x 1", "20 Gy in multiple fractions"),
    outcomes={"response_itt": (28, 32), "response_per_protocol": (45, 51)},
    units={"response_itt": "%", "response_per_protocol": "%"},
    n=850,
    notes=(
        "Non-inferior by intention to treat; not in the per-protocol analysis. Less acute "
        "toxicity with 8 Gy.",
    ),
    # Primary endpoint: overall pain response at 2 months (abstract).
    extra={
        "single_dose_gy": 8,
        "multi_total_gy": 20,
        "patients_per_arm": [425, 425],
        "endpoint_months": 2,
    },
)

CHOW_2015 = Trial(
    key="chow2015",
    name="NCIC CTG SC.23: dexamethasone to prevent pain flare after radiotherapy",
    citation=Citation(
        key="chow2015",
        authors="Chow E, Meyer RM, Ding K, Nabid A, Chabot P, Wong P, et al",
        title="Dexamethasone in the prophylaxis of radiation-induced pain flare after palliative "
        "radiotherapy for bone metastases: a double-blind, randomised placebo-controlled, "
        "phase 3 trial",
        journal="Lancet Oncol",
        year=2015,
        details="16(15):1463-1472",
        doi="10.1016/S1470-2045(15)00199-0",
    ),
    design="Double-blind placebo-controlled trial with a single 8 Gy fraction",
    arms=("Dexamethasone", "Placebo"),
    outcomes={"pain_flare_days_0_10": (26, 35), "pain_flare_days_0_5": (20, 31)},
    units={"pain_flare_days_0_10": "%", "pain_flare_days_0_5": "%"},
    n=298,
    notes=(
        "Days 0-10: absolute difference 8.9%, lower 95% confidence bound 0.0%, one-sided "
        "p = 0.05; days 0-5: difference 11.1%, one-sided p = 0.03 (ASCO Post and ESMO reports of "
        "the paper).",
        "Three grade 3-4 hyperglycaemic events with dexamethasone.",
    ),
    extra={
        "dexamethasone_mg": 8,
        "days_after_radiotherapy": 4,
        "radiotherapy_gy": 8,
        "patients_per_arm": [148, 150],
    },
)

SALAZAR_1986 = Trial(
    key="salazar1986",
    name="RTOG 78-10: single-dose hemibody irradiation",
    citation=sources.SALAZAR_1986,
    design="Dose-escalation study of single-dose hemibody irradiation",
    arms=("Hemibody irradiation",),
    outcomes={"pain_relief": (73,), "complete_relief": (20,)},
    units={"pain_relief": "%", "complete_relief": "%"},
    n=168,
    notes=(
        "About half of responders within 48 hours, 80% within a week; no deaths among 168 "
        "treated patients.",
    ),
    # Of the responders, 50% had relief within 48 hours and 80% within a week (abstract).
    extra={
        "upper_hbi_gy": 6,
        "lower_hbi_gy": 8,
        "responders_within_48h_percent": 50,
        "responders_within_week_percent": 80,
    },
)

POULTER_1992 = Trial(
    key="poulter1992",
    name="RTOG 82-06: hemibody irradiation added to local radiotherapy",
    citation=Citation(
        key="poulter1992",
        authors="Poulter CA, Cosmatos D, Rubin P, Urtasun R, Cooper JS, Kuske RR, et al",
        title="A report of RTOG 8206: a phase III study of whether the addition of single dose "
        "hemibody irradiation to standard fractionated local field irradiation is more "
        "effective than local field irradiation alone in the treatment of symptomatic osseous "
        "metastases",
        journal="Int J Radiat Oncol Biol Phys",
        year=1992,
        details="23(1):207-214",
        doi="10.1016/0360-3016(92)90563-w",
    ),
    design="Randomised trial: local radiotherapy with or without hemibody irradiation",
    arms=("Local RT + HBI", "Local RT alone"),
    outcomes={
        "new_disease_1y": (50, 68),
        "median_time_to_new_disease": (12.6, 6.3),
        "retreated_1y": (60, 76),
    },
    units={"new_disease_1y": "%", "median_time_to_new_disease": "months", "retreated_1y": "%"},
    n=499,
    extra={"hbi_gy": 8, "local_fraction_gy": 3, "local_fractions": 10},
)

VAN_DER_LINDEN_2020 = Trial(
    key="vanderlinden2020dexa",
    name="Dutch DEXA study: dexamethasone to prevent pain flare after radiotherapy",
    citation=Citation(
        key="vanderlinden2020dexa",
        authors="van der Linden YM, Westhoff PG, Stellato RK, van Baardwijk A, de Vries K, "
        "Ong F, et al",
        title="Dexamethasone for the prevention of a pain flare after palliative radiation therapy "
        "for painful bone metastases: the multicenter double-blind placebo-controlled 3-armed "
        "randomized Dutch DEXA study",
        journal="Int J Radiat Oncol Biol Phys",
        year=2020,
        note="Issue of 1 November 2020; volume and pages not confirmed by the course.",
    ),
    design="Double-blind placebo-controlled 3-arm trial, 1-6 fractions for uncomplicated painful "
    "bone metastases; missing data counted as pain flare",
    arms=("dexamethasone 8 mg on 4 days", "dexamethasone 8 mg on 1 day", "placebo"),
    outcomes={"pain_flare": (38, 27, 39)},
    units={"pain_flare": "%"},
    n=295,
    notes=(
        "P = 0.07: insufficient evidence that dexamethasone reduced the incidence of pain flare; "
        "it postponed flares and lowered mean pain on days 2-5 (abstract, Erasmus repository).",
    ),
    extra={"dexamethasone_mg": 8, "p_value": 0.07},
)


ALCORN_2024 = Trial(
    key="alcorn2024",
    name="ASTRO 2024 clinical practice guideline: palliative EBRT for symptomatic bone metastases",
    citation=sources.ALCORN_2024,
    design="Clinical practice guideline built on an AHRQ systematic review (5 key questions); "
    "replaces the 2017 ASTRO update (Lutz 2017)",
    arms=("Recommendation",),
    outcomes={},
    units={},
    notes=(
        "Uncomplicated painful bone metastases, conventional RT: 8 Gy/1, 20 Gy/5, 24 Gy/6 or "
        "30 Gy/10 (recommended).",
        "Spinal cord or cauda equina compression, not eligible for initial surgical "
        "decompression, conventional RT: 8 Gy/1, 16 Gy/2, 20 Gy/5 or 30 Gy/10 (recommended).",
        "SBRT is conditionally recommended over conventional RT for selected patients with good "
        "performance status, without surgery and without neurological symptoms or signs.",
        "Surgery with postoperative RT is conditionally recommended over RT alone for spinal cord "
        "or cauda equina compression; dexamethasone with RT is recommended.",
        "Postoperative RT is recommended after surgery for non-spine bone metastases and for "
        "spine metastases without compression; re-irradiation is addressed for recurrent or "
        "persistent pain.",
    ),
    extra={
        "uncomplicated_total_gy": [8, 20, 24, 30],
        "uncomplicated_fractions": [1, 5, 6, 10],
        "mscc_total_gy": [8, 16, 20, 30],
        "mscc_fractions": [1, 2, 5, 10],
        "replaces_year": 2017,
        "quality_of_life_min_life_expectancy_weeks": 4,
    },
)

SAHGAL_2013 = Trial(
    key="sahgal2013",
    name="Vertebral compression fracture after spine SBRT: multi-institutional analysis",
    citation=Citation(
        key="sahgal2013",
        authors="Sahgal A, Atenafu EG, Chao S, Al-Omair A, Boehling N, Balagamwala EH, et al",
        title="Vertebral compression fracture after spine stereotactic body radiotherapy: a "
        "multi-institutional analysis with a focus on radiation dose and the spinal instability "
        "neoplastic score",
        journal="J Clin Oncol",
        year=2013,
        details="31(27):3426-3431",
        doi="10.1200/JCO.2013.50.1411",
    ),
    design="Multi-institutional retrospective analysis of 410 spinal segments treated with SBRT",
    arms=("Spine SBRT",),
    outcomes={"vertebral_compression_fracture": (14,)},
    units={"vertebral_compression_fracture": "%"},
    n=252,
    notes=(
        "57 fractures in 410 segments: 27 new, 30 progression of a baseline fracture; median time "
        "2.46 months, 65% within the first 4 months.",
        "Multivariable predictors: dose per fraction (greatest risk at 24 Gy or more, then 20-23 "
        "Gy, then 19 Gy or less), baseline vertebral compression fracture, lytic tumour and "
        "spinal deformity (three of the six SINS items).",
    ),
    extra={
        "segments": 410,
        "fractures": 57,
        "within_4_months_percent": 65,
        "caution_dose_per_fraction_gy": 20,
        "highest_risk_dose_per_fraction_gy": 24,
    },
)

PALMA_2019 = Trial(
    key="palma2019",
    name="SABR-COMET: stereotactic ablative radiotherapy for oligometastases (initial report)",
    citation=sources.PALMA_2019,
    design="Randomised (1:2) open-label phase 2 screening trial, controlled primary and 1-5 "
    "metastases, ECOG 0-1; primary end point overall survival (two-sided alpha 0.20)",
    arms=("Standard of care + SABR", "Standard of care"),
    outcomes={"median_overall_survival": (41, 28), "treatment_related_deaths": (4.5, 0)},
    units={"median_overall_survival": "months", "treatment_related_deaths": "%"},
    n=99,
    notes=(
        "HR for death 0.57, p = 0.090 (positive under the trial's alpha of 0.20); median "
        "progression-free survival 12 vs 6 months.",
        "Three of 66 SABR patients (4.5%) died of treatment despite strict dose constraints.",
    ),
    extra={"patients_per_arm": [66, 33], "max_metastases": 5, "treatment_related_deaths_n": 3},
)

PALMA_2020 = Trial(
    key="palma2020",
    name="SABR-COMET: long-term results",
    citation=Citation(
        key="palma2020",
        authors="Palma DA, Olson R, Harrow S, Gaede S, Louie AV, Haasbeek C, et al",
        title="Stereotactic ablative radiotherapy for the comprehensive treatment of "
        "oligometastatic cancers: long-term results of the SABR-COMET phase II randomized trial",
        journal="J Clin Oncol",
        year=2020,
        details="38(25):2830-2838",
        doi="10.1200/JCO.20.00818",
    ),
    design="Long-term follow-up (median 51 months) of the SABR-COMET randomised phase 2 trial",
    arms=("Standard of care + SABR", "Standard of care"),
    outcomes={"overall_survival_5y": (42.3, 17.7)},
    units={"overall_survival_5y": "%"},
    n=99,
    notes=(
        "Stratified log-rank p = 0.006; no new grade 2-5 adverse events and no difference in "
        "quality of life.",
    ),
    extra={"median_follow_up_months": 51},
)

OST_2018 = Trial(
    key="ost2018",
    name="STOMP: metastasis-directed therapy vs surveillance for oligorecurrent prostate cancer",
    citation=Citation(
        key="ost2018",
        authors="Ost P, Reynders D, Decaestecker K, Fonteyne V, Lumen N, De Bruycker A, et al",
        title="Surveillance or metastasis-directed therapy for oligometastatic prostate cancer "
        "recurrence: a prospective, randomized, multicenter phase II trial",
        journal="J Clin Oncol",
        year=2018,
        details="36(5):446-453",
        doi="10.1200/JCO.2017.75.4853",
    ),
    design="Randomised (1:1) phase 2 trial: up to three extracranial metastases on choline PET-CT "
    "after curative treatment; surgery or SBRT to every lesion vs surveillance",
    arms=("Metastasis-directed therapy", "Surveillance"),
    outcomes={"median_adt_free_survival": (21, 13)},
    units={"median_adt_free_survival": "months"},
    n=62,
    notes=("HR 0.60 (80% CI 0.40-0.90), log-rank p = 0.11; no grade 2-5 toxicity.",),
    extra={"max_metastases": 3, "hr": 0.60},
)

PHILLIPS_2020 = Trial(
    key="phillips2020",
    name="ORIOLE: SABR vs observation for oligometastatic prostate cancer",
    citation=Citation(
        key="phillips2020",
        authors="Phillips R, Shi WY, Deek M, Radwan N, Lim SJ, Antonarakis ES, et al",
        title="Outcomes of observation vs stereotactic ablative radiation for oligometastatic "
        "prostate cancer: the ORIOLE phase 2 randomized clinical trial",
        journal="JAMA Oncol",
        year=2020,
        note="PubMed 32215577; figures (7 of 36 vs 11 of 18) read from the abstract; authors from "
        "the University of Minnesota Experts record. Volume and pages were not confirmed.",
    ),
    design="Randomised (2:1) phase 2 trial: recurrent hormone-sensitive prostate cancer with 1-3 "
    "metastases on conventional imaging; primary end point progression at 6 months",
    arms=("SABR", "Observation"),
    outcomes={"progression_6m": (19, 61)},
    units={"progression_6m": "%"},
    n=54,
    notes=("Progression at 6 months in 7 of 36 vs 11 of 18 patients.",),
    extra={"max_metastases": 3, "patients_per_arm": [36, 18]},
)

OLSON_2020 = Trial(
    key="olson2020",
    name="SABR-COMET-3: phase 3 trial of SABR for 1-3 oligometastases (protocol)",
    citation=Citation(
        key="olson2020",
        authors="Olson R, Mathews L, Liu M, Schellenberg D, Mou B, Berrang T, et al",
        title="Stereotactic ablative radiotherapy for the comprehensive treatment of 1-3 "
        "oligometastatic tumors (SABR-COMET-3): study protocol for a randomized phase III trial",
        journal="BMC Cancer",
        year=2020,
        doi="10.1186/s12885-020-06876-4",
        note="ClinicalTrials.gov NCT03862911; results not yet reported when the course was "
        "reviewed.",
    ),
    design="Randomised (1:2) phase 3 trial: standard of care vs standard of care plus SABR to all "
    "sites, 1-3 metastases; primary end point overall survival",
    arms=("Standard of care", "Standard of care + SABR"),
    outcomes={},
    units={},
    extra={"planned_patients": 297, "metastases": [1, 3]},
)
