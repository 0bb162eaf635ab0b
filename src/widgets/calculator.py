"""One ipywidgets calculator per engine calculator, generated from its field definitions.

    >>> from widgets import calculator
    >>> w = calculator("mirels")          # display(w) in a notebook
    >>> w.set(site="peritrochanteric", pain="functional", lesion="lytic", size="gt_2_3")
    >>> w.result.score, w.result.band
    (12, 'high')

Choices and yes/no inputs are dropdowns that start at an empty "choose…" option; numbers are text
boxes that start empty ("enter a value"). Nothing is scored until every required input has a value.
Typed text goes through the engine's own ``Field.from_text``; every problem is shown inline as the
engine's message, never as a traceback. No clinical number lives here.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as ipw

import bonemets
from bonemets import FieldError, InputError, Result
from bonemets.inputs import Boolean, Choice, Field, Integer, Number

from . import report

__all__ = ["CHOOSE", "ENTER", "CalculatorWidget", "calculator", "make_control", "read_control"]

CHOOSE = "choose…"
ENTER = "enter a value"


def _allowed(f: Field) -> str:
    return f.allowed() if hasattr(f, "allowed") else ""


def make_control(f: Field, *, optional: bool = False, value: Any = None) -> ipw.ValueWidget:
    """An empty control for engine field ``f`` (labels, options and ranges from the field)."""
    desc = f.label + (" (optional)" if optional else "")
    style = {"description_width": "initial"}
    layout = ipw.Layout(width="auto", min_width="22em")
    tooltip = " ".join(x for x in (f.help, _allowed(f)) if x)
    if isinstance(f, Choice):
        options = [(CHOOSE, None), *((lab, v) for v, lab in f.options)]
        ctl: ipw.ValueWidget = ipw.Dropdown(
            options=options, value=None, description=desc, style=style, layout=layout
        )
    elif isinstance(f, Boolean):
        ctl = ipw.Dropdown(
            options=[(CHOOSE, None), ("Yes", True), ("No", False)],
            value=None,
            description=desc,
            style=style,
            layout=layout,
        )
    elif isinstance(f, Number | Integer):
        unit = f" ({f.unit})" if f.unit else ""
        ctl = ipw.Text(
            value="",
            placeholder=f"{ENTER}: {_allowed(f)}",
            description=desc + unit,
            continuous_update=False,
            style=style,
            layout=layout,
        )
    else:  # pragma: no cover - every engine field is one of the above
        raise TypeError(f"no control for field kind {f.kind!r}")
    ctl.tooltip = tooltip or None
    if value is not None:
        set_control(ctl, f, value)
    return ctl


def set_control(ctl: ipw.ValueWidget, f: Field, value: Any) -> None:
    """Put a Python value (as the engine takes it) into a control; ``None`` empties it."""
    if isinstance(ctl, ipw.Text):
        ctl.value = "" if value is None else as_text(value)
    else:
        ctl.value = value


def as_text(value: Any) -> str:
    """Text for a number that round-trips exactly through ``Field.from_text``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def read_control(ctl: ipw.ValueWidget, f: Field) -> tuple[bool, Any]:
    """``(filled, value)``: the engine-parsed value, or raises the engine's :class:`InputError`."""
    raw = ctl.value
    if isinstance(ctl, ipw.Text):
        if not raw.strip():
            return False, None
        return True, f.from_text(raw)
    if raw is None:
        return False, None
    return True, f.parse(raw)


def show_in(out: ipw.Output | None, obj: Any) -> None:
    """Replace what ``out`` shows with ``obj`` (nothing outside a kernel: no frontend to show it).

    A dict is a Vega-Lite spec: it goes through altair's active renderer (the course's offline
    one once ``charts.render.enable()`` ran), without rebuilding an altair object."""
    from IPython import get_ipython
    from IPython.display import display

    if out is None or get_ipython() is None:
        return
    out.clear_output(wait=True)
    if obj is None:
        return
    with out:
        if isinstance(obj, dict):
            import altair as alt

            bundle = alt.renderers.get()(obj)
            if isinstance(bundle, tuple):
                bundle, metadata = bundle
                display(bundle, metadata=metadata, raw=True)
            else:
                display(bundle, raw=True)
        else:
            display(obj)


def _error_html(errors: list[FieldError]) -> str:
    items = "".join(f"<li>{html.escape(str(e))}</li>" for e in errors)
    return f'<div role="alert" class="bonemets-error" style="color:#a00000"><ul>{items}</ul></div>'


