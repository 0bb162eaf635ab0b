"""The static-site calculators agree with the engine, in a real browser (Debian chromium).

For each of the engine's calculators, the built page ``chapters/calculators/<name>.html`` is loaded
ONCE (in the calculators' one tab) and everything below is checked on it; what the
page shows (score, points, band, label, recommendation, computed values, reasons, errors) is
compared with ``bonemets.calculate`` for the same inputs:

* every combination of a points table, classification or decision (Mirels, SINS by location plus
  every level, Tomita, modified Bauer, ESCC, NOMS, pain; Tokuhashi: every combination of its
  table plus random whole numbers);
* at least 1,000 random combinations of each screen, with every threshold and its neighbours;
* at least 500 inputs of each formula, with every band edge (reached exactly and through
  floating-point noise) and both unit systems, plus out-of-range inputs (errors must name the same
  fields).

These large spaces go through the page's API (``window.bonemetsCalc.set``, which sets the controls
and fires the form's change event) in one round trip, read back from the rendered DOM; that is
where every value of every control is checked, on every calculator.

Then real UI interactions (select_option / check / fill / click) check the controls' WIRING: that
each control's events reach the form, which then shows what the engine gives. The wiring is
generic code (bonemets-calc.js builds every form from the engine's ``describe()`` data and
listens on the form; a control is read by its kind), so it is checked in two depths:

* on EVERY page, one real action per control (``wiring_steps``): from a complete input set through
  the API, each control takes a value for which the engine gives a different page (set back when
  that leaves no result), then a read-back and comparison. A control whose events never reach the
  form leaves the page showing the state before, which the engine does not give for the new value:
  the step fails;
* on the UI COVER, the full walk (``ui_steps``): for every select another option, no option and
  its own again, both answers of every yes/no, for every number box another valid value, an
  out-of-range value, the empty box and its own value again, each read back and compared; then the
  form's reset button. The cover (``ui_cover``) is computed at test time from the served site:
  each calculator page's form is read (``page_features``: its kinds of control: select, yes/no
  radios, whole-number box, decimal box, reset button; and a units switch, a unit given as
  alternatives that an input decides) and the cheapest pages (by the walk's steps) that together
  have every feature any page has are walked in full; a new page with a new kind of control is
  picked automatically. Optional inputs and alternate inputs (SINS level or location) are not
  features: a missing value is read as on any control of its kind, and what it gives is the API's
  part above.

After every UI step, the units shown beside the number boxes must be those the page API shows
for the same inputs, and a unit that follows an input on a page whose features list no units
switch is reported (so the cover cannot miss one). Self-tests: a select, a yes/no and a number
box cut off from the form are caught by both depths and not by the API
(``test_ui_steps_catch_a_control_the_form_does_not_hear``); the cover has every feature, takes a
page whose feature no other page has and the cheaper of two equal pages
(``test_ui_cover_has_every_feature_and_picks_the_unique_and_the_cheap``).

What the one action per control leaves to the cover is how a control of a kind takes each other
kind of action (clearing a select or a box, refusing out-of-range text): the same code for every
control of that kind on every page (the form's listeners, ``readField`` by kind), which the API
part above also runs for every value on every page.

Labels, fieldsets, the live region and axe-core are checked on the empty and the filled form (on
the empty form as loaded, axe's minor and moderate rules: its serious and critical ones are
test_pages.py's, on the same page as loaded, at two widths; see ``axe_problems_empty``); the
incomplete and out-of-range messages (calcium, Tokuhashi) and keyboard-only use (Mirels, EQD2) on
their pages.
100% agreement is required; every disagreement is collected and listed in one assertion.

Fixtures and the page reader: ``calculator_page.py``.
"""

from __future__ import annotations

import itertools
import json
import random
import urllib.request
from functools import cache
from html.parser import HTMLParser
from typing import Any

import pytest

import bonemets
from bonemets.formulas.calcium import UNITS
from bonemets.formulas.renal import CREATININE_RANGES, ZOLEDRONIC_BANDS
from bonemets.inputs import Boolean, Choice, Integer, Number
from bonemets.screens.screen import Screen
from bonemets.tables import PointsTable

from .calculator_page import (  # noqa: F401  (fixtures)
    READ_JS,
    ROOT,
    Calc,
    base_url,
    calc_context,
    compare,
    expected,
    group,
    mismatches,
    open_calc,
    report,
)
from .checker import _AXE as PAGE_AXE
from .checker import inject_axe
from .covering import greedy_cover

pytestmark = pytest.mark.browser


# ------------------------------------------------------------------------------------ inputs


def _edges(x: float, lo: float, hi: float, step: float = 0.01) -> list[float]:
    return [v for v in (x - step, x, x + step) if lo <= v <= hi]


def _random_value(rng: random.Random, f: Any, thresholds: list[float]) -> Any:
    if isinstance(f, Choice):
        return rng.choice(f.values)
    if isinstance(f, Boolean):
        return rng.random() < 0.5
    if isinstance(f, Integer):
        return rng.randrange(f.minimum, f.maximum + 1, f.step)
    pick = rng.random()
    if thresholds and pick < 0.5:
        return rng.choice(
            [v for t in thresholds for v in _edges(t, f.minimum, f.maximum, 0.001)] or [f.minimum]
        )
    if pick < 0.6:
        return rng.choice([f.minimum, f.maximum])
    return round(rng.uniform(f.minimum, f.maximum), rng.choice([0, 1, 2]))


