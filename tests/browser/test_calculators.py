"""The static-site calculators agree with the engine, in a real browser (Debian chromium).

For each of the engine's calculators, the built page ``chapters/calculators/<name>.html`` is driven
and what it shows (score, points, band, label, recommendation, computed values, reasons, errors) is
compared with ``bonemets.calculate`` for the same inputs:

* every combination of a points table, classification or decision (Mirels, SINS by location plus
  every level, Tomita, modified Bauer, ESCC, NOMS, pain; Tokuhashi: every combination of its
  table plus random whole numbers);
* at least 1,000 random combinations of each screen, with every threshold and its neighbours;
* at least 500 inputs of each formula, with every band edge (reached exactly and through
  floating-point noise) and both unit systems, plus out-of-range inputs (errors must name the same
  fields).

Large spaces go through the page's API (``window.bonemetsCalc.set``, which sets the controls and
fires the form's change event) and are read back from the rendered DOM; 50 samples per calculator
go through real UI interactions (select_option / check / fill), and one test uses the keyboard
only. 100% agreement is required.

The site is ``_build/html`` (or ``$BONEMETS_SITE``); build it first:
``jupyter-book build . -W -n --keep-going``. Skipped when chromium or the built site is missing,
failed instead when ``CI=true``.

Fixtures: the shared ``course_site`` and ``browser`` of ``tests/browser/conftest.py`` when they
exist, else local equivalents (``$BONEMETS_SITE`` always wins, for a site built elsewhere).
"""

from __future__ import annotations

import functools
import http.server
import itertools
import json
import os
import random
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import bonemets
from bonemets.formulas.calcium import UNITS
from bonemets.formulas.renal import CREATININE_RANGES, ZOLEDRONIC_BANDS
from bonemets.inputs import Boolean, Choice, Integer, Number
from bonemets.scores.sins import SINS
from bonemets.screens.screen import Screen
from bonemets.tables import PointsTable

from .chromium import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("BONEMETS_SITE", ROOT / "_build" / "html"))
UI_SAMPLES = 50
AXE = ROOT / "tests" / "browser" / "vendor" / "axe-core@4.14.1" / "axe.min.js"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason + " (CI=true: browser tests must run)")
    pytest.skip(reason)