class CalculatorWidget(ipw.VBox):
    """The widget for one calculator. ``result`` is the engine's :class:`Result` or ``None``."""

    def __init__(self, name: str, *, chart: bool = True, **values: Any):
        self.calc = bonemets.get(name)
        self.name = name
        self.description = self.calc.describe()
        self.fields: dict[str, Field] = {f.name: f for f in self.calc.fields}
        self.optional = frozenset(self.calc.optional_fields)
        #: (input, alternative input) pairs where either one is enough (SINS location or level).
        self.alternatives: list[tuple[str, str]] = [
            (c.input.name, c.alternate.name)
            for c in getattr(self.calc, "components", ())
            if getattr(c, "alternate", None) is not None
        ]
        self.chart: Any = None
        self.controls: dict[str, ipw.ValueWidget] = {}
        self.field_errors: dict[str, ipw.HTML] = {}
        self.result: Result | None = None
        self.errors: list[FieldError] = []
        self.missing: list[str] = []
        self._hold = False
        self._chart = chart

        rows: list[ipw.Widget] = []
        for f in self.calc.fields:
            ctl = make_control(f, optional=f.name in self.optional)
            ctl.observe(self._on_change, names="value")
            err = ipw.HTML(value="")
            self.controls[f.name] = ctl
            self.field_errors[f.name] = err
            rows.append(ipw.VBox([ctl, err]))
        self.status = ipw.HTML()
        self.output = ipw.HTML()
        self.chart_out = ipw.Output() if chart else None
        header = ipw.HTML(
            f"<h4>{html.escape(self.calc.title)}</h4>"
            f"<p>{html.escape(self.description.get('summary', ''))}</p>"
        )
        children: list[ipw.Widget] = [header, *rows, self.status, self.output]
        if self.chart_out is not None:
            children.append(self.chart_out)
        super().__init__(children=children)
        self.add_class("bonemets-calculator")
        if values:
            self.set(**values)
        else:
            self.refresh()

    # -- driving -----------------------------------------------------------------------------
    def set(self, **values: Any) -> None:
        """Set several inputs (engine values; ``None`` empties) and recompute once."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise KeyError(
                f"unknown inputs {sorted(unknown)}; this calculator takes {list(self.controls)}"
            )
        self._hold = True
        try:
            for k, v in values.items():
                set_control(self.controls[k], self.fields[k], v)
        finally:
            self._hold = False
        self.refresh()

    def clear(self) -> None:
        """Empty every input."""
        self.set(**dict.fromkeys(self.controls))

    def _on_change(self, _change: dict[str, Any]) -> None:
        if not self._hold:
            self.refresh()

    # -- computing ---------------------------------------------------------------------------
    def values(self) -> tuple[dict[str, Any], list[str], list[FieldError]]:
        """Parsed values, names of empty required inputs, and per-field errors."""
        values: dict[str, Any] = {}
        missing: list[str] = []
        errors: list[FieldError] = []
        for name, ctl in self.controls.items():
            try:
                filled, value = read_control(ctl, self.fields[name])
            except InputError as exc:
                errors.extend(exc.errors)
                continue
            if filled:
                values[name] = value
            elif name not in self.optional:
                missing.append(name)
        for main, alternate in self.alternatives:
            if main not in values and alternate not in values and not errors:
                missing.append(main)  # one of the two stands in for the other (SINS level)
        return values, missing, errors

    def refresh(self) -> None:
        values, missing, errors = self.values()
        self.result, self.missing = None, missing
        if not errors and not missing:
            try:
                self.result = self.calc.evaluate(**values)
            except InputError as exc:  # cross-field checks (units, alternatives)
                errors = list(exc.errors)
        self.errors = errors
        by_field: dict[str, list[FieldError]] = {}
        general: list[FieldError] = []
        for e in errors:
            (by_field.setdefault(e.field, []) if e.field in self.controls else general).append(e)
        for name, box in self.field_errors.items():
            box.value = _error_html(by_field[name]) if name in by_field else ""
        self._render(missing, general)

    def _render(self, missing: list[str], general: list[FieldError]) -> None:
        if self.result is not None:
            self.status.value = ""
            self.output.value = report.result_html(self.result)
        else:
            msgs = []
            if missing:
                labels = ", ".join(html.escape(self._missing_label(m)) for m in missing)
                msgs.append(
                    f"<p><i>Choose every input to score</i> ({len(missing)} left: {labels}).</p>"
                )
            if general:
                msgs.append(_error_html(general))
            elif self.errors and not missing:
                msgs.append("<p><i>Correct the input marked above.</i></p>")
            self.status.value = "".join(msgs)
            self.output.value = ""
        if self.chart_out is not None:
            self._render_chart()

    def _missing_label(self, name: str) -> str:
        for main, alternate in self.alternatives:
            if name == main:
                return f"{self.fields[main].label} or {self.fields[alternate].label}"
        return self.fields[name].label

    def _render_chart(self) -> None:
        from charts import scores

        self.chart = None
        if self.result is not None and scores.has_band_scale(self.name):
            self.chart = scores.band_scale_spec(self.name, self.result.score)
        show_in(self.chart_out, self.chart)

    # -- static views ------------------------------------------------------------------------
    def summary(self) -> str:
        """Plain text of the current state (the static fallback and what a test can read)."""
        if self.result is not None:
            return report.result_text(self.result)
        head = [self.calc.title]
        if self.errors:
            head += [f"  Error: {e}" for e in self.errors]
        if self.missing:
            head.append(
                "  Choose every input to score; waiting for: "
                + ", ".join(self._missing_label(m) for m in self.missing)
            )
        return "\n".join(head)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, tuple):  # pragma: no cover - (data, metadata) form
            bundle = bundle[0]
        bundle = dict(bundle)
        bundle["text/plain"] = self.summary()
        return bundle


def calculator(name: str, *, chart: bool = True, **values: Any) -> CalculatorWidget:
    """The widget for engine calculator ``name`` (see ``bonemets calc --list``), optionally pre-set."""
    return CalculatorWidget(name, chart=chart, **values)
