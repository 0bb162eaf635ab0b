"""Numeric hygiene shared by the formulas.

Band decisions use the unrounded value; rounding is for display only. Binary floating point adds
noise in the 15th-16th significant digit (11.2 + 0.8 is 11.999999999999998), which would move a
value that is exactly on a band edge to the wrong side. :func:`denoise` rounds to 9 decimal places:
far below any clinical precision, far above floating-point noise. The static-site calculators apply
the same step.
"""

from __future__ import annotations

DECIMALS = 9


def denoise(x: float) -> float:
    """Remove floating-point noise (not a clinical rounding)."""
    return round(x, DECIMALS)
