"""TEACHH model: life expectancy of patients receiving palliative radiotherapy.

Krishnan MS, Epstein-Peterson ZD, Chen YH, Tseng YD, Wright AA, Temel JS, Catalano P, Balboni TA.
Predicting life expectancy in patients with metastatic cancer receiving palliative radiotherapy:
the TEACHH model. Cancer 2014;120(1):134-141 (862 patients, Dana-Farber/Brigham and Women's,
June 2008 to July 2011; median survival 5.6 months). Read from the abstract (PMC4447100).

Six adverse factors, one point each, named by the acronym: Type of cancer, ECOG performance
status, Age, prior palliative Chemotherapy, Hospitalisations and Hepatic metastases. Groups A
(0-1), B (2-4) and C (5-6) separate short (< 3 months) from long (> 1 year) life expectancy. It
is a model of life expectancy that informs palliative radiotherapy choices (fractionation,
intensity), not a decision rule.
"""

from __future__ import annotations

from ..inputs import Choice, Integer
from ..result import Citation
from ..tables import Band, Option, PointsComponent, PointsTable, boolean_component

KRISHNAN_2014 = Citation(
    key="krishnan2014",
    authors="Krishnan MS, Epstein-Peterson ZD, Chen YH, Tseng YD, Wright AA, Temel JS, "
    "Catalano P, Balboni TA",
    title="Predicting life expectancy in patients with metastatic cancer receiving palliative "
    "radiotherapy: the TEACHH model",
    journal="Cancer",
    year=2014,
    details="120(1):134-141",
    doi="10.1002/cncr.28408",
    note="Factors, groups and median survivals read from the abstract (PMC4447100).",
)
DOSANI_2018 = Citation(
    key="dosani2018",
    authors="Dosani M, Tyldesley S, Bakos B, Hamm J, Kong T, Lucas S, Wong J, Liu M, Hamilton S",
    title="The TEACHH model to predict life expectancy in patients presenting for palliative spine "
    "radiotherapy: external validation and comparison with alternate models",
    journal="Support Care Cancer",
    year=2018,
    doi="10.1007/s00520-018-4064-x",
    note="Figures read from the abstract; volume and pages not read.",
)
MOJICA_MARQUEZ_2020 = Citation(
    key="mojicamarquez2020",
    authors="Mojica-Márquez AE, Rodríguez-López JL, Patel AK, Ling DC, Rajagopalan MS, Beriwal S",
    title="External validation of life expectancy prognostic models in patients evaluated for "
    "palliative radiotherapy at the end-of-life",
    journal="Cancer Med",
    year=2020,
    details="9(16):5781-5787",
    doi="10.1002/cam4.3257",
    note="Figures read from the abstract (PMC7433812).",
)

#: The paper's cancer types: lung and other (adverse) against breast and prostate (reference).
CANCER_TYPE_FIELD = Choice(
    "cancer_type",
    "Type of cancer",
    options=(
        ("breast", "Breast"),
        ("prostate", "Prostate"),
        ("lung", "Lung"),
        ("other", "Other primary"),
    ),
)
FAVOURABLE_TYPES = ("breast", "prostate")
ADVERSE_TYPES = ("lung", "other")


def _count(
    name: str, label: str, field: Integer, reference: tuple[str, int, int], adverse: str
) -> PointsComponent:
    """A factor read from a number: 0 points inside the reference range, 1 above it."""
    ref_label, lo, hi = reference
    return PointsComponent(
        name,
        label,
        field,
        (
            Option(0, ref_label, between=(lo, hi)),
            Option(1, adverse, between=(hi + 1, None)),
        ),
    )


