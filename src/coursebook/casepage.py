"""The ``{case}`` directive: a case page of the book, predict then reveal, rendered by the engine.

Each ``cases/<id>.md`` (written by ``python -m coursebook.notebooks generate`` from
``cases/data/<id>.yaml``) is a few headings and one directive per part::

    ```{case} breast_lytic_femur
    :part: intro
    ```

``:part:`` is one of

* ``intro``: the notice, the "Run this case live" control (its script, ``static/case/case-live.js``,
  loads the browser runtime only when clicked), the links to the notebook (cells only, written
  beside the page by this extension), the case file and Binder, and the case file's text embedded
  as JSON for live mode;
* ``story``: the summary, the facts of the case, the patient's goals;
* ``teaches``: the learning objectives (from ``chapters/objectives.yaml``);
* ``discussion``: the questions, each answer folded;
* ``results``: the reader's prediction (a band for each score, the most urgent step), then the
  computed scores, what could not be computed, the pathway by urgency and what was withheld,
  inside a ``<details>`` revealed on request; the directive's content (the ``{chart}`` directives
  the generator writes) is placed inside it too.

Everything shown comes from :mod:`bonemets.cases.live` (``evaluate``), the same functions live
mode calls in the browser, so the page as built and live mode at "no change" are one rendering of
one result. Case text is plain text: escaped here, set with ``textContent`` by the script.
"""

from __future__ import annotations

import html
import json
import shutil
from collections.abc import Callable
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import bonemets

from .deps import note_engine_dependency, note_file_dependency

logger = logging.getLogger(__name__)

__all__ = [
    "CSS",
    "JS",
    "PARTS",
    "CaseDirective",
    "band_ladders",
    "band_scales",
    "binder_url",
    "library_context",
    "needs_assets",
    "results_html",
    "setup",
]

JS = "case/case-live.js"
CSS = "case/case.css"
#: The browser runtime (another part of the site), relative to ``_static/``.
RUNTIME = "live/bonemets-live.js"
#: Marker that tells the page hook to add the script and style sheet.
MARKER = 'class="bm-case"'
PARTS = ("intro", "story", "teaches", "discussion", "results")
CASES_DIR = "cases"
DATA_DIR = "data"
#: The reveal's summary and the prediction's button (the browser tests find them by these).
REVEAL = "Show the computed scores and pathway"
CHECK = "Check my prediction and show the results"
NO_ACTION = "none"


# -- data --------------------------------------------------------------------------------------
def _case_file(srcdir: str | Path, case_id: str) -> Path:
    return Path(srcdir) / CASES_DIR / DATA_DIR / f"{case_id}.yaml"


@cache
def _load(path: str, mtime: float) -> tuple[Any, str, dict[str, Any]]:
    """(case, its YAML text, ``live.evaluate`` of it), once per file version."""
    from bonemets.cases import load_case
    from bonemets.cases.live import evaluate

    case = load_case(path)
    text = Path(path).read_text(encoding="utf-8")
    return case, text, evaluate(text)


def load(srcdir: str | Path, case_id: str) -> tuple[Any, str, dict[str, Any]]:
    path = _case_file(srcdir, case_id)
    return _load(str(path), path.stat().st_mtime)


@cache
def _library(folder: str, stamp: tuple[float, ...]) -> dict[str, Any]:
    from bonemets.cases import evaluate_case, library

    return {cid: evaluate_case(c).results for cid, c in library(folder).items()}


def _library_results(folder: Path) -> dict[str, Any]:
    stamp = tuple(p.stat().st_mtime for p in sorted(folder.glob("*.yaml")))
    return _library(str(folder), stamp)


def band_ladders() -> dict[str, list[list[str]]]:
    """Every calculator's bands in the engine's order, each ``[band, label, background, text]``
    (the colours are presentation only: the label is always written)."""
    from charts.palette import band_colour, band_order, text_colour

    out: dict[str, list[list[str]]] = {}
    for name in bonemets.CALCULATORS:
        out[name] = [
            [b, label, band_colour(name, b), text_colour(band_colour(name, b))]
            for b, label in band_order(name)
        ]
    return out


# -- charts (called by the {chart} directives the generator writes into the results part) --------
#: The case folder of the book whose results part is being parsed (set around the nested parse,
#: so the charts read the same case files as the page); the course's own folder otherwise.
_FOLDER: ContextVar[Path | None] = ContextVar("case_folder", default=None)


def _chart_folder(folder: str) -> Path:
    if folder:
        return Path(folder)
    current = _FOLDER.get()
    if current is not None:
        return current
    from . import notebooks

    return notebooks.ROOT / CASES_DIR / DATA_DIR


