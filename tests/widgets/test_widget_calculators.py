"""Every calculator widget, driven through its controls, shows exactly what the engine computes."""

from __future__ import annotations

import random
from typing import Any

import ipywidgets as ipw
import pytest

import bonemets
from bonemets import InputError
from bonemets.inputs import Boolean, Choice, Integer, Number
from widgets import calculator
from widgets.calculator import CHOOSE, CalculatorWidget, as_text

NAMES = list(bonemets.CALCULATORS)


def random_inputs(name: str, rng: random.Random) -> dict[str, Any]:
    """Inputs drawn from the engine's own field definitions (some may fail cross-field checks)."""
    calc = bonemets.get(name)
    alternates = {
        c.alternate.name: c.input.name
        for c in getattr(calc, "components", ())
        if getattr(c, "alternate", None) is not None
    }
    out: dict[str, Any] = {}
    for f in calc.fields:
        if f.name in alternates:  # give the level instead of the location half of the time
            if rng.random() < 0.5:
                out[f.name] = rng.choice(f.values)
                out.pop(alternates[f.name], None)
            continue
        if isinstance(f, Choice):
            out[f.name] = rng.choice(f.values)
        elif isinstance(f, Boolean):
            out[f.name] = rng.random() < 0.5
        elif isinstance(f, Integer):
            n = (f.maximum - f.minimum) // f.step
            out[f.name] = f.minimum + f.step * rng.randint(0, min(n, 40))
        elif isinstance(f, Number):
            out[f.name] = round(rng.uniform(f.minimum, min(f.maximum, f.minimum + 30)), 2)
    return out


def drive(w: CalculatorWidget, inputs: dict[str, Any]) -> None:
    """Set the controls one by one, as a user would (every change recomputes)."""
    for name, value in inputs.items():
        ctl = w.controls[name]
        ctl.value = as_text(value) if isinstance(ctl, ipw.Text) else value


@pytest.mark.parametrize("name", NAMES)
def test_widget_starts_empty_and_unscored(name):
    w = calculator(name)
    assert w.result is None
    assert w.output.value == ""
    assert "Choose every input" in w.status.value
    for f in w.calc.fields:
        ctl = w.controls[f.name]
        if isinstance(ctl, ipw.Dropdown):
            assert ctl.value is None and ctl.options[0][0] == CHOOSE
            assert [o for _lab, o in ctl.options[1:]] == (
                list(f.values) if isinstance(f, Choice) else [True, False]
            )
        else:
            assert ctl.value == "" and "enter a value" in ctl.placeholder
            assert f.allowed() in ctl.placeholder


@pytest.mark.parametrize("name", NAMES)
def test_widget_equals_engine_on_random_inputs(name):
    rng = random.Random(f"widgets-{name}")
    scored = 0
    for _ in range(25):
        inputs = random_inputs(name, rng)
        w = calculator(name, chart=False)
        drive(w, inputs)
        try:
            expected = bonemets.calculate(name, **inputs)
        except InputError as exc:
            assert w.result is None
            assert [str(e) for e in w.errors] == [str(e) for e in exc.errors]
            shown = w.status.value + "".join(b.value for b in w.field_errors.values())
            for e in exc.errors:
                assert e.message.replace("'", "&#x27;") in shown or e.message in shown
            continue
        scored += 1
        assert w.errors == []
        assert w.result.to_dict() == expected.to_dict()
        panel = w.output.value
        for c in expected.components:
            assert f"<td>{c.value_label}</td>".replace("&", "&amp;") in panel.replace("&", "&amp;")
        if expected.score is not None:
            assert expected.display["score"] in panel
        if expected.band is not None:
            assert f'data-band="{expected.band}"' in panel
        for v in expected.display.values():
            assert v in panel
        assert w.summary().splitlines()[0] == expected.title
    assert scored >= 3, f"too few valid random inputs for {name}"