TEACHH = PointsTable(
    name="teachh",
    title="TEACHH model (life expectancy with palliative radiotherapy)",
    summary="Six adverse factors, one point each, sorting patients referred for palliative "
    "radiotherapy into three life-expectancy groups (range 0-6).",
    components=(
        PointsComponent(
            "cancer_type",
            "Type of cancer",
            CANCER_TYPE_FIELD,
            (
                Option(0, "Breast or prostate (reference)", values=FAVOURABLE_TYPES),
                Option(1, "Lung or other", values=ADVERSE_TYPES),
            ),
        ),
        _count(
            "ecog",
            "ECOG performance status",
            Integer("ecog", "ECOG performance status", minimum=0, maximum=4),
            ("ECOG 0–1 (reference)", 0, 1),
            "ECOG 2–4",
        ),
        _count(
            "age",
            "Age",
            Integer("age", "Age", minimum=18, maximum=120, unit="years"),
            ("60 years or younger (reference)", 18, 60),
            "Older than 60 years",
        ),
        _count(
            "prior_chemotherapy",
            "Prior palliative chemotherapy courses",
            Integer(
                "prior_chemotherapy_courses",
                "Prior palliative chemotherapy courses (count)",
                minimum=0,
                maximum=20,
            ),
            ("0–1 courses (reference)", 0, 1),
            "2 or more courses",
        ),
        _count(
            "hospitalisations",
            "Hospitalisations in the 3 months before palliative radiotherapy",
            Integer(
                "hospitalisations_3_months",
                "Hospital admissions in the 3 months before palliative radiotherapy (count)",
                minimum=0,
                maximum=20,
            ),
            ("None (reference)", 0, 0),
            "1 or more",
        ),
        boolean_component(
            "hepatic_mets",
            "Hepatic (liver) metastases",
            "liver_mets",
            "Liver metastases present",
            points_if=True,
            true_label="Liver metastases",
            false_label="No liver metastases (reference)",
        ),
    ),
    bands=(
        Band(
            "group_a",
            0,
            1,
            "Group A: long life expectancy",
            "Median survival 19.9 months (95% CI 13.9-31.1) in the derivation cohort (TEACHH "
            "group A; Krishnan 2014).",
            "Life expectancy of more than a year is likely: weigh durable control of the lesion "
            "and the chance of retreatment when choosing the schedule.",
        ),
        Band(
            "group_b",
            2,
            4,
            "Group B: intermediate life expectancy",
            "Median survival 5.0 months (95% CI 4.3-5.6) in the derivation cohort (TEACHH group "
            "B; Krishnan 2014).",
            "Intermediate life expectancy: choose the schedule on the lesion, the symptoms and the "
            "patient's priorities; the group alone does not decide.",
        ),
        Band(
            "group_c",
            5,
            6,
            "Group C: short life expectancy",
            "Median survival 1.7 months (95% CI 1.2-2.1) in the derivation cohort (TEACHH group "
            "C; Krishnan 2014).",
            "Life expectancy of less than 3 months is likely: favour the least burdensome course "
            "(a single fraction for uncomplicated bone pain) and review the goals of care.",
        ),
    ),
    citations=(KRISHNAN_2014, DOSANI_2018, MOJICA_MARQUEZ_2020),
    notes=(
        "A model of life expectancy, not a decision rule: it was built to pick out patients "
        "referred for palliative radiotherapy with less than 3 months or more than a year to live, "
        "to inform fractionation and the intensity of treatment (Krishnan, Cancer 2014).",
        "Hospitalisations: the abstract prints the pair as '0 vs ≥1', the reverse of its other "
        "pairs, but names the factor 'prior hospitalizations', and the external validation "
        "scores a hospitalisation within the last 3 months as the adverse factor (Mojica-Márquez, "
        "Cancer Med 2020); this calculator scores 1 or more admissions.",
        "External validation in 180 patients referred for palliative spine radiotherapy: median "
        "survival 22.3, 4.9 and 1.5 months in groups A, B and C; in the same patients Chow's "
        "model gave 16.1, 5.9 and 1.9 months (Dosani, Support Care Cancer 2018).",
        "In 505 patients who died within 90 days of a palliative radiotherapy consultation, "
        "neither TEACHH nor Chow's model predicted the short survival well: TEACHH predicted "
        "3 months or less for only 21.4% of them (Mojica-Márquez, Cancer Med 2020).",
    ),
)
