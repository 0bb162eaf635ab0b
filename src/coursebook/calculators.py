"""Static-site calculators: every engine calculator, live in the browser with no kernel.

    ```{calculator} mirels
    ```

The directive writes, when the book is built:

* the calculator's form (labelled controls: a ``<select>`` per choice, a yes/no radio group per
  boolean, a text box with ``inputmode="decimal"`` per number with its unit and range), all from
  the engine's fields (the script reads typed numbers with the engine's grammar);
* the JSON of ``bonemets.get(NAME).describe()`` (typed in :mod:`bonemets.describe`) in a
  ``<script type="application/json">``;
* an empty result region (``aria-live``) that ``static/calculators/bonemets-calc.js`` fills.

That script is one small generic evaluator (vanilla JavaScript, no dependency, no CDN): it scores
points tables, evaluates screens, band ladders and decision tables, and computes the three
equations (albumin correction, Cockcroft-Gault, linear-quadratic) from the embedded data only, so no
threshold and no decision is copied into JavaScript. ``tests/browser/test_calculators.py`` proves in a real browser
that it agrees with ``bonemets.calculate``.

Other directives for the calculator pages (``chapters/calculators/<name>.md``), all from the engine:

* ``{calculator-inputs} NAME``: each input with what it accepts;
* ``{calculator-sources} NAME``: the citations;
* ``{calculator-notes} NAME``: the caveats (the engine's ``notes``, where sources disagree);
* ``{calculator-summary} NAME``: the one-line summary;
* ``{calculator-index}``: every calculator with a link to its page and its one-line summary.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any, TypedDict

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

import bonemets
from bonemets.describe import (
    ComponentDescription,
    Description,
    FieldDescription,
    NumberFieldDescription,
)
from bonemets.numbers import DECIMALS

__all__ = [
    "CSS",
    "JS",
    "PAGES_DIR",
    "STATIC",
    "calculator_html",
    "embed_json",
    "payload",
    "setup",
]

STATIC = Path(__file__).parent / "static"
#: Paths inside ``_static`` of the built site.
JS = "calculators/bonemets-calc.js"
CSS = "calculators/bonemets-calc.css"
#: Where the calculator pages live (relative to the book root); one page per engine name.
PAGES_DIR = "chapters/calculators"
#: Marker that tells the page hook to add the script and style sheet.
MARKER = 'class="bonemets-calc"'


# ------------------------------------------------------------------------------------- data


class Payload(TypedDict):
    """What a calculator's page embeds (read by ``bonemets-calc.js``)."""

    name: str
    notice: str
    decimals: int
    #: name -> description; every calculator is self-contained (NOMS carries its ESCC lookup and
    #: SINS ladder in its decision), so this holds the one calculator of the page.
    calculators: dict[str, Description]


def payload(name: str) -> Payload:
    """What a page embeds for calculator ``name``: its description."""
    return {
        "name": name,
        "notice": bonemets.NOTICE,
        "decimals": DECIMALS,
        "calculators": {name: bonemets.get(name).describe()},
    }


