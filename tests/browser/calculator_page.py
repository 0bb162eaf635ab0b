"""One calculator page of the built site, driven from the browser tests, and what it must show.

Shared by ``test_calculators.py`` (the pages agree with the engine) and ``test_number_entry.py``
(typed and pasted numbers):

* fixtures ``base_url`` (the built site), ``calc_context`` (one chromium browser context for every
  calculator page, so that the pages share chromium's HTTP cache) and ``open_calc`` (the
  calculator's page in the calculators' one tab, loaded unless the tab shows it: one renderer
  process for every calculator page, whose compiled scripts are kept; the test fails if the page
  made a request outside the site or raised an error);
* ``Calc``: a loaded calculator page, read back from its DOM (``READ_JS``) one state at a time, or
  a whole list of inputs in one round trip (``Calc.batch``, through ``window.bonemetsCalc.set``);
* ``expected`` / ``compare``: what the engine (``bonemets.calculate``) says the page must show
  (computed once per inputs), and a description naming calculator, inputs, engine and page values when they differ;
* ``mismatches`` / ``report``: every disagreement collected, then one assertion listing them.

The site is the shared ``course_site`` of tests/browser/conftest.py (``_build/html``, built if
stale), or ``$BONEMETS_SITE``; chromium is its shared ``browser``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import bonemets
from bonemets.scores.sins import SINS
from bonemets.screens.screen import Screen
from bonemets.tables import PointsTable

ROOT = Path(__file__).resolve().parents[2]
#: How many problems an assertion message lists (the count of all is always given).
LISTED = 40


# ------------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="session")
def base_url(request: pytest.FixtureRequest, serve: Any) -> str:
    """The built site: ``$BONEMETS_SITE`` if set (served by tests/browser/conftest.py's
    ``serve``), else the shared ``course_site`` (built if stale)."""
    site = os.environ.get("BONEMETS_SITE")
    if site:
        return str(serve(Path(site))).rstrip("/")
    return str(request.getfixturevalue("course_site").base_url).rstrip("/")


@pytest.fixture(scope="session")
def calc_context(browser_context: Any) -> Any:
    """One browser context for every calculator page: tests/browser/conftest.py's shared
    ``browser_context`` (chromium's HTTP and compiled-script caches are shared)."""
    return browser_context


class Tab:
    """The one tab in which the calculator pages are loaded, one after the other, its requests
    outside the site and page errors recorded (for whichever calculator it shows)."""

    def __init__(self, context: Any, base_url: str):
        self.page = context.new_page()
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page.on(
            "request",
            lambda r: self.outside.append(r.url) if not r.url.startswith(base_url) else None,
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        #: the calculator the tab shows
        self.calc: Calc | None = None


class Calc:
    """One calculator page, loaded in the calculators' tab (``tab``, or a new one).

    ``first`` is what the page showed when it had just loaded."""

    def __init__(self, context: Any, base_url: str, name: str, tab: Tab | None = None):
        self.name = name
        self.base_url = base_url
        self.tab = tab or Tab(context, base_url)
        self.page = self.tab.page
        self.outside = self.tab.outside
        self.errors = self.tab.errors
        if tab is not None:  # a background tab's animation frames (Playwright waits) are slowed
            self.page.bring_to_front()
        self.page.goto(f"{base_url}/chapters/calculators/{name}.html")
        self.page.wait_for_function("window.bonemetsCalc && window.bonemetsCalc.ready")
        self.tab.calc = self
        self.root = f"#bmc-{name}"
        self.first = self.read()
        self.notice = (self.page.text_content(f"{self.root} [data-testid=notice]") or "").strip()
        #: the calculator's markup and control values as loaded (see ``as_loaded``)
        self.loaded = self.snapshot()

    def snapshot(self) -> str:
        """The calculator's markup and the values and checked states of its controls."""
        return str(self.page.evaluate(SNAPSHOT_JS, self.root))

    def as_loaded(self) -> bool:
        """Whether the calculator is as it was when the page had just loaded (markup, values)."""
        return self.snapshot() == self.loaded

    def batch(self, inputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Drive through the page API, read each result back from the DOM."""
        # JSON strings both ways: Playwright's own serialisation of thousands of objects is slow.
        return json.loads(self.page.evaluate(BATCH_JS, [self.name, json.dumps(inputs)]))

    def read(self) -> dict[str, Any]:
        return self.page.evaluate(f"() => ({READ_JS})(document.querySelector('{self.root}'))")

    def set(self, inputs: dict[str, Any]) -> None:
        """Set every input through the page API (absent ones cleared) and update the page."""
        self.page.evaluate("([n, i]) => window.bonemetsCalc.set(n, i)", [self.name, inputs])


#: The calculators' tab of this process, by (context, site): every calculator page is loaded in
#: it, one after the other, and reused while the tests of one calculator follow each other
#: (``--dist loadgroup`` keeps them together on one worker, both modules). One tab, not one per
#: calculator: the pages then share one renderer process, whose script caches persist (15 loads:
#: about 5 s of chromium CPU instead of 9 s in new tabs).
_TABS: dict[tuple[Any, str], Tab] = {}


@pytest.fixture
def open_calc(calc_context: Any, base_url: str) -> Iterator[Any]:
    """``open_calc(name)``: calculator ``name``'s page with its form emptied (loaded unless the
    calculators' tab shows it). After the test: no request left the site and the page raised no
    error meanwhile."""
    used: list[Calc] = []

    def _open(name: str) -> Calc:
        key = (calc_context, base_url)
        tab = _TABS.get(key)
        if tab is None or tab.page.is_closed():
            tab = _TABS[key] = Tab(calc_context, base_url)
        c = tab.calc
        if c is None or c.name != name:
            c = Calc(calc_context, base_url, name, tab)
        else:  # a tab in the background would have its animation frames (Playwright waits) slowed
            c.page.bring_to_front()
            c.set({})
        c.outside.clear()
        c.errors.clear()
        used.append(c)
        return c

    yield _open
    problems = [f"{c.name}: requests outside the site: {c.outside}" for c in used if c.outside]
    problems += [f"{c.name}: page errors: {c.errors}" for c in used if c.errors]
    for c in used:  # no caret left blinking in an idle page
        c.page.evaluate("() => document.activeElement && document.activeElement.blur()")
    assert not problems, "\n".join(problems)


#: ``--dist loadgroup`` keeps every test of one calculator on one worker, so its page loads once.
def group(name: str) -> Any:
    """``pytest.param(name)`` marked to run on the worker of calculator ``name``'s other tests."""
    return pytest.param(name, marks=pytest.mark.xdist_group(f"calculator-{name}"))


SNAPSHOT_JS = """(root) => {
  const r = document.querySelector(root);
  const controls = [...r.querySelectorAll('input, select, textarea')]
    .map((el) => [el.id, el.value, el.checked, el.selectedIndex]);
  return JSON.stringify([r.outerHTML, controls]);
}"""

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


#: ``expected``'s answers, by calculator and inputs (each typed: 1, 1.0 and True differ).
_EXPECTED: dict[tuple[str, tuple[tuple[str, str, Any], ...]], dict[str, Any]] = {}


def expected(name: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """What the page must show for ``inputs``, from the engine (computed once per inputs; a copy
    is returned)."""
    key = (name, tuple(sorted((k, type(v).__name__, v) for k, v in inputs.items())))
    if key not in _EXPECTED:
        _EXPECTED[key] = _expected(name, inputs)
    return dict(_EXPECTED[key])


def _expected(name: str, inputs: dict[str, Any]) -> dict[str, Any]:
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


def mismatches(name: str, samples: list[dict[str, Any]], shown: list[dict[str, Any]]) -> list[str]:
    """Every sample on which the page and the engine differ (each named by ``compare``)."""
    if len(shown) != len(samples):
        return [f"{name}: {len(samples)} inputs set, {len(shown)} results read back"]
    return [m for s, r in zip(samples, shown, strict=True) if (m := compare(name, s, r))]


def report(problems: list[str], checked: str) -> str:
    """One assertion message: how many problems among what was checked, then the problems."""
    more = len(problems) - LISTED
    return (
        f"{len(problems)} problem(s) in {checked}:\n"
        + "\n".join(problems[:LISTED])
        + (f"\n... and {more} more" if more > 0 else "")
    )
