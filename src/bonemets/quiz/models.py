"""Typed quiz items (pydantic v2). One bank file per chapter: ``quizzes/<chapter>.yaml``.

A bank::

    chapter: radiotherapy
    items:
      - id: radiotherapy.single_fraction_retreatment      # <chapter>.<name>, stable
        type: single                                       # single | multiple | numeric
        objective: radiotherapy.fractionation              # an id in chapters/objectives.yaml
        stem: Which schedule needs retreatment more often?
        options: {a: 8 Gy in 1 fraction, b: 24 Gy in 6 fractions}
        answer: a
        explanation: Why, in Markdown (math as $...$).
        citation: van der Linden YM et al., Int J Radiat Oncol Biol Phys 2004

The answer comes from exactly one source:

* ``answer``: written in the bank (an option key, a list of keys, or a number);
* ``calculator`` + ``inputs`` + ``output``: computed by ``bonemets.calculate`` when the quiz is
  built (``output`` is ``score``, ``band`` or a dotted path such as ``values.eqd2_gy``);
* ``fact``: a ``bonemets.facts`` path (a threshold, a dose).

For a computed choice item the option *keys* are the engine's values (``low``, ``borderline``,
``high``) and the key equal to the computed value is the answer. A case-based item names a case
file (``case: <id>`` for ``cases/data/<id>.yaml``) and asks about it.

Numbers the engine knows are not typed in the text either: stems, options and explanations write
``{{fact:evidence.hurwitz2014.outcomes.response_3m.0}}`` (a :mod:`bonemets.facts` path),
``{{input:creatinine}}`` (the item's own input) or, in explanations, ``{{calc:display.crcl_ml_min}}``
(the item's own result); ``|.1f`` fixes the decimals. See :mod:`bonemets.quiz.placeholders`.

Two fields serve the item-writing standard checked by :mod:`bonemets.quiz.quality`:

* ``ordered: true`` (choice items): the options are a scale (bands, grades, doses, numbers) and are
  shown in the authored order, never shuffled; write them in ascending (or descending) order.
* ``allow_absolute: {only: "reason"}``: a word of :data:`ABSOLUTE_WORDS` a distractor genuinely
  needs, each with the reason (the linter refuses absolute words in distractors otherwise, and an
  allowance no distractor uses).

These models check structure only; checks that need context (objectives, calculators, cases,
duplicates across files) live in :mod:`bonemets.quiz.bank`. The chapters and objectives are
:mod:`bonemets.syllabus`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal, Self, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ..datafile import shown

__all__ = [
    "ABSOLUTE_WORDS",
    "ITEM_TYPES",
    "AnyItem",
    "Bank",
    "Item",
    "MultipleItem",
    "NumericItem",
    "SingleItem",
]

ITEM_TYPES = ("single", "multiple", "numeric")

#: Absolute words a distractor may not use (whole words, any case): test-wise learners know that
#: options claiming "never", "always", "cures" ... are usually false. An item that genuinely needs
#: one names it in ``allow_absolute`` with a reason. Checked by :mod:`bonemets.quiz.quality`.
AbsoluteWord = Literal[
    "never",
    "always",
    "only",
    "all",
    "none",
    "cure",
    "cures",
    "guarantee",
    "guaranteed",
    "completely",
    "must",
    "impossible",
]
ABSOLUTE_WORDS: tuple[str, ...] = get_args(AbsoluteWord)

ItemId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_]*$")]
ObjectiveId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_]*$")]
OptionKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.+-]*$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
#: A finite number (``nan`` and ``inf`` would break the page's JSON and every comparison).
Finite = Annotated[float, Field(allow_inf_nan=False)]


class Item(BaseModel):
    """One question. In a bank, the model is chosen by ``type`` (:data:`AnyItem`:
    :class:`SingleItem`, :class:`MultipleItem`, :class:`NumericItem`, whose JSON Schemas say
    which fields each type needs or may not have); every item is checked by the rules of its type
    (``_RULES``) after the one-answer-source rule."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: ItemId = Field(description="Stable id: <chapter>.<short_name>.")
    type: Literal["single", "multiple", "numeric"] = Field(
        description="single choice, multiple choice (all that apply) or a numeric answer."
    )
    objective: ObjectiveId = Field(description="A learning objective id from objectives.yaml.")
    stem: Text = Field(
        description="The question (Markdown; math as $...$). Engine numbers as {{fact:path}} or "
        "{{input:name}}, never typed."
    )
    options: dict[OptionKey, Text] | None = Field(
        default=None,
        description="Choice items: option key -> text (Markdown; {{fact:path}}, {{input:name}}). "
        "Shown shuffled unless `ordered` is true.",
    )
    ordered: bool = Field(
        default=False,
        description="Choice items: the options are a scale (bands, grades, doses, numbers), shown "
        "in the authored order (ascending or descending), never shuffled.",
    )
    allow_absolute: dict[AbsoluteWord, Text] | None = Field(
        default=None,
        description="Absolute words (never, always, only, ...) a distractor genuinely needs, each "
        "with the reason, e.g. {only: 'the label says only ...'}.",
    )
    answer: OptionKey | list[OptionKey] | Finite | None = Field(
        default=None,
        description="Hand-written answer: an option key (single), keys (multiple) or a number.",
    )
    tolerance: float | None = Field(
        default=None,
        ge=0,
        allow_inf_nan=False,
        description="Numeric items: accepted absolute difference.",
    )
    unit: str | None = Field(default=None, description="Numeric items: the unit of the answer.")
    decimals: int | None = Field(
        default=None, ge=0, le=6, description="Numeric items: decimals to show the answer with."
    )
    calculator: str | None = Field(
        default=None, description="Computed answer: a bonemets calculator name."
    )
    inputs: dict[str, Any] | None = Field(
        default=None, description="Computed answer: the calculator's inputs."
    )
    output: str | None = Field(
        default=None,
        description="Computed answer: score, band, or a dotted path such as values.eqd2_gy.",
    )
    fact: str | None = Field(
        default=None, description="Answer from a bonemets.facts path (e.g. mirels.bands.high.low)."
    )
    case: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        description="Case-based item: the id of cases/data/<id>.yaml.",
    )
    explanation: Text = Field(
        description="Why the answer is right (Markdown). Engine numbers as {{fact:path}}, "
        "{{input:name}} or {{calc:path}} (the item's own result; {{calc:output}} is its answer)."
    )
    citation: Text = Field(description="Primary source: author, journal, year.")

    @model_validator(mode="after")
    def _check(self) -> Self:
        """Every problem at once: ``field: message`` lines (split again by
        :func:`bonemets.quiz.io.read_bank`, which names each field)."""
        errors = _source_problems(self) + _RULES[self.type](self)
        if errors:
            raise ValueError("\n".join(errors))
        return self

    @property
    def kind(self) -> str:
        """``case`` for a case-based item, else its answer type."""
        return "case" if self.case else self.type

    @property
    def computed(self) -> bool:
        return self.calculator is not None or self.fact is not None