def embed_json(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``, for every page that embeds data.

    ASCII only (so U+2028/U+2029 are escaped too); no ``<``, ``>`` or ``&`` survives as such, so
    the text can never close its script element; NaN and infinities are refused (not JSON).
    """
    text = json.dumps(data, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# ------------------------------------------------------------------------------------- HTML


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _number_attr(x: float | int) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _help(uid: str, f: FieldDescription, extra: str = "") -> tuple[str, str]:
    text = " ".join(t for t in (f["help"], extra) if t)
    if not text:
        return "", ""
    hid = f"{uid}-{f['name']}-help"
    return f' aria-describedby="{hid}"', f'<p class="bmc-help" id="{hid}">{_e(text)}</p>'


def _field_html(uid: str, f: FieldDescription, optional: bool, alternates: dict[str, str]) -> str:
    name = f["name"]
    fid = f"{uid}-{name}"
    common = f'data-field="{_e(name)}" data-testid="input-{_e(name)}"'
    extra = ""
    if name in alternates:
        extra = f"Or give {alternates[name]} instead."
    elif optional and f["kind"] in ("number", "integer"):
        extra = "Optional: leave empty for the default."
    described, help_html = _help(uid, f, extra)
    if f["kind"] == "boolean":
        radios = "".join(
            f'<span class="bmc-radio"><input type="radio" id="{fid}-{v}" name="{fid}" '
            f'value="{v}" {common}{described}><label for="{fid}-{v}">{text}</label></span>'
            for v, text in (("true", "Yes"), ("false", "No"))
        )
        return (
            f'<fieldset class="bmc-field bmc-bool"><legend>{_e(f["label"])}</legend>'
            f"{radios}{help_html}</fieldset>"
        )
    if f["kind"] == "choice":
        options = '<option value="">Choose…</option>' + "".join(
            f'<option value="{_e(o["value"])}">{_e(o["label"])}</option>' for o in f["options"]
        )
        return (
            f'<div class="bmc-field"><label for="{fid}">{_e(f["label"])}</label>'
            f'<select id="{fid}" name="{_e(name)}" {common}{described}>{options}</select>'
            f"{help_html}</div>"
        )
    return _number_html(f, fid, common, described, help_html)


def _number_html(
    f: NumberFieldDescription, fid: str, common: str, described: str, help_html: str
) -> str:
    name = f["name"]
    kind = f["kind"]
    unit = f["unit"]
    unit_html = (
        f' <span class="bmc-unit">(<span data-unit-for="{_e(name)}" data-default="{_e(unit)}">'
        f"{_e(unit)}</span>)</span>"
        if unit
        else ""
    )
    # type="text", not "number": a number box lets the browser rewrite what was typed (it drops a
    # decimal comma, so "1,2" became 12). The script checks the text with the engine's grammar.
    mode = "numeric" if kind == "integer" else "decimal"
    return (
        f'<div class="bmc-field"><label for="{fid}">{_e(f["label"])}{unit_html}</label>'
        f'<input type="text" id="{fid}" name="{_e(name)}" {common} inputmode="{mode}" '
        f'data-min="{_number_attr(f["minimum"])}" data-max="{_number_attr(f["maximum"])}" '
        f'autocomplete="off" spellcheck="false"{described}>{help_html}</div>'
    )


def calculator_html(name: str, uid: str | None = None) -> str:
    """The HTML of calculator ``name`` (form, embedded data, result region)."""
    uid = uid or f"bmc-{name}"
    data = payload(name)
    calc = data["calculators"][name]
    optional = set(calc["optional_inputs"])
    labels = {f["name"]: f["label"] for f in calc["inputs"]}
    alternates: dict[str, str] = {}
    components: list[ComponentDescription] = calc["components"] if calc["kind"] == "points" else []
    for c in components:
        if c["alternate"] is not None:
            alternates[c["input"]] = labels[c["alternate"]].lower()
            alternates[c["alternate"]] = labels[c["input"]].lower()
    fields = "".join(_field_html(uid, f, f["name"] in optional, alternates) for f in calc["inputs"])
    sources = "".join(f"<li>{_e(c['text'])}</li>" for c in calc["citations"])
    title = _e(calc["title"])
    return f"""<div class="bonemets-calc" id="{uid}" data-calculator="{_e(name)}" \
data-testid="calc-{_e(name)}" data-state="loading">
<p class="bmc-notice" data-testid="notice"><strong>{_e(bonemets.NOTICE)}</strong></p>
<script type="application/json" class="bmc-data">{embed_json(data)}</script>
<form class="bmc-form" novalidate aria-label="{title}">
<fieldset class="bmc-inputs"><legend>Inputs: {title}</legend>
{fields}
</fieldset>
<button type="reset" class="bmc-reset">Clear all inputs</button>
</form>
<div class="bmc-result" data-testid="result" role="status" aria-live="polite">
<p class="bmc-heading"><strong>Result</strong></p>
<p class="bmc-message" data-testid="message">Choose every input.</p>
<ul class="bmc-errors" data-testid="errors" hidden></ul>
<div class="bmc-outcome" data-testid="outcome" hidden>
<table class="bmc-components" data-testid="components" hidden><caption>Points</caption>
<thead><tr><th scope="col">Item</th><th scope="col">Finding</th><th scope="col">Points</th></tr>\
</thead><tbody></tbody></table>
<p class="bmc-score-line" hidden>Total: <strong data-testid="score"></strong></p>
<dl class="bmc-outputs" data-testid="outputs" hidden></dl>
<p class="bmc-band-line" hidden>Result: <strong data-testid="band-label" data-band=""></strong></p>
<p class="bmc-interpretation" data-testid="interpretation" hidden></p>
<p class="bmc-recommendation">Recommendation: <span data-testid="recommendation"></span></p>
<div class="bmc-reasons" hidden><p>Reasons:</p><ul data-testid="reasons"></ul></div>
<div class="bmc-result-notes" hidden><p>Notes on this result:</p>\
<ul data-testid="result-notes"></ul></div>
</div>
</div>
<div class="bmc-sources"><p>Source{"s" if len(calc["citations"]) > 1 else ""}:</p>\
<ul data-testid="citations">{sources}</ul></div>
<noscript><p>This calculator needs JavaScript; the command line gives the same result: \
<code>bonemets calc {_e(name)} …</code></p></noscript>
</div>"""


# ------------------------------------------------------------------------------------- directives


class _NamedDirective(SphinxDirective):
    required_arguments = 1
    optional_arguments = 0
    has_content = False

    def calculator_name(self) -> str:
        name = self.arguments[0].strip()
        if name not in bonemets.CALCULATORS:
            raise self.error(
                f"unknown calculator {name!r}; the engine has: " + ", ".join(bonemets.CALCULATORS)
            )
        _note_engine(self.env)
        return name


def _note_engine(env: Any) -> None:
    try:
        from .deps import note_engine_dependency
    except ImportError:  # pragma: no cover - the book-infra module is optional here
        return
    note_engine_dependency(env)


class CalculatorDirective(_NamedDirective):
    """``{calculator} NAME``: the live calculator."""

    def run(self) -> list[nodes.Node]:
        name = self.calculator_name()
        used = self.env.temp_data.setdefault("bonemets_calculator_ids", set())
        uid = f"bmc-{name}"
        n = 2
        while uid in used:
            uid = f"bmc-{name}-{n}"
            n += 1
        used.add(uid)
        return [nodes.raw("", calculator_html(name, uid), format="html")]


class CalculatorInputsDirective(_NamedDirective):
    """``{calculator-inputs} NAME``: a list of the inputs and what each accepts."""

    def run(self) -> list[nodes.Node]:
        calc = bonemets.get(self.calculator_name())
        optional = calc.optional_fields
        items = nodes.bullet_list()
        for f in calc.fields:
            para = nodes.paragraph()
            para += nodes.strong(text=f.label)
            text = f": {f.allowed()}"
            if f.name in optional:
                text += " (optional)"
            if f.help:
                text += f". {f.help}"
            para += nodes.Text(text)
            items += nodes.list_item("", para)
        return [items]


class CalculatorSourcesDirective(_NamedDirective):
    """``{calculator-sources} NAME``: the engine's citations, with DOI links."""

    def run(self) -> list[nodes.Node]:
        calc = bonemets.get(self.calculator_name())
        items = nodes.bullet_list()
        for c in calc.citations:
            para = nodes.paragraph()
            details = f";{c.details}" if c.details else ""
            para += nodes.Text(f"{c.authors}. {c.title}. {c.journal} {c.year}{details}.")
            if c.doi:
                para += nodes.Text(" ")
                para += nodes.reference(
                    "", f"doi:{c.doi}", refuri=f"https://doi.org/{c.doi}", internal=False
                )
            items += nodes.list_item("", para)
        return [items]


class CalculatorNotesDirective(_NamedDirective):
    """``{calculator-notes} NAME``: the engine's notes (caveats, where sources disagree)."""

    def run(self) -> list[nodes.Node]:
        calc = bonemets.get(self.calculator_name())
        notes = getattr(calc, "notes", ())
        if not notes:
            return [nodes.paragraph(text="The engine records no caveat for this calculator.")]
        items = nodes.bullet_list()
        for note in notes:
            items += nodes.list_item("", nodes.paragraph(text=note))
        return [items]


class CalculatorSummaryDirective(_NamedDirective):
    """``{calculator-summary} NAME``: the engine's one-line summary, as a paragraph."""

    def run(self) -> list[nodes.Node]:
        summary = bonemets.get(self.calculator_name()).describe()["summary"]
        return [nodes.paragraph(text=summary)] if summary else []


class CalculatorIndexDirective(SphinxDirective):
    """``{calculator-index}``: every calculator, linked to its page, with its summary."""

    required_arguments = 0
    has_content = False

    def run(self) -> list[nodes.Node]:
        _note_engine(self.env)
        here = self.env.docname
        folder = here.rsplit("/", 1)[0] if "/" in here else ""
        items = nodes.bullet_list()
        for name, calc in bonemets.CALCULATORS.items():
            target = f"/{PAGES_DIR}/{name}" if folder != PAGES_DIR else name
            ref = addnodes.pending_xref(
                "",
                nodes.inline("", calc.title),
                refdomain="std",
                reftype="doc",
                reftarget=target,
                refexplicit=True,
                refwarn=True,
                refdoc=here,
            )
            para = nodes.paragraph()
            para += ref
            summary = calc.describe()["summary"]
            if summary:
                para += nodes.Text(f": {summary}")
            items += nodes.list_item("", para)
        return [items]


# ------------------------------------------------------------------------------------- Sphinx


def needs_assets(app: Sphinx, pagename: str, context: dict[str, Any]) -> bool:
    """Does this page hold a calculator (then :mod:`coursebook` adds :data:`JS` and :data:`CSS`)?"""
    return MARKER in (context.get("body") or "")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives (called by :func:`coursebook.setup`, which also adds ``static/`` and
    the page assets, see :func:`needs_assets`)."""
    app.add_directive("calculator", CalculatorDirective)
    app.add_directive("calculator-inputs", CalculatorInputsDirective)
    app.add_directive("calculator-sources", CalculatorSourcesDirective)
    app.add_directive("calculator-notes", CalculatorNotesDirective)
    app.add_directive("calculator-summary", CalculatorSummaryDirective)
    app.add_directive("calculator-index", CalculatorIndexDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