class _Spec:
    """A chart already in its Vega-Lite form: what the ``{chart}`` directive reads (``to_dict``)."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self._spec = spec

    def to_dict(self) -> dict[str, Any]:
        return json.loads(json.dumps(self._spec))


def band_scales(case_id: str, folder: str = "") -> Any:
    """The case's points scores on their band scales: ``charts.scores.band_scales`` as the
    Vega-Lite dict ``charts.scores.band_scales_spec`` assembles from cached band scales (the same
    chart, drawn the same; one band scale is built once per build, here and in live mode's
    drawings, instead of once per case as an altair chart); None without a points score."""
    from bonemets.cases import evaluate_case, load_case
    from charts.scores import band_scales_spec

    from .charts import memoise_altair_wrappers

    memoise_altair_wrappers()
    results = evaluate_case(load_case(_chart_folder(folder) / f"{case_id}.yaml")).results
    spec = band_scales_spec(results)
    return None if spec is None else _Spec(spec)


def library_context(case_id: str, folder: str = "") -> Any:
    """Every case of the library on each points score, this one marked."""
    from charts.scores import library_context as chart

    return chart(_library_results(_chart_folder(folder)), highlight=case_id)


def has_band_scales(results: dict[str, Any]) -> bool:
    from charts.scores import has_band_scale

    return any(has_band_scale(r.calculator) and r.score is not None for r in results.values())


# -- HTML (every authored or engine string escaped) --------------------------------------------
def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _json_script(cls: str, data: Any) -> str:
    """JSON in a ``<script type="application/json">``: ``<``, ``>`` and ``&`` as ``\\u`` escapes,
    so no text inside can close the element or start markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" class="{cls}">{text}</script>'


def _badge(calculator: str, band: str | None, label: str | None, ladders: dict[str, Any]) -> str:
    if band is None:
        return ""
    colours = {b[0]: (b[2], b[3]) for b in ladders.get(calculator, [])}
    bg, fg = colours.get(band, ("#e0e0e0", "#000000"))
    return (
        f'<span class="bm-band" data-band="{_e(band)}" style="background:{bg};color:{fg}">'
        f"{_e(label or band)}</span>"
    )


_STATUS = {"new": "new", "changed": "changed"}


def _mark(status: str | None, was: str | None = None) -> str:
    if status not in _STATUS:
        return ""
    tail = f" (was {_e(was)})" if was else ""
    return f' <span class="bm-mark bm-mark-{status}">{_STATUS[status]}{tail}</span>'


