"""Typed input fields: strict Python parsing, text parsing for the CLI, and error collection."""

from __future__ import annotations

import math
import re

import pytest

from bonemets import InputError
from bonemets.inputs import (
    COMMA_MESSAGE,
    ECHO_MAX,
    INTEGER_PATTERN,
    NUMBER_PATTERN,
    Boolean,
    Choice,
    FieldError,
    Integer,
    Number,
    echo,
    parse_inputs,
)

CHOICE = Choice("grade", "Grade", options=(("0", "zero"), ("1a", "one a"), ("2", "two")))
NUMBER = Number("weight_kg", "Weight", minimum=25, maximum=300, unit="kg")
INTEGER = Integer("kps", "KPS", minimum=10, maximum=100, step=10, unit="%")
BOOLEAN = Boolean("fit", "Fit")

# Ints that float() or str() refuse (pytest would fail to name them as test ids: wrap them).
HUGE = pytest.param(10**5000, id="int-over-4300-digits")
NEG_HUGE = pytest.param(-(10**5000), id="negative-int-over-4300-digits")
BEYOND_FLOAT = pytest.param(10**400, id="int-beyond-float")


def field_of(exc_info) -> list[str]:
    return [e.field for e in exc_info.value.errors]


def test_input_error_is_a_value_error_and_serialises():
    err = InputError([FieldError("a", "bad"), FieldError("b", "worse")])
    assert isinstance(err, ValueError)
    assert err.to_dict() == {
        "valid": False,
        "errors": [{"field": "a", "message": "bad"}, {"field": "b", "message": "worse"}],
    }
    assert str(err) == "a: bad; b: worse"


@pytest.mark.parametrize(("raw", "out"), [("1A", "1a"), (" 2 ", "2"), (0, "0"), (2, "2")])
def test_choice_normalises(raw, out):
    assert CHOICE.parse(raw) == out


@pytest.mark.parametrize("raw", ["1b", 1, 2.0, True, None, b"0", ["0"], HUGE, NEG_HUGE])
def test_choice_rejects(raw):
    with pytest.raises(InputError) as info:
        CHOICE.parse(raw)
    assert field_of(info) == ["grade"]
    assert "0, 1a, 2" in str(info.value)


@pytest.mark.parametrize(("raw", "out"), [(25, 25.0), (300.0, 300.0), (70.5, 70.5)])
def test_number_accepts(raw, out):
    assert NUMBER.parse(raw) == out


@pytest.mark.parametrize(
    "raw",
    [
        24.999,
        300.01,
        0,
        -70,
        math.nan,
        math.inf,
        -math.inf,
        "70",
        True,
        False,
        None,
        [70],
        BEYOND_FLOAT,  # must not raise OverflowError
        NEG_HUGE,  # beyond str(): must not raise ValueError from the message
    ],
)
def test_number_rejects(raw):
    with pytest.raises(InputError) as info:
        NUMBER.parse(raw)
    assert field_of(info) == ["weight_kg"]
    assert "25 to 300 kg" in str(info.value)


@pytest.mark.parametrize(
    ("raw", "out"),
    [
        (" 70 ", 70.0),
        ("25", 25.0),
        ("70.5", 70.5),
        ("070.", 70.0),
        ("70.", 70.0),
        ("+70", 70.0),
        ("\t70\n", 70.0),
        ("0070.50", 70.5),
    ],
)
def test_number_from_text(raw, out):
    assert NUMBER.from_text(raw) == out


NOT_NUMBERS = [
    "",
    " ",
    "seventy",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "1e999",
    "7e1",
    "70kg",
    "70 kg",
    "8.5 mg",
    "0x46",
    "0b1",
    "0o7",
    "1_0",
    "7_0",
    "\u0667\u0660",
    "\uff17\uff10",
    "\U0001d7d5",
    "7\u00a00",
    "1.2.3",
    "70..",
    "..7",
    ".",
    "+",
    "-",
    "--70",
    "+-70",
    "7 0",
    "(70)",
    "70%",
    "½",
    "²",
    "70\x00",
    "\u202e70",
    "1" * 401,
    "7" * 100_000,
]


@pytest.mark.parametrize("raw", NOT_NUMBERS)
def test_number_from_text_rejects(raw):
    with pytest.raises(InputError) as info:
        NUMBER.from_text(raw)
    assert field_of(info) == ["weight_kg"]
    message = info.value.errors[0].message
    assert "is not a number; allowed: a number from 25 to 300 kg" in message
    assert len(message) < 120  # never the whole input


