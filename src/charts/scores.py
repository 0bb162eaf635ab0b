"""Charts of the points scores: band scale, what-if and context.

Every number plotted comes from the engine: band edges from ``describe()``, totals from
``bonemets.calculate`` / ``PointsTable.input_space()``. Every chart has a title and a
``description`` (read by screen readers), and bands are labelled in text as well as by colour.

    >>> from charts import scores
    >>> r = bonemets.calculate("mirels", site="upper_limb", pain="mild", lesion="lytic", size="gt_2_3")
    >>> scores.band_scale("mirels", r)        # the band scale with this patient's total
    >>> scores.what_if("mirels", r.inputs)    # which single change would move the band
    >>> scores.context("mirels", r)           # where this total sits in the whole input space
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import cache
from typing import Any

import altair as alt

import bonemets
from bonemets import InputError, Result
from bonemets.tables import PointsTable

from .palette import band_colours

__all__ = [
    "EFFECTS",
    "band_scale",
    "band_scale_spec",
    "band_scales",
    "band_scales_spec",
    "case_what_if",
    "context",
    "has_band_scale",
    "library_context",
    "score_distribution",
    "what_if",
    "what_if_chart",
    "what_if_rows",
]

WIDTH = 420


def _table(name: str) -> PointsTable:
    calc = bonemets.get(name)
    if not isinstance(calc, PointsTable):
        raise ValueError(f"{name!r} is not a points score; charts need one of: {points_scores()}")
    return calc


def points_scores() -> list[str]:
    return [n for n, c in bonemets.CALCULATORS.items() if isinstance(c, PointsTable)]


def has_band_scale(name: str) -> bool:
    """True for calculators with a points total and bands over it (Mirels, SINS, Tokuhashi...)."""
    return isinstance(bonemets.CALCULATORS.get(name), PointsTable)


def _colour(name: str) -> alt.Scale:
    domain, range_ = band_colours(name)
    return alt.Scale(domain=domain, range=range_)


def _score_of(result: Result | int | None) -> int | None:
    if result is None or isinstance(result, int):
        return result
    return result.score


# -- band scale -------------------------------------------------------------------------------
def _band_scale_layers(name: str, score: int | None) -> list[alt.Chart]:
    table = _table(name)
    lo, hi = table.score_range
    rows = [
        {
            "band": b.label,
            "range": b.range_text,
            "start": b.low - 0.5,
            "end": b.high + 0.5,
            "mid": (b.low + b.high) / 2,
        }
        for b in table.bands
    ]
    x = alt.X(
        "start:Q",
        title="Total points",
        scale=alt.Scale(domain=[lo - 0.5, hi + 0.5], nice=False, zero=False),
        axis=alt.Axis(tickMinStep=1, format="d", values=list(range(lo, hi + 1))),
    )
    base = alt.Chart(alt.Data(values=rows))
    bars = base.mark_bar(stroke="#333", strokeWidth=0.5).encode(
        x=x,
        x2="end:Q",
        color=alt.Color(
            "band:N",
            scale=_colour(name),
            legend=alt.Legend(title="Band", orient="bottom", labelLimit=320),
        ),
        tooltip=[alt.Tooltip("band:N", title="Band"), alt.Tooltip("range:N", title="Points")],
    )
    labels = base.mark_text(dy=-22, fontSize=10).encode(x="mid:Q", text="range:N")
    layers = [bars, labels]
    if score is not None:
        band = table.band_for(score)
        marker = alt.Chart(
            alt.Data(values=[{"score": score, "text": f"this patient: {score} ({band.label})"}])
        )
        layers += [
            marker.mark_rule(color="black", strokeWidth=3).encode(
                x="score:Q", tooltip=alt.Tooltip("text:N", title="Position")
            ),
            marker.mark_point(
                shape="triangle-down", size=120, filled=True, color="black", yOffset=-14
            ).encode(x="score:Q"),
        ]
    return layers


def band_scale(name: str, result: Result | int | None = None, where: str = "") -> alt.LayerChart:
    """The bands of score ``name`` along its total, with the patient's position if given
    (``where``: the lesion of a per-lesion score, shown in the title)."""
    table = _table(name)
    score = _score_of(result)
    lo, hi = table.score_range
    bands = "; ".join(f"{b.label} {b.range_text}" for b in table.bands)
    where_text = subtitle = ""
    if score is not None:
        label = table.band_for(score).label
        where_text = f" This patient's total is {score}, in the band {label}."
        subtitle = f"; this patient: {score} ({label})"
    title = f"{table.title}: band scale" + (f" ({where})" if where else "")
    return alt.layer(*_band_scale_layers(name, score)).properties(
        width=WIDTH,
        height=36,
        title=alt.Title(title, subtitle=f"Totals {lo}–{hi}{subtitle}"),
        description=f"Band scale of the {table.title}, totals {lo} to {hi}: {bands}.{where_text}",
    )


def _band_scale_for(name: str, score: int | None, where: str) -> alt.LayerChart:
    return band_scale(name, score, where)


def _scored(results: Mapping[str, Result]) -> list[tuple[str, Result, str]]:
    return [
        (key, r, key.split(":", 1)[1] if ":" in key else "")
        for key, r in results.items()
        if has_band_scale(r.calculator) and r.score is not None
    ]


def _band_scales_description(results: Mapping[str, Result]) -> str:
    return "; ".join(f"{k}: {r.score} ({r.band_label})" for k, r, _w in _scored(results))


def band_scales(results: Mapping[str, Result]) -> alt.VConcatChart | None:
    """One band scale per points score in ``results`` (keys as in a case evaluation, where
    ``"mirels:left_femur"`` is the Mirels score of lesion ``left_femur``)."""
    charts = [_band_scale_for(r.calculator, r.score, where) for _k, r, where in _scored(results)]
    if not charts:
        return None
    return (
        alt.vconcat(*charts)
        .resolve_scale(color="independent", x="independent")
        .properties(
            title="Scores of this case on their band scales",
            description=_band_scales_description(results),
        )
    )


@cache
def band_scale_spec(name: str, score: int | None = None, where: str = "") -> dict[str, Any]:
    """The Vega-Lite dict of one band scale (validated once, then cached: it is a pure function
    of the score, the total and the lesion, so a live widget re-renders in microseconds)."""
    return _band_scale_for(name, score, where).to_dict()


def band_scales_spec(results: Mapping[str, Result]) -> dict[str, Any] | None:
    """The Vega-Lite dict of :func:`band_scales`, assembled from cached band scales."""
    parts = [band_scale_spec(r.calculator, r.score, where) for _k, r, where in _scored(results)]
    if not parts:
        return None
    head = {k: v for k, v in parts[0].items() if k in ("$schema", "config")}
    subs = [{k: v for k, v in p.items() if k not in ("$schema", "config")} for p in parts]
    return {
        **head,
        "vconcat": subs,
        "resolve": {"scale": {"color": "independent", "x": "independent"}},
        "title": "Scores of this case on their band scales",
        "description": _band_scales_description(results),
    }


# -- what-if ---------------------------------------------------------------------------------
#: How a single change affects the outcome (the legend's order).
EFFECTS = ("current value", "same outcome", "changes the band", "changes the pathway")


def _representative(option: Any, field: Any) -> Any:
    if option.between is not None:
        lo, _hi = option.between
        return lo if lo is not None else field.minimum
    return option.values[0] if option.values else None


def what_if_rows(name: str, inputs: Mapping[str, Any]) -> list[dict[str, Any]]:
    """For each item of score ``name`` and each of its options, the total and band if only that
    item changed. ``inputs`` are complete engine inputs (e.g. ``result.inputs``)."""
    table = _table(name)
    current = table.evaluate(**inputs)
    rows: list[dict[str, Any]] = []
    for order, comp in enumerate(table.components):
        now = next(c for c in current.components if c.name == comp.name)
        for opt in comp.options:
            trial = dict(inputs)
            if comp.alternate is not None:
                trial.pop(comp.alternate.name, None)
            value = _representative(opt, comp.input)
            if value is None:
                continue
            trial[comp.input.name] = value
            try:
                r = table.evaluate(**trial)
            except InputError:  # pragma: no cover - every option is valid by construction
                continue
            is_current = opt.label == now.value_label
            effect = (
                EFFECTS[0] if is_current else EFFECTS[2] if r.band != current.band else EFFECTS[1]
            )
            rows.append(
                {
                    "order": order,
                    "input": comp.label,
                    "option": opt.label,
                    "points": opt.points,
                    "outcome": r.band_label,
                    "total": r.score,
                    "effect": effect,
                }
            )
    return rows


def what_if_chart(
    rows: list[dict[str, Any]],
    *,
    title: str,
    description: str,
    x: str = "total",
    x_title: str = "Total if only this item changed",
    colour: alt.Scale | None = None,
) -> alt.Chart:
    """A dot per (input, value): where the outcome would be, marked by whether it changes.

    ``rows`` have ``input``, ``option``, ``outcome``, ``effect`` and the ``x`` field."""
    y = alt.Y("row:N", title=None, sort=alt.SortField("seq"), axis=alt.Axis(labelLimit=320))
    data = [{**r, "row": f"{r['input']}: {r['option']}", "seq": i} for i, r in enumerate(rows)]
    base = alt.Chart(alt.Data(values=data))
    x_enc = alt.X(f"{x}:Q", title=x_title) if x == "total" else alt.X(f"{x}:N", title=x_title)
    dots = base.mark_point(size=90, filled=True, strokeWidth=2).encode(
        x=x_enc,
        y=y,
        color=alt.Color(
            "outcome:N",
            scale=colour or alt.Undefined,
            legend=alt.Legend(title="Outcome", orient="bottom"),
        ),
        shape=alt.Shape(
            "effect:N",
            scale=alt.Scale(
                domain=list(EFFECTS), range=["diamond", "circle", "square", "triangle-up"]
            ),
            legend=alt.Legend(title="Effect", orient="bottom"),
        ),
        stroke=alt.condition(alt.datum.effect == EFFECTS[0], alt.value("black"), alt.value("#333")),
        tooltip=["input:N", "option:N", "outcome:N", "effect:N"],
    )
    text = base.mark_text(align="left", dx=9, fontSize=10).encode(x=x_enc, y=y, text="effect:N")
    return alt.layer(dots, text).properties(width=WIDTH, title=title, description=description)


def what_if(name: str, inputs: Mapping[str, Any]) -> alt.LayerChart:
    """For each item of score ``name``: the total and band each of its options would give."""
    table = _table(name)
    rows = what_if_rows(name, inputs)
    movers = [f"{r['input']} {r['option']}" for r in rows if r["effect"] == EFFECTS[2]]
    desc = (
        f"What-if for the {table.title}: each item's options with the total they would give, "
        "the others unchanged. "
        + (
            "Options that change the band: " + "; ".join(movers) + "."
            if movers
            else "No single change moves the band."
        )
    )
    return what_if_chart(
        rows,
        title=f"{table.title}: what if one item were different?",
        description=desc,
        colour=_colour(name),
    )


# -- context ---------------------------------------------------------------------------------
@cache
def score_distribution(name: str) -> tuple[tuple[int, str, int], ...]:
    """(total, band label, number of input combinations) over the table's whole input space."""
    table = _table(name)
    counts: Counter[int] = Counter()
    for combo in table.input_space():
        counts[table.score(combo).score] += 1  # input_space() is valid by construction
    return tuple((t, table.band_for(t).label, n) for t, n in sorted(counts.items()))


