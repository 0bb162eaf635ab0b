"""Every citation is defined once, and every citation the engine reaches is in the bibliography.

The scan reads the source (an AST walk over ``src/``), so a second ``Citation(key="x", ...)``
anywhere fails here even if no code path imports it yet.
"""

from __future__ import annotations

import ast
import json
from collections import defaultdict
from pathlib import Path

import pytest

from bonemets import Citation, all_citations, guidelines, pathway
from bonemets.evidence import trials
from coursebook.bib import REFERENCES, bib_keys, bibfiles, engine_citations

SRC = Path(__file__).resolve().parents[2] / "src"
ENGINE = SRC / "bonemets"
GOLDEN = Path(__file__).resolve().parents[1] / "cases" / "golden"


def citation_constructions(root: Path) -> dict[str, list[str]]:
    """``key -> ["file:line", ...]`` for every ``Citation(key=...)`` call in ``root``."""
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name != "Citation":
                continue
            key = next((k.value for k in node.keywords if k.arg == "key"), None)
            if key is None and node.args:
                key = node.args[0]
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                found[key.value].append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return found


def test_every_citation_key_is_constructed_once() -> None:
    found = citation_constructions(ENGINE)
    assert len(found) > 100  # the scan sees the engine's citations
    twice = {k: v for k, v in found.items() if len(v) > 1}
    assert not twice, (
        "citations constructed more than once (move them to bonemets/sources.py): "
        + ("; ".join(f"{k} at {', '.join(v)}" for k, v in sorted(twice.items())))
    )


def test_the_scan_catches_a_second_construction(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text('A = Citation(key="smith2020", authors="Smith J", title="T")\n')
    (pkg / "b.py").write_text('from x import result\nB = result.Citation("smith2020", "S")\n')
    (pkg / "c.py").write_text('C = Citation(key="jones2019")\n')
    found = citation_constructions(pkg)
    assert found == {"smith2020": ["pkg/a.py:1", "pkg/b.py:2"], "jones2019": ["pkg/c.py:1"]}


def shared_outside_sources(root: Path) -> list[str]:
    """Citations defined at module level outside ``sources.py`` and imported by another
    sub-package of ``root`` (``scores`` -> ``pathway``): those belong in ``sources.py``."""

    def module(path: Path) -> list[str]:
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        return parts[:-1] if parts[-1] == "__init__" else parts

    defined: dict[tuple[str, ...], set[str]] = {}
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in root.rglob("*.py")}
    for path, tree in trees.items():
        defined[tuple(module(path))] = {
            t.id
            for n in tree.body
            if isinstance(n, ast.Assign)
            and isinstance(n.value, ast.Call)
            and getattr(n.value.func, "id", getattr(n.value.func, "attr", None)) == "Citation"
            for t in n.targets
            if isinstance(t, ast.Name)
        }
    found = []
    for path, tree in trees.items():
        here = module(path)
        package = here if path.name == "__init__.py" else here[:-1]
        for n in ast.walk(tree):
            if not (isinstance(n, ast.ImportFrom) and n.level):
                continue
            base = package[: len(package) - (n.level - 1)] + (n.module or "").split(".")
            source = tuple(p for p in base if p)
            names = {a.name for a in n.names} & defined.get(source, set())
            if names and source[:2] != tuple(here[:2]) and source[-1] != "sources":
                found += [
                    f"{'.'.join(here)} imports {name} from {'.'.join(source)}" for name in names
                ]
    return sorted(found)


def test_a_citation_two_packages_use_lives_in_sources() -> None:
    assert not shared_outside_sources(ENGINE)


def test_the_sources_rule_catches_a_cross_package_import(tmp_path: Path) -> None:
    root = tmp_path / "eng"
    for d in ("scores", "pathway"):
        (root / d).mkdir(parents=True)
        (root / d / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "sources.py").write_text('SHARED = Citation(key="shared")\n')
    (root / "scores" / "sins.py").write_text('FISHER = Citation(key="fisher")\n')
    (root / "scores" / "noms.py").write_text("from .sins import FISHER\n")
    (root / "pathway" / "spine.py").write_text(
        "from ..scores.sins import FISHER\nfrom ..sources import SHARED\n"
    )
    assert shared_outside_sources(root) == ["eng.pathway.spine imports FISHER from eng.scores.sins"]


def test_no_two_keys_name_the_same_paper() -> None:
    """One paper, one key: two citations with the same DOI or the same title and year are the same
    paper cited under two keys (the old ``vanderlinden2004dbms``/``vanderlinden2004``)."""
    seen: dict[tuple[str, str], str] = {}
    clashes = []
    for c in engine_citations().values():
        marks = [("title", f"{c.title.lower()} {c.year}")]
        if c.doi:
            marks.append(("doi", c.doi.lower()))
        for mark in marks:
            if mark in seen and seen[mark] != c.key:
                clashes.append((seen[mark], c.key))
            seen.setdefault(mark, c.key)
    assert not clashes


def reachable() -> dict[str, tuple[str, Citation]]:
    """Every citation a reader of the engine can reach, with where it was reached from."""
    out: dict[str, tuple[str, Citation]] = {}
    for key, c in all_citations().items():
        out.setdefault(key, ("calculator", c))
    for key, t in trials().items():
        out.setdefault(t.citation.key, (f"evidence {key}", t.citation))
    for name, r in pathway.RULES.items():
        for c in r.citations:
            out.setdefault(c.key, (f"rule {name}", c))
    for row in pathway.safety.TABLE:
        for c in row.citations:
            out.setdefault(c.key, (f"safety {row.code}", c))
    for c in guidelines.cited().values():
        out.setdefault(c.key, ("guidelines", c))
    return out


def defined_keys() -> set[str]:
    return {k.lower() for p in bibfiles() for k in bib_keys(p)}


def test_every_reachable_citation_resolves_in_a_bib_file() -> None:
    keys = defined_keys()
    cited = reachable()
    # The pathway and the safety table are walked (not only calculators and trials).
    assert {"patchell2005", "nice2023ng234", "rajkumar2014", "eliquissmpc"} <= set(cited)
    missing = {k: where for k, (where, _) in cited.items() if k.lower() not in keys}
    assert not missing, f"citations in no .bib file under {REFERENCES}: {missing}"


def test_rule_and_safety_citations_are_generated_into_engine_bib() -> None:
    generated = set(bib_keys(REFERENCES / "engine.bib"))
    rules = {c.key for r in pathway.RULES.values() for c in r.citations}
    table = {c.key for row in pathway.safety.TABLE for c in row.citations}
    assert rules | table <= generated
    assert set(engine_citations()) == generated


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.stem)
def test_every_citation_key_in_a_golden_evaluation_resolves(path: Path) -> None:
    """Actions cite a source that is in the bibliography, whatever rule emitted them."""

    def keys_in(node: object) -> set[str]:
        if isinstance(node, dict):
            own = {node["citation_key"]} if isinstance(node.get("citation_key"), str) else set()
            own |= set(node.get("citation_keys", []) or [])
            return own.union(*(keys_in(v) for v in node.values()))
        if isinstance(node, list):
            return set().union(*(keys_in(v) for v in node))
        return set()

    found = keys_in(json.loads(path.read_text(encoding="utf-8")))
    assert found, "the golden evaluation cites nothing: the walk is not reading it"
    assert not {k for k in found if k.lower() not in defined_keys()}
