"""Albumin-corrected calcium (Payne 1973, BMJ 4:643), course severity bands, CTCAE v5.0
hypercalcaemia grades (wikidoc and BMJ Best Practice copies). See SOURCES.md."""

from __future__ import annotations

import pytest

from bonemets.formulas.calcium import CALCIUM, PAYNE_FACTOR, UNITS

from .helpers import assert_rejected, calc


def cc(calcium, albumin, units="conventional"):
    return calc("calcium", calcium=calcium, albumin=albumin, units=units)


def test_label_constants():
    # Zometa US PI 1.1: cCa = Ca + 0.8 (4.0 g/dL - albumin); SI form 0.02 per g/L below 40.
    conv, si = UNITS["conventional"], UNITS["si"]
    assert (conv.factor, conv.reference_albumin) == (0.8, 4.0)  # mg/dL per g/dL below 4.0
    assert (si.factor, si.reference_albumin) == (0.02, 40.0)  # mmol/L per g/L below 40


def test_payne_1973_form_is_recorded_beside_the_label_form():
    # Payne 1973 abstract: adjusted calcium = calcium - albumin + 4.0 (mg/100 mL, g/100 mL).
    assert PAYNE_FACTOR == {"conventional": 1.0, "si": 0.025}
    assert CALCIUM.describe()["data"]["payne_factor"]["conventional"] == 1.0
    notes = " ".join(CALCIUM.notes)
    assert "0.8" in notes and "Payne 1973 derived 1.0" in notes


def test_the_label_that_uses_the_factor_is_cited_first():
    keys = [c.key for c in CALCIUM.citations]
    assert keys[0] == "zometa2018" and "payne1973" in keys


def test_the_factor_changes_the_band_near_the_treatment_threshold():
    # Total 10.0 mg/dL, albumin 2.0 g/dL: 0.8 form 11.6 (mild); Payne's 1.0 form would give 12.0.
    r = cc(10.0, 2.0)
    assert r.values["corrected"] == pytest.approx(11.6) and r.band == "mild"
    payne = 10.0 + PAYNE_FACTOR["conventional"] * (4.0 - 2.0)
    assert payne == pytest.approx(UNITS["conventional"].moderate_from)


@pytest.mark.parametrize(
    ("calcium", "albumin", "units"),
    [
        (2.0, 7.0, "conventional"),  # -0.4 mg/dL (security review F15)
        (2.4, 7.0, "conventional"),  # exactly 0 after float noise ("-0.0")
        (0.5, 70.0, "si"),  # -0.10 mmol/L
    ],
)
def test_impossible_corrected_calcium_is_an_input_error_naming_both_fields(calcium, albumin, units):
    for field in ("calcium", "albumin"):
        msg = assert_rejected("calcium", field, dict(calcium=calcium, albumin=albumin, units=units))
        assert "impossible" in msg and units in msg


def test_published_thresholds():
    conv, si = UNITS["conventional"], UNITS["si"]
    assert (conv.uln, conv.moderate_from, conv.severe_from) == (10.5, 12.0, 14.0)
    assert (si.uln, si.moderate_from, si.severe_from) == (2.62, 3.0, 3.5)
    # CTCAE v5.0: grade 1 to 11.5 / 2.9, grade 2 to 12.5 / 3.1, grade 3 to 13.5 / 3.4
    assert conv.ctcae_upper == (11.5, 12.5, 13.5)
    assert si.ctcae_upper == (2.9, 3.1, 3.4)


@pytest.mark.parametrize(
    ("calcium", "albumin", "units", "corrected"),
    [
        (8.0, 2.5, "conventional", 9.2),  # medcalctools.com worked example
        (1.83, 26.0, "si", 2.11),  # theguidewire.net worked example
        (10.0, 4.0, "conventional", 10.0),  # albumin at reference: unchanged
        (10.0, 5.0, "conventional", 9.2),  # high albumin lowers the corrected value
        (2.5, 50.0, "si", 2.3),
    ],
)
def test_worked_examples(calcium, albumin, units, corrected):
    assert cc(calcium, albumin, units).values["corrected"] == pytest.approx(corrected, abs=1e-9)


@pytest.mark.parametrize(
    ("calcium", "albumin", "severity", "grade"),
    [
        (8.49, 4.0, "low", 0),
        (8.5, 4.0, "normal", 0),
        (10.5, 4.0, "normal", 0),  # ULN exactly: not hypercalcaemia
        (10.51, 4.0, "mild", 1),
        (11.5, 4.0, "mild", 1),  # CTCAE grade 1 upper edge
        (11.51, 4.0, "mild", 2),
        (11.99, 4.0, "mild", 2),
        (12.0, 4.0, "moderate", 2),
        (11.2, 3.0, "moderate", 2),  # 11.2 + 0.8 = 12.0 exactly, despite float noise
        (12.5, 4.0, "moderate", 2),
        (12.51, 4.0, "moderate", 3),
        (13.5, 4.0, "moderate", 3),
        (13.51, 4.0, "moderate", 4),
        (13.99, 4.0, "moderate", 4),
        (14.0, 4.0, "severe", 4),
    ],
)
def test_conventional_edges(calcium, albumin, severity, grade):
    r = cc(calcium, albumin)
    assert (r.band, r.values["severity"], r.values["ctcae_grade"]) == (severity, severity, grade)


