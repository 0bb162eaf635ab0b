"""The ``{points-table}`` directive: an engine calculator's published table, rendered from the engine.

    ```{points-table} mirels
    ```

For a points table (mirels, sins, tokuhashi, tomita, bauer): components with their options and
points, then the bands over the total (range, label, interpretation, recommendation), then the
citations and notes. For a screen (exercise, radiopharmaceutical, ablation): its inputs, criteria and
statuses. For a formula, classification or decision (escc, noms, calcium, zoledronic_acid, eqd2,
pain): its inputs, published data and, for a decision, its decision tables. Everything comes from
``bonemets.get(NAME).describe()`` (typed in :mod:`bonemets.describe`, dispatched on ``kind``), so
the page cannot disagree with the calculators.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import bonemets
from bonemets.describe import (
    CitationDescription,
    ConditionDescription,
    DecisionDescription,
    Description,
    FieldDescription,
    FormulaDescription,
    PointsTableDescription,
    ScreenDescription,
)
from bonemets.facts import fmt

from .deps import note_engine_dependency

logger = logging.getLogger(__name__)

__all__ = ["PointsTableDirective", "describe_nodes", "make_table"]

Cell: TypeAlias = str | nodes.Node | list[nodes.Node]
_OPS = {"is": "is", "lt": "<", "le": "≤", "gt": ">", "ge": "≥", "in": "is one of"}


def _human(key: str) -> str:
    """``"reference_dose_per_fraction"`` -> ``"Reference dose per fraction"``."""
    words = str(key).replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _text(value: Any) -> str:
    """A cell's text for any data value (lists joined, dicts as ``key: value`` pairs)."""
    if isinstance(value, dict):
        return "; ".join(f"{_human(k)}: {_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value) if value else "–"
    return fmt(value)


def _cell_nodes(cell: Cell) -> list[nodes.Node]:
    if isinstance(cell, list):
        return cell
    if isinstance(cell, nodes.Node):
        return [cell]
    return [nodes.paragraph("", str(cell))]


def make_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell | tuple[Cell, int]]],
    caption: str = "",
    classes: Sequence[str] = (),
) -> nodes.table:
    """A docutils table. A cell given as ``(content, n)`` spans ``n`` rows (the following rows
    then leave that column out)."""
    table = nodes.table(classes=["bm-table", *classes])
    if caption:
        table += nodes.title(caption, caption)
    tgroup = nodes.tgroup(cols=len(headers))
    table += tgroup
    for _ in headers:
        tgroup += nodes.colspec(colwidth=1)
    thead = nodes.thead()
    tgroup += thead
    hrow = nodes.row()
    for h in headers:
        entry = nodes.entry()
        entry += nodes.paragraph("", h)
        hrow += entry
    thead += hrow
    tbody = nodes.tbody()
    tgroup += tbody
    for r in rows:
        row = nodes.row()
        for cell in r:
            if isinstance(cell, tuple):
                content, span = cell
                entry = nodes.entry(morerows=span - 1) if span > 1 else nodes.entry()
            else:
                content, entry = cell, nodes.entry()
            entry += _cell_nodes(content)
            row += entry
        tbody += row
    return table


def _citations(citations: list[CitationDescription]) -> list[nodes.Node]:
    if not citations:
        return []
    label = "Source" if len(citations) == 1 else "Sources"
    out: list[nodes.Node] = [nodes.rubric(label, label)]
    items = nodes.bullet_list(classes=["bm-citations"])
    for c in citations:
        para = nodes.paragraph()
        para += nodes.Text(c["text"].split(" doi:")[0] + " ")
        if c["doi"]:
            url = f"https://doi.org/{c['doi']}"
            para += nodes.reference("", f"doi:{c['doi']}", refuri=url)
        items += nodes.list_item("", para)
    out.append(items)
    return out


def _notes(notes: list[str]) -> list[nodes.Node]:
    if not notes:
        return []
    items = nodes.bullet_list(classes=["bm-notes"])
    for n in notes:
        items += nodes.list_item("", nodes.paragraph("", n))
    return [nodes.rubric("Notes", "Notes"), items]