def _source_problems(item: Item) -> list[str]:
    """The answer comes from exactly one source: written, a calculator, or a fact."""
    errors: list[str] = []
    computed = item.calculator is not None or item.inputs is not None or item.output is not None
    sources = [item.answer is not None, computed, item.fact is not None]
    if sum(sources) == 0:
        errors.append(
            "answer: missing; give `answer`, or `calculator` + `inputs` + `output`, or `fact`"
        )
    elif sum(sources) > 1:
        errors.append(
            "answer: give exactly one of `answer`, `calculator` (+ `inputs`, `output`), `fact`"
        )
    if computed:
        for name in ("calculator", "inputs", "output"):
            if getattr(item, name) is None:
                errors.append(
                    f"{name}: missing; a calculator item needs calculator, inputs and output"
                )
    return errors


def _choice_problems(item: Item) -> list[str]:
    errors = [
        f"{name}: only numeric items have a {name}"
        for name in ("tolerance", "unit", "decimals")
        if getattr(item, name) is not None
    ]
    if not item.options or len(item.options) < 2:
        errors.append("options: a choice item needs at least 2 options")
    return errors


def _keys(item: Item) -> str:
    return ", ".join(sorted(item.options or {}))


def _single_problems(item: Item) -> list[str]:
    """One option key: written, or the engine's value."""
    errors = _choice_problems(item)
    if item.answer is not None and not isinstance(item.answer, str):
        errors.append(
            f"answer: a single-choice item needs one option key, got {shown(item.answer)}"
        )
    elif isinstance(item.answer, str) and item.answer not in (item.options or {}):
        errors.append(f"answer: {shown(item.answer)} is not among the options ({_keys(item)})")
    return errors


