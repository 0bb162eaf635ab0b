"""BED and EQD2 (linear-quadratic model; Fowler 1989, Withers 1983). Worked examples: DEFINITIONS.md
section 9 (derived and preprints.org 202403.0108) and Radiat Oncol 2021;16:73 Table 3 (PMC8051036)."""

from __future__ import annotations

import pytest

from bonemets.formulas.radiotherapy import EQD2

from .helpers import assert_rejected, calc


@pytest.mark.parametrize(
    ("n", "d", "eqd2"),
    [
        (1, 8.0, 12.0),
        (5, 4.0, 23.3),
        (6, 4.0, 28.0),
        (10, 3.0, 32.5),
        (2, 12.0, 44.0),
        (15, 2.5, 39.1),
        (20, 2.0, 40.0),
    ],
)
def test_bone_metastasis_schedules_at_alpha_beta_10(n, d, eqd2):
    r = calc("eqd2", fractions=n, dose_per_fraction_gy=d)
    assert round(r.values["eqd2_gy"], 1) == eqd2
    assert r.inputs["alpha_beta"] == 10.0


@pytest.mark.parametrize(
    ("n", "d", "bed", "eqd2"),
    [  # Radiat Oncol 2021;16:73, Table 3 (alpha/beta 10)
        (5, 6.0, 48.0, 40.0),
        (5, 5.0, 37.5, 31.25),
        (3, 9.0, 51.3, 42.75),
        (1, 20.0, 60.0, 50.0),
        (1, 16.0, 41.6, 34.67),
        (1, 12.0, 26.4, 22.0),
    ],
)
def test_published_bed_eqd2_table(n, d, bed, eqd2):
    r = calc("eqd2", fractions=n, dose_per_fraction_gy=d, alpha_beta=10)
    assert r.values["bed_gy"] == pytest.approx(bed, abs=1e-9)
    assert r.values["eqd2_gy"] == pytest.approx(eqd2, abs=0.005)


def test_alpha_beta_3_and_2_gy_fractions_are_their_own_eqd2():
    r = calc("eqd2", fractions=1, dose_per_fraction_gy=8.0, alpha_beta=3)
    assert r.values["eqd2_gy"] == pytest.approx(8 * (8 + 3) / (2 + 3))  # 17.6
    r = calc("eqd2", fractions=25, dose_per_fraction_gy=2.0, alpha_beta=3)
    assert r.values["eqd2_gy"] == pytest.approx(50.0)


def test_default_alpha_beta_is_published_data():
    assert EQD2.data["default_alpha_beta"] == 10.0
    assert any("10 Gy" in n for n in EQD2.notes)


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("fractions", 0),
        ("fractions", 2.5),
        ("fractions", 51),
        ("dose_per_fraction_gy", 0),
        ("dose_per_fraction_gy", -2),
        ("alpha_beta", 0),
        ("alpha_beta", float("nan")),
    ],
)
def test_impossible_inputs_rejected(field, bad):
    assert_rejected("eqd2", field, {"fractions": 5, "dose_per_fraction_gy": 4.0, field: bad})
