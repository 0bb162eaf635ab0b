"""Currency: the tracked guideline versions, superseded citations, years and "last reviewed" dates.

* No chapter, quiz bank or engine module names a superseded guideline (NICE CG75, the 2017 ASTRO
  update, WHO *Cancer pain relief* 1996) outside the contexts declared as allowed beside the record
  in :mod:`bonemets.guidelines`. A failure lists file and line.
* Every engine citation carries a plausible publication year, and the registry is consistent
  (a replaced version is older than the one replacing it; versions are the citation's year).
* Every chapter has a ``last_reviewed`` date in its front matter, not later than the course review.
* The start page generates the tracked-guideline table with the ``{guidelines}`` directive.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from bonemets.guidelines import GUIDELINES, REVIEWED, cited, guideline, scan_text
from coursebook.bib import engine_citations
from coursebook.currency import last_reviewed_text, parse_reviewed

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = "src/bonemets/guidelines.py"


def _scanned_files() -> list[Path]:
    files = sorted((ROOT / "chapters").rglob("*.md"))
    files += sorted((ROOT / "quizzes").glob("*.yaml"))
    files += sorted((ROOT / "src" / "bonemets").rglob("*.py"))
    return [f for f in files if f.relative_to(ROOT).as_posix() != REGISTRY]


def test_no_superseded_guideline_is_cited_as_current() -> None:
    found = []
    for path in _scanned_files():
        rel = path.relative_to(ROOT).as_posix()
        found += scan_text(path.read_text(encoding="utf-8"), rel)
    assert not found, "superseded guideline named outside an allowed context:\n" + "\n".join(
        str(m) for m in found
    )


def test_scanner_flags_a_superseded_guideline_and_respects_allowed_context() -> None:
    bad = "Give dexamethasone 16 mg daily as NICE CG75 advises.\n"
    hits = scan_text(bad, "chapters/13_emergencies.md")
    assert [(h.line, h.label) for h in hits] == [(1, "NICE CG75 (2008)")]
    assert "NICE NG234 (2023)" in str(hits[0]) and "chapters/13_emergencies.md:1" in str(hits[0])
    ok = "The revised Tokuhashi table is the one reproduced in NICE CG75.\n"
    assert scan_text(ok, "chapters/04_assessment.md") == []
    assert [h.label for h in scan_text("Doses follow {footcite}`lutz2017`.", "q.yaml")] == [
        "ASTRO update (Lutz 2017)"
    ]
    history = "ASTRO 2024 replaced the 2017 update {footcite}`lutz2017`."
    assert scan_text(history, "chapters/07_radiotherapy.md") == []
    # The WHO ladder exception holds only in the pain modules of the engine, not in a chapter.
    ladder = "The WHO ladder step {footcite}`who1996`."
    assert scan_text(ladder, "src/bonemets/formulas/pain.py") == []
    assert len(scan_text(ladder, "chapters/11_pain.md")) == 1


def test_every_engine_citation_carries_a_year() -> None:
    latest = int(REVIEWED[:4])
    bad = {
        k: c.year
        for k, c in engine_citations().items()
        if not isinstance(c.year, int) or not 1900 <= c.year <= latest
    }
    assert bad == {}


def test_registry_versions_and_supersession_are_consistent() -> None:
    keys = [g.key for g in GUIDELINES]
    assert len(keys) == len(set(keys))
    for g in GUIDELINES:
        assert g.version == str(g.year), g.key
        for s in g.supersedes:
            assert s.year < g.year, (g.key, s.label)
            assert s.patterns, (g.key, s.label)
            if s.citation is not None:
                assert s.citation.year == s.year, (g.key, s.label)
    assert guideline("astro_2024").citation.key == "alcorn2024"
    assert guideline("nice_ng234").supersedes[0].citation.key == "nice2008cg75"
    with pytest.raises(KeyError, match="allowed"):
        guideline("astro_2017")


def test_registry_tracks_the_current_versions() -> None:
    versions = {g.key: g.version for g in GUIDELINES}
    assert versions["nice_ng234"] == "2023"
    assert versions["astro_2024"] == "2024"
    assert versions["esmo_2020_bone_health"] == "2020"
    assert versions["endocrine_society_2023"] == "2023"
    assert versions["who_2018_cancer_pain"] == "2018"
    assert versions["snmmi_eanm_2023"] == "2023"
    assert versions["aaoms_2022"] == "2022"


def test_registry_citations_reach_the_bibliography() -> None:
    """Every current and superseded guideline citation can be cited from a chapter."""
    from coursebook.bib import bib_keys, bibfiles

    defined = {k for p in bibfiles() for k in bib_keys(p)}
    assert set(cited()) <= defined, sorted(set(cited()) - defined)


def _front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    m = re.match(r"---\n(.*?)\n---\n", text, flags=re.S)
    return yaml.safe_load(m.group(1)) if m else {}


CHAPTERS = sorted((ROOT / "chapters").glob("[0-9][0-9]_*.md"))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_chapter_shows_when_it_was_last_reviewed(path: Path) -> None:
    meta = _front_matter(path)
    assert "last_reviewed" in meta, f"{path.name}: no last_reviewed in front matter"
    reviewed = parse_reviewed(meta["last_reviewed"])
    assert reviewed <= dt.date.fromisoformat(REVIEWED)


def test_last_reviewed_text_and_rejections() -> None:
    assert last_reviewed_text("2026-11-26") == "Last reviewed: 26 November 2026"
    assert last_reviewed_text(dt.date(2025, 1, 5)) == "Last reviewed: 5 January 2025"
    with pytest.raises(ValueError, match="not a date"):
        parse_reviewed("26/11/2026")
    with pytest.raises(ValueError, match="after the course review"):
        parse_reviewed("2099-01-01")


def test_start_page_generates_the_guideline_table() -> None:
    text = (ROOT / "chapters" / "01_start_here.md").read_text(encoding="utf-8")
    assert "```{guidelines}" in text


def test_registry_citations_agree_with_every_engine_copy() -> None:
    """A guideline citation defined in more than one engine module must not drift."""
    import importlib
    import pkgutil

    import bonemets
    from bonemets.result import Citation

    registry = cited()
    drift = []
    for info in pkgutil.walk_packages(bonemets.__path__, "bonemets."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, Citation) and value.key in registry:
                if value != registry[value.key]:
                    drift.append(f"{info.name}.{name} ({value.key})")
    assert drift == []
