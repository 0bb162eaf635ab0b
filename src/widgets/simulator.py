"""The case simulator: a case's findings as editable controls, every score and the pathway live.

    >>> from widgets import CaseSimulator
    >>> sim = CaseSimulator.from_file("data/c01_breast_femur.yaml")   # display(sim) in a notebook
    >>> sim.set("lesions[0].size", "lt_1_3")       # what if the lesion were smaller?
    >>> sim.evaluation.results["mirels:left_femur"].band
    >>> sim.reset()

On each change the edited case is validated by the case model (``bonemets.cases.parse_case``) and
evaluated by the engine (``bonemets.cases.evaluate_case``); the widget only displays. Problems are
shown inline with their field path, never as a traceback. What changed against the original case
(findings, scores, bands, pathway actions) is marked.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from typing import Any

import ipywidgets as ipw
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import TextStyle

from bonemets.cases import evaluate_case, load_case
from bonemets.cases.live import result_summary as _result_short
from bonemets.cases.whatif import (
    URGENCIES,
    action_key,
    build_case_data,
    evaluate_data,
    get_path,
    what_if,
)

from . import report
from .calculator import CHOOSE, ENTER, as_text, show_in
from .findings import Finding, case_findings, format_path, value_label

__all__ = [
    "URGENCIES",
    "CaseSimulator",
    "Change",
    "action_key",
    "evaluation_lines",
    "evaluation_text",
    "what_if_rows",
]

NOT_RECORDED = "not recorded"


# -- plain-text views (what the notebooks print and nbval compares) ----------------------------
def _citation(c: Any) -> str:
    if c is None:
        return ""
    short = getattr(c, "short", None)
    return short() if callable(short) else str(c)


def evaluation_lines(evaluation: Any) -> list[str]:
    """Scores, bands, what could not be computed and the pathway, as plain text lines."""
    lines = ["Scores:"]
    for key, r in evaluation.results.items():
        band = f" [{r.band}]" if r.band is not None else ""
        lines.append(f"  {key}: {_result_short(r)}{band}")
    if evaluation.not_computed:
        lines.append("Not computed (missing findings):")
        for key, missing in evaluation.not_computed.items():
            lines.append(f"  {key}: needs {', '.join(missing)}")
    not_applicable = getattr(evaluation, "not_applicable", None) or {}
    if not_applicable:
        lines.append("Not applicable:")
        for key, why in not_applicable.items():
            lines.append(f"  {key}: {why}")
    lines.append("Pathway:")
    for urgency in URGENCIES:
        acts = [a for a in evaluation.actions if a.urgency == urgency]
        lines.append(f"  {urgency.capitalize()} ({len(acts)}):")
        for a in acts:
            cite = _citation(getattr(a, "citation", None))
            lines.append(f"    - [{a.modality}] {a.action} (why: {a.trigger}; {a.rule}; {cite})")
    withheld = report.withheld_lines(evaluation)
    if withheld:
        lines.append("Withheld (the patient's own record rules these out):")
        lines += [f"  - {w}" for w in withheld]
    return lines


def evaluation_text(evaluation: Any) -> str:
    return "\n".join(evaluation_lines(evaluation))


@dataclass(frozen=True)
class Change:
    """One finding edited against the original case."""

    finding: Finding
    old: Any
    new: Any

    def __str__(self) -> str:
        values = tuple(v for _, v in self.finding.options)
        return (
            f"{self.finding.full_label}: {value_label(self.old, values)} -> "
            f"{value_label(self.new, values)}"
        )


# -- what would change it (computed by bonemets.cases.whatif) --------------------------------
def what_if_rows(case: Any, findings: list[Finding] | None = None) -> list[dict[str, Any]]:
    """For each finding with few enough values, and each of its other values: does changing only
    that finding change a band, or the pathway? Values the case model refuses are left out."""
    finite = [
        (f, values)
        for f in (findings if findings is not None else case_findings(case))
        if (values := f.finite_values()) is not None
    ]
    by_path = {f.path: f for f, _ in finite}
    return [
        _row(by_path[w.path], w.value, w.effect, w.outcome)
        for w in what_if(case, [(f.path, values) for f, values in finite])
    ]


def _row(f: Finding, value: Any, effect: str, outcome: str) -> dict[str, Any]:
    values = tuple(v for _, v in f.options)
    return {
        "input": f.full_label,
        "key": f.key,
        "option": value_label(value, values),
        "short": value_label(value) if not isinstance(value, str) else value.replace("_", " "),
        "value": value,
        "effect": effect,
        "outcome": outcome,
    }


# -- the widget ------------------------------------------------------------------------------
class _Shared:
    """One layout and one style model shared by every control (a case has ~80 controls: one model
    each would triple the widget state stored in every notebook)."""

    def __init__(self) -> None:
        self.layout = ipw.Layout(width="34em")
        self.dropdown = DescriptionStyle(description_width="16em")
        self.text = TextStyle(description_width="16em")


def _make_control(f: Finding, value: Any, shared: _Shared) -> ipw.ValueWidget:
    layout = shared.layout
    if f.kind in ("choice", "boolean"):
        empty = NOT_RECORDED if f.optional else CHOOSE
        ctl: ipw.ValueWidget = ipw.Dropdown(
            options=[(empty, None), *f.options],
            value=value,
            description=f.label,
            style=shared.dropdown,
            layout=layout,
        )
    else:
        ctl = ipw.Text(
            value="" if value is None else as_text(value),
            placeholder=f"{ENTER}: {f.allowed()}",
            description=f.label,
            continuous_update=False,
            style=shared.text,
            layout=layout,
        )
    ctl.tooltip = " ".join(x for x in (f.help, f.allowed()) if x) or None
    return ctl


def _read(ctl: ipw.ValueWidget, f: Finding) -> Any:
    """The control's value for the case data; unreadable text is passed on for the case model
    to refuse with its own message."""
    if not isinstance(ctl, ipw.Text):
        return ctl.value
    text = ctl.value.strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return text
    if f.kind == "integer" and number.is_integer():
        return int(number)
    return number


def _same(a: Any, b: Any) -> bool:
    return (a == b and type(a) is type(b)) or (
        isinstance(a, int | float)
        and isinstance(b, int | float)
        and not isinstance(a, bool)
        and not isinstance(b, bool)
        and float(a) == float(b)
    )


class CaseSimulator(ipw.VBox):
    """A case, editable. ``evaluation`` is the engine's evaluation of the edited case (``None``
    while the edits are invalid; ``problems`` then says why)."""

    def __init__(self, case: Any, *, chart: bool = True):
        self.original = case
        self.base = case.model_dump()
        self.findings = case_findings(case)
        self.by_key = {f.key: f for f in self.findings}
        self.original_evaluation = evaluate_case(case)
        self.case = case
        self.evaluation: Any = self.original_evaluation
        self.problems: list[Any] = []
        self.chart: Any = None
        self._hold = False

        self.controls: dict[str, ipw.ValueWidget] = {}
        sections: dict[str, list[ipw.Widget]] = {}
        shared = _Shared()
        for f in self.findings:
            ctl = _make_control(f, get_path(self.base, f.path), shared)
            ctl.observe(self._on_change, names="value")
            self.controls[f.key] = ctl
            title = f"Lesion: {f.where}" if f.where else f.section.capitalize()
            sections.setdefault(title, []).append(ctl)
        self.form = ipw.Accordion(children=[ipw.VBox(c) for c in sections.values()])
        for i, title in enumerate(sections):
            self.form.set_title(i, title)
        self.reset_button = ipw.Button(
            description="Reset to the case", icon="", tooltip="Undo every edit"
        )
        self.reset_button.on_click(lambda _b: self.reset())
        self.what_if_button = ipw.Button(
            description="What would change it?",
            tooltip="Try every other value of each finding, one at a time",
        )
        self.what_if_button.on_click(lambda _b: self.show_what_if())
        self.changes_box = ipw.HTML()
        self.errors_box = ipw.HTML()
        self.scores_box = ipw.HTML()
        self.pathway_box = ipw.HTML()
        self.chart_out = ipw.Output() if chart else None
        self.what_if_out = ipw.Output()
        header = ipw.HTML(
            f"<h4>{html.escape(case.teaching.title)} <small>({html.escape(case.id)})</small></h4>"
            "<p>Change any finding below: every score and the pathway are recomputed by the "
            "engine. Changes from the case are marked.</p>"
        )
        children: list[ipw.Widget] = [
            header,
            self.form,
            ipw.HBox([self.reset_button, self.what_if_button]),
            self.changes_box,
            self.errors_box,
            self.scores_box,
            self.pathway_box,
        ]
        if self.chart_out is not None:
            children.append(self.chart_out)
        children.append(self.what_if_out)
        super().__init__(children=children)
        self.add_class("bonemets-simulator")
        self.refresh()

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], **kwargs: Any) -> CaseSimulator:
        """Load a case file (``bonemets.cases.load_case``) into a simulator."""
        return cls(load_case(path), **kwargs)

    # -- driving -----------------------------------------------------------------------------
    def set(self, key: str | tuple[Any, ...], value: Any) -> None:
        """Edit one finding by its path (``"lesions[0].size"``) with a case value."""
        self.set_many({key: value})

    def set_many(self, edits: dict[Any, Any]) -> None:
        """Edit several findings, then recompute once."""
        keys = {(k if isinstance(k, str) else format_path(k)): v for k, v in edits.items()}
        unknown = set(keys) - set(self.controls)
        if unknown:
            raise KeyError(f"not an editable finding: {sorted(unknown)}")
        self._hold = True
        try:
            for key, value in keys.items():
                ctl = self.controls[key]
                if isinstance(ctl, ipw.Text):
                    ctl.value = "" if value is None else as_text(value)
                else:
                    ctl.value = value
        finally:
            self._hold = False
        self.refresh()

    def reset(self) -> None:
        """Back to the case as written."""
        self.set_many({f.key: get_path(self.base, f.path) for f in self.findings})

    def _on_change(self, _change: dict[str, Any]) -> None:
        if not self._hold:
            self.refresh()

    # -- computing ---------------------------------------------------------------------------
    def edits(self) -> dict[tuple[Any, ...], Any]:
        out = {}
        for f in self.findings:
            new = _read(self.controls[f.key], f)
            if not _same(new, get_path(self.base, f.path)):
                out[f.path] = new
        return out

    def changes(self, edits: dict[tuple[Any, ...], Any] | None = None) -> list[Change]:
        """The findings edited against the case (``edits``: :meth:`edits`, if already read)."""
        return [
            Change(self.by_key[format_path(p)], get_path(self.base, p), v)
            for p, v in (self.edits() if edits is None else edits).items()
        ]

    def refresh(self) -> None:
        edits = self.edits()
        if edits:
            data = build_case_data(self.base, edits)
            case, evaluation, problems = evaluate_data(data, self.original.id)
        else:
            case, evaluation, problems = self.original, self.original_evaluation, []
        self.case, self.evaluation, self.problems = case, evaluation, problems
        self._render(edits)

    # -- rendering ---------------------------------------------------------------------------
    def _render(self, edits: dict[tuple[Any, ...], Any]) -> None:
        changes = self.changes(edits)
        edited = {c.finding.key for c in changes}
        fields = [p.field for p in self.problems]
        for key, ctl in self.controls.items():  # mark edited findings in the form
            bad = any(key == field or key.startswith(field + ".") for field in fields)
            mark = " ⚠" if bad else " ✎" if key in edited else ""
            label = self.by_key[key].label + mark
            if ctl.description != label:  # (an unchanged label is not sent again)
                ctl.description = label
        self.changes_box.value = (
            "<p><b>Changed from the case:</b></p><ul>"
            + "".join(f"<li>{html.escape(str(c))}</li>" for c in changes)
            + "</ul>"
            if changes
            else "<p><i>As written in the case (no finding changed).</i></p>"
        )
        if self.problems:
            items = "".join(
                f"<li><code>{html.escape(p.field)}</code>: {html.escape(p.message)}</li>"
                for p in self.problems
            )
            self.errors_box.value = (
                '<div role="alert" class="bonemets-error" style="color:#a00000">'
                "<p><b>This edit is not a valid case, so nothing was recomputed:</b></p>"
                f"<ul>{items}</ul></div>"
            )
            self.scores_box.value = ""
            self.pathway_box.value = ""
            self.chart = None
            show_in(self.chart_out, None)
            return
        self.errors_box.value = ""
        self.scores_box.value = self._scores_html()
        self.pathway_box.value = self._pathway_html()
        if self.chart_out is not None:
            from charts.scores import band_scales_spec

            self.chart = band_scales_spec(self.evaluation.results)
            show_in(self.chart_out, self.chart)

    def _scores_html(self) -> str:
        ev, orig = self.evaluation, self.original_evaluation
        rows = []
        for key, r in ev.results.items():
            was = orig.results.get(key)
            changed = ""
            if was is None:
                changed = "<b>new</b>"
            elif (was.score, was.band, was.display) != (r.score, r.band, r.display):
                changed = f"<b>changed</b> (was {html.escape(_result_short(was))})"
            rows.append(
                f"<tr><td>{html.escape(key)}</td><td>{html.escape(r.title)}</td>"
                f"<td>{html.escape(_result_short(r))}</td>"
                f"<td>{report.band_badge(r.calculator, r.band, r.band_label)}</td>"
                f"<td>{changed}</td></tr>"
            )
        for key in orig.results:
            if key not in ev.results:
                rows.append(
                    f"<tr><td>{html.escape(key)}</td><td colspan=3><s>no longer computed</s></td>"
                    "<td><b>changed</b></td></tr>"
                )
        out = (
            "<h5>Scores</h5><table class='bonemets-scores'><thead><tr><th>Key</th><th>Score</th>"
            "<th>Result</th><th>Band</th><th>Against the case</th></tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table>"
        )
        if ev.not_computed:
            out += "<p><b>Not computed</b> (findings missing):</p><ul>" + "".join(
                f"<li>{html.escape(k)}: needs {html.escape(', '.join(v))}</li>"
                for k, v in ev.not_computed.items()
            )
            out += "</ul>"
        not_applicable = getattr(ev, "not_applicable", None) or {}
        if not_applicable:
            out += "<p><b>Not applicable</b>:</p><ul>" + "".join(
                f"<li>{html.escape(k)}: {html.escape(v)}</li>" for k, v in not_applicable.items()
            )
            out += "</ul>"
        return out

    def _pathway_html(self) -> str:
        ev, orig = self.evaluation, self.original_evaluation
        before = {action_key(a) for a in orig.actions}
        now = {action_key(a) for a in ev.actions}
        parts = ["<h5>Pathway</h5>"]
        for urgency in URGENCIES:
            acts = [a for a in ev.actions if a.urgency == urgency]
            parts.append(f"<p><b>{urgency.capitalize()}</b> ({len(acts)})</p>")
            if not acts:
                parts.append("<p><i>none</i></p>")
                continue
            parts.append("<ul>")
            for a in acts:
                new = " <b>[new]</b>" if action_key(a) not in before else ""
                cite = html.escape(_citation(getattr(a, "citation", None)))
                parts.append(
                    f"<li>[{html.escape(str(a.modality))}] {html.escape(a.action)}{new}"
                    f"<br><small>why: {html.escape(str(a.trigger))} ({html.escape(str(a.rule))};"
                    f" {cite})</small></li>"
                )
            parts.append("</ul>")
        parts.append(report.withheld_html(ev))
        gone = [a for a in orig.actions if action_key(a) not in now]
        if gone:
            parts.append("<p><b>No longer in the pathway</b> (against the case):</p><ul>")
            parts += [
                f"<li><s>[{html.escape(a.urgency)}] {html.escape(a.action)}</s></li>" for a in gone
            ]
            parts.append("</ul>")
        return "".join(parts)

    def show_what_if(self) -> list[dict[str, Any]]:
        """Compute (and show) which single changes of the current case move a band or the
        pathway. Slower than an edit: tries every value of every finding with few values."""
        from charts.scores import case_what_if

        if self.case is None or self.problems:
            return []
        rows = what_if_rows(self.case, self.findings)
        show_in(self.what_if_out, case_what_if(rows, self.case.id))
        return rows

    # -- static views ------------------------------------------------------------------------
    def summary(self) -> str:
        lines = [f"Case {self.original.id}: {self.original.teaching.title}"]
        changes = self.changes()
        if changes:
            lines.append("Changed from the case:")
            lines += [f"  {c}" for c in changes]
        if self.problems:
            lines.append("Not a valid case, nothing recomputed:")
            lines += [f"  {p.field}: {p.message}" for p in self.problems]
        else:
            lines += evaluation_lines(self.evaluation)
        return "\n".join(lines)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, tuple):  # pragma: no cover
            bundle = bundle[0]
        bundle = dict(bundle)
        bundle["text/plain"] = self.summary()
        return bundle