def _screen_thresholds(calc: Screen) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for c in calc.criteria:
        if c.op in ("lt", "le", "gt", "ge"):
            out.setdefault(c.field, []).append(float(c.value))
    return out


def screen_samples(name: str, n: int = 1200, seed: int = 1) -> list[dict[str, Any]]:
    calc = bonemets.get(name)
    assert isinstance(calc, Screen)
    rng = random.Random(seed)
    thresholds = _screen_thresholds(calc)
    samples = []
    for i in range(n):
        s = {f.name: _random_value(rng, f, thresholds.get(f.name, [])) for f in calc.fields}
        # Mostly "good" booleans so that single criteria fire alone too.
        if i % 3 == 0:
            for c in calc.criteria:
                if c.op == "is" and isinstance(c.value, bool) and rng.random() < 0.85:
                    s[c.field] = not c.value
        samples.append(s)
    # Every threshold exactly, with every other criterion quiet.
    quiet = dict(samples[0])
    for c in calc.criteria:
        if c.op == "is" and isinstance(c.value, bool):
            quiet[c.field] = not c.value
    for field, ts in thresholds.items():
        f = next(x for x in calc.fields if x.name == field)
        for t in ts:
            for v in _edges(t, f.minimum, f.maximum, 0.001) + _edges(t, f.minimum, f.maximum, 1e-9):
                samples.append({**quiet, field: v})
    return samples


def points_samples(name: str) -> list[dict[str, Any]]:
    calc = bonemets.get(name)
    assert isinstance(calc, PointsTable)
    samples = calc.input_space()
    if name == "sins":
        rng = random.Random(2)
        level = next(f for f in calc.fields if f.name == "level")
        location = next(f for f in calc.fields if f.name == "location")
        for lv in level.values:
            base = rng.choice(samples)
            by_level = {k: v for k, v in base.items() if k != "location"}
            samples.append({**by_level, "level": lv})  # level alone
            for loc in location.values:  # level with each location: agree or refused
                samples.append({**by_level, "level": lv, "location": loc})
        samples.append({k: v for k, v in samples[0].items() if k != "location"})  # neither
    if name == "tokuhashi":
        rng = random.Random(3)
        ints = [f for f in calc.fields if isinstance(f, Integer)]
        edges: dict[str, list[int]] = {}
        for f in ints:  # every option's ends, their neighbours, and the field's own ends
            comp = next(c for c in calc.components if c.input.name == f.name)
            ends = {f.minimum, f.maximum}
            for o in comp.options:
                for e in o.between or ():
                    if e is not None:
                        ends.update((e - f.step, e, e + f.step))
            edges[f.name] = sorted(
                e for e in ends if f.minimum <= e <= f.maximum and (e - f.minimum) % f.step == 0
            )
        for _ in range(1500):
            s = dict(rng.choice(samples))
            for f in ints:
                s[f.name] = rng.choice(
                    [*edges[f.name], rng.randrange(f.minimum, f.maximum + 1, f.step)]
                )
            samples.append(s)
    return samples


def _finite_values(f: Any) -> list[Any] | None:
    """Every value of a finite field (choice, yes/no, whole number); ``None`` for a real number."""
    if isinstance(f, Choice):
        return list(f.values)
    if isinstance(f, Boolean):
        return [True, False]
    if isinstance(f, Integer):
        return list(range(f.minimum, f.maximum + 1, f.step))
    return None


def finite_space(name: str) -> list[dict[str, Any]] | None:
    """Every combination of the inputs when every input is finite (classifications, decisions)."""
    fields = bonemets.get(name).fields
    axes = [_finite_values(f) for f in fields]
    if any(a is None for a in axes):
        return None
    names = [f.name for f in fields]
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*axes)]  # type: ignore[arg-type]