# ------------------------------------------------------------------------------------ fixtures


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """The built site: ``$BONEMETS_SITE`` if set, else the shared ``course_site`` fixture of
    tests/browser/conftest.py (builds ``_build/html`` if stale), else ``_build/html`` as it is."""
    site = os.environ.get("BONEMETS_SITE")
    if not site:
        try:
            shared = request.getfixturevalue("course_site")
        except pytest.FixtureLookupError:
            site = str(ROOT / "_build" / "html")
        else:
            yield str(shared.base_url).rstrip("/")
            return
    if not (Path(site) / "chapters" / "calculators" / "mirels.html").is_file():
        _unavailable(f"no built calculator pages in {site}; run jupyter-book build . first")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=site)
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def calc_browser(request: pytest.FixtureRequest) -> Iterator[Any]:
    """The shared ``browser`` fixture of tests/browser/conftest.py, or a chromium of our own."""
    try:
        yield request.getfixturevalue("browser")
        return
    except pytest.FixtureLookupError:
        pass
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Calc:
    """One calculator page, opened in a fresh browser page, with requests recorded."""

    def __init__(self, browser: Any, base_url: str, name: str):
        self.name = name
        self.base_url = base_url
        self.page = browser.new_page()
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page.on(
            "request",
            lambda r: self.outside.append(r.url) if not r.url.startswith(base_url) else None,
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(f"{base_url}/chapters/calculators/{name}.html")
        self.page.wait_for_function("window.bonemetsCalc && window.bonemetsCalc.ready")
        self.root = f"#bmc-{name}"

    def batch(self, inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Drive through the page API, read each result back from the DOM."""
        # JSON strings both ways: Playwright's own serialisation of thousands of objects is slow.
        return json.loads(self.page.evaluate(BATCH_JS, [self.name, json.dumps(inputs)]))

    def read(self) -> dict[str, Any]:
        return self.page.evaluate(f"() => ({READ_JS})(document.querySelector('{self.root}'))")

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def open_calc(calc_browser: Any, base_url: str) -> Iterator[Any]:
    pages: list[Calc] = []

    def _open(name: str) -> Calc:
        c = Calc(calc_browser, base_url, name)
        pages.append(c)
        return c

    yield _open
    for c in pages:
        assert not c.outside, f"requests outside the site: {c.outside}"
        assert not c.errors, f"page errors: {c.errors}"
        c.close()


READ_JS = """function (root) {
  const q = (id) => root.querySelector(`[data-testid="${id}"]`);
  const shown = (node) => node && !node.closest('[hidden]');
  const text = (node) => (shown(node) ? node.textContent : null);
  const outputs = {};
  root.querySelectorAll('[data-testid="outputs"] dd').forEach((dd) => {
    outputs[dd.dataset.testid.slice(4)] = dd.textContent;
  });
  const band = q('band-label');
  return {
    state: root.dataset.state,
    message: text(q('message')),
    errors: Array.from(root.querySelectorAll('[data-testid="errors"] li'))
      .map((li) => li.dataset.field).sort(),
    error_texts: Array.from(root.querySelectorAll('[data-testid="errors"] li'))
      .map((li) => li.textContent),
    score: text(q('score')),
    points: shown(q('components'))
      ? Array.from(root.querySelectorAll('[data-testid="components"] tbody tr'))
          .map((tr) => [tr.dataset.component, tr.querySelector('[data-testid="points"]').textContent])
      : [],
    band: shown(band) ? band.dataset.band : null,
    band_label: text(band),
    interpretation: text(q('interpretation')),
    recommendation: text(q('recommendation')),
    outputs: shown(q('outputs')) ? outputs : {},
    reasons: shown(q('reasons'))
      ? Array.from(q('reasons').querySelectorAll('li')).map((li) => li.dataset.code) : [],
    notes: shown(q('result-notes'))
      ? Array.from(q('result-notes').querySelectorAll('li')).map((li) => li.textContent) : [],
  };
}"""

BATCH_JS = (
    """([name, list]) => {
  const read = """
    + READ_JS
    + """;
  const root = document.querySelector(`#bmc-${name}`);
  const inputs = JSON.parse(list);
  return JSON.stringify(inputs.map((i) => { window.bonemetsCalc.set(name, i); return read(root); }));
}"""
)


# ------------------------------------------------------------------------------------ expected


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def expected(name: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """What the page must show for ``inputs``, from the engine."""
    calc = bonemets.get(name)
    missing = [
        f.name
        for f in calc.fields
        if f.name not in inputs
        and f.name not in calc.optional_fields
        and not (isinstance(calc, PointsTable) and calc.alternate_only(f.name))
    ]
    if isinstance(calc, PointsTable):
        for c in calc.components:
            if c.alternate and c.input.name not in inputs and c.alternate.name not in inputs:
                missing.append(c.input.name)
    if missing:
        return {"state": "incomplete"}
    try:
        r = bonemets.calculate(name, **inputs)
    except bonemets.InputError as exc:
        return {"state": "invalid", "errors": sorted({e.field for e in exc.errors})}
    out: dict[str, Any] = {
        "state": "result",
        "band": r.band,
        "band_label": r.band_label,
        "recommendation": r.recommendation,
    }
    if isinstance(calc, PointsTable):
        out["score"] = r.display["score"]
        out["points"] = [[c.name, str(c.points)] for c in r.components]
        out["interpretation"] = r.interpretation
    elif isinstance(calc, Screen):
        out["interpretation"] = r.interpretation
        out["reasons"] = [x.code for x in r.reasons]
        if name == "radiopharmaceutical":
            out["outputs"] = {k: r.values[k] for k in ("agent_label", "agent_dose", "agent_notes")}
    elif name == "calcium":
        out["outputs"] = {k: r.display[k] for k in ("corrected", "ctcae_grade")}
    elif name == "zoledronic_acid":
        out["outputs"] = {k: r.display[k] for k in ("crcl_ml_min", "dose_mg")}
    elif name == "eqd2":
        out["band_label"] = None
        out["outputs"] = {k: r.display[k] for k in ("bed_gy", "eqd2_gy")}
    elif name == "pain":
        out["outputs"] = {"who_step": r.display["who_step"]}
    elif name == "escc":
        out["outputs"] = {"grade": r.display["grade"]}
        out["interpretation"] = r.interpretation
    elif name == "noms":
        static = len(calc.notes)  # type: ignore[attr-defined]
        out["notes"] = list(r.notes[: len(r.notes) - static])
        out["interpretation_end"] = r.interpretation
        out["outputs"] = {
            "surgical_consultation": _yes_no(r.values["surgical_consultation"]),
            "stabilization": _yes_no(r.values["stabilization"]),
            "sins_band": SINS.band_named(r.values["sins_band"]).label,
        }
    return out


def compare(name: str, inputs: dict[str, Any], shown: dict[str, Any]) -> str | None:
    """``None`` if the page agrees with the engine, else a description of the difference."""
    want = expected(name, inputs)
    got: dict[str, Any] = {"state": shown["state"]}
    for key in want:
        if key == "interpretation_end":
            ok = want[key].endswith(shown["interpretation"] or "\0")
            got[key] = want[key] if ok else shown["interpretation"]
        elif key == "outputs":
            got[key] = {k: shown["outputs"].get(k) for k in want[key]}
        elif key != "state":
            got[key] = shown[key]
    if want["state"] == "incomplete" and not (shown["message"] or "").startswith(
        "Choose every input"
    ):
        got["message"] = shown["message"]
        want["message"] = "Choose every input…"
    if want["state"] == "result" and (shown["errors"] or shown["message"]):
        got["errors"] = shown["errors"]
    if got != want:
        diff = {
            k: (want.get(k), got.get(k)) for k in set(want) | set(got) if want.get(k) != got.get(k)
        }
        return f"{name} {inputs}: (engine, page) differ: {diff}"
    return None


def check_all(name: str, samples: list[dict[str, Any]], shown: list[dict[str, Any]]) -> None:
    assert len(shown) == len(samples)
    bad = [m for s, r in zip(samples, shown, strict=True) if (m := compare(name, s, r))]
    assert not bad, f"{len(bad)} of {len(samples)} disagree; first: " + "\n".join(bad[:5])


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


def ui_walk(
    name: str, pool: list[dict[str, Any]], n: int, rng: random.Random
) -> list[dict[str, Any]]:
    """``n`` input states: a random one, then each from the last by taking 1-3 inputs of another
    random sample (so that each state costs a few UI actions, not one per field)."""
    booleans = {f.name for f in bonemets.get(name).fields if isinstance(f, Boolean)}
    state = dict(rng.choice(pool))
    out = [dict(state)]
    while len(out) < n:
        other = rng.choice(pool)
        keys = sorted(set(state) | set(other))
        for key in rng.sample(keys, min(rng.randint(1, 3), len(keys))):
            if key in other:
                state[key] = other[key]
            elif key not in booleans:  # a radio cannot be unchecked by the user
                state.pop(key, None)
        out.append(dict(state))
    return out


# ------------------------------------------------------------------------------------ tests

NAMES = list(bonemets.CALCULATORS)


@pytest.mark.parametrize("name", NAMES)
def test_page_agrees_with_engine(open_calc: Any, name: str) -> None:
    c = open_calc(name)
    first = c.read()
    assert first["state"] == "incomplete"
    assert first["message"].startswith("Choose every input")
    notice = c.page.text_content(f"{c.root} [data-testid=notice]")
    assert notice.strip() == bonemets.NOTICE
    samples = samples_for(name)
    assert len(samples) >= minimum(name)
    check_all(name, samples, c.batch(samples))


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

AXE_JS = """async (root) => {
  const res = await axe.run({ include: [[root]] }, { resultTypes: ['violations'] });
  return res.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target).join(' '));
}"""


@pytest.mark.parametrize("name", NAMES)
def test_real_ui_interactions_and_accessibility(open_calc: Any, name: str) -> None:
    """50 input states set with select_option / check / fill, read back, compared; labels,
    fieldsets and the live region checked, and axe-core run on the empty and the filled form."""
    c = open_calc(name)
    assert c.page.evaluate(MARKUP_JS, c.root) == []
    if AXE.is_file():
        c.page.add_script_tag(path=str(AXE))
        assert c.page.evaluate(AXE_JS, c.root) == [], f"{name} (empty): axe violations"
    samples = ui_walk(name, samples_for(name), UI_SAMPLES, random.Random(5))
    previous: dict[str, Any] | None = None
    bad = []
    for s in samples:
        drive_ui(c, s, previous)
        previous = s
        if m := compare(name, s, c.read()):
            bad.append(m)
    assert not bad, f"{len(bad)} of {len(samples)} disagree via the UI; first: {bad[0]}"
    if AXE.is_file():
        assert c.page.evaluate(AXE_JS, c.root) == [], f"{name} (filled): axe violations"


def test_incomplete_and_out_of_range_messages(open_calc: Any) -> None:
    c = open_calc("calcium")
    c.page.select_option("#bmc-calcium-units", "conventional")
    c.page.fill("#bmc-calcium-calcium", "11.0")
    shown = c.read()
    assert shown["state"] == "incomplete" and shown["score"] is None
    assert "Serum albumin" in shown["message"] and shown["band"] is None
    c.page.fill("#bmc-calcium-albumin", "90")
    shown = c.read()
    assert shown["state"] == "invalid" and shown["errors"] == ["albumin"]
    assert shown["band"] is None and shown["outputs"] == {}
    assert "allowed: a number from 0.5 to 70 g/dL or g/L" in shown["error_texts"][0]
    c.page.fill("#bmc-calcium-albumin", "3.0")
    assert c.read()["state"] == "result"
    # the unit shown beside each number follows the units chosen
    c.page.select_option("#bmc-calcium-units", "si")
    assert c.page.text_content("[data-unit-for=calcium]") == "mmol/L"
    # a whole-number field refuses a decimal and a step mismatch, naming the field and range
    t = open_calc("tokuhashi")
    t.page.fill("#bmc-tokuhashi-kps", "55")
    shown = t.read()
    assert shown["errors"] == ["kps"]
    assert "in steps of 10" in shown["error_texts"][0]
    t.page.fill("#bmc-tokuhashi-kps", "5.5")
    assert t.read()["errors"] == ["kps"]


def test_keyboard_only(open_calc: Any) -> None:
    """Mirels with the keyboard only: Tab to each control, arrow keys to choose."""
    c = open_calc("mirels")
    c.page.focus("#bmc-mirels-site")
    for _ in range(4):
        c.page.keyboard.press("ArrowDown")  # the first real option (after "Choose…")
        c.page.keyboard.press("Tab")
    shown = c.read()
    first = {f.name: f.values[0] for f in bonemets.get("mirels").fields}  # type: ignore[attr-defined]
    assert compare("mirels", first, shown) is None, shown
    # EQD2: type numbers
    e = open_calc("eqd2")
    e.page.focus("#bmc-eqd2-fractions")
    e.page.keyboard.type("5")
    e.page.keyboard.press("Tab")
    e.page.keyboard.type("4")
    e.page.keyboard.press("Tab")
    assert compare("eqd2", {"fractions": 5, "dose_per_fraction_gy": 4.0}, e.read()) is None
