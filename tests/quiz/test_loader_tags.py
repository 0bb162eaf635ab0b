"""The loader on explicit YAML tags, silent value changes and invisible characters (R2 review of
issue 12): every input is refused with a :class:`DataFileError` naming file, line and field;
nothing else is ever raised and no typed value is silently changed."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

from bonemets.datafile import DataFileError, load_yaml

REFUSED = {
    # PyYAML raises KeyError / IndexError / AttributeError on these when constructing
    'a: !!bool "maybe"\n': (1, "a", "'maybe' is not true or false"),
    'a: !!bool ""\n': (1, "a", "'' is not true or false"),
    '? !!bool "zz"\n: 1\n': (1, "(top level)", "'zz' is not true or false"),
    'a: !!int ""\n': (1, "a", "'' is not a plain decimal number"),
    'a: !!int "-"\n': (1, "a", "'-' is not a plain decimal number"),
    'a: !!timestamp "x"\n': (1, "a", "'x' is not a date"),
    'a: !!timestamp ""\n': (1, "a", "'' is not a date"),
    '%TAG !e! tag:yaml.org,2002:\n---\na: !e!bool "maybe"\n': (3, "a", "not true or false"),
    '%TAG !e! tag:yaml.org,2002:\n---\nb: 1\na: !e!int "-"\n': (4, "a", "not a plain decimal"),
    '%TAG !e! tag:yaml.org,2002:\n---\na: !e!timestamp ""\n': (3, "a", "is not a date"),
    # silently changed values
    'a: !!null "hello"\n': (1, "a", "'hello' is tagged !!null"),
    "a: 1.0e-400\n": (1, "a", "'1.0e-400' is too small"),
    "a: -5.0e-324\n": (1, "a", "too small"),
    "a: 1.0e-310\n": (1, "a", "too small"),
}


@pytest.mark.parametrize("text", sorted(REFUSED))
def test_refused_with_file_line_and_field(text: str) -> None:
    line, field, message = REFUSED[text]
    with pytest.raises(DataFileError) as info:
        load_yaml("bank.yaml", text=text)
    (p,) = info.value.problems
    assert (p.file, p.line, p.field) == ("bank.yaml", line, field), p
    assert message in p.message, p.message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('a: !!bool "yes"\n', True),
        ("a: !!bool false\n", False),
        ('a: !!null ""\n', None),
        ("a: !!null ~\n", None),
        ("a: 0.0e-400\n", 0.0),
        ("a: 2.5e-300\n", 2.5e-300),
        ('a: !!int "12"\n', 12),
        ("\ufeffa: x\n", "x"),
    ],
)
def test_valid_tagged_values_still_load(text: str, value: object) -> None:
    assert load_yaml("bank.yaml", text=text).data == {"a": value}


INVISIBLE = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u2060",
    "\u2064",
    "\u180e",
    "\u00ad",
    "\u034f",
    "\U000e0001",
    "\U000e0041",
    "\U000e007f",
    "\u3164",
]


@pytest.mark.parametrize("ch", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_invisible_characters_refused_with_line_and_field(ch: str) -> None:
    text = f'kind: quiz\nitems:\n  - prompt: "What{ch} is it?"\n'
    with pytest.raises(DataFileError) as info:
        load_yaml("bank.yaml", text=text)
    (p,) = info.value.problems
    assert (p.line, p.field) == (3, "items[0].prompt"), p
    assert f"U+{ord(ch):04X} at column 18" in p.message


def test_every_format_character_is_refused() -> None:
    """All of Unicode category Cf, not only the listed ones; a BOM only at the very start."""
    for code in range(0x110000):
        ch = chr(code)
        if unicodedata.category(ch) != "Cf":
            continue
        with pytest.raises(DataFileError):
            load_yaml("bank.yaml", text=f"a: 'x{ch}'\n")
    with pytest.raises(DataFileError, match="U\\+FEFF"):
        load_yaml("bank.yaml", text="a: x\n\ufeffb: y\n")


def test_no_other_exception_escapes_the_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    """The safety net: an unforeseen exception while building a value becomes a Problem naming
    the file and the line being read, never a traceback."""
    import bonemets.datafile as df

    real = df._scalar

    def flaky(node: Any, where: Any) -> Any:
        if node.value == "boom":
            raise KeyError("unforeseen")
        return real(node, where)

    monkeypatch.setattr(df, "_scalar", flaky)
    with pytest.raises(DataFileError) as info:
        load_yaml("bank.yaml", text="a: 1\nb: [x, boom]\n")
    (p,) = info.value.problems
    assert (p.file, p.line) == ("bank.yaml", 2)
    assert "KeyError" in p.message