@pytest.mark.parametrize(
    ("calcium", "severity", "grade"),
    [
        (2.11, "low", 0),
        (2.62, "normal", 0),
        (2.63, "mild", 1),
        (2.9, "mild", 1),
        (2.91, "mild", 2),
        (2.99, "mild", 2),
        (3.0, "moderate", 2),
        (3.1, "moderate", 2),
        (3.11, "moderate", 3),
        (3.4, "moderate", 3),
        (3.41, "moderate", 4),
        (3.5, "severe", 4),
    ],
)
def test_si_edges(calcium, severity, grade):
    r = cc(calcium, 40.0, "si")
    assert (r.band, r.values["ctcae_grade"]) == (severity, grade)
    assert r.values["unit"] == "mmol/L"


def test_ctcae_is_graded_in_the_unit_entered():
    # 2.9 mmol/L is grade 1; converted (x 4.008 = 11.62 mg/dL) it would be grade 2.
    assert cc(2.9, 40.0, "si").values["ctcae_grade"] == 1
    assert cc(11.62, 4.0).values["ctcae_grade"] == 2
    assert any("unit entered" in n for n in CALCIUM.notes)


def test_albumin_in_g_per_l_with_conventional_units_is_rejected():
    # 0.8 x (4.0 - 35) would give a corrected calcium 25 mg/dL lower: negative.
    msg = assert_rejected(
        "calcium", "albumin", dict(calcium=9.0, albumin=35.0, units="conventional")
    )
    assert "g/L" in msg and "units=si" in msg


def test_albumin_in_g_per_dl_with_si_units_is_rejected():
    msg = assert_rejected("calcium", "albumin", dict(calcium=2.3, albumin=3.5, units="si"))
    assert "units=conventional" in msg


def test_calcium_in_the_wrong_unit_rejected():
    assert_rejected("calcium", "calcium", dict(calcium=9.5, albumin=40.0, units="si"))
    assert_rejected("calcium", "calcium", dict(calcium=1.0, albumin=4.0, units="conventional"))


@pytest.mark.parametrize("field", ["calcium", "albumin", "units"])
def test_missing_inputs_rejected(field):
    base = dict(calcium=9.0, albumin=4.0, units="conventional")
    del base[field]
    assert_rejected("calcium", field, base)


def test_display_rounds_but_band_uses_unrounded_value():
    r = cc(10.54, 4.0)  # shows 10.5 (the ULN) but is above it
    assert r.display["corrected"] == "10.5 mg/dL"
    assert r.band == "mild"


def test_conflicts_in_notes():
    notes = " ".join(CALCIUM.notes)
    assert "10.4" in notes and "10.8" in notes  # other ULNs
    assert "StatPearls" in notes and "BMJ" in notes  # other severity edges


def test_a_very_low_but_possible_corrected_calcium_is_still_graded():
    r = cc(1.0, 70.0, "si")  # 1.0 + 0.02 x (40 - 70) = 0.4 mmol/L
    assert r.values["corrected"] == pytest.approx(0.4) and r.band == "low"


def test_factor_example_is_computed_by_both_forms():
    # Review A3: 10.0 mg/dL with albumin 2.0 g/dL -> 11.6 (label 0.8 form) vs 12.0 (Payne 1.0).
    from bonemets.formulas.calcium import FACTOR_EXAMPLE, payne_corrected_calcium

    assert FACTOR_EXAMPLE == {
        "calcium": 10.0,
        "albumin": 2.0,
        "label_form": pytest.approx(11.6),
        "payne_form": pytest.approx(12.0),
    }
    assert payne_corrected_calcium(2.0, 30.0, "si") == pytest.approx(2.25)  # 2.0 + 0.025 x 10
    assert cc(10.0, 2.0).band == "mild"


def test_calcium_fractions_add_up():
    # Mamedova EO, Problems of Endocrinology (doi:10.14341/probl13503): ~50% ionised, 40% bound
    # (90% of it to albumin), 10% complexed.
    from bonemets.formulas.calcium import CALCIUM_FRACTIONS as f

    assert (f["ionised_percent"], f["protein_bound_percent"], f["complexed_percent"]) == (
        50,
        40,
        10,
    )
    assert f["ionised_percent"] + f["protein_bound_percent"] + f["complexed_percent"] == 100
    assert f["albumin_share_of_bound_percent"] == 90