def formula_samples(name: str) -> list[dict[str, Any]]:
    space = finite_space(name)
    if space is not None:  # ESCC, NOMS, pain: the whole input space
        return space
    rng = random.Random(4)
    out: list[dict[str, Any]] = []
    if name == "calcium":
        for units, u in UNITS.items():
            edges = [u.lln, u.uln, u.moderate_from, u.severe_from, *u.ctcae_upper]
            tick = 10.0**-u.decimals
            for e in edges:
                for target in (e - tick, e, e + tick, e - 1e-9, e + 1e-9):
                    out.append({"calcium": target, "albumin": u.reference_albumin, "units": units})
                    for _ in range(8):  # the same corrected value through noisy arithmetic
                        alb = round(rng.uniform(*u.albumin_range), 1)
                        ca = round(target - u.factor * (u.reference_albumin - alb), 4)
                        if u.calcium_range[0] <= ca <= u.calcium_range[1]:
                            out.append({"calcium": ca, "albumin": alb, "units": units})
            for _ in range(200):
                out.append(
                    {
                        "calcium": round(rng.uniform(*u.calcium_range), u.decimals),
                        "albumin": round(rng.uniform(*u.albumin_range), 1),
                        "units": units,
                    }
                )
            # out of range for the unit system (errors), and for the field itself
            out.append({"calcium": u.calcium_range[1] + 1, "albumin": 40.0, "units": units})
            out.append({"calcium": 2.4, "albumin": u.albumin_range[1] * 2, "units": units})
        out.append({"calcium": 30.0, "albumin": 4.0, "units": "conventional"})
        out.append({"calcium": 10.0, "albumin": 80.0, "units": "si"})
        # impossible corrected calcium (zero or below): both fields named, in both unit systems
        out.append({"calcium": 2.0, "albumin": 7.0, "units": "conventional"})
        out.append({"calcium": 2.4, "albumin": 7.0, "units": "conventional"})
        out.append({"calcium": 0.5, "albumin": 70.0, "units": "si"})
        return out
    if name == "zoledronic_acid":
        edges = sorted({e for b in ZOLEDRONIC_BANDS for e in (b.low, b.high) if e is not None})
        for edge in edges:
            for target in (edge - 0.05, edge, edge + 0.05):
                for sex, unit in itertools.product(("male", "female"), ("mg_dl", "umol_l")):
                    for age in (40, 65, 80, 90):
                        scr = 1.0 if unit == "mg_dl" else 88.4
                        factor = 0.85 if sex == "female" else 1.0
                        w = round(target * 72.0 / ((140 - age) * factor), 2)
                        if 25 <= w <= 300:
                            out.append(
                                dict(
                                    age=age,
                                    sex=sex,
                                    weight_kg=w,
                                    creatinine=scr,
                                    creatinine_unit=unit,
                                )
                            )
        # exact edges with exact arithmetic: (140 - 80) * w / 72 = edge
        for edge in edges:
            out.append(
                dict(
                    age=80,
                    sex="male",
                    weight_kg=edge * 72 / 60,
                    creatinine=1.0,
                    creatinine_unit="mg_dl",
                )
            )
        for _ in range(500):
            unit = rng.choice(("mg_dl", "umol_l"))
            lo, hi = CREATININE_RANGES[unit]
            out.append(
                dict(
                    age=rng.randint(18, 120),
                    sex=rng.choice(("male", "female")),
                    weight_kg=round(rng.uniform(25, 300), 1),
                    creatinine=round(rng.uniform(lo, min(hi, lo * 40)), 2),
                    creatinine_unit=unit,
                )
            )
        out.append(dict(age=70, sex="male", weight_kg=70, creatinine=150, creatinine_unit="mg_dl"))
        out.append(dict(age=70, sex="male", weight_kg=70, creatinine=5, creatinine_unit="umol_l"))
        out.append(dict(age=17, sex="male", weight_kg=70, creatinine=1, creatinine_unit="mg_dl"))
        return out
    if name == "eqd2":
        from bonemets.formulas.radiotherapy import TEACHING_SCHEDULES

        for n, d, _label in TEACHING_SCHEDULES:
            for ab in (None, 3.0, 10.0):
                out.append({"fractions": n, "dose_per_fraction_gy": d, "alpha_beta": ab})
        for _ in range(600):
            out.append(
                {
                    "fractions": rng.randint(1, 50),
                    "dose_per_fraction_gy": round(rng.uniform(0.5, 30), rng.choice([0, 1, 2])),
                    "alpha_beta": rng.choice([None, round(rng.uniform(0.5, 20), 1), 3.0, 10.0]),
                }
            )
        out.append({"fractions": 0, "dose_per_fraction_gy": 8.0})
        out.append({"fractions": 5, "dose_per_fraction_gy": 40.0})
        out.append({"fractions": 5, "dose_per_fraction_gy": 4.0, "alpha_beta": 0.1})
        return [{k: v for k, v in s.items() if v is not None} for s in out]
    raise AssertionError(name)


def samples_for(name: str) -> list[dict[str, Any]]:
    calc = bonemets.get(name)
    if isinstance(calc, PointsTable):
        return points_samples(name)
    if isinstance(calc, Screen):
        return screen_samples(name)
    return formula_samples(name)


def minimum(name: str) -> int:
    """How many samples the page must agree on, by kind (derived from the registry)."""
    calc = bonemets.get(name)
    if isinstance(calc, PointsTable):
        return len(calc.input_space())  # every combination of the table
    if isinstance(calc, Screen):
        return 1000
    space = finite_space(name)
    return len(space) if space is not None else 500  # a whole finite space, or 500 formula inputs


def test_sample_sizes_are_the_documented_ones() -> None:
    """The sizes the module docstring promises, for a few calculators counted by hand."""
    assert minimum("mirels") == 3**4
    assert minimum("noms") == 6 * 2 * 19 * 2  # ESCC grades x radiosensitivity x SINS 0-18 x fit
    assert minimum("pain") == 11
    assert minimum("exercise") == 1000 and minimum("eqd2") == 500


# ------------------------------------------------------------------------------------ UI driving


