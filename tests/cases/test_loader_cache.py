"""The loader parses a text once (``bonemets.datafile._parse_once``): the case library is read by
many tests, the book and the notebooks, and under Pyodide (PyYAML without libyaml) each parse of
the library costs about a second. What a second read gives must equal a fresh parse, and no caller
may change what another one gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from bonemets import datafile
from bonemets.cases import library
from bonemets.datafile import DataFileError, load_yaml

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "cases" / "data" / "breast_lytic_femur.yaml"


def _fresh(text: str) -> datafile.YamlDocument:
    doc = datafile._parse(text)
    assert doc is not None
    return doc


def test_a_second_read_equals_a_fresh_parse_and_shares_nothing() -> None:
    first = load_yaml(CASE)
    second = load_yaml(CASE)
    fresh = _fresh(CASE.read_text(encoding="utf-8"))
    assert first.data == second.data == fresh.data
    assert first.lines == second.lines == fresh.lines
    assert first.data is not second.data and first.lines is not second.lines
    # a caller that edits what it got (as the what-if tools edit a case's data) changes no one
    # else's: neither the first read (a parse, unless another test read the file before) nor later
    for doc in (first, second):
        doc.data["patient"]["age"] = -1
        doc.data["lesions"].append({"id": "planted"})
        doc.data["lesions"][0]["site"] = "planted"
        doc.lines.clear()
        again = load_yaml(CASE)
        assert again.data == fresh.data and again.lines == fresh.lines


def test_a_text_read_again_is_not_parsed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "kind: case\nid: cached_once\nlist: [1, 2, {a: 2020-01-02}]\n"
    expected = load_yaml("a.yaml", text=text)

    def refused(*args: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(datafile, "_parse", refused)
    again = load_yaml("b.yaml", text=text)
    assert again.data == expected.data and again.lines == expected.lines
    # the library comes through the same loader
    monkeypatch.undo()
    before = library(ROOT / "cases" / "data")
    monkeypatch.setattr(datafile, "_parse", refused)
    assert library(ROOT / "cases" / "data") == before


def test_a_text_that_fails_is_never_kept() -> None:
    text = "a: 1\na: 2\n"
    for _ in range(2):
        with pytest.raises(DataFileError) as err:
            load_yaml("dup.yaml", text=text)
        assert [(p.line, p.field) for p in err.value.problems] == [(2, "a")]
        assert text not in datafile._PARSED


def test_the_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # a cache of its own (the library others read stays cached), three texts at most
    monkeypatch.setattr(datafile, "_PARSED", {})
    monkeypatch.setattr(datafile, "_PARSED_MAX", 3)
    for n in range(5):
        load_yaml("n.yaml", text=f"n: {n}\n")
    load_yaml("n.yaml", text="n: 2\n")  # used again: kept longest
    load_yaml("n.yaml", text="n: 5\n")
    assert list(datafile._PARSED) == ["n: 4\n", "n: 2\n", "n: 5\n"]
    monkeypatch.setattr(datafile, "_PARSED_MAX_CHARS", 10)
    long = "long: " + "y" * 10 + "\n"
    assert load_yaml("long.yaml", text=long).data == {"long": "y" * 10}
    assert long not in datafile._PARSED
