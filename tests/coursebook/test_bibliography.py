"""references/engine.bib is generated from the engine and up to date; no BibTeX key is defined twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from bonemets import Citation, all_citations
from coursebook.bib import (
    REFERENCES,
    bib_keys,
    bibfiles,
    duplicate_keys,
    engine_bib_text,
    engine_citations,
    entry,
)


def test_engine_bib_is_up_to_date() -> None:
    current = (REFERENCES / "engine.bib").read_text(encoding="utf-8")
    assert current == engine_bib_text(), "references/engine.bib is stale: python -m coursebook.bib"


def test_engine_bib_has_every_engine_citation() -> None:
    keys = set(bib_keys(REFERENCES / "engine.bib"))
    assert set(all_citations()) <= keys
    assert set(engine_citations()) == keys


def test_no_key_is_defined_twice_across_bib_files() -> None:
    files = bibfiles()
    assert REFERENCES / "engine.bib" in files
    dups = duplicate_keys(files)
    assert not dups, "BibTeX keys defined more than once: " + "; ".join(
        f"{k} in {', '.join(v)}" for k, v in sorted(dups.items())
    )


def test_duplicate_check_catches_a_repeat(tmp_path: Path) -> None:
    a = tmp_path / "a.bib"
    b = tmp_path / "b.bib"
    a.write_text("@article{smith2020,\n  title = {A}\n}\n@misc{jones2019, title={B}}\n")
    b.write_text("% @article{commented2000,\n@book{Smith2020,\n  title = {again}\n}\n")
    assert duplicate_keys([a, b]) == {"smith2020": ["a.bib", "b.bib"]}
    assert duplicate_keys([a]) == {}


@pytest.mark.parametrize(
    ("details", "expected"),
    [
        (
            "24(12):1234-1240",
            ["@article{k,", "volume = {24}", "number = {12}", "pages = {1234--1240}"],
        ),
        ("(249):256-264", ["@article{k,", "number = {249}", "pages = {256--264}"]),
        ("166:103433", ["@article{k,", "volume = {166}", "pages = {103433}"]),
        ("", ["@misc{k,", "howpublished = {J \\& Co}"]),
    ],
)
def test_entry_shapes(details: str, expected: list[str]) -> None:
    c = Citation(
        "k",
        "Bilsky MH, World Health Organization, et al",
        "A 50% title",
        "J & Co",
        2010,
        details,
        doi="10.1/x",
    )
    text = entry(c)
    for piece in expected:
        assert piece in text
    assert "author = {Bilsky, M. H. and {World Health Organization} and others}" in text
    assert "title = {{A 50\\% title}}" in text
    assert "doi = {10.1/x}" in text