def drive_ui(c: Calc, inputs: dict[str, Any], previous: dict[str, Any] | None) -> None:
    """Set the inputs through real UI interactions (only those that changed)."""
    calc = bonemets.get(c.name)
    for f in calc.fields:
        value = inputs.get(f.name)
        if (
            previous is not None
            and previous.get(f.name, None) == value
            and (f.name in previous or value is None)
        ):
            continue
        if isinstance(f, Boolean):
            if value is None:
                continue
            c.page.check(f"{c.root}-{f.name}-{'true' if value else 'false'}")
        elif isinstance(f, Choice):
            c.page.select_option(f"{c.root}-{f.name}", "" if value is None else value)
        else:
            assert isinstance(f, Integer | Number)
            c.page.fill(f"{c.root}-{f.name}", "" if value is None else repr(value))


def ui_steps(
    name: str, pool: list[dict[str, Any]], only: str | None = None
) -> list[dict[str, Any]]:
    """Input states that walk every control with real UI actions, one control changed per step.

    From a complete input with a result (every yes/no answered: a radio cannot be unchecked by the
    user), each control in turn (or only the control ``only``) takes another option and then none
    (a select), the other answer (a yes/no), or another valid value from ``pool``, a value above
    its maximum and the empty box (a number); then it is set back. So every control is driven
    by each kind of real action it has (a choice, a change, clearing, a refusal), and each action
    is compared with the engine; what a control's every value gives is the API's part above."""
    calc = bonemets.get(name)
    booleans = [f.name for f in calc.fields if isinstance(f, Boolean)]
    base = next(
        s for s in pool if all(b in s for b in booleans) and expected(name, s)["state"] == "result"
    )
    states = [dict(base)]
    for f in calc.fields:
        if only is not None and f.name != only:
            continue
        here = base.get(f.name)
        tries: list[Any]
        if isinstance(f, Choice):
            tries = [[v for v in f.values if v != here][-1], None]
        elif isinstance(f, Boolean):
            tries = [not here]
        else:
            assert isinstance(f, Integer | Number)
            other = next(
                s[f.name]
                for s in pool
                if s.get(f.name) not in (None, here) and f.minimum <= s[f.name] <= f.maximum
            )
            above = f.maximum + (f.step if isinstance(f, Integer) else 1)
            tries = [other, above, None]
        for v in tries:
            s = {k: x for k, x in base.items() if k != f.name}
            if v is not None:
                s[f.name] = v
            states.append(s)
        states.append(dict(base))
    return states


def wiring_steps(
    name: str, pool: list[dict[str, Any]], only: str | None = None
) -> list[list[dict[str, Any]]]:
    """Chains of input states that give every control ONE real UI action whose result the page
    must show differently from the state before (the per-page wiring check off the cover).

    Each chain starts from a complete input with a result (every yes/no answered), set through
    the page API; then each control in turn takes the first other value (an option, the other
    answer, a valid number from ``pool``; else none, or a number above its maximum) for which
    the engine gives a different page; if that value leaves no result, the control is set back
    (a second real action) so that the next control's change shows too. When no value of a
    control changes the page from where the chain is (a criterion that another input masks), a
    new chain starts from a sample of ``pool`` where one does. A control whose events never
    reach the form leaves the page as it was, which is not what the engine gives for its new
    value: that step fails. With ``only``: the one chain of that control's action, from the
    state the check reaches it in."""
    calc = bonemets.get(name)
    booleans = [f.name for f in calc.fields if isinstance(f, Boolean)]
    starts = [
        s for s in pool if all(b in s for b in booleans) and expected(name, s)["state"] == "result"
    ]
    chains: list[list[dict[str, Any]]] = [[dict(starts[0])]]
    for f in calc.fields:
        valid = [
            s[f.name]
            for s in pool
            if isinstance(f, Integer | Number)
            and f.minimum <= s.get(f.name, f.minimum - 1) <= f.maximum
        ]
        for start in [chains[-1][-1], *starts]:
            if steps := _action_showing(name, f, start, valid):
                break
        else:
            raise AssertionError(f"{name}: no sample lets an action on {f.name} show on the page")
        if start is not chains[-1][-1]:
            chains.append([dict(start)])
        if only == f.name:
            return [[dict(start), *steps]]
        chains[-1] += steps
    assert only is None, f"{name} has no input {only}"
    return chains


def _action_showing(
    name: str, f: Any, state: dict[str, Any], valid: list[Any]
) -> list[dict[str, Any]]:
    """One action on control ``f`` from ``state`` that changes what the page must show (and the
    setting back, if it leaves no result); none if every value of ``f`` shows the same."""
    here = state.get(f.name)
    tries: list[Any]
    if isinstance(f, Choice):
        tries = [v for v in f.values if v != here] + [None]
    elif isinstance(f, Boolean):
        tries = [not here]
    else:
        assert isinstance(f, Integer | Number)
        tries = list(dict.fromkeys(v for v in valid if v != here))[:20]
        tries += [f.maximum + (f.step if isinstance(f, Integer) else 1), None]
    now = expected(name, state)
    differ = [s for v in tries if expected(name, s := _with(state, f.name, v)) != now]
    if not differ:
        return []
    step = next((s for s in differ if expected(name, s)["state"] == "result"), differ[0])
    return [step] if expected(name, step)["state"] == "result" else [step, dict(state)]


