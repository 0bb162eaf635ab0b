"""Band colours: one sequential ramp for every calculator's bands, and a readable text colour.

Used by the charts (altair colour scales) and the widgets (HTML badges). The colours show
*position along a scale*, not good or bad: for some scores a low band is the favourable end
(Tomita), for others the unfavourable one (Tokuhashi), so traffic-light colours would mislead. A
band is never shown by colour alone: its label is always written beside or on it.
"""

from __future__ import annotations

from functools import cache

import bonemets

__all__ = [
    "NEUTRAL",
    "RAMP",
    "band_colour",
    "band_colours",
    "band_order",
    "ramp",
    "text_colour",
]

#: A single-hue sequential ramp (light to dark).
RAMP = ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b")
#: The colour of an unknown band (or no band).
NEUTRAL = "#e0e0e0"


def ramp(n: int) -> list[str]:
    """``n`` colours spread evenly along :data:`RAMP` (light to dark)."""
    if n <= 1:
        return [RAMP[2]] * n
    step = (len(RAMP) - 1) / (n - 1)
    return [RAMP[round(i * step)] for i in range(n)]


def _relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#rrggbb`` colour."""

    def linear(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_colour(bg: str) -> str:
    """Black or white, whichever has the higher WCAG contrast ratio on ``bg``."""
    lum = _relative_luminance(bg)
    on_black = (lum + 0.05) / 0.05
    on_white = 1.05 / (lum + 0.05)
    return "#000000" if on_black >= on_white else "#ffffff"


@cache
def band_order(name: str) -> tuple[tuple[str, str], ...]:
    """The calculator's bands as ``(name, label)`` in the engine's own order (empty if none)."""
    return bonemets.get(name).band_labels()


def band_colour(name: str, band: str | None) -> str:
    """The background colour of ``band`` of calculator ``name`` (neutral grey if unknown)."""
    names = [b for b, _ in band_order(name)]
    if band is None or band not in names:
        return NEUTRAL
    return ramp(len(names))[names.index(band)]


def band_colours(name: str) -> tuple[list[str], list[str]]:
    """Altair scale domain (band labels) and range (colours) for calculator ``name``."""
    order = band_order(name)
    return [label for _, label in order], ramp(len(order))