def results_html(report: dict[str, Any], ladders: dict[str, Any]) -> str:
    """The scores, what was not computed, the pathway and what was withheld, as HTML: the same
    structure ``case-live.js`` builds in live mode (data attributes for the tests)."""
    out = ['<div class="bm-case-results" data-bm-results="">', "<h3>Scores</h3>"]
    rows = []
    for s in report["scores"]:
        score = "" if s["score"] is None else str(s["score"])
        rows.append(
            f'<tr data-key="{_e(s["key"])}" data-score="{_e(score)}" '
            f'data-band="{_e(s["band"] or "")}" data-status="{_e(s["status"])}">'
            f'<th scope="row">{_e(s["title"])} <code>{_e(s["key"])}</code></th>'
            f"<td>{_e(s['summary'])}{_mark(s['status'], s['was'])}</td>"
            f"<td>{_badge(s['calculator'], s['band'], s['band_label'], ladders)}</td></tr>"
            f'<tr class="bm-advice-row"><td colspan="3"><span class="bm-advice">'
            f'{_e(s["recommendation"])}</span> <small class="bm-source">'
            f"{_e('; '.join(s['sources']))}</small></td></tr>"
        )
    for s in report["removed_scores"]:
        rows.append(
            f'<tr data-key="{_e(s["key"])}" data-status="removed"><th scope="row">'
            f'{_e(s["title"])} <code>{_e(s["key"])}</code></th><td colspan="2">'
            f'<s>{_e(s["was"])}</s> <span class="bm-mark bm-mark-changed">no longer computed'
            "</span></td></tr>"
        )
    out.append(
        '<div class="bm-table-wrap" tabindex="0" role="region" aria-label="Scores (the table '
        'scrolls sideways on a narrow screen)"><table class="bm-case-scores"><thead><tr>'
        '<th scope="col">Score</th><th scope="col">Result</th><th scope="col">Band</th>'
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>"
    )
    if report["not_computed"]:
        out.append("<p><strong>Not computed</strong> (findings missing):</p><ul>")
        out += [
            f'<li data-key="{_e(n["key"])}"><code>{_e(n["key"])}</code>: needs '
            f"{_e(', '.join(n['needs']))}</li>"
            for n in report["not_computed"]
        ]
        out.append("</ul>")
    if report["not_applicable"]:
        out.append("<p><strong>Not applicable</strong>:</p><ul>")
        out += [
            f'<li data-key="{_e(n["key"])}"><code>{_e(n["key"])}</code>: {_e(n["reason"])}</li>'
            for n in report["not_applicable"]
        ]
        out.append("</ul>")
    out.append('<h3>Pathway</h3><div class="bm-case-pathway">')
    for group in report["pathway"]:
        acts = group["actions"]
        out.append(
            f'<section class="bm-urgency" data-urgency="{_e(group["urgency"])}">'
            f"<h4>{_e(group['label'])} ({len(acts)})</h4>"
        )
        if not acts:
            out.append('<p class="bm-none">none</p></section>')
            continue
        out.append("<ul>")
        for a in acts:
            out.append(
                f'<li data-rule="{_e(a["rule"])}" data-status="{_e(a["status"])}">'
                f'<span class="bm-modality">{_e(a["modality"])}</span> '
                f'<span class="bm-action">{_e(a["text"])}</span>{_mark(a["status"])}'
                f"<br><small>why: {_e(a['trigger'])} ({_e(a['rule'])}; "
                f"{_e('; '.join(a['sources']))})</small></li>"
            )
        out.append("</ul></section>")
    if report["removed_actions"]:
        out.append("<p><strong>No longer in the pathway</strong> (against the case):</p><ul>")
        out += [
            f'<li data-rule="{_e(a["rule"])}" data-status="removed"><s>{_e(a["text"])}</s> '
            f"({_e(a['urgency'])})</li>"
            for a in report["removed_actions"]
        ]
        out.append("</ul>")
    out.append("</div><h3>Withheld</h3>")
    if report["withheld"]:
        out.append(
            "<p>Actions the patient's own record rules out, with the reason and the source:</p>"
            '<ul class="bm-withheld">'
        )
        out += [
            f'<li data-rule="{_e(w["rule"])}" data-status="{_e(w["status"])}">'
            f'<span class="bm-action">{_e(w["action"])}</span>: {_e(w["reason"])} '
            f'<small class="bm-source">({_e(w["source"])})</small>{_mark(w["status"])}</li>'
            for w in report["withheld"]
        ]
        out.append("</ul>")
    else:
        out.append('<p class="bm-none">Nothing withheld.</p>')
    out.append("</div>")
    return "".join(out)


def predict_html(report: dict[str, Any], ladders: dict[str, Any]) -> str:
    """The reader's prediction: a band for each score with bands, and the most urgent step.
    Hidden until ``case-live.js`` runs (without the script the results still open on request)."""
    items = []
    for s in report["scores"]:
        bands = ladders.get(s["calculator"], [])
        if s["band"] is None or len(bands) < 2:
            continue
        opts = "".join(f'<option value="{_e(b[0])}">{_e(b[1])}</option>' for b in bands)
        items.append(
            f'<label class="bm-predict-item">{_e(s["title"])} <code>{_e(s["key"])}</code>'
            f'<select data-predict-key="{_e(s["key"])}"><option value="">(your choice)</option>'
            f"{opts}</select></label>"
        )
    urgency = "".join(
        f'<option value="{_e(g["urgency"])}">{_e(g["label"])}</option>' for g in report["pathway"]
    )
    items.append(
        '<label class="bm-predict-item">The most urgent step of the pathway'
        '<select data-predict-urgency=""><option value="">(your choice)</option>'
        f'{urgency}<option value="{NO_ACTION}">No action at all</option></select></label>'
    )
    return (
        '<form class="bm-predict" hidden="">'
        "<p>Before you look: commit your own answer. Choose the band you expect for each score "
        "and how urgent the first step is, then check it against the engine.</p>"
        + "".join(items)
        + f'<p><button type="submit">{CHECK}</button></p>'
        '<div class="bm-predict-result" role="status" aria-live="polite"></div></form>'
    )


