"""Typed input fields shared by every calculator.

Each field knows its name, label, allowed values or range and unit, and turns a raw value into a
normalised one or raises :class:`InputError`. Nothing here uses ``assert``: validation must survive
``python -O``.

Two entry points per field:

* :meth:`Field.parse` for Python callers: strict about types (a string is not a number).
* :meth:`Field.from_text` for the command line and web forms: converts text first.

Typed numbers follow ONE grammar, :data:`NUMBER_PATTERN` (whole numbers: :data:`INTEGER_PATTERN`):
ASCII digits with at most one decimal point and an optional leading sign, surrounded by optional
spaces, tabs or line breaks. Nothing else is read as a number: no ``_`` (Python's ``1_0``), no
non-ASCII digits (``١٠``, ``１０``, ``𝟖``), no exponent, no thousands separator, no unit, no hex, no
``nan``/``inf``. A negative value is then refused by the field's range. The decimal comma is refused
with its own message (:data:`COMMA_MESSAGE`), never dropped and never read: ``1,200`` could be a
thousands separator or a decimal comma, so the course does not guess. The static-site calculators
read the same patterns and messages from ``describe()`` (``syntax``), so the site and the command
line accept and refuse the same text.

Messages never echo more than :data:`ECHO_MAX` characters of what was given (:func:`echo`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .describe import (
    BooleanFieldDescription,
    ChoiceFieldDescription,
    FieldDescription,
    NumberFieldDescription,
    SyntaxDescription,
)

__all__ = [
    "COMMA_MESSAGE",
    "ECHO_MAX",
    "INTEGER_PATTERN",
    "NUMBER_PATTERN",
    "Boolean",
    "Choice",
    "Field",
    "FieldError",
    "InputError",
    "Integer",
    "Number",
    "echo",
    "parse_number_text",
]

#: Surrounding white space allowed around a typed number (the same in Python and JavaScript).
_SPACE = "[ \\t\\r\\n]*"
#: A typed decimal number: the whole text must match (``re.fullmatch``; JavaScript ``^(?:…)$``).
#: Written with explicit ``[0-9]`` (Python's ``\\d`` would match every Unicode digit).
NUMBER_PATTERN = _SPACE + "[+-]?(?:[0-9]+(?:[.][0-9]*)?|[.][0-9]+)" + _SPACE
#: A typed whole number.
INTEGER_PATTERN = _SPACE + "[+-]?[0-9]+" + _SPACE
#: Text that would be a number with a decimal point in place of its comma(s): "1,2", "1,200".
COMMA_PATTERN = _SPACE + "[+-]?[0-9]*,[0-9,.]*" + _SPACE
#: Longest text read as a number: every double in the fields' ranges fits in positional notation
#: (the smallest, 5e-324, is 326 characters); a 100 kB "number" does not.
MAX_NUMBER_CHARS = 400
#: Longest text read as a whole number (Python's int() refuses over 4,300 digits).
MAX_INTEGER_CHARS = 40
#: What a message says about a decimal comma (``{text}``: the echoed input).
COMMA_MESSAGE = "{text}: use a decimal point and no comma (1.2, not 1,2; 1200, not 1,200)"
#: What a message says about any other text that is not a number.
SYNTAX_MESSAGE = "{text} is not a number"
SYNTAX_MESSAGE_INTEGER = "{text} is not a whole number"
#: How many characters of a bad input a message repeats.
ECHO_MAX = 20

_NUMBER_RE = re.compile(NUMBER_PATTERN)
_INTEGER_RE = re.compile(INTEGER_PATTERN)
_COMMA_RE = re.compile(COMMA_PATTERN)


def _escape(c: str) -> str:
    n = ord(c)
    return f"\\u{n:04x}" if n <= 0xFFFF else f"\\u{{{n:x}}}"


def echo(text: str) -> str:
    """A short, quoted, printable form of ``text`` for a message (the same in the static site).

    At most :data:`ECHO_MAX` characters (code points), then ``…``; anything outside printable
    ASCII is shown as its code point in hexadecimal (``\\u00e9``; ``\\u{1d7d6}`` beyond U+FFFF), so
    no control or bidi character reaches a terminal or a page.
    """
    shown = "".join(c if " " <= c <= "~" else _escape(c) for c in text[:ECHO_MAX])
    return "'" + shown + ("…" if len(text) > ECHO_MAX else "") + "'"


def parse_number_text(text: str, *, integer: bool = False) -> str | None:
    """The problem with ``text`` as a typed number (a message with ``{text}``), or ``None``."""
    if len(text) <= (MAX_INTEGER_CHARS if integer else MAX_NUMBER_CHARS):
        if (_INTEGER_RE if integer else _NUMBER_RE).fullmatch(text):
            return None
        if _COMMA_RE.fullmatch(text) and not integer:
            return COMMA_MESSAGE
    return SYNTAX_MESSAGE_INTEGER if integer else SYNTAX_MESSAGE


def _syntax(integer: bool, allowed: str) -> SyntaxDescription:
    """The grammar as data for the static site (``describe()["syntax"]``)."""
    return {
        "allowed": allowed,
        "pattern": INTEGER_PATTERN if integer else NUMBER_PATTERN,
        "comma_pattern": None if integer else COMMA_PATTERN,
        "max_chars": MAX_INTEGER_CHARS if integer else MAX_NUMBER_CHARS,
        "echo_max": ECHO_MAX,
        "comma_message": None if integer else COMMA_MESSAGE,
        "syntax_message": SYNTAX_MESSAGE_INTEGER if integer else SYNTAX_MESSAGE,
    }


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
    """A short ``repr`` that cannot fail (ints over 4300 digits refuse ``str()``)."""
    if isinstance(x, str):
        return echo(x)
    if isinstance(x, int) and not isinstance(x, bool) and x.bit_length() > 64:
        return "a number too large to show"
    try:
        text = repr(x)
    except ValueError:  # pragma: no cover - guarded above
        return "a number too large to show"
    return text if len(text) <= 2 * ECHO_MAX else text[: 2 * ECHO_MAX] + "…"


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

    def describe(self) -> FieldDescription:  # pragma: no cover - overridden
        raise TypeError("abstract")

    def error(self, message: str) -> InputError:
        return InputError(FieldError(self.name, message))


@dataclass(frozen=True)
class Choice(Field):
    """One of a fixed set of lower-case string values, each with a human label."""

    options: tuple[tuple[str, str], ...] = ()

    kind = "choice"

    @cached_property
    def values(self) -> tuple[str, ...]:
        # cached (the options never change): read for every choice of every input validated
        return tuple(v for v, _ in self.options)

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

    def describe(self) -> ChoiceFieldDescription:
        return {
            "name": self.name,
            "label": self.label,
            "kind": "choice",
            "help": self.help,
            "options": [{"value": v, "label": lab} for v, lab in self.options],
        }


@dataclass(frozen=True)
class Boolean(Field):
    """True or false. Python callers pass a bool; text accepts true/false, yes/no, 1/0."""

    kind = "boolean"
    _TRUE = ("true", "yes", "y", "1")
    _FALSE = ("false", "no", "n", "0")

    def allowed(self) -> str:
        return "true or false"

    def describe(self) -> BooleanFieldDescription:
        return {"name": self.name, "label": self.label, "kind": "boolean", "help": self.help}

    def parse(self, raw: Any) -> bool:
        if not isinstance(raw, bool):
            raise self.error(f"expected true or false, got {type(raw).__name__}")
        return raw

    def from_text(self, text: str) -> bool:
        if not isinstance(text, str):
            raise self.error(f"expected text, got {type(text).__name__}; allowed: true or false")
        t = text.strip().lower()
        if t in self._TRUE:
            return True
        if t in self._FALSE:
            return False
        raise self.error(f"{echo(text)} is not allowed; allowed: true or false")


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
            raise self.error(f"{_show(raw)} is not a finite number; allowed: {self.allowed()}")
        self._check_range(value)
        return value

    def from_text(self, text: str) -> float:
        """Read typed text with the course's number grammar (:data:`NUMBER_PATTERN`)."""
        if not isinstance(text, str):
            raise self.error(f"expected text, got {type(text).__name__}; allowed: {self.allowed()}")
        problem = parse_number_text(text)
        if problem is not None:
            message = problem.replace("{text}", echo(text))
            raise self.error(f"{message}; allowed: {self.allowed()}")
        return self.parse(float(text))

    def describe(self) -> NumberFieldDescription:
        return {
            "name": self.name,
            "label": self.label,
            "kind": "number",
            "help": self.help,
            "minimum": self.minimum,
            "maximum": self.maximum,
            "unit": self.unit,
            "step": self.step,
            "syntax": _syntax(integer=False, allowed=self.allowed()),
        }


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
                raise self.error(f"{_show(raw)} is not a whole number; allowed: {self.allowed()}")
            raw = int(raw)
        if not (self.minimum <= raw <= self.maximum) or (raw - self.minimum) % self.step:
            raise self.error(f"{_show(raw)} is out of range; allowed: {self.allowed()}")
        return int(raw)

    def from_text(self, text: str) -> int:
        """Read typed text with the course's whole-number grammar (:data:`INTEGER_PATTERN`)."""
        if not isinstance(text, str):
            raise self.error(f"expected text, got {type(text).__name__}; allowed: {self.allowed()}")
        problem = parse_number_text(text, integer=True)
        if problem is not None:
            message = problem.replace("{text}", echo(text))
            raise self.error(f"{message}; allowed: {self.allowed()}")
        return self.parse(int(text))

    def describe(self) -> NumberFieldDescription:
        return {
            "name": self.name,
            "label": self.label,
            "kind": "integer",
            "help": self.help,
            "minimum": self.minimum,
            "maximum": self.maximum,
            "unit": self.unit,
            "step": self.step,
            "syntax": _syntax(integer=True, allowed=self.allowed()),
        }


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
            plain = isinstance(key, str) and key.isascii() and key.isprintable()
            shown = key if plain and len(key) <= 2 * ECHO_MAX else _show(key)
            errors.append(
                FieldError(
                    shown, "unknown input; this calculator takes: " + ", ".join(sorted(known))
                )
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
