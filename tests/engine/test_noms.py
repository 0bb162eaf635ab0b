"""NOMS framework (Laufer 2013, Oncologist 18:744). Paths read from thespinebook, AO Foundation and
the MSKCC abstract (DEFINITIONS.md section 4); SINS edges from Fisher 2010."""

from __future__ import annotations

import itertools

import pytest

from bonemets.scores.escc import GRADES
from bonemets.scores.noms import CONSULT_FROM, NOMS, STABILIZE_FROM
from bonemets.scores.sins import SINS

from .helpers import assert_rejected, calc

LOW = ("0", "1a", "1b")
HIGH = ("2", "3")


def test_mechanical_thresholds_are_read_from_the_sins_table_not_written_twice():
    bands = {b.name: (b.low, b.high) for b in SINS.bands}
    assert CONSULT_FROM == bands["indeterminate"][0] == 7
    assert STABILIZE_FROM == bands["unstable"][0] == 13
    assert NOMS.data["surgical_consultation_from_sins"] == bands["indeterminate"][0]
    assert NOMS.data["stabilization_from_sins"] == bands["unstable"][0]
    sins_field = next(f for f in NOMS.inputs if f.name == "sins")
    assert (sins_field.minimum, sins_field.maximum) == SINS.score_range


def test_escc_grades_are_the_escc_calculators_grades():
    field = next(f for f in NOMS.inputs if f.name == "escc_grade")
    assert field.values == tuple(g.grade for g in GRADES)


@pytest.mark.parametrize("grade", [g.grade for g in GRADES])
@pytest.mark.parametrize("fit", [True, False])
def test_radiosensitive_gets_cebrt_whatever_the_grade(grade, fit):
    r = calc("noms", escc_grade=grade, radiosensitivity="sensitive", sins=3, fit_for_surgery=fit)
    assert r.values["pathway"] == "cebrt"


@pytest.mark.parametrize("grade", LOW)
def test_radioresistant_low_grade_gets_srs(grade):
    r = calc("noms", escc_grade=grade, radiosensitivity="resistant", sins=3, fit_for_surgery=True)
    assert r.values["pathway"] == "srs"


@pytest.mark.parametrize("grade", HIGH)
def test_radioresistant_high_grade_separation_surgery_if_fit(grade):
    fit = calc("noms", escc_grade=grade, radiosensitivity="resistant", sins=3, fit_for_surgery=True)
    unfit = calc(
        "noms", escc_grade=grade, radiosensitivity="resistant", sins=3, fit_for_surgery=False
    )
    assert fit.values["pathway"] == "separation_surgery_srs"
    assert unfit.values["pathway"] == "radiation_without_surgery"


def test_1c_radioresistant_chosen_reading_srs_with_the_alternative_noted():
    r = calc("noms", escc_grade="1c", radiosensitivity="resistant", sins=3, fit_for_surgery=True)
    assert r.values["pathway"] == "srs"
    assert any("separation surgery" in n for n in r.notes)


@pytest.mark.parametrize(
    ("sins", "fit", "consult", "stabilize"),
    [
        (0, True, False, False),
        (6, True, False, False),
        (7, True, True, False),
        (12, True, True, False),
        (13, True, True, True),
        (18, True, True, True),
        (13, False, True, False),
        (7, False, True, False),
    ],
)
def test_mechanical_edges(sins, fit, consult, stabilize):
    r = calc("noms", escc_grade="0", radiosensitivity="resistant", sins=sins, fit_for_surgery=fit)
    assert r.values["surgical_consultation"] is consult
    assert r.values["stabilization"] is stabilize
    if sins >= 13 and not fit:
        assert any("percutaneous" in n for n in r.notes)


def test_mechanical_decision_is_independent_of_the_radiation_route():
    for grade, sens in itertools.product([g.grade for g in GRADES], ("sensitive", "resistant")):
        a = calc("noms", escc_grade=grade, radiosensitivity=sens, sins=13, fit_for_surgery=True)
        b = calc("noms", escc_grade=grade, radiosensitivity=sens, sins=2, fit_for_surgery=True)
        assert a.values["pathway"] == b.values["pathway"]


@pytest.mark.parametrize("bad", [-1, 19, 6.5, "7", None, True])
def test_sins_out_of_range_rejected(bad):
    assert_rejected(
        "noms",
        "sins",
        {"escc_grade": "0", "radiosensitivity": "resistant", "sins": bad, "fit_for_surgery": True},
    )


def test_fit_for_surgery_must_be_a_boolean():
    base = {"escc_grade": "0", "radiosensitivity": "resistant", "sins": 3}
    for bad in ("yes", 1, 0, None):
        assert_rejected("noms", "fit_for_surgery", {**base, "fit_for_surgery": bad})


def test_radiosensitivity_guidance_lists_breast_and_prostate_as_intermediate():
    # AO Surgery Reference / NOMS: radiosensitive = lymphoma, myeloma (plasmacytoma), seminoma;
    # breast and prostate are intermediate (clinical review finding A12).
    from bonemets.scores.noms import NOMS, RADIOSENSITIVITY_GUIDANCE

    assert set(RADIOSENSITIVITY_GUIDANCE["sensitive"]) == {
        "lymphoma",
        "myeloma",
        "plasmacytoma",
        "seminoma",
    }
    assert RADIOSENSITIVITY_GUIDANCE["intermediate"] == ("breast", "prostate")
    assert not set(RADIOSENSITIVITY_GUIDANCE["sensitive"]) & {"breast", "prostate"}
    field = next(f for f in NOMS.fields if f.name == "radiosensitivity")
    assert "intermediate" in field.help
    data = NOMS.describe()["data"]["radiosensitivity_guidance"]
    assert data["intermediate"] == ["breast", "prostate"]


def test_result_notes_show_the_patchell_disagreement():
    r = calc("noms", escc_grade="3", radiosensitivity="sensitive", sins=5, fit_for_surgery=True)
    assert r.values["pathway"] == "cebrt"  # the NOMS route is unchanged ...
    notes = " ".join(r.notes)
    # ... but the result says Patchell excluded only the very radiosensitive tumours.
    assert "Patchell" in notes and "leukaemia" in notes and "germ-cell" in notes
    assert "breast" in notes and "prostate" in notes