def _multiple_problems(item: Item) -> list[str]:
    """A hand-written, non-empty list of distinct option keys."""
    errors = _choice_problems(item)
    computed = item.calculator is not None or item.inputs is not None or item.output is not None
    if computed or item.fact is not None:
        errors.append("answer: a multiple-choice item needs a hand-written list of keys")
    if item.answer is None:
        return errors
    if not isinstance(item.answer, list) or not item.answer:
        errors.append(
            f"answer: a multiple-choice item needs a list of option keys, got {shown(item.answer)}"
        )
        return errors
    missing = [a for a in item.answer if a not in (item.options or {})]
    if missing:
        errors.append(
            f"answer: {', '.join(map(repr, missing))} not among the options ({_keys(item)})"
        )
    if len(set(item.answer)) != len(item.answer):
        errors.append("answer: a key is listed twice")
    return errors


def _numeric_problems(item: Item) -> list[str]:
    """A number with a tolerance and a unit, and no options."""
    errors = []
    if item.options is not None:
        errors.append("options: a numeric item has no options")
    if item.ordered:
        errors.append("ordered: only choice items have options to keep in order")
    if item.allow_absolute is not None:
        errors.append("allow_absolute: only choice items have distractors")
    if item.tolerance is None:
        errors.append("tolerance: missing; a numeric item needs a tolerance (0 for exact)")
    if item.unit is None:
        errors.append('unit: missing; a numeric item needs a unit ("" if it has none)')
    if isinstance(item.answer, list | str | bool):
        errors.append(f"answer: a numeric item needs a number, got {shown(item.answer)}")
    return errors


#: The rules of each item type (beyond one answer source), by ``type``.
_RULES: dict[str, Callable[[Item], list[str]]] = {
    "single": _single_problems,
    "multiple": _multiple_problems,
    "numeric": _numeric_problems,
}


def _schema_rules(drop: tuple[str, ...], need: tuple[str, ...]) -> Any:
    """The JSON Schema of one item type, telling editors its rules too: the fields it may not
    have are left out (no other field is allowed) and the ones it needs are required."""

    def edit(schema: dict[str, Any]) -> None:
        for name in drop:
            schema["properties"].pop(name, None)
        schema["required"] = [*schema.get("required", []), *need]

    return edit


_CHOICE_SCHEMA = _schema_rules(("tolerance", "unit", "decimals"), ("options",))


class SingleItem(Item):
    """A single-choice question: one option key is the answer (written, or the engine's value)."""

    model_config = ConfigDict(json_schema_extra=_CHOICE_SCHEMA)

    type: Literal["single"] = Field(description="single choice: one option is right.")


class MultipleItem(Item):
    """A multiple-choice question (all that apply): a hand-written list of option keys."""

    model_config = ConfigDict(json_schema_extra=_CHOICE_SCHEMA)

    type: Literal["multiple"] = Field(description="multiple choice: all that apply.")


class NumericItem(Item):
    """A numeric question: a number, accepted within ``tolerance``, shown with ``unit``."""

    model_config = ConfigDict(
        json_schema_extra=_schema_rules(
            ("options", "ordered", "allow_absolute"), ("tolerance", "unit")
        )
    )

    type: Literal["numeric"] = Field(description="a numeric answer, within a tolerance.")


#: One item of a bank: the model is chosen by its ``type``.
AnyItem = Annotated[SingleItem | MultipleItem | NumericItem, Field(discriminator="type")]


class Bank(BaseModel):
    """One chapter's bank: ``quizzes/<chapter>.yaml``."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Bone Metastases course: quiz bank (one chapter)",
        },
    )

    kind: Literal["quiz"] | None = Field(
        default=None, description="Optional: marks the file for `bonemets validate`."
    )
    chapter: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")] = Field(
        description="The chapter id (a key of chapters/objectives.yaml); also the file name."
    )
    items: list[AnyItem] = Field(min_length=1)