@pytest.mark.parametrize("raw", ["70,5", "1,200", " 70,5 ", "70,", ",5", "-70,5", "1,200.5"])
def test_decimal_comma_is_refused_with_its_own_message(raw):
    """A comma is never dropped and never read (1,200 could be a thousands separator)."""
    with pytest.raises(InputError) as info:
        NUMBER.from_text(raw)
    assert field_of(info) == ["weight_kg"]
    assert "use a decimal point and no comma (1.2, not 1,2" in info.value.errors[0].message


def test_whole_number_grammar():
    assert INTEGER.from_text(" 80 ") == 80 and INTEGER.from_text("+80") == 80
    for raw in ["8_0", "\u0668\u0660", "80.", "8e1", "80,0", "0x50", "80 %"]:
        with pytest.raises(InputError) as info:
            INTEGER.from_text(raw)
        assert "is not a whole number" in str(info.value)


def test_pattern_is_ascii_only_and_exported():
    """The grammar is exported once (describe()["syntax"]) for the static site; it must not
    depend on Python's Unicode-aware \\d."""
    syntax = NUMBER.describe()["syntax"]
    assert syntax["pattern"] == NUMBER_PATTERN and "\\d" not in NUMBER_PATTERN
    assert INTEGER.describe()["syntax"]["pattern"] == INTEGER_PATTERN
    assert syntax["comma_message"] == COMMA_MESSAGE and syntax["echo_max"] == ECHO_MAX
    for text in ["\u0661", "\uff11", "\U0001d7d6", "\u0967"]:
        assert re.fullmatch(NUMBER_PATTERN, text) is None


def test_messages_echo_a_short_printable_form():
    assert echo("x" * 100_000) == "'" + "x" * ECHO_MAX + "…'"
    assert echo("\u202eab\x00") == "'\\u202eab\\u0000'"
    assert echo("\U0001d7d6") == "'\\u{1d7d6}'"
    with pytest.raises(InputError) as info:
        CHOICE.parse("y" * 100_000)
    assert len(str(info.value)) < 150
    with pytest.raises(InputError) as info:
        parse_inputs((CHOICE,), {"grade": "0", "z" * 100_000: 1})
    assert max(len(str(e)) for e in info.value.errors) < 150


@pytest.mark.parametrize(("raw", "out"), [(10, 10), (100, 100), (80.0, 80)])
def test_integer_accepts(raw, out):
    value = INTEGER.parse(raw)
    assert value == out and type(value) is int


@pytest.mark.parametrize(
    "raw", [0, 5, 45, 110, 80.5, math.nan, math.inf, "80", True, None, HUGE, 1e300]
)
def test_integer_rejects(raw):
    with pytest.raises(InputError) as info:
        INTEGER.parse(raw)
    assert field_of(info) == ["kps"]
    assert "steps of 10" in str(info.value)


@pytest.mark.parametrize("raw", ["80.0", "eighty", "", "1" * 5000])
def test_integer_from_text_rejects(raw):
    with pytest.raises(InputError):
        INTEGER.from_text(raw)


@pytest.mark.parametrize("raw", [HUGE, NEG_HUGE, "x" * 100_000, [True] * 10_000, 1, None])
def test_boolean_parse_raises_input_error_with_a_short_message(raw):
    """F14: a 5,000-digit int used to raise ValueError from repr(); F17: no long echo."""
    with pytest.raises(InputError) as info:
        BOOLEAN.parse(raw)
    assert field_of(info) == ["fit"] and len(str(info.value)) < 100


def test_boolean_is_strict_in_python_and_lenient_in_text():
    assert BOOLEAN.parse(True) is True and BOOLEAN.parse(False) is False
    for raw in (1, 0, "true", None, "yes"):
        with pytest.raises(InputError):
            BOOLEAN.parse(raw)
    for text, value in [("yes", True), ("TRUE", True), ("1", True), ("no", False), ("n", False)]:
        assert BOOLEAN.from_text(text) is value
    with pytest.raises(InputError):
        BOOLEAN.from_text("maybe")


def test_parse_inputs_collects_every_problem():
    with pytest.raises(InputError) as info:
        parse_inputs((CHOICE, NUMBER, INTEGER), {"grade": "9", "kps": 5, "extra": 1})
    assert sorted(field_of(info)) == ["extra", "grade", "kps", "weight_kg"]


def test_none_means_missing_and_optional_may_be_absent():
    with pytest.raises(InputError) as info:
        parse_inputs((CHOICE,), {"grade": None})
    assert "missing" in str(info.value)
    assert parse_inputs((CHOICE, NUMBER), {"grade": "0"}, optional=frozenset({"weight_kg"})) == {
        "grade": "0"
    }


def test_describe_lists_ranges_and_units():
    assert NUMBER.describe()["unit"] == "kg"
    assert INTEGER.describe()["step"] == 10
    assert [o["value"] for o in CHOICE.describe()["options"]] == ["0", "1a", "2"]
