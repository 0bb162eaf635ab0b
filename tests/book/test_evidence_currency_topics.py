"""Records added for the 2024 guidance and the missing topics (issue 11): figures in ``extra`` and
``notes`` restated from the source named in each comment, and the chart built from them.

Outcomes and sample sizes are restated in ``tests/book/test_evidence_modalities.py``.
"""

from __future__ import annotations

import pytest

from bonemets.evidence import trials
from bonemets.evidence.surgery import DAMRON_2018
from bonemets.facts import text
from bonemets.formulas.radiotherapy import eqd2
from bonemets.sources import HARRINGTON_1981
from charts.radiotherapy import astro_2024_schedules


def test_astro_2024_schedules() -> None:
    # Duke scholars abstract and Guideline Central summary (22 May 2024): 800 cGy/1, 2000/5,
    # 2400/6, 3000/10 for symptomatic bone metastases; 800/1, 1600/2, 2000/5, 3000/10 for cord or
    # cauda equina compression in patients ineligible for surgery.
    t = trials()["alcorn2024"]
    assert list(
        zip(t.extra["uncomplicated_total_gy"], t.extra["uncomplicated_fractions"], strict=True)
    ) == [
        (8, 1),
        (20, 5),
        (24, 6),
        (30, 10),
    ]
    assert list(zip(t.extra["mscc_total_gy"], t.extra["mscc_fractions"], strict=True)) == [
        (8, 1),
        (16, 2),
        (20, 5),
        (30, 10),
    ]
    assert t.extra["replaces_year"] == 2017
    assert any("conditionally recommended over conventional RT" in n for n in t.notes)
    assert t.citation.year == 2024 and t.citation.doi == "10.1016/j.prro.2024.04.018"
    assert text("evidence.alcorn2024.extra.mscc_total_gy.1") == "16"


def test_astro_chart_computes_eqd2_with_the_engine() -> None:
    spec = astro_2024_schedules().to_dict()
    rows = spec["data"]["values"]
    row = next(
        r for r in rows if r["schedule"] == "16 Gy / 2" and r["alpha_beta"] == "alpha/beta 10 Gy"
    )
    # 16 Gy in 2 fractions at alpha/beta 10: 16 x (8 + 10) / 12 = 24.0 Gy.
    assert row["eqd2"] == pytest.approx(24.0) == round(eqd2(2, 8.0, 10.0), 1)
    assert len(rows) == 16
    assert "ASTRO 2024" in spec["title"] and spec["description"]


def test_saito_confidence_intervals() -> None:
    # Adv Radiat Oncol 2019;4:706 abstract (PMC6817531): overall OR 0.85 (0.66-1.08) in 9 studies;
    # complete response OR 0.89 (0.70-1.13) in 5 studies; 5 of 9 did not exclude complicated.
    e = trials()["saito2019"].extra
    assert e["overall_response_or"] == 0.85 and e["overall_response_or_ci"] == [0.66, 1.08]
    assert e["complete_response_or"] == 0.89 and e["complete_response_or_ci"] == [0.70, 1.13]
    assert e["studies_complete_response"] == 5 and e["studies_not_excluding_complicated"] == 5
    # Both intervals cross 1: neither difference is significant.
    assert e["overall_response_or_ci"][0] < 1 < e["overall_response_or_ci"][1]
    assert e["complete_response_or_ci"][0] < 1 < e["complete_response_or_ci"][1]


def test_vertebral_fracture_after_sbrt() -> None:
    # JCO 2013;31:3426 abstract: 57/410 segments; 65% within 4 months; greatest risk >= 24 Gy per
    # fraction; caution from 20 Gy per fraction.
    e = trials()["sahgal2013"].extra
    assert (e["fractures"], e["segments"]) == (57, 410)
    assert round(100 * e["fractures"] / e["segments"]) == 14
    assert e["within_4_months_percent"] == 65
    assert (e["caution_dose_per_fraction_gy"], e["highest_risk_dose_per_fraction_gy"]) == (20, 24)


def test_oligometastatic_trials() -> None:
    ev = trials()
    # Lancet 2019 (ASCO Post report): 66 vs 33 patients; 3 treatment-related deaths; up to 5 mets.
    assert ev["palma2019"].extra == {
        "patients_per_arm": [66, 33],
        "max_metastases": 5,
        "treatment_related_deaths_n": 3,
    }
    assert round(100 * 3 / 66, 1) == ev["palma2019"].outcomes["treatment_related_deaths"][0]
    # JCO 2020;38:2830 abstract: median follow-up 51 months.
    assert ev["palma2020"].extra["median_follow_up_months"] == 51
    # STOMP: HR 0.60, up to 3 lesions; ORIOLE: 36 vs 18 men, 1-3 metastases.
    assert ev["ost2018"].extra == {"max_metastases": 3, "hr": 0.60}
    assert ev["phillips2020"].extra["patients_per_arm"] == [36, 18]
    assert round(100 * 7 / 36) == ev["phillips2020"].outcomes["progression_6m"][0]
    assert round(100 * 11 / 18) == ev["phillips2020"].outcomes["progression_6m"][1]
    # SABR-COMET-3 protocol (BMC Cancer 2020): 297 patients, 1-3 metastases.
    assert ev["olson2020"].extra == {"planned_patients": 297, "metastases": [1, 3]}


def test_surgical_topics() -> None:
    ev = trials()
    # Laufer 2013: 16.4% overall; 24-30 Gy in 3 fractions; 37 / 109 / 40 patients.
    sep = ev["laufer2013separation"].extra
    assert sep["overall_local_progression_1y"] == 16.4
    assert sep["high_dose_total_gy"] == [24, 30] and sep["high_dose_fractions"] == 3
    assert sum(sep["patients_per_group"]) + sep["single_fraction_patients"] == 186
    # Pazionis 2014: 41 embolised procedures matched to 41.
    assert ev["pazionis2014"].extra["procedures_per_group"] == [41, 41]
    # Eggermont 2018: 9 fractures; clinicians 0-33% sensitivity. Eggermont 2022: 20/9/13, 4 centres.
    assert ev["eggermont2018"].extra == {"fractures": 9, "clinician_sensitivity_range": [0, 33]}
    bos = ev["eggermont2022"].extra
    assert bos["high_risk"] + bos["moderate_risk"] + bos["low_risk"] == ev["eggermont2022"].n
    assert bos["centres"] == 4
    # Fottner 2010: 27 solitary; 37% at 2 years.
    assert ev["fottner2010"].extra == {"solitary_bone_metastasis": 27, "survival_2y_percent": 37}
    # Sources without figures are still engine citations with a year.
    assert (HARRINGTON_1981.year, DAMRON_2018.year) == (1981, 2018)
    assert DAMRON_2018.details == "33(3):191-200"
