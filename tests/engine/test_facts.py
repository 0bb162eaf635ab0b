"""facts.resolve: pages and quizzes read numbers from the engine by dotted path."""

from __future__ import annotations

import pytest

from bonemets.facts import fmt, resolve, text


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("mirels.bands.high.low", 9),
        ("mirels.bands.borderline.low", 8),
        ("sins.bands.indeterminate.low", 7),
        ("sins.bands.unstable.low", 13),
        ("tokuhashi.bands.6_months_or_more.high", 11),
        ("tomita.score_range.1", 10),
        ("noms.data.surgical_consultation_from_sins", 7),
        ("zoledronic_acid.data.bands.reduced_3_5.dose_mg", 3.5),
        ("zoledronic_acid.data.bands.full_dose.low", 60.0),
        ("calcium.data.units.conventional.uln", 10.5),
        ("eqd2.data.default_alpha_beta", 10.0),
        ("escc.data.grades.1c.band", "borderline"),
        ("exercise.data.platelets_modify_below", 50.0),
    ],
)
def test_resolve(path, value):
    assert resolve(path) == value


def test_text_formats_without_clinical_rounding():
    assert text("zoledronic_acid.data.bands.reduced_3_5.dose_mg") == "3.5"
    assert text("mirels.bands.high.low") == "9"
    assert fmt(60.0) == "60" and fmt(0.85) == "0.85" and fmt(None) == "none" and fmt(True) == "yes"


@pytest.mark.parametrize(
    ("path", "hint"),
    [
        ("mirel.bands", "mirels"),
        ("mirels.band", "bands"),
        ("mirels.bands.medium", "borderline"),
        ("mirels.bands.high.low.x", "below a value"),
    ],
)
def test_typos_fail_loudly_naming_what_exists(path, hint):
    with pytest.raises(KeyError) as info:
        resolve(path)
    assert hint in str(info.value)