def wiring_problems(c: Calc, chains: list[list[dict[str, Any]]], units_switch: bool) -> list[str]:
    """``ui_problems`` of each chain of ``wiring_steps``, its first state set through the API."""
    out: list[str] = []
    for chain in chains:
        out += ui_problems(c, chain, start_from_api=True, units_switch=units_switch)
    return out


def _with(state: dict[str, Any], field: str, value: Any) -> dict[str, Any]:
    """``state`` with ``field`` set to ``value`` (``None``: left empty)."""
    out = {k: v for k, v in state.items() if k != field}
    if value is not None:
        out[field] = value
    return out


#: The unit shown beside each number box: {field: [text, the page's default text]}.
UNITS_JS = """(root) => Object.fromEntries(
  [...document.querySelectorAll(root + ' [data-unit-for]')]
    .map((s) => [s.dataset.unitFor, [s.textContent, s.dataset.default]]))"""

#: The result and the units shown, in one round trip.
READ_UNITS_JS = (
    """(root) => [("""
    + READ_JS
    + """)(document.querySelector(root)), ("""
    + UNITS_JS
    + """)(root)]"""
)

#: The units each state shows when it is set through the page API (one round trip for all).
API_UNITS_JS = (
    """([name, root, list]) => JSON.stringify(JSON.parse(list).map((i) => {
  window.bonemetsCalc.set(name, i);
  return ("""
    + UNITS_JS
    + """)(root);
}))"""
)

#: Read after the page's pending tasks ran (the form's ``reset`` handler updates in a timeout).
AFTER_TASKS_JS = """(root) => new Promise((done) => setTimeout(() => done(("""
AFTER_TASKS_JS += READ_JS + """)(document.querySelector(root))), 0))"""


def ui_problems(
    c: Calc,
    states: list[dict[str, Any]],
    *,
    start_from_api: bool = False,
    units_switch: bool = True,
    reset: bool = False,
) -> list[str]:
    """Drive ``states`` in turn with real UI actions (from the empty form; or, with
    ``start_from_api``, from the first state set through the page API); after each, what the page
    shows is compared with the engine and the units shown beside the number boxes with what the
    page API gives for the same inputs. A unit that follows an input while the page's features
    (``page_features``) list no units switch is reported too (the cover would miss it). With
    ``reset``: then the form's reset button, which must empty the form (the last state is then
    set again through the API: the form is left filled)."""
    api_units = json.loads(c.page.evaluate(API_UNITS_JS, [c.name, c.root, json.dumps(states)]))
    bad = []
    if start_from_api:
        c.set(states[0])
        previous: dict[str, Any] = states[0]
        todo = list(enumerate(states))[1:]
    else:
        c.set({})
        previous = {}
        todo = list(enumerate(states))
    switched = False
    for i, s in todo:
        drive_ui(c, s, previous)
        previous = s
        shown, units = c.page.evaluate(READ_UNITS_JS, c.root)
        if m := compare(c.name, s, shown):
            bad.append("via the UI: " + m)
        if {k: v[0] for k, v in units.items()} != {k: v[0] for k, v in api_units[i].items()}:
            bad.append(
                f"via the UI: {c.name} {s}: units {units}, through the page API {api_units[i]}"
            )
        switched = switched or any(text != default for text, default in units.values())
    if switched and not units_switch:
        bad.append(
            f"{c.name}: a unit follows an input, but the page's features list no units switch"
        )
    if reset:
        c.page.click(f"{c.root} button[type=reset]")
        if m := compare(c.name, {}, c.page.evaluate(AFTER_TASKS_JS, c.root)):
            bad.append("via the UI, reset button: " + m)
        c.set(states[-1])  # the form filled again, as the walk left it
    return bad


# ------------------------------------------------------------------------------------ UI cover

#: The full UI walk's steps per control, by feature (``ui_steps``, and the reset button).
WALK_STEPS = {
    "select": 3,
    "yes/no radios": 2,
    "text box, numeric": 4,
    "text box, decimal": 4,
    "reset button": 1,
    "units switch": 0,  # not a control: a unit that follows the units chosen
}


class _FormControls(HTMLParser):
    """The controls of a calculator's form in a built page: (feature, field) per control."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        field = a.get("data-field") or ""
        if tag == "select" and field:
            self.controls.append(("select", field))
        elif tag == "input" and field and a.get("type") == "radio":
            self.controls.append(("yes/no radios", field))
        elif tag == "input" and field and a.get("type") == "text":
            self.controls.append((f"text box, {a.get('inputmode')}", field))
        elif tag == "input" and field:
            self.controls.append((f"input type={a.get('type')}", field))
        elif tag == "button" and a.get("type") == "reset":
            self.controls.append(("reset button", ""))
        elif tag == "span" and a.get("data-unit-for") and " or " in (a.get("data-default") or ""):
            # a unit given as alternatives ("mg/dL or mmol/L"): an input (the units) decides it
            self.controls.append(("units switch", a.get("data-unit-for") or ""))


def form_controls(html: str, name: str) -> list[tuple[str, str]]:
    """(feature, field) of every control of calculator ``name``'s form in a built page."""
    start = html.index(f'id="bmc-{name}"')
    form = html[html.index("<form", start) : html.index("</form>", start)]
    parser = _FormControls()
    parser.feed(form)
    return list(dict.fromkeys(parser.controls))  # a yes/no's two radios: one control


