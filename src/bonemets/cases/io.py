"""Case files: loading with the shared hardened loader, validation with file, field path and line.

YAML is read by :func:`bonemets.datafile.load_yaml`, the one loader of every authored file (size
cap, no aliases, depth cap, plain tags only, text keys, no duplicate keys, no control characters,
numbers as typed and finite, real dates); see :mod:`bonemets.datafile`. Case text (titles,
summaries, discussion, histology, regimens, ...) is plain text: it is shown as typed, never as
HTML or Markdown, and text that looks like HTML markup or holds MathJax commands is refused here
with file, line and field (see :func:`text_problems`).

Every problem is a :class:`Problem` naming the file, the field path (``lesions[0].size``), the line
where the parser gives one, and a message saying what was found and what is allowed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ..datafile import (
    MAX_BYTES,
    MAX_DEPTH,
    DataFileError,
    Problem,
    YamlDocument,
    format_path,
    load_yaml,
    shown,
    text_problems,
)

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "CaseError",
    "Problem",
    "YamlDocument",
    "format_path",
    "load_case",
    "load_yaml",
    "parse_case",
    "text_problems",
]

#: A case (or any data file) failed loading or validation; ``problems`` lists every problem.
#: The same class as the loader's error, so ``except CaseError`` also catches loading problems.
CaseError = DataFileError

Path_ = tuple[str | int, ...]


def _text_fields(data: Any, path: Path_ = ()) -> list[tuple[Path_, str]]:
    if isinstance(data, dict):
        return [x for k, v in data.items() for x in _text_fields(v, (*path, k))]
    if isinstance(data, list):
        return [x for i, v in enumerate(data) for x in _text_fields(v, (*path, i))]
    if isinstance(data, str):
        return [(path, data)]
    return []


# --- cases -----------------------------------------------------------------------------------
def _models_in(tp: Any) -> list[Any]:
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    out: list[Any] = []
    for arg in get_args(tp):
        out.extend(_models_in(arg))
    return out


def _walk(loc: Path_) -> tuple[Path_, Any]:
    """(the path with pydantic's union-member tags removed, the model the path ends in)."""
    from ..patient import Case

    current: Any = Case
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, int):
            out.append(part)
            continue
        models = _models_in(current)
        if models and part in models[0].model_fields:
            out.append(part)
            current = models[0].model_fields[part].annotation
    return tuple(out), current


def _allowed_fields(loc: Path_) -> list[str] | None:
    """Field names allowed where an unknown field ``loc`` was found."""
    _, parent = _walk(loc[:-1])
    models = _models_in(parent)
    return list(models[0].model_fields) if models else None


def _message(err: Mapping[str, Any]) -> str:
    kind = err["type"]
    value = err.get("input")
    loc = tuple(err["loc"])
    if kind == "missing":
        return "missing; this field is required"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(loc)
        tail = f"; allowed here: {', '.join(allowed)}" if allowed else ""
        return f"unknown field{tail}"
    msg: str = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if kind in {"model_type", "model_attributes_type"}:
        return f"expected a mapping of fields, found {type(value).__name__} {shown(value)}"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"{shown(value)} is not allowed; allowed: {expected}"
    value_text = shown(value, 80)
    ctx = err.get("ctx", {})
    bounds = {
        "less_than_equal": ("at most", "le"),
        "less_than": ("less than", "lt"),
        "greater_than_equal": ("at least", "ge"),
        "greater_than": ("more than", "gt"),
        "multiple_of": ("a multiple of", "multiple_of"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        limit = ctx.get(key)
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)
        return f"found {value_text}; allowed: {words} {limit}"
    if kind == "value_error" and isinstance(value, dict):
        return msg
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"found {type(value).__name__} {value_text}; {msg.lower()}"
    return f"found {value_text}; {msg}"


def _problems(exc: ValidationError, source: str, line: Any) -> list[Problem]:
    """One problem per field: the errors pydantic gives per union member are merged."""
    grouped: dict[Path_, list[ErrorDetails]] = {}
    for err in exc.errors():
        loc, _ = _walk(tuple(err["loc"]))
        if err["type"] == "extra_forbidden":
            loc = (*loc, err["loc"][-1])
        grouped.setdefault(loc, []).append(err)
    out = []
    for loc, errs in grouped.items():
        if len(errs) == 1:
            msg = _message(errs[0])
        else:
            value = errs[0].get("input")
            options = []
            for e in errs:
                m = e["msg"].removeprefix("Value error, ")
                if e["type"] == "literal_error":
                    m = "one of " + e.get("ctx", {}).get("expected", "")
                if m not in options:
                    options.append(m)
            msg = f"found {shown(value)}; allowed: " + " or ".join(
                o[0].lower() + o[1:] for o in options
            )
        out.append(Problem(source, format_path(loc), line(loc), msg))
    return out


def parse_case(data: Any, source: str = "<memory>", doc: YamlDocument | None = None) -> Any:
    """Validate a dict as a case and return the :class:`~bonemets.patient.Case`.

    Raises :class:`CaseError` listing every problem (field path, line if ``doc`` gives lines).
    """
    from ..patient import Case, consistency_problems

    def line(path: Path_) -> int | None:
        return doc.line_of(path) if doc is not None else None

    if not isinstance(data, dict):
        raise CaseError(
            [
                Problem(
                    source,
                    "(top level)",
                    line(()),
                    f"expected a mapping of case fields, found {type(data).__name__}",
                )
            ]
        )
    text = [
        Problem(source, format_path(p), line(p), m)
        for p, value in _text_fields(data)
        for m in text_problems(value)
    ]
    if text:
        raise CaseError(text)
    kind = data.get("kind", "case")
    if kind != "case":
        raise CaseError(
            [Problem(source, "kind", line(("kind",)), f"{kind!r} is not a case; allowed: case")]
        )
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        raise CaseError(_problems(exc, source, line)) from None
    extra = consistency_problems(case)
    if extra:
        raise CaseError([Problem(source, format_path(p), line(p), m) for p, m in extra])
    return case


def load_case(path: str | os.PathLike[str]) -> Any:
    """Load and validate one case file. Raises :class:`CaseError` (never a traceback for input)."""
    doc = load_yaml(path)
    case = parse_case(doc.data, str(path), doc)
    stem = Path(path).stem
    if case.id != stem:
        raise CaseError(
            [
                Problem(
                    str(path),
                    "id",
                    doc.line_of(("id",)),
                    f"{case.id!r} does not match the file name; allowed: {stem!r} (file <id>.yaml)",
                )
            ]
        )
    return case
