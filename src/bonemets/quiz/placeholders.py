"""Engine numbers inside quiz text: ``{{fact:...}}``, ``{{calc:...}}`` and ``{{input:...}}``.

One place per number: a stem, option or explanation does not type a trial figure, a threshold or a
worked result; it names where the engine keeps it, and the quiz build puts the value in.

``{{fact:PATH}}``
    :func:`bonemets.facts.text` of a dotted path, e.g.
    ``{{fact:evidence.hurwitz2014.outcomes.response_3m.0}}`` -> ``64.3`` or
    ``{{fact:sins.bands.indeterminate.low}}`` -> ``7``.
``{{calc:PATH}}``
    The item's *own* calculation (its ``calculator`` + ``inputs``), walked like a fact path through
    the result (``values.crcl_ml_min``, ``display.crcl_ml_min`` -> ``49.6 mL/min``,
    ``components.location.points``, ``score``, ``band_label``). ``{{calc:output}}`` is the item's
    answer (numeric items), shown exactly as the answer is shown (decimals and unit). Only in
    explanations: in a stem or an option it would give the answer away.
``{{input:NAME}}``
    One of the item's own ``inputs``, so a stem cannot describe a patient other than the one the
    engine scores (``{{input:creatinine}}`` -> ``1.6``).

An optional ``|.Nf`` after the path fixes the decimals (``{{fact:evidence.hurwitz2014.outcomes
.response_3m.1|.1f}}`` -> ``20.0``); without it values print as :func:`bonemets.facts.fmt` does
(whole floats without ``.0``). The double braces with a ``kind:`` prefix cannot occur in CommonMark
or in the ``$...$`` math the banks use, and any other ``{{`` or ``}}`` is refused, so a typo is an
error and never reaches a page. In YAML, quote a value that *starts* with ``{{`` or sits inside a
flow mapping (``{a: "...{{fact:...}}..."}``); in block scalars (``>-``) nothing needs quoting. Placeholders are resolved in :func:`bonemets.quiz.build.build_item`
(the static site, the ipywidgets quiz and ``bonemets quiz build`` all see the values) and checked
by ``bonemets quiz validate`` / ``bonemets validate``, naming file, item, field and path.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from .. import facts
from ..datafile import shown
from .models import Item

__all__ = [
    "KINDS",
    "PLACEHOLDER",
    "PlaceholderError",
    "item_texts",
    "placeholders",
    "substitute",
]

KINDS = ("fact", "calc", "input")
PLACEHOLDER = re.compile(
    r"\{\{\s*(?P<kind>[A-Za-z_]+)\s*:\s*(?P<path>[^{}|\s]*)\s*(?:\|\s*(?P<spec>[^{}\s]*)\s*)?\}\}"
)
_SPEC = re.compile(r"^\.([0-6])f$")
_TEXT_FIELDS = ("stem", "explanation")


class PlaceholderError(ValueError):
    """A placeholder that cannot be resolved: which one, and why."""

    def __init__(self, placeholder: str, message: str):
        self.placeholder = placeholder
        self.message = message
        super().__init__(f"{placeholder}: {message}")


def item_texts(item: Item) -> Iterator[tuple[str, str]]:
    """``(field, text)`` for every text of an item that may hold placeholders (and its citation,
    which may not)."""
    yield "stem", item.stem
    for key, text in (item.options or {}).items():
        yield f"options.{key}", text
    yield "explanation", item.explanation
    yield "citation", item.citation


def placeholders(text: str) -> list[re.Match[str]]:
    return list(PLACEHOLDER.finditer(text))


def _format(value: Any, spec: str | None, raw: str) -> str:
    if spec is None or spec == "":
        if spec == "":
            raise PlaceholderError(raw, "empty format after '|'; use .Nf, e.g. |.1f")
        return facts.fmt(value)
    m = _SPEC.match(spec)
    if not m:
        raise PlaceholderError(
            raw, f"format {shown(spec)} is not allowed; use .Nf (N 0-6), e.g. |.1f"
        )
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise PlaceholderError(
            raw, f"format {shown(spec)} needs a number, the value is {shown(value)}"
        )
    return f"{value:.{int(m.group(1))}f}"


def _value_at(node: Any, path: str, where: str) -> Any:
    parts = path.split(".")
    for i, part in enumerate(parts):
        node = facts._step(node, part, ".".join([where, *parts[:i]]))
    return node


def _resolve(
    match: re.Match[str],
    field: str,
    item: Item,
    result: dict[str, Any] | None,
    answer_text: str | None,
) -> str:
    raw = match.group(0)
    kind, path, spec = match.group("kind"), match.group("path"), match.group("spec")
    if kind not in KINDS:
        raise PlaceholderError(raw, f"unknown kind {shown(kind)}; allowed: {', '.join(KINDS)}")
    if not path or not re.fullmatch(r"[A-Za-z0-9_+\-]+(\.[A-Za-z0-9_+\-]+)*", path):
        raise PlaceholderError(raw, f"{shown(path)} is not a dotted path")
    if kind == "fact":
        try:
            value = facts.resolve(path)
        except KeyError as exc:
            raise PlaceholderError(
                raw, f"unknown fact path {shown(path)}: {exc.args[0] if exc.args else exc}"
            ) from None
        return _format(value, spec, raw)
    if kind == "input":
        if not item.inputs:
            raise PlaceholderError(raw, "the item has no calculator inputs")
        try:
            value = _value_at(item.inputs, path, "inputs")
        except KeyError as exc:
            raise PlaceholderError(
                raw, f"unknown input {shown(path)}: {exc.args[0] if exc.args else exc}"
            ) from None
        return _format(value, spec, raw)
    # calc
    if field != "explanation":
        raise PlaceholderError(
            raw, "{{calc:...}} is only allowed in the explanation (it would give the answer away)"
        )
    if item.calculator is None or result is None:
        raise PlaceholderError(raw, "the item has no calculation (calculator + inputs + output)")
    if path == "output":
        if item.type != "numeric":
            raise PlaceholderError(
                raw,
                "{{calc:output}} is a numeric item's answer; in a choice item name the value, "
                "e.g. {{calc:score}} or {{calc:band_label}}",
            )
        if spec is None and answer_text is not None:
            return answer_text
        path = item.output or ""
    try:
        value = _value_at(result, path, f"the {item.calculator} result")
    except KeyError as exc:
        raise PlaceholderError(
            raw, f"unknown result path {shown(path)}: {exc.args[0] if exc.args else exc}"
        ) from None
    return _format(value, spec, raw)


def substitute(
    text: str,
    field: str,
    item: Item,
    result: dict[str, Any] | None = None,
    answer_text: str | None = None,
) -> str:
    """``text`` with every placeholder replaced (raises :class:`PlaceholderError` on the first
    that fails). ``result`` is the item's calculation (``Result.to_dict()``), ``answer_text`` its
    answer as shown to the learner (for ``{{calc:output}}``)."""
    if field == "citation" and placeholders(text):
        raise PlaceholderError(placeholders(text)[0].group(0), "no placeholders in a citation")
    # Stray braces are looked for in what the author wrote (placeholders taken out), not in the
    # values put in: a unit or a fact may not be read as a broken placeholder.
    rest = PLACEHOLDER.sub(" ", text)
    stray = re.search(r"\{\{|\}\}", rest)
    out = PLACEHOLDER.sub(lambda m: _resolve(m, field, item, result, answer_text), text)
    if stray:
        start = max(0, stray.start() - 20)
        raise PlaceholderError(
            rest[start : stray.end() + 20].strip(),
            "stray '{{' or '}}': write placeholders as {{fact:path}}, {{calc:path}} or "
            "{{input:name}}",
        )
    return out


def check(
    item: Item, result: dict[str, Any] | None = None, answer_text: str | None = None
) -> list[tuple[str, str]]:
    """Every placeholder problem of an item, as ``(field, message)``."""
    problems: list[tuple[str, str]] = []
    for field, text in item_texts(item):
        for m in placeholders(text):
            try:
                if field == "citation":
                    raise PlaceholderError(m.group(0), "no placeholders in a citation")
                _resolve(m, field, item, result, answer_text)
            except PlaceholderError as exc:
                problems.append((field, str(exc)))
        rest = PLACEHOLDER.sub("", text)
        if re.search(r"\{\{|\}\}", rest):
            problems.append(
                (
                    field,
                    "stray '{{' or '}}': write placeholders as {{fact:path}}, {{calc:path}} "
                    "or {{input:name}}",
                )
            )
    return problems