def test_mirels_known_values_and_panel():
    w = calculator("mirels")
    w.set(site="peritrochanteric", pain="functional", lesion="lytic", size="gt_2_3")
    assert (w.result.score, w.result.band) == (12, "high")
    assert [c.points for c in w.result.components] == [3, 3, 3, 3]
    panel = w.output.value
    assert "12 (range 4–12)" in panel
    assert ">High fracture risk</span>" in panel  # band written as text, not colour alone
    assert "Prophylactic fixation before radiotherapy" in panel
    assert "Mirels H. Metastatic disease in long bones" in panel
    assert w.chart is not None and w.chart["description"].endswith(
        "This patient's total is 12, in the band High fracture risk."
    )
    # one control back to empty: no score any more
    w.controls["size"].value = None
    assert w.result is None and "1 left: Size" in w.status.value
    w.controls["size"].value = "lt_1_3"
    assert (w.result.score, w.result.band) == (10, "high")
    w.controls["pain"].value = "mild"
    assert (w.result.score, w.result.band_label) == (8, "Borderline fracture risk")


def test_calcium_formula_and_inline_errors():
    w = calculator("calcium")
    w.set(calcium=12.0, albumin=3.0, units="conventional")
    assert w.result.values["corrected"] == 12.8
    assert "12.8 mg/dL" in w.output.value and "Moderate hypercalcaemia" in w.output.value
    w.controls["albumin"].value = "abc"
    assert w.result is None and w.output.value == ""
    assert "&#x27;abc&#x27; is not a number" in w.field_errors["albumin"].value
    w.controls["albumin"].value = "30"  # g/L typed with conventional units: engine hint inline
    assert w.result is None
    assert "albumin in g/L? use units=si" in w.field_errors["albumin"].value
    w.controls["units"].value = "si"
    w.controls["calcium"].value = "2.4"
    assert w.result.values["corrected"] == 2.6 and w.result.band == "normal"
    assert w.field_errors["albumin"].value == ""


def test_sins_level_stands_in_for_location():
    w = calculator("sins")
    w.set(pain="mechanical", lesion="lytic", alignment="normal", collapse="none")
    w.controls["posterolateral"].value = "none"
    assert w.result is None and "Location or Vertebral level" in w.status.value
    w.controls["level"].value = "t12"
    assert (w.result.score, w.result.band) == (8, "indeterminate")
    assert w.result.components[0].points == 3
    w.controls["location"].value = "mobile"  # disagrees with T12: the engine's message inline
    assert w.result is None
    assert "t12 is not in location" in w.field_errors["level"].value


def test_out_of_range_number_shows_engine_message():
    w = calculator("pain")
    w.controls["nrs"].value = "11"
    assert w.result is None
    assert "11 is out of range; allowed: a whole number from 0 to 10 /10" in (
        w.field_errors["nrs"].value
    )
    w.controls["nrs"].value = "7"
    assert (w.result.band, w.result.values["who_step"]) == ("severe", 3)


def test_screen_reasons_shown():
    w = calculator(
        "ablation",
        tolerates_anaesthesia=True,
        uncorrectable_bleeding=False,
        percutaneous_access=True,
        widespread_metastases=False,
        active_infection=False,
        critical_structure_adjacent=False,
        distance_to_neural_mm=5,
    )
    assert w.result.band == "caution"
    assert [r.code for r in w.result.reasons] == [
        r.code for r in bonemets.calculate("ablation", **w.result.inputs).reasons
    ]
    assert w.result.reasons[0].text in w.output.value.replace("&lt;", "<")


def test_static_repr_is_the_text_summary():
    w = calculator("tomita", primary_growth="slow", visceral_mets="none", bone_mets="solitary")
    bundle = w._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "Total: 2 (range 2–10)" in bundle["text/plain"]
    assert f"Band: {w.result.band_label}" in bundle["text/plain"]


def test_unknown_input_name_is_refused():
    with pytest.raises(KeyError, match="unknown inputs"):
        calculator("mirels", colour="red")
