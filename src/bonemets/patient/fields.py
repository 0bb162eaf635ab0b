"""Engine input fields as pydantic field types, so a case holds only what the calculators accept.

Each helper returns pydantic *metadata* for :data:`typing.Annotated`, so the annotation keeps a
static base type that type checkers read, while pydantic validates against the engine field::

    sex: Annotated[str, choice(_field(ZOLEDRONIC_ACID, "sex"))]       # one of the field's values
    age_years: Annotated[float, number(_field(ZOLEDRONIC_ACID, "age"))]  # its range and unit
    kps: Annotated[int, integer(_field(TOKUHASHI, "kps"))] | None = None

* :func:`choice` / :func:`one_of`: one of a fixed set of lower-case words, given in any case
  (validated and published in the JSON schema as an ``enum``, exactly like ``Literal[...]``).
* :func:`number` / :func:`integer`: the engine field's range (and step), with its unit in the
  description.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, GetCoreSchemaHandler
from pydantic.fields import FieldInfo
from pydantic_core import CoreSchema

from ..inputs import Choice, Integer, Number

__all__ = [
    "Ident",
    "LaxDate",
    "OneOf",
    "ShortText",
    "Text",
    "choice",
    "component_field",
    "engine_field",
    "integer",
    "lower",
    "number",
    "one_of",
]


def engine_field(calc: Any, name: str) -> Any:
    """The input field ``name`` of calculator ``calc`` (its range, unit, label, values)."""
    return next(f for f in calc.fields if f.name == name)


def component_field(table: Any, name: str) -> Choice:
    """The input of the points-table component ``name`` (its allowed values)."""
    found: Choice = next(c.input for c in table.components if c.input.name == name)
    return found


def lower(v: Any) -> Any:
    """Words are matched case-insensitively: ``"T8"`` and ``" Breast"`` are read as lower case."""
    return v.strip().lower() if isinstance(v, str) else v


@dataclass(frozen=True)
class OneOf:
    """Pydantic metadata: validate as ``Literal[values]`` after ``before`` (lower-casing).

    Readers of the model (the case simulator's findings) take the allowed ``values`` from here.
    """

    values: tuple[Any, ...]
    before: Callable[[Any], Any]
    field: FieldInfo | None

    @property
    def description(self) -> str | None:
        return None if self.field is None else self.field.description

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        meta: list[Any] = [BeforeValidator(self.before)]
        if self.field is not None:
            meta.append(self.field)
        # Built at run time from the engine's values: typing's special forms, subscripted by hand.
        literal: Any = Literal
        annotated: Any = Annotated
        return handler.generate_schema(annotated[(literal[self.values], *meta)])


def one_of(
    values: tuple[Any, ...],
    description: str | None = None,
    *,
    before: Callable[[Any], Any] = lower,
    **field: Any,
) -> OneOf:
    """One of ``values`` (read through ``before``, by default lower-cased)."""
    info = Field(description=description, **field) if description or field else None
    return OneOf(tuple(values), before, info)


def choice(field: Choice, description: str = "", upper: bool = False) -> OneOf:
    """One of the engine field's values (case-insensitive on input).

    ``upper``: the schema also lists the upper-case spelling (``T8``, Frankel ``C``), which is
    how clinicians write them; the model stores the engine's lower-case value.
    """
    extra: dict[str, Any] = {}
    if upper:
        extra["json_schema_extra"] = {
            "enum": [*field.values, *(v.upper() for v in field.values if v.upper() != v)]
        }
    return one_of(field.values, description or field.label, **extra)


def number(field: Number, description: str = "") -> Any:
    """The engine field's range, with its unit in the description (metadata for a ``float``)."""
    unit = f" ({field.unit})" if field.unit else ""
    return Field(
        ge=field.minimum, le=field.maximum, description=(description or field.label) + unit
    )


def integer(field: Integer, description: str = "") -> Any:
    """The engine field's range and step, with its unit (metadata for an ``int``)."""
    extra: dict[str, Any] = {"multiple_of": field.step} if field.step != 1 else {}
    unit = f" ({field.unit})" if field.unit else ""
    return Field(
        ge=field.minimum,
        le=field.maximum,
        description=(description or field.label) + unit,
        **extra,
    )


LaxDate = Annotated[dt.date, Field(strict=False)]
Ident = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_]*$", min_length=1, max_length=64)]
Text = Annotated[str, Field(min_length=1, max_length=4000)]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]
