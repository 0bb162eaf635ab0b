"""TEACHH model (Krishnan MS et al., Cancer 2014;120(1):134-141). Read from the abstract
(PMC4447100; group C from a copy of the same abstract): six adverse factors, one point each;
groups A 0-1, B 2-4, C 5-6 with median survivals 19.9 / 5.0 / 1.7 months. Validation figures from
the abstracts of Dosani 2018 (Support Care Cancer) and Mojica-Márquez 2020 (Cancer Med)."""

from __future__ import annotations

import itertools

import pytest

from bonemets.scores.teachh import TEACHH

from .helpers import assert_rejected, calc, described_bands, without

#: The published table, factor by factor: the reference category scores 0, the adverse one 1.
PAPER = {
    "cancer_type": {"breast": 0, "prostate": 0, "lung": 1, "other": 1},
    "hepatic_mets": {"False": 0, "True": 1},
}
#: Number factors: (input, last value of the reference range, adverse from).
PAPER_CUTS = {
    "ecog": ("ecog", 1, 2),
    "age": ("age", 60, 61),
    "prior_chemotherapy": ("prior_chemotherapy_courses", 1, 2),
    "hospitalisations": ("hospitalisations_3_months", 0, 1),
}
PAPER_BANDS = [("group_a", 0, 1), ("group_b", 2, 4), ("group_c", 5, 6)]

#: A patient with no adverse factor (group A, 0 points).
NONE = {
    "cancer_type": "breast",
    "ecog": 0,
    "age": 50,
    "prior_chemotherapy_courses": 0,
    "hospitalisations_3_months": 0,
    "liver_mets": False,
}
#: Each factor made adverse, one at a time (the first value over the paper's cut).
ADVERSE = {
    "cancer_type": "lung",
    "ecog": 2,
    "age": 61,
    "prior_chemotherapy_courses": 2,
    "hospitalisations_3_months": 1,
    "liver_mets": True,
}


def test_published_table_choice_factors():
    by_name = {c.name: c for c in TEACHH.components}
    for name, table in PAPER.items():
        comp = by_name[name]
        for value, points in table.items():
            v = {"True": True, "False": False}.get(value, value)
            assert comp.option_for(v).points == points, (name, value)


@pytest.mark.parametrize("name", list(PAPER_CUTS))
def test_published_cut_of_each_number_factor(name):
    field, last_reference, first_adverse = PAPER_CUTS[name]
    comp = next(c for c in TEACHH.components if c.name == name)
    assert comp.input.name == field
    assert comp.option_for(last_reference).points == 0
    assert comp.option_for(first_adverse).points == 1
    assert comp.option_for(comp.input.maximum).points == 1
    assert comp.option_for(comp.input.minimum).points == 0


def test_six_factors_one_point_each():
    assert len(TEACHH.components) == 6
    assert TEACHH.score_range == (0, 6)
    assert calc("teachh", NONE).score == 0
    for field, value in ADVERSE.items():
        r = calc("teachh", NONE, **{field: value})
        assert r.score == 1, field
    assert calc("teachh", ADVERSE).score == 6


def test_every_subset_of_factors_scores_its_size():
    for k in range(7):
        for subset in itertools.combinations(ADVERSE, k):
            r = calc("teachh", NONE, **{f: ADVERSE[f] for f in subset})
            assert r.score == k, subset


def test_bands():
    assert described_bands("teachh") == PAPER_BANDS


@pytest.mark.parametrize(
    ("adverse", "total", "band"),
    [
        ((), 0, "group_a"),
        (("cancer_type",), 1, "group_a"),
        (("cancer_type", "ecog"), 2, "group_b"),
        (("cancer_type", "ecog", "age", "liver_mets"), 4, "group_b"),
        (("cancer_type", "ecog", "age", "liver_mets", "hospitalisations_3_months"), 5, "group_c"),
        (tuple(ADVERSE), 6, "group_c"),
    ],
)
def test_band_edges(adverse, total, band):
    r = calc("teachh", NONE, **{f: ADVERSE[f] for f in adverse})
    assert (r.score, r.band) == (total, band)


