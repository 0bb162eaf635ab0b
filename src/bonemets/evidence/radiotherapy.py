"""Figures for the radiotherapy chapter: fractionation, SBRT/SRS, hemibody, re-irradiation, flare.

Each record's ``key`` is its BibTeX key in ``references/modalities.bib``. Figures were read from the
paper's abstract (or a report of it, named in the test); ``tests/book/test_evidence_modalities.py``
restates each one with the place it was read. Doses live in ``extra`` so the chapter quotes them
with ``{fact}``; the EQD2 of each schedule is computed by ``bonemets.formulas.radiotherapy``.
"""

from __future__ import annotations

from ..formulas.radiotherapy import DEFAULT_ALPHA_BETA, eqd2
from ..result import Citation
from . import Trial


def _eqd2(fractions: int, dose_per_fraction: float) -> float:
    """EQD2 at the engine's default alpha/beta, to one decimal for display (derived, not read)."""
    return round(eqd2(fractions, dose_per_fraction, DEFAULT_ALPHA_BETA), 1)


__all__ = [
    "CHOW_2014",
    "CHOW_2015",
    "POULTER_1992",
    "RYU_2019",
    "RYU_2023",
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
    citation=Citation(
        key="vanderlinden2004",
        authors="van der Linden YM, Lok JJ, Steenland E, Martijn H, van Houwelingen H, "
        "Marijnen CAM, Leer JWH",
        title="Single fraction radiotherapy is efficacious: a further analysis of the Dutch Bone "
        "Metastasis Study controlling for the influence of retreatment",
        journal="Int J Radiat Oncol Biol Phys",
        year=2004,
        details="59(2):528-537",
    ),
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
    notes=("Overall response pooled OR 0.85 (95% CI 0.66-1.08).",),
    extra={"studies": 9},
)

SAHGAL_2021 = Trial(
    key="sahgal2021",
    name="CCTG SC.24: SBRT vs conventional radiotherapy for painful spinal metastases",
    citation=Citation(
        key="sahgal2021",
        authors="Sahgal A, Myrehaug SD, Siva S, Masucci GL, Maralani PJ, Brundage M, et al",
        title="Stereotactic body radiotherapy versus conventional external beam radiotherapy in "
        "patients with painful spinal metastases: an open-label, multicentre, randomised, "
        "controlled, phase 2/3 trial",
        journal="Lancet Oncol",
        year=2021,
        details="22(7):1023-1033",
        doi="10.1016/S1470-2045(21)00196-0",
    ),
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
    citation=Citation(
        key="chow2014",
        authors="Chow E, van der Linden YM, Roos D, Hartsell WF, Hoskin P, Wu JSY, et al",
        title="Single versus multiple fractions of repeat radiation for painful bone metastases: "
        "a randomised, controlled, non-inferiority trial",
        journal="Lancet Oncol",
        year=2014,
        details="15(2):164-171",
        doi="10.1016/S1470-2045(13)70556-4",
    ),
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
    citation=Citation(
        key="salazar1986",
        authors="Salazar OM, Rubin P, Hendrickson FR, Komaki R, Poulter C, Newall J, et al",
        title="Single-dose half-body irradiation for palliation of multiple bone metastases from "
        "solid tumors. Final Radiation Therapy Oncology Group report",
        journal="Cancer",
        year=1986,
        details="58(1):29-36",
        doi="10.1002/1097-0142(19860701)58:1<29::aid-cncr2820580107>3.0.co;2-2",
    ),
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
