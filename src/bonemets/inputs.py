"""Typed input fields shared by every calculator.

Each field knows its name, label, allowed values or range and unit, and turns a raw value into a
normalised one or raises :class:`InputError`. Nothing here uses ``assert``: validation must survive
``python -O``.

Two entry points per field:

* :meth:`Field.parse` for Python callers: strict about types (a string is not a number).
* :meth:`Field.from_text` for the command line and web forms: converts text first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Boolean",
    "Choice",
    "Field",
    "FieldError",
    "InputError",
    "Integer",
    "Number",
]


@dataclass(frozen=True)
class FieldError:
    """One problem with one input: which field, and what is allowed."""

    field: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class InputError(ValueError):
    """The engine's own validation error. Carries every problem found, not just the first."""

    def __init__(self, errors: list[FieldError] | FieldError):
        self.errors: list[FieldError] = [errors] if isinstance(errors, FieldError) else list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))

    def to_dict(self) -> dict[str, Any]:
        return {"valid": False, "errors": [e.to_dict() for e in self.errors]}


def _fmt(x: float | int) -> str:
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return _show(x)


def _show(x: Any) -> str:
    """``repr`` that cannot fail: ints over 4300 digits refuse ``str()`` (Python >= 3.11)."""
    try:
        return repr(x)
    except ValueError:
        return "a number too large to show"


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    help: str = ""

    kind = "field"

    def parse(self, raw: Any) -> Any:  # pragma: no cover - overridden
        raise TypeError("abstract")

    def from_text(self, text: str) -> Any:
        return self.parse(text)

    def allowed(self) -> str:  # pragma: no cover - overridden
        return ""

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "kind": self.kind, "help": self.help}

    def error(self, message: str) -> InputError:
        return InputError(FieldError(self.name, message))


@dataclass(frozen=True)
class Choice(Field):
    """One of a fixed set of lower-case string values, each with a human label."""

    options: tuple[tuple[str, str], ...] = ()

    kind = "choice"

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(v for v, _ in self.options)

    def label_of(self, value: str) -> str:
        return dict(self.options)[value]

    def allowed(self) -> str:
        return "one of " + ", ".join(self.values)

    def parse(self, raw: Any) -> str:
        # An int is accepted only where its text is itself an allowed value (ESCC grade 2 -> "2").
        if isinstance(raw, bool) or not isinstance(raw, str | int):
            raise self.error(f"expected text, got {type(raw).__name__}; allowed: {self.allowed()}")
        text = raw.strip().lower() if isinstance(raw, str) else _show(raw)
        if text not in self.values:
            raise self.error(f"{_show(raw)} is not allowed; allowed: {self.allowed()}")
        return text

    def describe(self) -> dict[str, Any]:
        d = super().describe()
        d["options"] = [{"value": v, "label": lab} for v, lab in self.options]
        return d


@dataclass(frozen=True)
class Boolean(Field):
    """True or false. Python callers pass a bool; text accepts true/false, yes/no, 1/0."""

    kind = "boolean"
    _TRUE = ("true", "yes", "y", "1")
    _FALSE = ("false", "no", "n", "0")

    def allowed(self) -> str:
        return "true or false"

    def parse(self, raw: Any) -> bool:
        if not isinstance(raw, bool):
            raise self.error(f"expected true or false, got {raw!r}")
        return raw

    def from_text(self, text: str) -> bool:
        t = str(text).strip().lower()
        if t in self._TRUE:
            return True
        if t in self._FALSE:
            return False
        raise self.error(f"{text!r} is not allowed; allowed: true or false")


@dataclass(frozen=True)
class Number(Field):
    """A finite real number in a closed range, with a unit."""

    minimum: float = 0.0
    maximum: float = 0.0
    unit: str = ""
    step: float | None = None

    kind = "number"

    def allowed(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"a number from {_fmt(self.minimum)} to {_fmt(self.maximum)}{unit}"

    def _check_range(self, value: float) -> None:
        if not (self.minimum <= value <= self.maximum):
            raise self.error(f"{_fmt(value)} is out of range; allowed: {self.allowed()}")

    def parse(self, raw: Any) -> float:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise self.error(
                f"expected a number, got {type(raw).__name__}; allowed: {self.allowed()}"
            )
        try:
            value = float(raw)
        except OverflowError:  # an int beyond the float range
            raise self.error(f"{_show(raw)} is out of range; allowed: {self.allowed()}") from None
        if not math.isfinite(value):
            raise self.error(f"{raw!r} is not a finite number; allowed: {self.allowed()}")
        self._check_range(value)
        return value

    def from_text(self, text: str) -> float:
        try:
            value = float(str(text).strip())
        except ValueError:
            raise self.error(f"{text!r} is not a number; allowed: {self.allowed()}") from None
        return self.parse(value)

    def describe(self) -> dict[str, Any]:
        d = super().describe()
        d.update(minimum=self.minimum, maximum=self.maximum, unit=self.unit, step=self.step)
        return d


@dataclass(frozen=True)
class Integer(Field):
    """A whole number in a closed range, optionally on a step (KPS moves in tens)."""

    minimum: int = 0
    maximum: int = 0
    step: int = 1
    unit: str = ""

    kind = "integer"

    def allowed(self) -> str:
        step = f" in steps of {self.step}" if self.step != 1 else ""
        unit = f" {self.unit}" if self.unit else ""
        return f"a whole number from {self.minimum} to {self.maximum}{step}{unit}"

    def parse(self, raw: Any) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise self.error(
                f"expected a whole number, got {type(raw).__name__}; allowed: {self.allowed()}"
            )
        if isinstance(raw, float):
            if not math.isfinite(raw) or not raw.is_integer():
                raise self.error(f"{raw!r} is not a whole number; allowed: {self.allowed()}")
            raw = int(raw)
        if not (self.minimum <= raw <= self.maximum) or (raw - self.minimum) % self.step:
            raise self.error(f"{_show(raw)} is out of range; allowed: {self.allowed()}")
        return raw

    def from_text(self, text: str) -> int:
        t = str(text).strip()
        try:
            value = int(t)
        except ValueError:
            raise self.error(f"{text!r} is not a whole number; allowed: {self.allowed()}") from None
        return self.parse(value)

    def describe(self) -> dict[str, Any]:
        d = super().describe()
        d.update(minimum=self.minimum, maximum=self.maximum, step=self.step, unit=self.unit)
        return d


def parse_inputs(
    fields: tuple[Field, ...] | list[Field],
    raw: dict[str, Any],
    *,
    optional: frozenset[str] = frozenset(),
    text: bool = False,
) -> dict[str, Any]:
    """Validate ``raw`` against ``fields``; collect every problem, refuse partial input.

    ``optional`` names fields that may be absent (they are then left out of the result).
    """
    errors: list[FieldError] = []
    known = {f.name for f in fields}
    for key in raw:
        if key not in known:
            errors.append(
                FieldError(key, "unknown input; this calculator takes: " + ", ".join(sorted(known)))
            )
    out: dict[str, Any] = {}
    for f in fields:
        if f.name not in raw or raw[f.name] is None:
            if f.name not in optional:
                errors.append(FieldError(f.name, f"missing; allowed: {f.allowed()}"))
            continue
        try:
            out[f.name] = f.from_text(raw[f.name]) if text else f.parse(raw[f.name])
        except InputError as exc:
            errors.extend(exc.errors)
    if errors:
        raise InputError(errors)
    return out