def binder_url(config: Any, notebook: str) -> str | None:
    """The Binder link of ``notebook`` (a path in the repository), from the book's
    ``launch_buttons`` and ``repository`` settings (``None`` without them). A plain link:
    nothing is fetched when the page is viewed."""
    opts = dict(getattr(config, "html_theme_options", None) or {})
    hub = str((opts.get("launch_buttons") or {}).get("binderhub_url") or "").rstrip("/")
    repo = str(opts.get("repository_url") or "").rstrip("/")
    branch = str(opts.get("repository_branch") or "main")
    prefix = "https://github.com/"
    if not hub or not repo.startswith(prefix):
        return None
    interface = (opts.get("launch_buttons") or {}).get("notebook_interface") or "jupyterlab"
    urlpath = f"lab/tree/{notebook}" if interface == "jupyterlab" else f"tree/{notebook}"
    return f"{hub}/v2/gh/{repo[len(prefix) :]}/{branch}?urlpath={urlpath}"


#: Where ``python -m coursebook.lite`` builds JupyterLite in the book (``<book>/lite``).
LITE_DIR = "lite"


def intro_html(case: Any, text: str, binder: str | None) -> str:
    cid = case.id
    links = [
        f'<li><a class="bm-download" href="{_e(cid)}.ipynb" download="">Download the notebook</a>'
        " (the simulator and the code; it runs in a Jupyter with the course installed, beside "
        f'its <a href="{DATA_DIR}/{_e(cid)}.yaml" download="">case file</a>)</li>',
        f'<li><a class="bm-lite" href="../{LITE_DIR}/lab/index.html?path=cases/{_e(cid)}.ipynb">'
        "Open it as a notebook in your browser</a> (JupyterLab with the course's Python, "
        "offline, nothing to install; the same notebook, code included)</li>",
    ]
    if binder:
        links.append(
            f'<li><a class="bm-binder" href="{_e(binder)}">Open it on Binder</a> '
            "(a notebook server on mybinder.org; needs an internet connection)</li>"
        )
    return (
        f'<div class="bm-case" data-case="{_e(cid)}">'
        f'<p class="bm-case-meta"><em>Case <code>{_e(cid)}</code>: a fictional patient, for '
        f"teaching. {_e(bonemets.NOTICE)}</em></p>"
        '<div class="bm-live" hidden="">'
        '<p><button type="button" class="bm-live-start">Run this case live</button> '
        '<span class="bm-live-status" role="status" aria-live="polite">Change any finding and '
        "the course's own engine recomputes the scores and the pathway, here in your browser "
        "(the first start takes a few seconds).</span></p>"
        '<div class="bm-live-panel" hidden=""></div></div>'
        f'<ul class="bm-case-links">{"".join(links)}</ul>'
        + _json_script("bm-case-source", {"id": cid, "yaml": text, "runtime": RUNTIME})
        + "</div>"
    )


# -- the directive -------------------------------------------------------------------------------
def _raw(text: str) -> nodes.raw:
    return nodes.raw("", text, format="html")


def _paragraphs(text: str) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for para in str(text).split("\n\n"):
        flat = " ".join(para.split())
        if flat:
            out.append(nodes.paragraph("", flat))
    return out


def _bullets(items: list[list[nodes.Node]]) -> nodes.bullet_list:
    lst = nodes.bullet_list()
    for children in items:
        item = nodes.list_item()
        para = nodes.paragraph()
        para.extend(children)
        item += para
        lst += item
    return lst