def test_band_text_carries_the_papers_median_survivals():
    assert "19.9 months (95% CI 13.9-31.1)" in TEACHH.band_named("group_a").interpretation
    assert "5.0 months (95% CI 4.3-5.6)" in TEACHH.band_named("group_b").interpretation
    assert "1.7 months (95% CI 1.2-2.1)" in TEACHH.band_named("group_c").interpretation


def test_age_60_is_not_adverse_61_is():
    assert calc("teachh", NONE, age=60).score == 0
    assert calc("teachh", NONE, age=61).score == 1


def test_citation_is_the_primary_paper():
    cite = TEACHH.citations[0]
    assert (cite.key, cite.journal, cite.year, cite.details, cite.doi) == (
        "krishnan2014",
        "Cancer",
        2014,
        "120(1):134-141",
        "10.1002/cncr.28408",
    )


@pytest.mark.parametrize("field", list(NONE))
def test_partial_input_is_refused(field):
    message = assert_rejected("teachh", field, without(NONE, field))
    assert "missing" in message or "required" in message


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("cancer_type", "kidney"),
        ("ecog", 5),
        ("ecog", 1.5),
        ("age", 17),
        ("prior_chemotherapy_courses", -1),
        ("hospitalisations_3_months", "one"),
        ("liver_mets", "yes"),
    ],
)
def test_bad_values_rejected(field, bad):
    assert_rejected("teachh", field, {**NONE, field: bad})


# -- the case adapter (bonemets.cases.inputs.teachh) ----------------------------------------------


def _with_admissions(case_id: str, admissions: int | None):
    from bonemets.cases import library

    case = library()[case_id]
    patient = case.patient.model_copy(update={"hospitalisations_3_months": admissions})
    return case.model_copy(update={"patient": patient})


def test_case_without_admissions_names_the_missing_field():
    from bonemets.cases import evaluate_case

    ev = evaluate_case(_with_admissions("colon_lumbar_poor_prognosis", None))
    assert "teachh" not in ev.results
    assert ev.not_computed["teachh"] == ["patient.hospitalisations_3_months"]


def test_case_inputs_and_their_sources():
    from bonemets.cases import evaluate_case

    # Colon cancer, ECOG 3, 76 years, FOLFOX then FOLFIRI, liver metastases: every factor.
    ev = evaluate_case(_with_admissions("colon_lumbar_poor_prognosis", 1))
    r = ev.results["teachh"]
    assert r.inputs == {
        "cancer_type": "other",
        "ecog": 3,
        "age": 76,
        "prior_chemotherapy_courses": 2,
        "hospitalisations_3_months": 1,
        "liver_mets": True,
    }
    assert (r.score, r.band) == (6, "group_c")
    assert ev.inputs_from["teachh"]["liver_mets"] == "metastases.visceral_sites"
    assert ev.inputs_from["teachh"]["ecog"] == "performance.ecog"
    # Breast, no visceral metastases, no chemotherapy line: liver read from metastases.visceral.
    ev = evaluate_case(_with_admissions("breast_lytic_femur", 0))
    r = ev.results["teachh"]
    assert (r.inputs["cancer_type"], r.inputs["liver_mets"]) == ("breast", False)
    assert r.inputs["prior_chemotherapy_courses"] == 0
    assert ev.inputs_from["teachh"]["liver_mets"] == "metastases.visceral"


def test_case_primary_sites_map_to_teachh_cancer_types():
    from bonemets.cases.inputs.teachh import cancer_type
    from bonemets.patient import PRIMARIES

    assert {s: cancer_type(s) for s in ("breast", "prostate", "lung", "small_cell_lung")} == {
        "breast": "breast",
        "prostate": "prostate",
        "lung": "lung",
        "small_cell_lung": "lung",
    }
    others = set(PRIMARIES) - {"breast", "prostate", "lung", "small_cell_lung"}
    assert others and all(cancer_type(s) == "other" for s in others)


def test_liver_unknown_when_visceral_sites_are_not_named():
    from bonemets.cases.inputs.teachh import liver_mets

    case = _with_admissions("colon_lumbar_poor_prognosis", 1)
    unnamed = case.model_copy(
        update={"metastases": case.metastases.model_copy(update={"visceral_sites": []})}
    )
    assert liver_mets(unnamed) is None
