"""The registry: the one pinned list of calculators (every other test derives its list from it)."""

from __future__ import annotations

import json

import pytest

import bonemets
from bonemets.registry import CALCULATORS

#: Adding or removing a calculator is a deliberate change: update this list with it.
EXPECTED = (
    "mirels",
    "sins",
    "escc",
    "noms",
    "tokuhashi",
    "tomita",
    "bauer",
    "teachh",
    "calcium",
    "zoledronic_acid",
    "eqd2",
    "pain",
    "exercise",
    "radiopharmaceutical",
    "ablation",
)


def test_the_registry_is_the_expected_list():
    assert tuple(CALCULATORS) == EXPECTED


def test_names_are_keys_and_get_refuses_unknown_names():
    assert all(c.name == n for n, c in CALCULATORS.items())
    with pytest.raises(bonemets.InputError) as info:
        bonemets.get("mirel")
    assert info.value.errors[0].field == "calculator"
    for bad in (None, 3, ["mirels"]):
        with pytest.raises(bonemets.InputError):
            bonemets.get(bad)  # type: ignore[arg-type]


def test_calculators_list_is_plain_json_and_citations_are_collected():
    listed = json.loads(json.dumps(bonemets.calculators()))
    assert [d["name"] for d in listed] == list(CALCULATORS)
    cites = bonemets.all_citations()
    assert {"mirels1989", "fisher2010", "tokuhashi2005", "payne1973", "zometa2018"} <= set(cites)
