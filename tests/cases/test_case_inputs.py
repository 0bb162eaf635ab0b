"""One input adapter per calculator (``bonemets.cases.inputs``): complete, in a sound order, each
found by its calculator's name, and each recording where every input came from."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bonemets.cases import evaluate_case, library
from bonemets.cases import inputs as case_inputs
from bonemets.cases.inputs import ADAPTERS, NOT_FROM_A_CASE, Adapter, Earlier, order_problems
from bonemets.registry import CALCULATORS, PROGNOSTIC

ROOT = Path(__file__).resolve().parents[2]


def test_every_calculator_has_an_adapter_or_says_why_not() -> None:
    adapted = [a.calculator for a in ADAPTERS]
    assert len(adapted) == len(set(adapted))
    assert not set(adapted) & set(NOT_FROM_A_CASE)
    assert set(adapted) | set(NOT_FROM_A_CASE) == set(CALCULATORS)
    assert all(why.strip() for why in NOT_FROM_A_CASE.values())


def test_each_adapter_is_in_the_module_named_after_its_calculator() -> None:
    folder = Path(case_inputs.__file__).parent
    for a in ADAPTERS:
        assert (folder / f"{a.calculator}.py").is_file(), a.calculator
        assert a.adapt.__module__ == f"bonemets.cases.inputs.{a.calculator}"


def test_adapters_run_after_the_calculators_they_read() -> None:
    assert order_problems() == []
    order = [a.calculator for a in ADAPTERS]
    assert order.index("noms") > order.index("sins")
    assert all(order.index("noms") > order.index(p) for p in PROGNOSTIC)
    for read in ("calcium", "sins", "mirels"):
        assert order.index("exercise") > order.index(read)


def test_declared_reads_match_what_the_adapters_read() -> None:
    by_name = {a.calculator: a for a in ADAPTERS}
    assert set(by_name["noms"].after) == {"sins", *PROGNOSTIC}
    assert set(by_name["exercise"].after) == {"calcium", "sins", "mirels"}


def test_order_problems_finds_a_misordered_or_repeated_adapter() -> None:
    by_name = {a.calculator: a for a in ADAPTERS}
    noms_first = (by_name["noms"], by_name["sins"])
    problems = order_problems(noms_first)
    assert "noms reads sins, so it must come after the sins adapter" in problems
    twice = (by_name["sins"], replace(by_name["sins"]))
    assert order_problems(twice) == ["sins: listed twice"]


def test_an_adapter_reads_only_what_it_is_given() -> None:
    """NOMS without the SINS result it reads: each spinal lesion lists the SINS key's missing
    fields (none here, since nothing ran), so no NOMS run can use a SINS score."""
    case = library(ROOT / "cases" / "data")["prostate_mscc_weak_legs"]
    noms = next(a for a in ADAPTERS if a.calculator == "noms")
    adapted = noms.adapt(case, Earlier({}, {}, {}))
    assert [r.key for r in adapted.runs] == ["noms:t10", "noms:l2"]
    assert all("sins" not in r.values for r in adapted.runs)


def test_every_computed_input_names_its_case_field() -> None:
    for case in library(ROOT / "cases" / "data").values():
        ev = evaluate_case(case)
        for key, result in ev.results.items():
            sources = ev.inputs_from[key]
            assert sources, key
            assert set(sources) <= set(result.inputs), (case.id, key)
        assert not set(ev.results) & set(ev.not_computed), case.id


def test_adapter_is_a_record_of_name_function_and_reads() -> None:
    a = Adapter("x", lambda case, earlier: case_inputs.Adapted(), after=("y",))
    assert (a.calculator, a.after) == ("x", ("y",))


def test_run_order_is_the_registry_order_with_reads_first() -> None:
    """Adapters are found by name, not listed: registry order, moved only to follow what they
    read; a cycle is refused with the adapters named."""
    order = [a.calculator for a in ADAPTERS]
    registry = [n for n in CALCULATORS if n not in NOT_FROM_A_CASE]
    assert sorted(order) == sorted(registry)
    independent = [n for n in order if not next(a for a in ADAPTERS if a.calculator == n).after]
    assert independent == [n for n in registry if n in independent]
    x = Adapter("x", lambda case, earlier: case_inputs.Adapted(), after=("y",))
    y = Adapter("y", lambda case, earlier: case_inputs.Adapted())
    assert [a.calculator for a in case_inputs.in_run_order([x, y])] == ["y", "x"]
    loop = Adapter("y", lambda case, earlier: case_inputs.Adapted(), after=("x",))
    with pytest.raises(ValueError, match=r"cycle: x after \('y',\), y after \('x',\)"):
        case_inputs.in_run_order([x, loop])
