"""The registry (`bonemets/registry.py`) is the explicit list of calculators; these tests check it
against the calculator modules, so a new score needs no edit here."""

from __future__ import annotations

import importlib
import json
import pkgutil

import pytest

import bonemets
from bonemets.calculator import CalculatorBase
from bonemets.registry import CALCULATORS

#: The calculators the course was built with: a floor, so that none is dropped by accident.
ORIGINAL = (
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
)


def defined_calculators() -> dict[str, str]:
    """Every calculator object defined at module level in scores/, formulas/ and screens/, by
    name, with the module that holds it."""
    found: dict[str, str] = {}
    for package in ("scores", "formulas", "screens"):
        pkg = importlib.import_module(f"bonemets.{package}")
        for info in pkgutil.iter_modules(pkg.__path__):
            module = importlib.import_module(f"bonemets.{package}.{info.name}")
            for value in vars(module).values():
                if isinstance(value, CalculatorBase):
                    found.setdefault(value.name, module.__name__)
    return found


def test_every_calculator_module_is_registered_and_none_is_dropped() -> None:
    """The registry is the explicit list; this test derives what it must hold from the modules
    (a new score needs no edit here), and refuses to lose one the course was built with."""
    defined = defined_calculators()
    assert set(defined) == set(CALCULATORS), (
        "register each calculator in bonemets/registry.py: "
        f"unregistered {sorted(set(defined) - set(CALCULATORS))}, "
        f"registered but not defined {sorted(set(CALCULATORS) - set(defined))}"
    )
    assert set(ORIGINAL) <= set(CALCULATORS)
    assert len({id(c) for c in CALCULATORS.values()}) == len(CALCULATORS)


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
