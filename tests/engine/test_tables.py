"""The points-table machinery: every table is well formed (bands contiguous and covering the score
range, every input value scored exactly once) and describes itself as plain JSON."""

from __future__ import annotations

import json
import math

import pytest

import bonemets
from bonemets.inputs import Boolean, Choice, Integer
from bonemets.tables import PointsTable

TABLES = [c for c in bonemets.CALCULATORS.values() if isinstance(c, PointsTable)]
NAMES = [t.name for t in TABLES]


def test_the_points_tables_are_found_by_kind():
    assert TABLES and all(t.kind == "points" for t in TABLES)
    assert {"mirels", "sins", "tokuhashi", "tomita", "bauer"} <= set(NAMES)


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


def _axis_size(table: PointsTable, name: str) -> int:
    comp = next(c for c in table.components if c.input.name == name)
    if isinstance(comp.input, Integer):
        return len(comp.options)  # one value per option band
    return 2 if isinstance(comp.input, Boolean) else len(comp.input.values)  # type: ignore[attr-defined]


@pytest.mark.parametrize("table", TABLES, ids=NAMES)
def test_input_space_is_the_product_of_the_inputs(table):
    """Every combination, once: the product of each input's values (alternates left out)."""
    space = table.input_space()
    want = math.prod(
        _axis_size(table, f.name) for f in table.fields if not table.alternate_only(f.name)
    )
    assert len(space) == want
    assert len({json.dumps(s, sort_keys=True) for s in space}) == want


def test_input_space_sizes_of_two_published_tables():
    # Mirels 3^4 and SINS 4*3*3*3*4*3 by location, counted by hand from the papers' tables.
    sizes = {t.name: len(t.input_space()) for t in TABLES}
    assert sizes["mirels"] == 81 and sizes["sins"] == 1296


@pytest.mark.parametrize("name", list(bonemets.CALCULATORS))
def test_every_calculator_cites_a_primary_source(name):
    c = bonemets.get(name)
    assert c.citations and all(cit.year >= 1973 for cit in c.citations)
