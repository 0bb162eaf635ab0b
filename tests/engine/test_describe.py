"""``describe()``, the engine's public contract: every calculator's description validates against
its typed shape (bonemets.describe), round-trips through JSON, and agrees with ``band_labels()``."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

import bonemets
from bonemets.describe import adapter, json_schema

NAMES = list(bonemets.CALCULATORS)


@pytest.mark.parametrize("name", NAMES)
def test_every_description_validates_against_its_kind(name):
    d = bonemets.get(name).describe()
    plain = json.loads(json.dumps(d, allow_nan=False))
    assert adapter().validate_python(plain) == plain
    assert plain["kind"] == bonemets.get(name).kind


def test_a_description_with_a_wrong_shape_is_refused():
    d = json.loads(json.dumps(bonemets.get("mirels").describe()))
    del d["bands"]
    with pytest.raises(ValidationError):
        adapter().validate_python(d)
    d = json.loads(json.dumps(bonemets.get("mirels").describe()))
    d["kind"] = "recipe"
    with pytest.raises(ValidationError):
        adapter().validate_python(d)
    d = json.loads(json.dumps(bonemets.get("calcium").describe()))
    d["surprise"] = 1
    with pytest.raises(ValidationError):
        adapter().validate_python(d)


def test_the_json_schema_discriminates_by_kind():
    schema = json_schema()
    text = json.dumps(schema)
    for kind in ("points", "screen", "formula", "decision", "classification"):
        assert f'"{kind}"' in text
    assert "oneOf" in text and '"propertyName": "kind"' in text


@pytest.mark.parametrize("name", NAMES)
def test_band_labels_are_the_bands_a_result_can_have(name):
    calc = bonemets.get(name)
    labels = dict(calc.band_labels())
    assert len(labels) == len(calc.band_labels())  # names unique
    if name == "eqd2":
        assert labels == {}
    else:
        assert labels, f"{name}: no bands"


def test_band_labels_in_the_engine_order():
    assert [n for n, _ in bonemets.get("calcium").band_labels()] == [
        "low",
        "normal",
        "mild",
        "moderate",
        "severe",
    ]
    assert [n for n, _ in bonemets.get("escc").band_labels()] == ["low", "borderline", "high"]
    assert bonemets.get("noms").band_labels()[0] == (
        "cebrt",
        "Conventional external beam radiotherapy (cEBRT)",
    )
    assert bonemets.get("exercise").band_labels()[0][0] == "cleared"
