"""The engine's public contract: what ``describe()`` returns, typed, one shape per calculator kind.

``describe()`` is read by ``bonemets calc --list``, the widgets, the book (``{points-table}``,
``{fact}``) and the static site (``coursebook/static/calculators/bonemets-calc.js``). Each kind
has its own :class:`~typing.TypedDict`, told apart by ``kind``:

* :class:`PointsTableDescription` (``points``): components with options and points; bands;
* :class:`ScreenDescription` (``screen``): criteria and statuses (best first);
* :class:`FormulaDescription` (``formula``, ``classification``, ``decision``): ``data`` (the
  constants and ladders the formula reads) and, for classifications and decisions, ``decision``
  (a decision table evaluated generically, see :mod:`bonemets.decision`).

:data:`Description` is the union; :func:`adapter` validates a description against it (pydantic)
and :func:`json_schema` exports it as a JSON Schema for the JavaScript side.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from typing_extensions import TypedDict  # pydantic validates typing_extensions' TypedDict on 3.11

if TYPE_CHECKING:
    from pydantic import TypeAdapter

__all__ = [
    "CitationDescription",
    "Description",
    "FieldDescription",
    "FormulaDescription",
    "PointsTableDescription",
    "ScreenDescription",
    "adapter",
    "json_schema",
]

# ------------------------------------------------------------------------------------ parts


class CitationDescription(TypedDict):
    key: str
    authors: str
    title: str
    journal: str
    year: int
    details: str
    doi: str
    text: str


class SyntaxDescription(TypedDict):
    allowed: str
    pattern: str
    comma_pattern: str | None
    max_chars: int
    echo_max: int
    comma_message: str | None
    syntax_message: str


class OptionValueDescription(TypedDict):
    value: str
    label: str


class BooleanFieldDescription(TypedDict):
    name: str
    label: str
    kind: Literal["boolean"]
    help: str


class ChoiceFieldDescription(TypedDict):
    name: str
    label: str
    kind: Literal["choice"]
    help: str
    options: list[OptionValueDescription]


class NumberFieldDescription(TypedDict):
    name: str
    label: str
    kind: Literal["number", "integer"]
    help: str
    minimum: float
    maximum: float
    unit: str
    step: float | None
    syntax: SyntaxDescription


FieldDescription: TypeAlias = (
    BooleanFieldDescription | ChoiceFieldDescription | NumberFieldDescription
)

# ------------------------------------------------------------------------------------ ladders
# and decision tables (bonemets.decision)


class LadderBandDescription(TypedDict):
    name: str
    label: str
    low: float | None
    low_inclusive: bool
    high: float | None
    high_inclusive: bool


#: ``[field, op, value]``
ConditionDescription: TypeAlias = list[Any]


class RuleDescription(TypedDict):
    when: list[ConditionDescription]
    then: str


class DecisionTableDescription(TypedDict):
    name: str
    rules: list[RuleDescription]
    texts: dict[str, str]


class ClassifyDescription(TypedDict):
    name: str
    input: str
    labels: dict[str, str]
    table: dict[str, str] | None
    bands: list[LadderBandDescription]


class NoteRuleDescription(TypedDict):
    when: list[ConditionDescription]
    text: str


class OutputDescription(TypedDict):
    key: str
    label: str
    source: Literal["option", "class_label", "yes_no", "outcome"]
    value: str
    when: list[ConditionDescription]


class OutcomeDescription(TypedDict):
    label: str
    interpretation: str
    recommendation: str
    outputs: dict[str, str]


class DecisionDescription(TypedDict):
    classify: list[ClassifyDescription]
    tables: list[DecisionTableDescription]
    result: str
    outcomes: dict[str, OutcomeDescription]
    notes: list[NoteRuleDescription]
    outputs: list[OutputDescription]
    recommendation: str


# ------------------------------------------------------------------------------------ kinds


class OptionDescription(TypedDict):
    points: int
    label: str
    values: list[Any]
    between: list[int | None] | None
    alt_values: list[str]


class ComponentDescription(TypedDict):
    name: str
    label: str
    input: str
    alternate: str | None
    options: list[OptionDescription]


class BandDescription(TypedDict):
    """A points-table band: totals ``low`` to ``high``, both inclusive."""

    name: str
    low: int
    high: int
    label: str
    interpretation: str
    recommendation: str


class _Common(TypedDict):
    name: str
    title: str
    summary: str
    inputs: list[FieldDescription]
    optional_inputs: list[str]
    citations: list[CitationDescription]
    notes: list[str]


class PointsTableDescription(_Common):
    kind: Literal["points"]
    components: list[ComponentDescription]
    score_range: list[int]
    bands: list[BandDescription]


class CriterionDescription(TypedDict):
    code: str
    field: str
    op: str
    value: Any
    effect: str
    text: str
    citation: str
    only_for: list[str] | None


class StatusDescription(TypedDict):
    name: str
    label: str
    recommendation: str


class ScreenDescription(_Common):
    kind: Literal["screen"]
    criteria: list[CriterionDescription]
    statuses: list[StatusDescription]
    data: dict[str, Any]


FormulaKind = Literal["formula", "classification", "decision"]


class FormulaDescription(_Common):
    kind: FormulaKind
    data: dict[str, Any]
    decision: DecisionDescription | None


Description: TypeAlias = PointsTableDescription | ScreenDescription | FormulaDescription


@cache
def adapter() -> TypeAdapter[Any]:
    """A pydantic validator of :data:`Description`, discriminated by ``kind`` (strict: no
    coercion, no extra keys). Imported here, not at module level: ``import bonemets`` stays light.
    """
    from typing import Annotated

    from pydantic import Field, TypeAdapter

    kinds = Annotated[Description, Field(discriminator="kind")]
    return TypeAdapter(kinds, config={"strict": True, "extra": "forbid"})


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a calculator description (for the static site and other readers)."""
    return adapter().json_schema()
