"""The points-table machinery: every table is well formed (bands contiguous and covering the score
range, every input value scored exactly once) and describes itself as plain JSON."""

from __future__ import annotations

import json

import pytest

import bonemets
from bonemets.inputs import Boolean, Choice, Integer
from bonemets.tables import PointsTable

TABLES = [c for c in bonemets.CALCULATORS.values() if isinstance(c, PointsTable)]
NAMES = [t.name for t in TABLES]


def test_the_points_tables():
    assert NAMES == ["mirels", "sins", "tokuhashi", "tomita", "bauer"]


@pytest.mark.parametrize("table", TABLES, ids=NAMES)
def test_bands_are_contiguous_and_cover_the_score_range(table):
    lo, hi = table.score_range
    assert table.bands[0].low == lo and table.bands[-1].high == hi
    for a, b in zip(table.bands, table.bands[1:], strict=False):
        assert a.high + 1 == b.low, (a.name, b.name)
    for total in range(lo, hi + 1):
        assert sum(b.contains(total) for b in table.bands) == 1
    with pytest.raises(bonemets.InputError):
        table.band_for(hi + 1)


@pytest.mark.parametrize("table", TABLES, ids=NAMES)
def test_every_input_value_is_scored_exactly_once(table):
    for comp in table.components:
        f = comp.input
        if isinstance(f, Choice):
            values = list(f.values)
        elif isinstance(f, Boolean):
            values = [True, False]
        else:
            assert isinstance(f, Integer)
            values = list(range(f.minimum, f.maximum + 1, f.step))
        for v in values:
            assert sum(o.matches(v) for o in comp.options) == 1, (comp.name, v)
        if comp.alternate is not None:
            for v in comp.alternate.values:
                assert sum(v in o.alt_values for o in comp.options) == 1, (comp.name, v)


@pytest.mark.parametrize("table", TABLES, ids=NAMES)
def test_describe_is_plain_json(table):
    d = json.loads(json.dumps(table.describe()))
    assert d["score_range"] == list(table.score_range)
    assert [b["name"] for b in d["bands"]] == [b.name for b in table.bands]
    assert d["citations"][0]["key"] == table.citations[0].key


def test_input_space_sizes():
    sizes = {t.name: len(t.input_space()) for t in TABLES}
    # Mirels 3^4; SINS 4*3*3*3*4*3 by location; Tokuhashi 3*3*3*3*17*5 (one count per band);
    # Tomita 3*3*2; Bauer 2*19*2.
    assert sizes == {"mirels": 81, "sins": 1296, "tokuhashi": 6885, "tomita": 18, "bauer": 76}


def test_registry():
    assert list(bonemets.CALCULATORS) == [
        "mirels",
        "sins",
        "escc",
        "noms",
        "tokuhashi",
        "tomita",
        "bauer",
        "calcium",
        "zoledronic_acid",
        "eqd2",
        "pain",
        "exercise",
        "radiopharmaceutical",
        "ablation",
    ]
    with pytest.raises(bonemets.InputError) as info:
        bonemets.get("mirel")
    assert info.value.errors[0].field == "calculator"
    for bad in (None, 3, ["mirels"]):
        with pytest.raises(bonemets.InputError):
            bonemets.get(bad)
    json.dumps(bonemets.calculators())
    cites = bonemets.all_citations()
    assert {"mirels1989", "fisher2010", "tokuhashi2005", "payne1973", "zometa2018"} <= set(cites)


@pytest.mark.parametrize("name", list(bonemets.CALCULATORS))
def test_every_calculator_cites_a_primary_source(name):
    c = bonemets.get(name)
    assert c.citations and all(cit.year >= 1973 for cit in c.citations)
