"""Cockcroft-Gault (Cockcroft & Gault 1976, Nephron 16:31) and the zoledronic acid renal dose
(Zometa label Table 1; EU SmPC; Aapro 2008 table via PMC3459591). See SOURCES.md."""

from __future__ import annotations

import pytest

from bonemets.formulas.renal import UMOL_PER_MG_DL, ZOLEDRONIC_ACID, ZOLEDRONIC_BANDS

from .helpers import assert_rejected, calc, without

#: Zometa label, Table 1 (baseline CrCl mL/min -> dose mg; 4 mg/5 mL concentrate volume mL).
LABEL = [(">60", 4.0, 5.0), ("50-60", 3.5, 4.4), ("40-49", 3.3, 4.1), ("30-39", 3.0, 3.8)]


def crcl_of(value: float) -> dict:
    """A man of 68 with creatinine 1.0 mg/dL: (140 - 68) x W / (72 x 1.0) = W, so CrCl = weight."""
    return dict(age=68, sex="male", weight_kg=value, creatinine=1.0, creatinine_unit="mg_dl")


def test_label_table_doses_and_volumes():
    got = [(b.dose_mg, b.concentrate_ml) for b in ZOLEDRONIC_BANDS if b.dose_mg is not None]
    assert got == [(dose, vol) for _, dose, vol in LABEL]
    assert ZOLEDRONIC_BANDS[-1].dose_mg is None


@pytest.mark.parametrize(
    ("crcl", "dose"),
    [
        (120.0, 4.0),
        (60.4, 4.0),  # not rounded to 60 first
        (60.01, 4.0),
        (60.0, 3.5),  # label: reduced doses for CrCl <= 60
        (59.99, 3.5),
        (50.0, 3.5),
        (49.99, 3.3),
        (49.5, 3.3),  # the label's 49-50 gap closed downwards
        (40.0, 3.3),
        (39.99, 3.0),
        (30.0, 3.0),
        (29.99, None),
        (25.0, None),
    ],
)
def test_dose_edges_on_the_unrounded_clearance(crcl, dose):
    r = calc("zoledronic_acid", crcl_of(crcl))
    assert r.values["crcl_ml_min"] == pytest.approx(crcl, abs=1e-9)
    assert r.values["dose_mg"] == dose


def test_rounding_is_for_display_only():
    r = calc("zoledronic_acid", crcl_of(59.99))
    assert r.display["crcl_ml_min"] == "60.0 mL/min"  # looks like 60 ...
    assert r.values["dose_mg"] == 3.5  # ... and 60 is 3.5 mg anyway; now 60.04:
    r = calc("zoledronic_acid", crcl_of(60.04))
    assert r.display["crcl_ml_min"] == "60.0 mL/min"
    assert r.values["dose_mg"] == 4.0


@pytest.mark.parametrize(
    ("age", "sex", "weight", "scr", "expected"),
    [
        # superglobalcalculator.com worked examples of Cockcroft-Gault (weight as given)
        (65, "male", 70, 1.4, 75 * 70 / (72 * 1.4)),  # 52.08
        (45, "female", 60, 0.9, 95 * 60 / (72 * 0.9) * 0.85),  # 74.8
    ],
)
def test_cockcroft_gault_worked_examples(age, sex, weight, scr, expected):
    r = calc(
        "zoledronic_acid",
        age=age,
        sex=sex,
        weight_kg=weight,
        creatinine=scr,
        creatinine_unit="mg_dl",
    )
    assert r.values["crcl_ml_min"] == pytest.approx(expected, abs=1e-8)
    assert round(r.values["crcl_ml_min"], 1) in (52.1, 74.8)


def test_female_factor_and_umol_conversion():
    man = calc("zoledronic_acid", crcl_of(80.0))
    woman = calc("zoledronic_acid", crcl_of(80.0), sex="female")
    assert woman.values["crcl_ml_min"] == pytest.approx(0.85 * man.values["crcl_ml_min"])
    si = calc("zoledronic_acid", crcl_of(80.0), creatinine=88.4, creatinine_unit="umol_l")
    assert UMOL_PER_MG_DL == 88.4
    assert si.values["crcl_ml_min"] == pytest.approx(man.values["crcl_ml_min"])


def test_below_30_not_recommended_with_denosumab_alternative():
    r = calc("zoledronic_acid", crcl_of(70.0), creatinine=3.0)  # 70 / 3 = 23.3 mL/min
    assert r.values["dose_mg"] is None
    assert r.values["alternative"] == "denosumab"
    assert "not recommended" in r.recommendation and "Denosumab" in r.recommendation
    assert "hypocalcaemia" in r.recommendation


def test_missing_creatinine_is_never_defaulted():
    msg = assert_rejected("zoledronic_acid", "creatinine", without(crcl_of(70.0), "creatinine"))
    assert msg.startswith("missing")


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("age", 140),
        ("age", 150),
        ("age", 121),
        ("age", 17),
        ("weight_kg", 0),
        ("weight_kg", -70),
        ("creatinine", 0),
        ("creatinine", -1.0),
        ("sex", "unknown"),
        ("sex", None),
        ("creatinine_unit", "mmol_l"),
    ],
)
def test_impossible_inputs_rejected(field, bad):
    assert_rejected("zoledronic_acid", field, {**crcl_of(70.0), field: bad})


def test_creatinine_in_umol_entered_as_mg_dl_rejected_with_hint():
    msg = assert_rejected("zoledronic_acid", "creatinine", {**crcl_of(70.0), "creatinine": 88.4})
    assert "umol_l" in msg
    assert_rejected(
        "zoledronic_acid",
        "creatinine",
        {**crcl_of(70.0), "creatinine": 1.0, "creatinine_unit": "umol_l"},
    )


def test_actual_body_weight_only():
    assert "height" not in {f.name for f in ZOLEDRONIC_ACID.inputs}
    assert any("ideal or adjusted" in n for n in ZOLEDRONIC_ACID.notes)
    assert any("CrCl exactly 60" in n for n in ZOLEDRONIC_ACID.notes)


def test_label_administration_and_renal_deterioration_rule_are_data():
    # Zometa PI (globalrph / 120ty.net copies): >= 15 min; Ca 500 mg + vitamin D 400 IU daily;
    # renal deterioration = +0.5 mg/dL (baseline < 1.4) or +1.0 mg/dL (baseline >= 1.4);
    # resume at the same dose within 10% of baseline.
    from bonemets.formulas.renal import ZOLEDRONIC_ACID

    data = ZOLEDRONIC_ACID.describe()["data"]
    assert data["infusion_min_minutes"] == 15
    assert (data["calcium_mg_daily"], data["vitamin_d_iu_daily"]) == (500, 400)
    assert data["renal_deterioration"] == {
        "abnormal_baseline_from_mg_dl": 1.4,
        "rise_normal_baseline_mg_dl": 0.5,
        "rise_abnormal_baseline_mg_dl": 1.0,
        "resume_within_percent_of_baseline": 10,
    }
    # FDA Drug Safety Communication 19 Jan 2024 (Prolia, eGFR < 30); Xgeva label (CrCl < 30).
    assert data["denosumab"]["prolia_boxed_warning_egfr_below"] == 30
    assert data["denosumab"]["xgeva_hypocalcaemia_crcl_below"] == 30
    assert "15 minutes" in data["dose_recommendation"]
    assert "500 mg" in data["dose_recommendation"] and "400 IU" in data["dose_recommendation"]


def test_label_weight_is_not_claimed():
    from bonemets.formulas.renal import ZOLEDRONIC_ACID

    assert any("does not specify the weight" in n for n in ZOLEDRONIC_ACID.notes)