def context(name: str, result: Result | int | None = None) -> alt.LayerChart:
    """How the totals of score ``name`` spread over every combination of its inputs, and where
    this patient sits. Each combination counts once: this is the score's shape, not a population."""
    table = _table(name)
    dist = score_distribution(name)
    n = sum(c for *_, c in dist)
    score = _score_of(result)
    rows = [
        {"total": t, "band": b, "combinations": c, "share": round(100 * c / n, 1)}
        for t, b, c in dist
    ]
    bars = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=alt.X("total:O", title="Total points"),
            y=alt.Y("share:Q", title="% of input combinations"),
            color=alt.Color(
                "band:N",
                scale=_colour(name),
                legend=alt.Legend(title="Band", orient="bottom", labelLimit=320),
            ),
            tooltip=["total:O", "band:N", "combinations:Q", "share:Q"],
        )
    )
    layers: list[alt.Chart] = [bars]
    where = ""
    if score is not None:
        below = sum(c for t, _b, c in dist if t < score)
        at = sum(c for t, _b, c in dist if t == score)
        where = (
            f" This patient's total {score}: {round(100 * below / n)}% of combinations score lower, "
            f"{round(100 * at / n)}% the same."
        )
        mark = alt.Chart(alt.Data(values=[{"total": score, "text": f"this patient ({score})"}]))
        layers += [
            mark.mark_rule(color="black", strokeWidth=2, strokeDash=[4, 2]).encode(x="total:O"),
            mark.mark_text(align="left", dx=4, dy=-6, fontWeight="bold", baseline="bottom").encode(
                x="total:O", y=alt.value(0), text="text:N"
            ),
        ]
    return alt.layer(*layers).properties(
        width=WIDTH,
        height=160,
        title=alt.Title(
            f"{table.title}: where this total sits",
            subtitle=f"All {n} combinations of the inputs, each counted once (not a patient population)",
        ),
        description=f"Distribution of the {table.title} over all {n} input combinations." + where,
    )


