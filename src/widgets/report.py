"""Text and HTML renderings of engine results, shared by the widgets and the case notebooks.

Nothing here computes a clinical value: every number and label comes from a
:class:`bonemets.Result` or from a calculator's ``describe()``. Colours are presentation only, and a
band is never shown by colour alone: every badge carries the band's label as text.
"""

from __future__ import annotations

import html
from typing import Any

from bonemets import Result
from charts.palette import band_colour, text_colour

__all__ = [
    "band_badge",
    "component_rows",
    "result_html",
    "result_lines",
    "result_text",
]


def band_badge(name: str, band: str | None, label: str | None) -> str:
    """An HTML badge: the band's label written on its colour (readable without colour)."""
    if band is None:
        return ""
    bg = band_colour(name, band)
    return (
        f'<span class="bonemets-band" data-band="{html.escape(band)}" '
        f'style="background:{bg};color:{text_colour(bg)};padding:0.1em 0.5em;'
        f'border-radius:0.3em;border:1px solid #555;font-weight:600">'
        f"{html.escape(label or band)}</span>"
    )


def component_rows(result: Result) -> list[tuple[str, str, int]]:
    """(item, what was chosen, points) for each component of a points score."""
    return [(c.label, c.value_label, c.points) for c in result.components]


def result_lines(result: Result) -> list[str]:
    """The result as plain-text lines: what nbval compares and a reader without a kernel reads."""
    lines = [result.title]
    for label, chosen, points in component_rows(result):
        lines.append(f"  {label}: {chosen} -> {points}")
    if result.score is not None:
        lines.append(f"  Total: {result.display.get('score', result.score)}")
    for key, shown in result.display.items():
        if key != "score":
            lines.append(f"  {key}: {shown}")
    if result.band is not None:
        lines.append(f"  Band: {result.band_label} [{result.band}]")
    for r in result.reasons:
        lines.append(f"  Reason ({r.effect}): {r.text} ({r.citation.short()})")
    lines.append(f"  Interpretation: {result.interpretation}")
    lines.append(f"  Recommendation: {result.recommendation}")
    lines.append("  Source: " + "; ".join(c.short() for c in result.citations))
    return lines


def result_text(result: Result) -> str:
    return "\n".join(result_lines(result))


def _esc(x: Any) -> str:
    return html.escape(str(x))


def result_html(result: Result) -> str:
    """The full result panel: components with points, total, band, advice and citations."""
    parts: list[str] = ['<div class="bonemets-result">']
    if result.components:
        rows = "".join(
            f"<tr><td>{_esc(lab)}</td><td>{_esc(chosen)}</td>"
            f'<td style="text-align:right">{pts}</td></tr>'
            for lab, chosen, pts in component_rows(result)
        )
        total = _esc(result.display.get("score", result.score))
        parts.append(
            '<table class="bonemets-components"><thead><tr><th>Item</th><th>Finding</th>'
            '<th style="text-align:right">Points</th></tr></thead>'
            f"<tbody>{rows}</tbody><tfoot><tr><th colspan=2>Total</th>"
            f'<th style="text-align:right">{total}</th></tr></tfoot></table>'
        )
    shown = {k: v for k, v in result.display.items() if k != "score"}
    if shown:
        parts.append(
            "<ul>" + "".join(f"<li>{_esc(k)}: <b>{_esc(v)}</b></li>" for k, v in shown.items())
        )
        parts.append("</ul>")
    if result.band is not None:
        parts.append(
            "<p>Band: " + band_badge(result.calculator, result.band, result.band_label) + "</p>"
        )
    if result.reasons:
        parts.append(
            "<ul>"
            + "".join(
                f"<li>{_esc(r.text)} (<i>{_esc(r.effect)}</i>; {_esc(r.citation.short())})</li>"
                for r in result.reasons
            )
            + "</ul>"
        )
    parts.append(f"<p>{_esc(result.interpretation)}</p>")
    parts.append(f"<p><b>Recommendation:</b> {_esc(result.recommendation)}</p>")
    parts.append(
        '<p class="bonemets-citation"><small>Source: '
        + "; ".join(_esc(c.full()) for c in result.citations)
        + "</small></p>"
    )
    parts.append("</div>")
    return "".join(parts)


def withheld_lines(evaluation: Any) -> list[str]:
    """What the safety table withheld from the pathway, one line each with reason and source."""
    return [w.text() for w in getattr(evaluation, "withheld", None) or []]


def withheld_html(evaluation: Any) -> str:
    """The withheld actions as an HTML list (empty string when nothing was withheld)."""
    lines = withheld_lines(evaluation)
    if not lines:
        return ""
    items = "".join(f"<li>{_esc(line)}</li>" for line in lines)
    return (
        "<p><b>Withheld</b> (the patient's own record rules these out):</p>"
        f"<ul class='bm-withheld'>{items}</ul>"
    )
