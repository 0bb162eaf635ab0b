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

These models check structure only; checks that need context (objectives, calculators, cases,
duplicates across files) live in :mod:`bonemets.quiz.io`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ..datafile import shown

__all__ = ["ITEM_TYPES", "Bank", "Chapter", "Item", "ObjectivesFile"]

ITEM_TYPES = ("single", "multiple", "numeric")

ItemId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_]*$")]
ObjectiveId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_]*$")]
OptionKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.+-]*$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
#: A finite number (``nan`` and ``inf`` would break the page's JSON and every comparison).
Finite = Annotated[float, Field(allow_inf_nan=False)]


class Item(BaseModel):
    """One question."""

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
        "Shown shuffled.",
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
    def _check(self) -> Item:
        errors: list[str] = []
        computed = self.calculator is not None or self.inputs is not None or self.output is not None
        sources = [self.answer is not None, computed, self.fact is not None]
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
                if getattr(self, name) is None:
                    errors.append(
                        f"{name}: missing; a calculator item needs calculator, inputs and output"
                    )
        if self.type == "numeric":
            if self.options is not None:
                errors.append("options: a numeric item has no options")
            if self.tolerance is None:
                errors.append("tolerance: missing; a numeric item needs a tolerance (0 for exact)")
            if self.unit is None:
                errors.append('unit: missing; a numeric item needs a unit ("" if it has none)')
            if self.answer is not None and (
                isinstance(self.answer, list | str) or isinstance(self.answer, bool)
            ):
                errors.append(f"answer: a numeric item needs a number, got {shown(self.answer)}")
        else:
            for name in ("tolerance", "unit", "decimals"):
                if getattr(self, name) is not None:
                    errors.append(f"{name}: only numeric items have a {name}")
            if not self.options or len(self.options) < 2:
                errors.append("options: a choice item needs at least 2 options")
            keys = set(self.options or {})
            if self.type == "single":
                if self.answer is not None and not isinstance(self.answer, str):
                    errors.append(
                        f"answer: a single-choice item needs one option key, got {shown(self.answer)}"
                    )
                elif isinstance(self.answer, str) and self.answer not in keys:
                    errors.append(
                        f"answer: {shown(self.answer)} is not among the options ({', '.join(sorted(keys))})"
                    )
            else:
                if computed or self.fact is not None:
                    errors.append(
                        "answer: a multiple-choice item needs a hand-written list of keys"
                    )
                if self.answer is not None:
                    if not isinstance(self.answer, list) or not self.answer:
                        errors.append(
                            f"answer: a multiple-choice item needs a list of option keys, got {shown(self.answer)}"
                        )
                    else:
                        missing = [a for a in self.answer if a not in keys]
                        if missing:
                            errors.append(
                                f"answer: {', '.join(map(repr, missing))} not among the options "
                                f"({', '.join(sorted(keys))})"
                            )
                        if len(set(self.answer)) != len(self.answer):
                            errors.append("answer: a key is listed twice")
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
    items: list[Item] = Field(min_length=1)


class Chapter(BaseModel):
    """One chapter of ``chapters/objectives.yaml``."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: Text
    file: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_./-]*$")]
    objectives: dict[ObjectiveId, Text] = Field(default_factory=dict)


class ObjectivesFile(BaseModel):
    """``chapters/objectives.yaml``: every chapter's learning objectives."""

    model_config = ConfigDict(extra="forbid")

    chapters: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], Chapter]