def _points_nodes(d: PointsTableDescription) -> list[nodes.Node]:
    rows: list[list[Cell | tuple[Cell, int]]] = []
    for comp in d["components"]:
        opts = comp["options"]
        for i, opt in enumerate(opts):
            row: list[Cell | tuple[Cell, int]] = []
            if i == 0:
                row.append((comp["label"], len(opts)))
            row += [opt["label"], str(opt["points"])]
            rows.append(row)
    lo, hi = d["score_range"]
    out: list[nodes.Node] = [
        make_table(
            ["Component", "Finding", "Points"],
            rows,
            caption=f"{d['title']}: points (total {lo}–{hi})",
            classes=["bm-points"],
        )
    ]
    band_rows = [
        [
            str(b["low"]) if b["low"] == b["high"] else f"{b['low']}–{b['high']}",
            b["label"],
            b["interpretation"],
            b["recommendation"],
        ]
        for b in d["bands"]
    ]
    out.append(
        make_table(
            ["Total", "Band", "Interpretation", "Recommendation"],
            band_rows,
            caption=f"{d['title']}: bands",
            classes=["bm-bands"],
        )
    )
    return out


def _allowed(field: FieldDescription) -> str:
    if field["kind"] == "choice":
        return "; ".join(o["label"] for o in field["options"])
    if field["kind"] == "boolean":
        return "yes or no"
    unit = f" {field['unit']}" if field["unit"] else ""
    return f"{fmt(field['minimum'])} to {fmt(field['maximum'])}{unit}"


def _inputs_nodes(d: Description) -> list[nodes.Node]:
    optional = set(d["optional_inputs"])
    rows: list[list[Cell | tuple[Cell, int]]] = []
    for f in d["inputs"]:
        label = f["label"] + (" (optional)" if f["name"] in optional else "")
        rows.append([label, _allowed(f), f["help"]])
    return [make_table(["Input", "Allowed", "Notes"], rows, caption=f"{d['title']}: inputs")]


Inputs = dict[str, FieldDescription]