def library_context(
    scores_by_case: Mapping[str, Mapping[str, Result]], highlight: str | None = None
) -> alt.Chart:
    """Each case of the library on each points score it has; ``highlight`` one case id.

    ``scores_by_case`` maps a case id to its results (as ``CaseEvaluation.results``)."""
    rows: list[dict[str, Any]] = []
    for case_id, results in scores_by_case.items():
        for key, r in results.items():
            if has_band_scale(r.calculator) and r.score is not None:
                rows.append(
                    {
                        "case": case_id,
                        "score": _table(r.calculator).title.split(" (")[0],
                        "key": key,
                        "total": r.score,
                        "band": r.band_label,
                        "this": "this case" if case_id == highlight else "other cases",
                    }
                )
    here = [f"{r['key']} {r['total']}" for r in rows if r["this"] == "this case"]
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_point(filled=True)
        .encode(
            x=alt.X("total:Q", title="Total points"),
            y=alt.Y("score:N", title=None),
            shape=alt.Shape("this:N", legend=alt.Legend(title=None, orient="bottom")),
            size=alt.Size(
                "this:N",
                scale=alt.Scale(domain=["this case", "other cases"], range=[160, 40]),
                legend=None,
            ),
            color=alt.Color(
                "this:N",
                scale=alt.Scale(domain=["this case", "other cases"], range=["#d62728", "#7f7f7f"]),
                legend=None,
            ),
            tooltip=["case:N", "key:N", "total:Q", "band:N"],
        )
        .properties(
            width=WIDTH,
            title="This case among the case library",
            description=f"Totals of every points score across {len(scores_by_case)} library cases"
            + (f"; this case ({highlight}): " + ", ".join(here) if highlight else "")
            + ".",
        )
    )


