"""Generate ``references/engine.bib`` from the engine's citations, and read BibTeX keys.

    python -m coursebook.bib            write references/engine.bib
    python -m coursebook.bib --check    exit 1 if references/engine.bib is not up to date

The engine defines every citation once (:class:`bonemets.Citation`: beside the rule or record it
supports, or in :mod:`bonemets.sources` when several parts of the engine use it).
This module turns them into BibTeX so that chapters can cite them with ``{footcite}`` and the
bibliography page lists them. Chapter writers keep their own sources in ``references/<topic>.bib``;
a BibTeX key must be defined in one file only (``duplicate_keys`` finds offenders).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from bonemets import Citation, all_citations

__all__ = [
    "ENGINE_BIB",
    "REFERENCES",
    "bib_keys",
    "bibfiles",
    "duplicate_keys",
    "engine_bib_text",
    "engine_citations",
    "entry",
]

ROOT = Path(__file__).resolve().parents[2]
REFERENCES = ROOT / "references"
ENGINE_BIB = REFERENCES / "engine.bib"

_PERSON = re.compile(r"^(?P<surname>[^\s].*?)\s+(?P<initials>[A-Z]{1,4})$")
_DETAILS = re.compile(r"^(?P<volume>[^(:]*)(?:\((?P<number>[^)]*)\))?:(?P<pages>.+)$")
_KEY = re.compile(r"@\s*(?!comment\b|preamble\b|string\b)\w+\s*\{\s*([^,\s]+)\s*,", re.IGNORECASE)


def engine_citations() -> dict[str, Citation]:
    """Every citation of the engine, by key: calculators (``all_citations``), evidence trials,
    the shared sources (:mod:`bonemets.sources`), citations defined at module level in the
    evidence modules (sources without a figure, such as a classification), the pathway rules
    and the safety table (:mod:`bonemets.pathway`), and the tracked guidelines with the
    versions they replaced (:mod:`bonemets.guidelines`). All of them go to engine.bib: a
    chapter's ``references/<topic>.bib`` must not define one of these keys again."""
    from bonemets import guidelines, pathway, sources
    from bonemets.evidence import trials

    found: list[Citation] = list(all_citations().values())
    found += [trial.citation for trial in trials().values()]
    found += _module_citations(sources)
    found += _evidence_module_citations()
    found += [c for r in pathway.RULES.values() for c in r.citations]
    found += [c for row in pathway.safety.TABLE for c in row.citations]
    found += guidelines.cited().values()
    out: dict[str, Citation] = {}
    for citation in found:
        out.setdefault(citation.key, citation)
    return out


def _module_citations(module: ModuleType) -> list[Citation]:
    """Citations bound to a module-level name in ``module``."""
    return [v for v in vars(module).values() if isinstance(v, Citation)]


def _evidence_module_citations() -> list[Citation]:
    """Citations bound to a module-level name in the ``bonemets.evidence`` topic modules."""
    import importlib
    import pkgutil

    import bonemets.evidence as evidence

    found: list[Citation] = []
    for mod in pkgutil.iter_modules(evidence.__path__):
        found += _module_citations(importlib.import_module(f"{evidence.__name__}.{mod.name}"))
    return found


def _escape(text: str) -> str:
    """Escape the characters BibTeX/LaTeX would misread."""
    for ch in ("\\", "&", "%", "$", "#", "_"):
        text = text.replace(ch, "\\" + ch if ch != "\\" else "\\textbackslash{}")
    return text


def _author(name: str) -> str:
    """``"Bilsky MH"`` -> ``"Bilsky, M. H."``; an organisation is braced; ``et al`` -> ``others``."""
    name = name.strip()
    if name.rstrip(".").lower() == "et al":
        return "others"
    m = _PERSON.match(name)
    if m:
        initials = " ".join(f"{c}." for c in m["initials"])
        return f"{_escape(m['surname'])}, {initials}"
    return "{" + _escape(name) + "}"


def authors(text: str) -> str:
    """A Vancouver author list (``"Mirels H, Jawad MU, et al"``) as a BibTeX ``author`` field."""
    return " and ".join(_author(a) for a in text.split(",") if a.strip())


def entry(c: Citation) -> str:
    """One BibTeX entry for a citation: ``@article`` when the details give volume and pages."""
    fields: list[tuple[str, str]] = [
        ("author", authors(c.authors)),
        ("title", "{" + _escape(c.title) + "}"),
    ]
    m = _DETAILS.match(c.details.strip()) if c.details else None
    if m:
        kind = "article"
        fields.append(("journal", _escape(c.journal)))
        fields.append(("year", str(c.year)))
        if m["volume"].strip():
            fields.append(("volume", _escape(m["volume"].strip())))
        if m["number"]:
            fields.append(("number", _escape(m["number"].strip())))
        fields.append(("pages", _escape(m["pages"].strip().replace("-", "--"))))
    else:
        kind = "misc"
        fields.append(("howpublished", _escape(c.journal)))
        fields.append(("year", str(c.year)))
        if c.details:
            fields.append(("note", _escape(c.details)))
    if c.doi:
        fields.append(("doi", c.doi))
    if c.note:
        fields.append(("annote", _escape(c.note)))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@{kind}{{{c.key},\n{body}\n}}\n"


def engine_bib_text(citations: Iterable[Citation] | None = None) -> str:
    """The whole text of ``references/engine.bib`` (entries sorted by key)."""
    cits = list(engine_citations().values() if citations is None else citations)
    head = (
        "% GENERATED by `python -m coursebook.bib` from the citations of the bonemets engine.\n"
        "% Do not edit: change the Citation in src/bonemets and regenerate.\n\n"
    )
    return head + "\n".join(entry(c) for c in sorted(cits, key=lambda c: c.key))


def bib_keys(path: Path) -> list[str]:
    """The entry keys defined in a .bib file, in order (repeated keys are repeated)."""
    return _KEY.findall(path.read_text(encoding="utf-8"))


def bibfiles(references: Path = REFERENCES) -> list[Path]:
    """Every ``references/*.bib`` file, sorted by name (``engine.bib`` first)."""
    files = sorted(references.glob("*.bib"))
    return sorted(files, key=lambda p: (p.name != "engine.bib", p.name))


def duplicate_keys(paths: Iterable[Path]) -> dict[str, list[str]]:
    """Keys defined more than once across ``paths`` (case-insensitive, as BibTeX compares them),
    each with the files defining it."""
    seen: dict[str, list[str]] = {}
    for p in paths:
        for key in bib_keys(p):
            seen.setdefault(key.lower(), []).append(p.name)
    return {k: v for k, v in seen.items() if len(v) > 1}


def main(argv: list[str] | None = None) -> int:
    """Command line: write (default) or ``--check`` references/engine.bib."""
    parser = argparse.ArgumentParser(prog="python -m coursebook.bib", description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if engine.bib is stale")
    parser.add_argument("--output", type=Path, default=ENGINE_BIB)
    args = parser.parse_args(argv)
    text = engine_bib_text()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run python -m coursebook.bib", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({text.count('@')} entries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
