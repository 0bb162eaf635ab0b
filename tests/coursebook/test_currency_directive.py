"""The ``{guidelines}`` directive and the "last reviewed" line, on a tiny Sphinx project."""

from __future__ import annotations

import html
from pathlib import Path

from sphinx_project import build_project

from bonemets.guidelines import GUIDELINES
from coursebook.currency import source_text

ROOT = Path(__file__).resolve().parents[2]


def build(tmp_path: Path, index: str) -> tuple[str, str]:
    """Build ``index.rst`` (given whole); return (html, warnings)."""
    raw, warnings = build_project(tmp_path, index)
    return html.unescape(raw).replace("\u2019", "'"), warnings


def test_guidelines_table_is_generated_from_the_registry(tmp_path: Path) -> None:
    page, warnings = build(tmp_path, "Test\n====\n\n.. guidelines::\n")
    assert "Guidelines this course tracks" in page
    for g in GUIDELINES:
        assert g.name in page and source_text(g.citation) in page
        for s in g.supersedes:
            assert s.label in page
    assert "NICE CG75 (2008)" in page and "ASTRO update (Lutz 2017)" in page
    # Chapter links point at documents absent from this tiny project: only those warnings.
    assert all("unknown document" in line for line in warnings.strip().splitlines()), warnings


def test_last_reviewed_is_shown_under_the_title(tmp_path: Path) -> None:
    page, warnings = build(tmp_path, ":last_reviewed: 2026-11-26\n\nTest\n====\n\nBody.\n")
    assert not warnings.strip(), warnings
    assert "Last reviewed: 26 November 2026" in page
    assert page.index("Last reviewed") < page.index("Body.")


def test_a_bad_review_date_is_a_warning_naming_it(tmp_path: Path) -> None:
    page, warnings = build(tmp_path, ":last_reviewed: 26/11/2026\n\nTest\n====\n\nBody.\n")
    assert "last_reviewed" in warnings and "26/11/2026" in warnings
    assert "Last reviewed:" not in page


def test_source_text_names_an_organisation_once() -> None:
    from bonemets.sources import WHO_2018

    assert source_text(WHO_2018) == "World Health Organization, Geneva 2018"
    assert source_text(GUIDELINES[1].citation) == "Alcorn S et al., Pract Radiat Oncol 2024"