@cache
def page_features(site: str) -> dict[str, tuple[frozenset[str], int]]:
    """{calculator: (the wiring features of its built page, the full UI walk's steps)}, read
    from the served site: each kind of control (select, yes/no radios, whole-number box, decimal
    box, reset button) and a units switch."""
    out: dict[str, tuple[frozenset[str], int]] = {}
    for name in NAMES:
        with urllib.request.urlopen(f"{site}/chapters/calculators/{name}.html") as r:
            controls = form_controls(r.read().decode("utf-8"), name)
        cost = 1 + sum(WALK_STEPS.get(kind, 4) for kind, _ in controls)
        out[name] = (frozenset(kind for kind, _ in controls), cost)
    return out


def ui_cover(site: str) -> list[str]:
    """The calculators whose pages get the full UI walk (``covering.greedy_cover`` of ``page_features``)."""
    found = page_features(site)
    return greedy_cover(
        {n: f for n, (f, _) in found.items()}, {n: k for n, (_, k) in found.items()}
    )


# ------------------------------------------------------------------------------------ page checks

MARKUP_JS = """(root) => {
  const r = document.querySelector(root);
  const out = [];
  r.querySelectorAll('select, input').forEach((el) => {
    if (!el.labels || el.labels.length === 0) out.push('no label: ' + el.id);
    if (el.type === 'radio' && !el.closest('fieldset').querySelector('legend'))
      out.push('radio without legend: ' + el.id);
  });
  if (r.querySelector('[aria-live]') === null) out.push('no aria-live region');
  return out;
}"""

#: axe-core on the calculator (every violation, whatever its impact); ``impacts``: only the rules
#: axe-core declares at one of these impacts (every rule declares one; ``None``: every rule).
AXE_JS = """async ([root, impacts]) => {
  const rules = impacts === null ? {} : Object.fromEntries(axe._audit.rules
    .filter((r) => !impacts.includes(r.impact)).map((r) => [r.id, {enabled: false}]));
  const res = await axe.run({ include: [[root]] }, { resultTypes: ['violations'], rules });
  return res.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target).join(' '));
}"""

#: The impacts of the rules that test_pages.py's axe run leaves out (``checker._AXE`` runs the
#: serious and critical ones, on every course page as loaded, at 1280 and 390 px).
NOT_IN_PAGE_CHECK = ["minor", "moderate"]


def axe_problems(c: Calc, when: str, impacts: list[str] | None = None) -> list[str]:
    inject_axe(c.page)  # the vendored axe-core (a missing file fails the test)
    found = c.page.evaluate(AXE_JS, [c.root, impacts])
    return [f"{c.name} ({when}): axe violation {v}" for v in found]


def axe_problems_empty(c: Calc) -> list[str]:
    """axe-core on the empty form. While the calculator is exactly as loaded (markup and control
    values), its serious and critical rules are test_pages.py::test_course_page's (the same page,
    as loaded, at the same 1280 px and at 390 px; every axe rule declares its impact and reports
    only at it: test_checker.py::test_axe_rules_left_out_cannot_report_serious): only the minor
    and moderate rules run here (``test_empty_form_axe_and_the_page_check_catch_what_a_full_run_did``).
    Otherwise (the page was changed, e.g. reused), every rule."""
    if c.as_loaded():
        return axe_problems(c, "empty", NOT_IN_PAGE_CHECK)
    return axe_problems(c, "empty")


def check(problems: list[str], ok: bool, what: str, shown: Any) -> None:
    """Record ``what`` (and what the page showed) as a problem unless ``ok``."""
    if not ok:
        problems.append(f"{what}; page: {shown}")


def messages_calcium(c: Calc) -> list[str]:
    """Incomplete and out-of-range messages, typed into the calcium form."""
    bad: list[str] = []
    c.set({})
    c.page.select_option("#bmc-calcium-units", "conventional")
    c.page.fill("#bmc-calcium-calcium", "11.0")
    shown = c.read()
    check(
        bad,
        shown["state"] == "incomplete" and shown["score"] is None,
        "calcium 11.0 only: incomplete",
        shown,
    )
    check(
        bad,
        "Serum albumin" in (shown["message"] or "") and shown["band"] is None,
        "calcium 11.0 only: message names Serum albumin, no band",
        shown,
    )
    c.page.fill("#bmc-calcium-albumin", "90")
    shown = c.read()
    check(
        bad,
        shown["state"] == "invalid" and shown["errors"] == ["albumin"],
        "albumin 90: refused, naming albumin",
        shown,
    )
    check(
        bad,
        shown["band"] is None and shown["outputs"] == {},
        "albumin 90: no band, no outputs",
        shown,
    )
    check(
        bad,
        "allowed: a number from 0.5 to 70 g/dL or g/L" in (shown["error_texts"] or [""])[0],
        "albumin 90: range given",
        shown,
    )
    c.page.fill("#bmc-calcium-albumin", "3.0")
    shown = c.read()
    check(bad, shown["state"] == "result", "calcium 11.0, albumin 3.0: a result", shown)
    # the unit shown beside each number follows the units chosen
    c.page.select_option("#bmc-calcium-units", "si")
    unit = c.page.text_content("[data-unit-for=calcium]")
    check(bad, unit == "mmol/L", "SI units: calcium unit mmol/L", unit)
    return bad


