"""Ladders and decision tables (bonemets.decision): the generic evaluator, and every ladder the
engine publishes covers its line once (no gap, no overlap), edges included."""

from __future__ import annotations

import itertools

import pytest

import bonemets
from bonemets.decision import (
    Condition,
    Decision,
    DecisionTable,
    LadderBand,
    Outcome,
    Rule,
    band_for,
    in_range,
)
from bonemets.formulas.calcium import CTCAE_GRADES, SEVERITY_BANDS, UNITS
from bonemets.formulas.renal import ZOLEDRONIC_BANDS

LADDER = (
    LadderBand("below", "Below", None, 1.0, high_inclusive=False),
    LadderBand("middle", "Middle", 1.0, 2.0),
    LadderBand("above", "Above", 2.0, None, low_inclusive=False),
)


def test_band_for_respects_open_and_closed_ends():
    assert [band_for(LADDER, x).name for x in (-1e9, 0.999, 1.0, 1.5, 2.0, 2.001, 1e9)] == [
        "below",
        "below",
        "middle",
        "middle",
        "middle",
        "above",
        "above",
    ]
    assert not in_range(LADDER[0], 1.0) and in_range(LADDER[1], 1.0)
    with pytest.raises(ValueError, match="outside every band"):
        band_for(LADDER[1:2], 3.0)


def _ladders() -> dict[str, tuple[object, ...]]:
    out: dict[str, tuple[object, ...]] = {"zoledronic_acid": ZOLEDRONIC_BANDS}
    for units in UNITS:
        out[f"calcium severity {units}"] = SEVERITY_BANDS[units]
        out[f"calcium ctcae {units}"] = CTCAE_GRADES[units]
    return out


@pytest.mark.parametrize("name", sorted(_ladders()))
def test_every_published_ladder_covers_the_line_once(name):
    ladder = _ladders()[name]
    edges = sorted({e for b in ladder for e in (b.low, b.high) if e is not None})  # type: ignore[attr-defined]
    probes = [x for e in edges for x in (e - 1e-6, e, e + 1e-6)] + [edges[0] - 100, edges[-1] + 100]
    for x in probes:
        assert sum(in_range(b, x) for b in ladder) == 1, (name, x)  # type: ignore[arg-type]


@pytest.mark.parametrize("units", sorted(UNITS))
def test_calcium_ladders_are_the_published_edges(units):
    """Each edge on the documented side (module docstring of calcium.py; CTCAE v5.0)."""
    u = UNITS[units]
    sev = SEVERITY_BANDS[units]
    assert band_for(sev, u.lln).name == "normal" and band_for(sev, u.uln).name == "normal"
    assert band_for(sev, u.moderate_from).name == "moderate"
    assert band_for(sev, u.severe_from).name == "severe"
    grades = CTCAE_GRADES[units]
    assert band_for(grades, u.uln).name == "0"
    assert [band_for(grades, g).name for g in u.ctcae_upper] == ["1", "2", "3"]


TABLE = DecisionTable(
    "route",
    (
        Rule((Condition("a", "is", True), Condition("n", "ge", 5)), "both"),
        Rule((Condition("n", "in", (1, 2)),), "small"),
        Rule((), "default"),
    ),
    texts={"both": "Both", "small": "Small", "default": "Default"},
)


def test_the_first_rule_that_holds_decides():
    got = {
        (a, n): TABLE.decide({"a": a, "n": n}) for a, n in itertools.product((True, False), (1, 5))
    }
    assert got == {
        (True, 1): "small",
        (True, 5): "both",
        (False, 1): "small",
        (False, 5): "default",
    }


def test_decision_recommendation_template_uses_the_tables_texts():
    d = Decision(
        classify=(),
        tables=(TABLE,),
        result="route",
        outcomes={k: Outcome(v, "", v, {}) for k, v in TABLE.texts.items()},
        recommendation="Route: {route}.",
    )
    derived = d.run({"a": True, "n": 7})
    assert derived["route"] == "both" and d.recommendation_for(derived) == "Route: Both."


def test_noms_published_decision_agrees_with_its_thresholds():
    """NOMS reads its SINS edges from the SINS table (not written again)."""
    spec = bonemets.get("noms").describe()["decision"]
    assert spec is not None
    mech = next(t for t in spec["tables"] if t["name"] == "mechanical")
    sins = {b.name: b.low for b in bonemets.get("sins").bands}  # type: ignore[attr-defined]
    assert mech["rules"][0]["when"][0] == ["sins", "ge", sins["unstable"]]
    assert mech["rules"][1]["when"][0] == ["sins", "ge", sins["indeterminate"]]
    assert mech["rules"][-1]["when"] == []  # a default
    for t in spec["tables"]:
        assert t["rules"][-1]["when"] == [], t["name"]