# -- what-if over a whole case ---------------------------------------------------------------
EFFECT_COLOURS = ("#ffffff", "#f0f0f0", "#9ecae1", "#08519c")
CELL = 64  # width of a what-if cell (px)


def case_what_if(rows: list[dict[str, Any]], case_id: str) -> alt.LayerChart:
    """A grid: one row per finding that some single change would matter for, one cell per value,
    coloured and labelled by its effect (``rows`` from ``widgets.simulator.what_if_rows``)."""
    matters = {r["input"] for r in rows if r["effect"] in EFFECTS[2:]}
    shown = []
    position: dict[str, int] = {}
    for r in rows:
        if r["input"] in matters:
            position[r["input"]] = position.get(r["input"], 0) + 1
            shown.append({**r, "position": position[r["input"]], "seq": len(shown)})
    inert = sorted({r["input"] for r in rows} - matters)
    base = alt.Chart(alt.Data(values=shown))
    y = alt.Y("input:N", title=None, sort=alt.SortField("seq"), axis=alt.Axis(labelLimit=320))
    x = alt.X("position:O", title=None, axis=None)
    cells = base.mark_rect(stroke="#555").encode(
        x=x,
        y=y,
        strokeWidth=alt.condition(alt.datum.effect == EFFECTS[0], alt.value(2.5), alt.value(0.5)),
        color=alt.Color(
            "effect:N",
            scale=alt.Scale(domain=list(EFFECTS), range=list(EFFECT_COLOURS)),
            legend=alt.Legend(title="If only this finding had this value", orient="bottom"),
        ),
        tooltip=["input:N", "option:N", "effect:N", "outcome:N"],
    )
    text = base.mark_text(fontSize=10, limit=CELL - 4).encode(
        x=x,
        y=y,
        text="short:N",
        color=alt.condition(alt.datum.effect == EFFECTS[3], alt.value("white"), alt.value("black")),
    )
    movers = [
        f"{r['input']} = {r['option']} ({r['outcome']})"
        for r in shown
        if r["effect"] in EFFECTS[2:]
    ]
    more = f" and {len(movers) - 12} more" if len(movers) > 12 else ""
    return alt.layer(cells, text).properties(
        width=alt.Step(CELL),
        title=alt.Title(
            f"Case {case_id}: which single change would matter?",
            subtitle="Each cell: this finding alone set to this value, everything else as in the case",
        ),
        description=(
            f"What-if grid for case {case_id}. "
            + (
                f"{len(movers)} single changes matter: " + "; ".join(movers[:12]) + more + ". "
                if movers
                else "No single change matters. "
            )
            + (f"{len(inert)} other findings change nothing on their own." if inert else "")
        ),
    )
