"""The editable findings of a case: defined in the engine, :mod:`bonemets.cases.editable` (the
browser's live case needs them without Jupyter); re-exported here for the widgets."""

from __future__ import annotations

from bonemets.cases.editable import (
    Finding,
    case_findings,
    format_path,
    get_path,
    value_label,
)

__all__ = ["Finding", "case_findings", "format_path", "get_path", "value_label"]