def messages_tokuhashi(c: Calc) -> list[str]:
    """A whole-number field refuses a step mismatch and a decimal, naming the field and range."""
    bad: list[str] = []
    c.set({})
    c.page.fill("#bmc-tokuhashi-kps", "55")
    shown = c.read()
    check(bad, shown["errors"] == ["kps"], "kps 55: refused, naming kps", shown)
    check(
        bad,
        "in steps of 10" in (shown["error_texts"] or [""])[0],
        "kps 55: 'in steps of 10'",
        shown,
    )
    c.page.fill("#bmc-tokuhashi-kps", "5.5")
    shown = c.read()
    check(bad, shown["errors"] == ["kps"], "kps 5.5: refused, naming kps", shown)
    return bad


def keyboard_mirels(c: Calc) -> list[str]:
    """Mirels with the keyboard only: Tab to each control, arrow keys to choose."""
    c.set({})
    c.page.focus("#bmc-mirels-site")
    for _ in range(4):
        c.page.keyboard.press("ArrowDown")  # the first real option (after "Choose…")
        c.page.keyboard.press("Tab")
    first = {f.name: f.values[0] for f in bonemets.get("mirels").fields}  # type: ignore[attr-defined]
    m = compare("mirels", first, c.read())
    return [] if m is None else ["keyboard only: " + m]


def keyboard_eqd2(c: Calc) -> list[str]:
    """EQD2 with the keyboard only: type the numbers, Tab between boxes."""
    c.set({})
    c.page.focus("#bmc-eqd2-fractions")
    c.page.keyboard.type("5")
    c.page.keyboard.press("Tab")
    c.page.keyboard.type("4")
    c.page.keyboard.press("Tab")
    m = compare("eqd2", {"fractions": 5, "dose_per_fraction_gy": 4.0}, c.read())
    return [] if m is None else ["keyboard only: " + m]


#: Checks of one calculator's own page, after the common ones.
EXTRA = {
    "calcium": messages_calcium,
    "tokuhashi": messages_tokuhashi,
    "mirels": keyboard_mirels,
    "eqd2": keyboard_eqd2,
}

# ------------------------------------------------------------------------------------ tests

NAMES = list(bonemets.CALCULATORS)


@pytest.mark.parametrize("name", [group(n) for n in NAMES])
def test_calculator_page(open_calc: Any, base_url: str, name: str) -> None:  # noqa: F811
    """One page load: the empty form; labels, fieldsets, live region, axe; every sample of the
    calculator through the page API; one real UI action per control (and on the UI cover, the
    full walk); axe on the filled form; this calculator's own checks (EXTRA). Every problem is
    listed in one assertion."""
    c = open_calc(name)
    problems: list[str] = []
    first = c.first  # as the page showed it when it had just loaded
    check(problems, first["state"] == "incomplete", "new page: state incomplete", first)
    check(
        problems,
        (first["message"] or "").startswith("Choose every input"),
        "new page: 'Choose every input…'",
        first,
    )
    check(problems, c.notice == bonemets.NOTICE, "notice is bonemets.NOTICE", c.notice)
    problems += [f"{name}: {m}" for m in c.page.evaluate(MARKUP_JS, c.root)]
    problems += axe_problems_empty(c)

    samples = samples_for(name)
    check(
        problems, len(samples) >= minimum(name), f"at least {minimum(name)} samples", len(samples)
    )
    problems += mismatches(name, samples, c.batch(samples))

    units_switch = "units switch" in page_features(base_url)[name][0]
    chains = wiring_steps(name, samples)
    steps = [s for chain in chains for s in chain]
    walk = "one UI action per control"
    problems += wiring_problems(c, chains, units_switch)
    if name in ui_cover(base_url):
        walk += ", then the full UI walk (cover)"
        full = ui_steps(name, samples)
        steps += full
        problems += ui_problems(c, full, units_switch=units_switch, reset=True)
    problems += axe_problems(c, "filled")
    if name in EXTRA:
        problems += EXTRA[name](c)
    assert not problems, report(
        problems, f"{name}: {len(samples)} API samples, {len(steps)} UI steps ({walk})"
    )


def test_ui_cover_has_every_feature_and_picks_the_unique_and_the_cheap(base_url: str) -> None:  # noqa: F811
    """Self-test of the cover: on the built site, every feature of every calculator page is on a
    covered page, the controls read from each page are its engine fields' kinds (and its reset
    button), and the cover is less than half the site; on made-up pages, a feature that one page
    alone has puts that page in the cover, of two pages with the same features the cheaper is
    picked, and a page whose features the others have is left out."""
    found = page_features(base_url)
    kinds = {Choice: "select", Boolean: "yes/no radios", Integer: "text box, numeric"}
    for name, (features, _) in found.items():
        fields = {kinds.get(type(f), "text box, decimal") for f in bonemets.get(name).fields}
        assert features - {"reset button", "units switch"} == fields, (name, features)
        assert "reset button" in features, name
    chosen = ui_cover(base_url)
    everything = set().union(*(f for f, _ in found.values()))
    assert everything <= set().union(*(found[n][0] for n in chosen)), chosen
    assert {"select", "yes/no radios", "text box, numeric", "text box, decimal"} <= everything
    assert "units switch" in everything and len(chosen) < len(found) / 2, chosen
    made_up = {
        "big": frozenset({"select", "radios", "box"}),
        "small": frozenset({"select", "radios", "box"}),
        "odd": frozenset({"select", "slider"}),
        "part": frozenset({"radios"}),
    }
    cost = {"big": 20, "small": 5, "odd": 30, "part": 1}
    assert greedy_cover(made_up, cost) == ["odd", "small"]