def _value_label(inputs: Inputs, field: str, value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    spec = inputs.get(field)
    if spec is None:  # a derived value (a class or a decision), named by its value
        if isinstance(value, list):
            return ", ".join(_human(v) for v in value)
        return _human(str(value))
    if spec["kind"] == "choice":
        labels = {o["value"]: o["label"] for o in spec["options"]}
        if isinstance(value, list):
            return ", ".join(labels.get(v, str(v)) for v in value)
        return labels.get(value, str(value))
    unit = f" {spec['unit']}" if spec["kind"] != "boolean" and spec["unit"] else ""
    return _text(value) + unit


def _field_label(inputs: Inputs, field: str) -> str:
    spec = inputs.get(field)
    return spec["label"] if spec is not None else _human(field)


def _condition_text(inputs: Inputs, c: ConditionDescription) -> str:
    field, op, value = c
    return f"{_field_label(inputs, field)} {_OPS.get(op, op)} {_value_label(inputs, field, value)}"


def _screen_nodes(d: ScreenDescription) -> list[nodes.Node]:
    inputs = {f["name"]: f for f in d["inputs"]}
    statuses = {s["name"]: s["label"] for s in d["statuses"]}
    rows: list[list[Cell | tuple[Cell, int]]] = []
    for c in d["criteria"]:
        when = _condition_text(inputs, [c["field"], c["op"], c["value"]])
        if c["only_for"]:
            f2, v2 = c["only_for"]
            when += f" (only when {_field_label(inputs, f2)} is "
            when += f"{_value_label(inputs, f2, v2)})"
        rows.append([c["text"], when, statuses.get(c["effect"], c["effect"]), c["citation"]])
    out = _inputs_nodes(d)
    out.append(
        make_table(
            ["Criterion", "Applies when", "Effect", "Source"],
            rows,
            caption=f"{d['title']}: criteria",
            classes=["bm-criteria"],
        )
    )
    out.append(
        make_table(
            ["Status", "Meaning", "Recommendation"],
            [[s["name"].replace("_", " "), s["label"], s["recommendation"]] for s in d["statuses"]],
            caption=f"{d['title']}: outcomes (best first)",
            classes=["bm-statuses"],
        )
    )
    out += _data_nodes(d["data"], d["title"])
    return out


def _decision_condition(
    decision: DecisionDescription, inputs: Inputs, c: ConditionDescription
) -> str:
    """A condition; one on a derived class reads as the input and the class's label."""
    field, op, value = c
    cls = next((k for k in decision["classify"] if k["name"] == field), None)
    if cls is None:
        return _condition_text(inputs, c)
    values = value if isinstance(value, list) else [value]
    shown = " or ".join(cls["labels"].get(v, _human(str(v))) for v in values)
    return f"{_field_label(inputs, cls['input'])}: {shown}" if op in ("is", "in") else shown


def _decision_nodes(decision: DecisionDescription, inputs: Inputs, title: str) -> list[nodes.Node]:
    """Each decision table: its rules in order (the first that holds decides)."""
    out: list[nodes.Node] = []
    for t in decision["tables"]:
        rows: list[list[Cell | tuple[Cell, int]]] = [
            [
                str(i),
                "; ".join(_decision_condition(decision, inputs, c) for c in r["when"])
                or "otherwise",
                t["texts"].get(r["then"], _human(r["then"])),
            ]
            for i, r in enumerate(t["rules"], start=1)
        ]
        out.append(
            make_table(
                ["Rule", "When", "Then"],
                rows,
                caption=f"{title}: {_human(t['name']).lower()} (the first rule that holds decides)",
                classes=["bm-decision"],
            )
        )
    return out


def _formula_nodes(d: FormulaDescription) -> list[nodes.Node]:
    out = _inputs_nodes(d)
    if d["decision"] is not None:
        out += _decision_nodes(d["decision"], {f["name"]: f for f in d["inputs"]}, d["title"])
    out += _data_nodes(d["data"], d["title"])
    return out


def _data_nodes(data: dict[str, Any], title: str) -> list[nodes.Node]:
    """Published data of a formula or classification, shown by shape (tables where possible)."""
    out: list[nodes.Node] = []
    scalars: list[list[Cell | tuple[Cell, int]]] = []
    for key, value in data.items():
        name = _human(key)
        if isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
            cols: list[str] = []
            for v in value.values():
                cols += [k for k in v if k not in cols and k != "name"]
            rows = [[_human(k), *(_text(v.get(c, "")) for c in cols)] for k, v in value.items()]
            out.append(make_table(["", *map(_human, cols)], rows, caption=f"{title}: {name}"))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            cols = []
            for v in value:
                cols += [k for k in v if k not in cols]
            rows = [[_text(v.get(c, "")) for c in cols] for v in value]
            out.append(make_table([_human(c) for c in cols], rows, caption=f"{title}: {name}"))
        elif (
            isinstance(value, dict)
            and value
            and all(isinstance(v, list) and v and isinstance(v[0], dict) for v in value.values())
        ):  # ladders by variant (calcium: by unit system)
            for variant, records in value.items():
                out += _data_nodes({f"{key} ({variant})": records}, title)
        elif isinstance(value, dict):
            rows = [[_human(k), _text(v)] for k, v in value.items()]
            out.append(make_table(["", "Value"], rows, caption=f"{title}: {name}"))
        elif isinstance(value, list) and value and all(isinstance(v, list | tuple) for v in value):
            out.append(nodes.rubric(name, name))
            items = nodes.bullet_list()
            for v in value:
                items += nodes.list_item("", nodes.paragraph("", _text(v)))
            out.append(items)
        else:
            scalars.append([name, _text(value)])
    if scalars:
        out.insert(0, make_table(["", "Value"], scalars, caption=f"{title}: constants"))
    return out


def describe_nodes(d: Description) -> list[nodes.Node]:
    """Docutils nodes for a calculator's ``describe()`` output (any kind, by its ``kind``)."""
    body: list[nodes.Node] = []
    if d["summary"]:
        body.append(nodes.paragraph("", d["summary"], classes=["bm-summary"]))
    if d["kind"] == "points":
        body += _points_nodes(d)
    elif d["kind"] == "screen":
        body += _screen_nodes(d)
    else:
        body += _formula_nodes(d)
    body += _citations(d["citations"])
    body += _notes(d["notes"])
    return body


class PointsTableDirective(SphinxDirective):
    """``{points-table} NAME``: the published table of engine calculator NAME."""

    required_arguments = 1
    optional_arguments = 0
    has_content = False
    option_spec = {"class": directives.class_option}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].strip()
        note_engine_dependency(self.env)
        if name not in bonemets.CALCULATORS:
            logger.warning(
                "{points-table} %s: not an engine calculator; allowed: %s",
                name,
                ", ".join(bonemets.CALCULATORS),
                location=self.get_location(),
                type="coursebook",
                subtype="points-table",
            )
            return []
        d = bonemets.get(name).describe()
        container = nodes.container(
            classes=["bm-points-table", f"bm-kind-{d['kind']}"],
            ids=[f"points-table-{name.replace('_', '-')}"],
        )
        container["classes"] += self.options.get("class", [])
        container += describe_nodes(d)
        return [container]