class CaseDirective(SphinxDirective):
    """``{case} ID`` with ``:part:`` (see the module): one part of the case page of ``ID``."""

    required_arguments = 1
    has_content = True
    option_spec = {"part": lambda a: directives.choice(a, PARTS)}  # noqa: RUF012 - docutils API

    def _warn(self, message: str, *args: Any) -> list[nodes.Node]:
        logger.warning(
            message, *args, location=self.get_location(), type="coursebook", subtype="case"
        )
        return []

    def run(self) -> list[nodes.Node]:
        from bonemets.datafile import DataFileError

        case_id = self.arguments[0].strip()
        part = self.options.get("part", "intro")
        path = _case_file(self.env.srcdir, case_id)
        if not path.is_file():
            return self._warn("{case} %s: no case file %s", case_id, path)
        note_engine_dependency(self.env)
        note_file_dependency(self.env, path)
        try:
            case, text, report = load(self.env.srcdir, case_id)
        except DataFileError as exc:
            return self._warn("{case} %s: %s", case_id, "; ".join(str(p) for p in exc.problems))
        if not report.get("ok"):
            return self._warn("{case} %s: %s", case_id, report.get("errors"))
        render: Callable[[Any, str, dict[str, Any]], list[nodes.Node]] = getattr(self, f"_{part}")
        return render(case, text, report)

    def _intro(self, case: Any, text: str, report: dict[str, Any]) -> list[nodes.Node]:
        pages: dict[str, str] = getattr(self.env, "bm_case_pages", {})
        pages[self.env.docname] = case.id
        self.env.bm_case_pages = pages  # type: ignore[attr-defined]
        notebook = f"{CASES_DIR}/{case.id}.ipynb"
        return [_raw(intro_html(case, text, binder_url(self.config, notebook)))]

    def _story(self, case: Any, text: str, report: dict[str, Any]) -> list[nodes.Node]:
        from .notebooks import case_facts

        out = _paragraphs(case.teaching.summary)
        out.append(
            _bullets(
                [
                    [nodes.strong("", label), nodes.Text(f": {value}")]
                    for label, value in case_facts(case)
                ]
            )
        )
        goals = case.goals
        if goals.summary or goals.priorities:
            para = nodes.paragraph()
            para += nodes.strong("", "What matters to the patient: ")
            words = [goals.summary or "", "; ".join(goals.priorities)]
            para += nodes.Text(" ".join(w for w in words if w))
            out.append(para)
        return out

    def _teaches(self, case: Any, text: str, report: dict[str, Any]) -> list[nodes.Node]:
        from .notebooks import objective_texts

        objectives = objective_texts(Path(self.env.srcdir))
        items = []
        for o in case.teaching.learning_objectives:
            if o in objectives:
                chapter, what = objectives[o]
                items.append([nodes.Text(f"{what} "), nodes.emphasis("", f"({chapter})")])
            else:
                items.append([nodes.Text(o)])
        return [_bullets(items)]

    def _discussion(self, case: Any, text: str, report: dict[str, Any]) -> list[nodes.Node]:
        out: list[nodes.Node] = [
            nodes.paragraph(
                "",
                "Think about each question, and write your answer down, before "
                "you open the answer.",
            )
        ]
        for i, d in enumerate(case.teaching.discussion, start=1):
            q = nodes.paragraph(classes=["bm-question"])
            q += nodes.strong("", f"Question {i}. ")
            q += nodes.Text(" ".join(str(d.question).split()))
            out.append(q)
            out.append(_raw('<details class="bm-answer"><summary>Show the answer</summary>'))
            out += _paragraphs(d.answer)
            out.append(_raw("</details>"))
        return out

    def _results(self, case: Any, text: str, report: dict[str, Any]) -> list[nodes.Node]:
        ladders = band_ladders()
        charts = nodes.container(classes=["bm-case-charts"])
        if self.content:
            token = _FOLDER.set(_case_file(self.env.srcdir, case.id).parent)
            try:
                self.state.nested_parse(self.content, self.content_offset, charts)
            finally:
                _FOLDER.reset(token)
        return [
            _raw(
                '<div class="bm-case-reveal">'
                + predict_html(report, ladders)
                + f'<details class="bm-reveal"><summary>{REVEAL}</summary>'
                + results_html(report, ladders)
                + _json_script("bm-case-bands", ladders)
                + '<p class="bm-live-chart-note" hidden="">In live mode the band scales below are '
                "redrawn for your changes; the chart of every library case shows this case as "
                "written.</p>"
            ),
            charts,
            _raw("</details></div>"),
        ]


# -- build hooks -------------------------------------------------------------------------------
def needs_assets(app: Sphinx, pagename: str, context: dict[str, Any]) -> bool:
    """Does this page hold a case (then :mod:`coursebook` adds :data:`JS` and :data:`CSS`)?"""
    return MARKER in (context.get("body") or "")


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    getattr(env, "bm_case_pages", {}).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: Any, other: BuildEnvironment) -> None:
    pages: dict[str, str] = getattr(env, "bm_case_pages", {})
    pages.update(getattr(other, "bm_case_pages", {}))
    env.bm_case_pages = pages  # type: ignore[attr-defined]


def _write_downloads(app: Sphinx, exception: Exception | None) -> None:
    """Beside each case page: its notebook (cells only: the executed one, widget state and all,
    is several MB) and its case file, which the notebook reads from ``data/``."""
    if exception is not None or app.builder.format != "html":
        return
    import nbformat

    from bonemets.cases import load_case

    from .notebooks import case_notebook

    for docname, case_id in sorted(getattr(app.env, "bm_case_pages", {}).items()):
        src = _case_file(app.srcdir, case_id)
        folder = Path(app.outdir) / Path(docname).parent
        (folder / DATA_DIR).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, folder / DATA_DIR / src.name)
        nb = case_notebook(load_case(src), Path(app.srcdir))
        (folder / f"{case_id}.ipynb").write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive and the build hooks (called by :func:`coursebook.setup`, which also
    adds ``static/`` and the page assets, see :func:`needs_assets`)."""
    app.add_directive("case", CaseDirective)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", _write_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
