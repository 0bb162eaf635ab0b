"""The patient model (``bonemets.patient``): field types from the engine's own inputs, primaries as
keyword records, and the cross-field checks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pytest
from pydantic import BaseModel, ValidationError

from bonemets.cases import library
from bonemets.patient import PRIMARIES, SUBTYPES, PrimaryMap, consistency_problems
from bonemets.patient.fields import OneOf, choice, integer, one_of
from bonemets.patient.model import Lesion
from bonemets.scores.bauer import PRIMARY_FIELD as BAUER_PRIMARY
from bonemets.scores.mirels import MIRELS
from bonemets.scores.tokuhashi import PRIMARY_FIELD as TOKUHASHI_PRIMARY
from bonemets.scores.tokuhashi import TOKUHASHI

ROOT = Path(__file__).resolve().parents[2]
SIZE = next(c.input for c in MIRELS.components if c.input.name == "size")
KPS = next(f for f in TOKUHASHI.fields if f.name == "kps")


class Probe(BaseModel):
    size: Annotated[str, choice(SIZE)]
    bone: Annotated[str, one_of(("femur", "spine"), "Bone")] | None = None
    kps: Annotated[int, integer(KPS)] | None = None


def test_choice_accepts_the_engine_values_in_any_case() -> None:
    assert Probe(size=" LT_1_3").size == "lt_1_3"
    assert Probe(size="gt_2_3", bone="Spine").bone == "spine"


def test_choice_refuses_other_values_like_a_literal() -> None:
    with pytest.raises(ValidationError) as info:
        Probe(size="huge")
    (err,) = info.value.errors()
    assert err["type"] == "literal_error"
    assert err["ctx"]["expected"] == "'lt_1_3', '1_3_to_2_3' or 'gt_2_3'"


def test_choice_is_published_as_an_enum_with_its_description() -> None:
    props = Probe.model_json_schema()["properties"]
    assert props["size"]["enum"] == list(SIZE.values)
    assert props["size"]["description"] == SIZE.label
    bone = props["bone"]["anyOf"][0]
    assert bone["enum"] == ["femur", "spine"] and bone["description"] == "Bone"


def test_integer_takes_the_engine_range_and_step() -> None:
    assert Probe(size="lt_1_3", kps=KPS.maximum).kps == KPS.maximum
    with pytest.raises(ValidationError):
        Probe(size="lt_1_3", kps=KPS.maximum + KPS.step)
    if KPS.step != 1:
        with pytest.raises(ValidationError):
            Probe(size="lt_1_3", kps=KPS.minimum + 1)


def test_readers_find_the_allowed_values_in_the_metadata() -> None:
    meta = Lesion.model_fields["lesion"].metadata
    (found,) = [m for m in meta if isinstance(m, OneOf)]
    assert (
        found.values == next(c.input for c in MIRELS.components if c.input.name == "lesion").values
    )
    assert found.description == "Radiographic lesion type"


def test_primaries_are_keyword_records_in_each_scores_vocabulary() -> None:
    with pytest.raises(TypeError):
        PrimaryMap("Breast", "breast", "breast", "slow", "breast")  # type: ignore[misc]
    for m in PRIMARIES.values():
        assert m.tokuhashi in TOKUHASHI_PRIMARY.values
        assert m.bauer in BAUER_PRIMARY.values
    assert PRIMARIES["colon"].tokuhashi == "other" and PRIMARIES["rectum"].tokuhashi == "rectum"
    assert set(SUBTYPES) <= set(PRIMARIES)


def test_the_library_is_consistent_and_a_broken_reference_is_named() -> None:
    lib = library(ROOT / "cases" / "data")
    assert all(consistency_problems(c) == [] for c in lib.values())
    case = lib["prostate_femur_postop"]
    assert case.treatments.surgery
    data = case.model_dump()
    data["treatments"]["surgery"][0]["lesion"] = "nowhere"
    broken = type(case).model_validate(data, strict=False)
    problems = consistency_problems(broken)
    assert [p for p, _ in problems] == [("treatments", "surgery", 0, "lesion")]
    assert problems[0][1].startswith("'nowhere' is not a lesion id; allowed: ")
