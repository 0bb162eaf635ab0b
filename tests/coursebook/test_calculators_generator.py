"""The static-site calculators are generated from the engine and copy no clinical number.

* the JSON embedded in each calculator's HTML equals ``bonemets.get(name).describe()``;
* every engine calculator has a page ``chapters/calculators/<name>.md`` using the directives, and
  there is no page for a calculator the engine does not have;
* the JavaScript evaluator holds no numeric literal but 0 and 1 (and its one technical constant);
* the formulas' constants the JavaScript reads exist in the engine's ``data``;
* the generated HTML: labelled controls, ranges and units from the fields, no unescaped data.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import bonemets
from coursebook import calculators as gen

ROOT = Path(__file__).resolve().parents[2]
JS = gen.STATIC / gen.JS
PAGES = ROOT / gen.PAGES_DIR
NAMES = list(bonemets.CALCULATORS)


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def parse(name: str) -> _Collect:
    p = _Collect()
    p.feed(gen.calculator_html(name))
    return p


def _roundtrip(x: Any) -> Any:
    return json.loads(json.dumps(x))


@pytest.mark.parametrize("name", NAMES)
def test_embedded_json_is_the_engine_description(name: str) -> None:
    p = parse(name)
    (data,) = (json.loads(s) for s in p.scripts)
    assert data["name"] == name
    assert data["notice"] == bonemets.NOTICE
    assert data["decimals"] == bonemets.numbers.DECIMALS
    # one calculator per page: each description is self-contained (NOMS carries its ESCC lookup
    # and its SINS ladder in its decision table)
    assert data["calculators"] == {name: _roundtrip(bonemets.get(name).describe())}


def test_embedded_json_cannot_close_its_script() -> None:
    text = gen.embed_json({"x": "</script><b>&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"x": "</script><b>&"}


@pytest.mark.parametrize("name", NAMES)
def test_controls_come_from_the_fields(name: str) -> None:
    p = parse(name)
    calc = bonemets.get(name)
    ids = {a.get("id") for _, a in p.tags}
    labels_for = {a.get("for") for t, a in p.tags if t == "label"}
    for f in calc.fields:
        d = f.describe()
        controls = [a for t, a in p.tags if a.get("data-field") == f.name]
        assert controls, f.name
        for a in controls:
            assert a["id"] in labels_for, f"{f.name}: no <label for>"
        if d["kind"] == "choice":
            assert len(controls) == 1
            options = [a["value"] for t, a in p.tags if t == "option"]
            assert all(o["value"] in options for o in d["options"])
        elif d["kind"] == "boolean":
            assert sorted(a["value"] for a in controls) == ["false", "true"]
            assert all(a["type"] == "radio" for a in controls)
        else:
            (inp,) = controls
            # text, not number: the browser must not rewrite what was typed (F2)
            assert inp["type"] == "text"
            assert inp["inputmode"] == ("numeric" if d["kind"] == "integer" else "decimal")
            assert float(inp["data-min"]) == d["minimum"]
            assert float(inp["data-max"]) == d["maximum"]
    assert f"bmc-{name}" in ids
    assert any(a.get("aria-live") == "polite" for _, a in p.tags)
    assert bonemets.NOTICE in gen.calculator_html(name)


def test_text_is_escaped() -> None:
    out = gen.calculator_html("mirels")
    # every label of the engine appears escaped, none as raw markup
    for f in bonemets.get("mirels").describe()["inputs"]:
        assert html.escape(f["label"], quote=True) in out


def test_every_calculator_has_a_page_and_no_page_is_extra() -> None:
    pages = {p.stem for p in PAGES.glob("*.md")} - {"index"}
    assert pages == set(NAMES)
    for name in NAMES:
        text = (PAGES / f"{name}.md").read_text(encoding="utf-8")
        for directive in (
            "calculator",
            "calculator-inputs",
            "calculator-sources",
            "calculator-notes",
        ):
            assert f"```{{{directive}}} {name}\n```" in text, (name, directive)
        for heading in ("## How to use it", "## Source", "## Caveats"):
            assert heading in text, (name, heading)
    index = (PAGES / "index.md").read_text(encoding="utf-8")
    assert "```{calculator-index}\n```" in index


def _strip_js(code: str) -> str:
    """The JavaScript without comments, strings and regular-expression literals."""
    code = re.sub(r"/\*.*?\*/", " ", code, flags=re.S)
    code = re.sub(r"(?m)//.*$", " ", code)
    code = re.sub(r'"(?:\\.|[^"\\])*"', '""', code)
    code = re.sub(r"'(?:\\.|[^'\\])*'", "''", code)
    code = re.sub(r"`(?:\\.|[^`\\])*`", "``", code)
    return re.sub(r"(?<=[=(,:!&|?])\s*/(?:\\.|[^/\\\n])+/[gimsuy]*", " /re/", code)


def test_javascript_holds_no_clinical_number() -> None:
    code = _strip_js(JS.read_text(encoding="utf-8"))
    # The one technical constant: toFixed's largest argument (the exact expansion of a double).
    assert re.search(r"var EXACT_DIGITS = 100;", code)
    code = code.replace("var EXACT_DIGITS = 100;", "")
    numbers = re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])", code)
    assert set(numbers) <= {"0", "1"}, sorted(set(numbers))


def test_javascript_writes_text_not_html() -> None:
    code = JS.read_text(encoding="utf-8")
    for unsafe in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert unsafe not in code, unsafe
    assert "http://" not in code and "https://" not in code


#: Every part of the engine's description that the JavaScript reads for the three equations
#: (paths into ``describe()``); the decisions read ``decision`` (typed in bonemets.describe).
JS_READS = {
    "calcium": [
        "data.units.conventional.factor",
        "data.units.conventional.reference_albumin",
        "data.units.conventional.decimals",
        "data.units.conventional.calcium_range",
        "data.units.conventional.albumin_range",
        "data.units.si.factor",
        "data.severity_bands.conventional",
        "data.severity_bands.si",
        "data.ctcae_grades.conventional",
        "data.ctcae_grades.si",
        "data.labels.severe",
        "data.recommendations.severe",
    ],
    "zoledronic_acid": [
        "data.bands",
        "data.umol_per_mg_dl",
        "data.female_factor",
        "data.cockcroft_gault.age_from",
        "data.cockcroft_gault.divisor",
        "data.creatinine_ranges.mg_dl",
        "data.creatinine_ranges.umol_l",
        "data.not_recommended",
        "data.denosumab_alternative",
        "data.dose_recommendation",
    ],
    "eqd2": ["data.default_alpha_beta", "data.reference_dose_per_fraction", "data.recommendation"],
    "pain": ["decision.classify", "decision.outcomes.severe.recommendation"],
    "escc": ["decision.classify", "decision.outcomes.high.label"],
    "noms": ["decision.tables", "decision.notes", "decision.outputs", "decision.recommendation"],
}


def _formula_names() -> list[str]:
    return [n for n, c in bonemets.CALCULATORS.items() if c.kind not in ("points", "screen")]


def test_js_reads_cover_every_formula_calculator() -> None:
    assert sorted(JS_READS) == sorted(_formula_names())


@pytest.mark.parametrize("name", sorted(JS_READS))
def test_formula_constants_are_engine_data(name: str) -> None:
    d: Any = bonemets.get(name).describe()
    for path in JS_READS[name]:
        node: Any = d
        for key in path.split("."):
            assert isinstance(node, dict) and key in node, f"{name}.{path}"
            node = node[key]
        assert node not in (None, "", [], {}), f"{name}.{path}"


def test_javascript_formulas_are_the_three_equations() -> None:
    """Only the equations are written in JavaScript; every band and decision is data."""
    code = JS.read_text(encoding="utf-8")
    block = code[code.index("var FORMULAS = {") : code.index("// ----", code.index("var FORMULAS"))]
    entries = re.findall(r"(?m)^    (\w+): \{$", block)
    assert entries == ["calcium", "zoledronic_acid", "eqd2"]
    with_decision = {n for n, c in bonemets.CALCULATORS.items() if c.describe().get("decision")}
    assert {"escc", "noms", "pain"} <= with_decision
    # every other calculator is a points table, a screen, a decision or one of the equations
    assert set(_formula_names()) == set(entries) | with_decision
    assert not set(entries) & with_decision


def test_engine_uses_the_published_constants() -> None:
    """The added ``data`` entries are the ones the engine computes with (not copies)."""
    from bonemets.formulas import renal

    r = bonemets.calculate(
        "zoledronic_acid", age=80, sex="male", weight_kg=72, creatinine=1.0, creatinine_unit="mg_dl"
    )
    cg = bonemets.get("zoledronic_acid").describe()["data"]["cockcroft_gault"]
    assert r.values["crcl_ml_min"] == (cg["age_from"] - 80) * 72 / (cg["divisor"] * 1.0)
    assert r.recommendation == renal.DOSE_RECOMMENDATION.format(dose_mg="3.5")
    e = bonemets.calculate("eqd2", fractions=5, dose_per_fraction_gy=4.0)
    assert e.recommendation == bonemets.get("eqd2").describe()["data"]["recommendation"]