@pytest.mark.xdist_group("calculator-radiopharmaceutical")
def test_ui_steps_catch_a_control_the_form_does_not_hear(open_calc: Any) -> None:  # noqa: F811
    """Self-test of the UI checks: a select, a yes/no and a number box of one page are in turn cut
    off from the form (their input and change events stopped before they bubble). The page API
    cannot see this (it fires its change event on the form); the full UI walk (``ui_steps``) and
    the per-page check off the cover (``wiring_steps``: that control's one action, from the
    state the check reaches it in) must each report it."""
    name = "radiopharmaceutical"
    calc = bonemets.get(name)
    kinds = [
        next(f for f in calc.fields if isinstance(f, kind)) for kind in (Choice, Boolean, Number)
    ]
    c = open_calc(name)
    pool = samples_for(name)
    missed = []
    for f in kinds:
        deaf = f"#bmc-{name} [data-field='{f.name}']"
        c.page.evaluate(DEAF_JS, [deaf, True])
        walk = ui_steps(name, pool, only=f.name)
        (wiring,) = wiring_steps(name, pool, only=f.name)
        seen_by_api = mismatches(name, walk + wiring, c.batch(walk + wiring))
        by_walk = ui_problems(c, walk)
        by_wiring = wiring_problems(c, [wiring], units_switch=True)
        c.page.evaluate(DEAF_JS, [deaf, False])
        if seen_by_api or not by_walk or not by_wiring:
            missed.append(
                f"{f.name} ({type(f).__name__}): API saw {seen_by_api}; walk saw {by_walk}; "
                f"one action saw {by_wiring}"
            )
    assert not missed, "the UI checks, not the API, must catch a control cut off:\n" + "\n".join(
        missed
    )


DEAF_JS = """([sel, on]) => {
  const stop = window.__stopEvent || (window.__stopEvent = (e) => e.stopPropagation());
  document.querySelectorAll(sel).forEach((el) => {
    for (const type of ['input', 'change']) {
      if (on) el.addEventListener(type, stop);
      else el.removeEventListener(type, stop);
    }
  });
}"""


#: Violations of both kinds put into the mirels form: a serious rule's (color-contrast: faint text)
#: and a minor rule's (empty-heading, empty-table-header).
FAULTS_JS = """(root) => {
  const box = document.createElement('div');
  box.className = 'bm-selftest';
  box.innerHTML = '<span style="color:#f4f4f4;background:#fff">faint text</span>'
    + '<h4></h4><table><tr><th></th><td>x</td></tr></table>';
  document.querySelector(root + ' form').append(box);
}"""


@pytest.mark.xdist_group("calculator-mirels")
def test_empty_form_axe_and_the_page_check_catch_what_a_full_run_did(open_calc: Any) -> None:  # noqa: F811
    """Self-test of ``axe_problems_empty``: every axe rule declares one of the four impacts (so the
    minor and moderate rules here and the serious and critical ones of test_pages.py's run are
    every rule); with a fault of each kind in the form, a full run on the form (what this module
    ran before) finds nothing that the two together miss, each finds its own kind, and the
    snapshot behind ``Calc.as_loaded`` sees the change."""
    c = open_calc("mirels")
    inject_axe(c.page)
    impacts = c.page.evaluate("() => axe._audit.rules.map((r) => [r.id, r.impact])")
    undeclared = [r for r, i in impacts if i not in ("minor", "moderate", "serious", "critical")]
    assert not undeclared, f"axe rules without a declared impact: {undeclared}"
    before = c.snapshot()
    c.page.evaluate(FAULTS_JS, c.root)
    try:
        assert c.snapshot() != before, "the snapshot (as_loaded) misses a change of the form"

        def ids(found: list[str]) -> set[str]:
            return {v.split(":")[0] for v in found}

        full = ids(c.page.evaluate(AXE_JS, [c.root, None]))
        here = ids(c.page.evaluate(AXE_JS, [c.root, NOT_IN_PAGE_CHECK]))
        page = {v["id"] for v in c.page.evaluate(PAGE_AXE, [])}
    finally:
        c.page.evaluate(
            "() => document.querySelectorAll('.bm-selftest').forEach((e) => e.remove())"
        )
    assert {"color-contrast", "empty-heading", "empty-table-header"} <= full, full
    assert full <= here | page, f"missed: {full - (here | page)}; here {here}, page {page}"
    assert "color-contrast" in page and "color-contrast" not in here, (here, page)
    assert {"empty-heading", "empty-table-header"} <= here, here
    assert c.snapshot() == before, "the form is not back as it was after the self-test"
