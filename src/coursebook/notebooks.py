"""Generate, execute and check the case notebooks (``cases/<id>.ipynb``) and ``cases/index.md``.

    ./course execute                          # = python -m coursebook.notebooks execute
    python -m coursebook.notebooks generate   # write cases/<id>.ipynb and cases/index.md from the cases
    python -m coursebook.notebooks execute    # regenerate, run the notebooks whose inputs changed
    python -m coursebook.notebooks check      # exit 1 if a notebook or the index is not as generated

The generator writes only the cells (the story, the simulator, the printed key results, the charts,
the discussion) from each case file, so the case notebooks cannot drift apart. ``execute`` first
regenerates, then runs in a fresh kernel (nbclient, from the notebook's own folder, as nbval does)
only the notebooks whose inputs changed, and stores the outputs and the widget state; the book
build does not execute notebooks (``_config.yml``: ``execute_notebooks: "off"``), it shows these
stored outputs, and ``tests/notebooks`` (nbval, strict) proves they are current.

Each notebook's metadata (``bonemets``) records its case file, ``cells_sha256`` (the cells as
generated: a notebook whose cells no longer match was edited by hand, and is not overwritten
without ``--force``) and ``inputs_sha256`` (:func:`inputs_digest`: the content hash of its cells,
its case file, the engine, charts, widgets and generator sources and the other cases' totals; an
unchanged hash means nothing to run).

A notebook's outputs are compared after :func:`sanitize_outputs` (the patterns of
``tests/nbval_sanitize.cfg``: chart element ids, widget model ids, memory addresses).
"""

from __future__ import annotations

import argparse
import configparser
import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

__all__ = [
    "REGENERATE",
    "ROOT",
    "HandEditedError",
    "Plan",
    "case_notebook",
    "check",
    "execute",
    "generate",
    "hand_edited",
    "index_markdown",
    "inputs_digest",
    "md_inline",
    "md_text",
    "notebook_paths",
    "plan",
    "sanitize_outputs",
]

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = "coursebook.notebooks"
#: Earlier names of the generator, still recognised in a stored notebook's metadata.
FORMER_GENERATORS = ("widgets.notebooks",)
#: The command that regenerates and re-executes the notebooks.
REGENERATE = "./course execute"
CELL_TIMEOUT = 120
KERNEL = "python3"
IGNORE = "# NBVAL_IGNORE_OUTPUT"


def _cases_dir(root: Path) -> Path:
    return root / "cases"


# -- authored text into Markdown: the one escaping path ---------------------------------------
#: Characters that can start or take part in a Markdown / MyST construct anywhere in a line: raw
#: HTML and autolinks (<), emphasis (* _), code and roles (` { }), links and footnotes ([ ] ( )),
#: math ($), tables (|), entities (&), strikethrough/fences (~), substitutions ({{ }}), escapes (\\).
_MD_INLINE = re.compile(r"([\\`*_{}\[\]<>()#+!|$&~^=:\"])")
#: Block constructs recognised at the start of a paragraph: headings, lists, quotes, breaks,
#: comments (%), targets, fences, directives (:::), tables, setext lines, ordered lists (1. / 1)).
_MD_LEAD = re.compile(r"^(\d{1,9})([.)])")


def md_text(text: str) -> str:
    """Plain text (from a case file or objectives.yaml) as MyST Markdown that shows exactly that
    text and nothing else: every character that could start HTML, a link, an image, a role, a
    directive, maths, a substitution or emphasis is backslash-escaped (CommonMark lets any ASCII
    punctuation be escaped), line breaks and runs of spaces become one space, and a paragraph
    cannot start a block (heading, list, quote, comment, fence). Blank lines separate paragraphs.

    Everything authored that reaches a notebook's Markdown, ``cases/index.md`` or (through the
    title heading) the sidebar goes through here; nothing authored is written into Markdown raw.
    """
    paragraphs = []
    for para in re.split(r"\n\s*\n", str(text)):
        flat = " ".join(para.split())
        if not flat:
            continue
        flat = _MD_INLINE.sub(r"\\\1", flat)
        flat = _MD_LEAD.sub(r"\1\\\2", flat)
        if flat[0] in "-%":  # a list item or a MyST comment
            flat = "\\" + flat
        paragraphs.append(flat)
    return "\n\n".join(paragraphs)


def md_inline(text: str) -> str:
    """:func:`md_text` on one line (a heading, a table cell, a list item)."""
    return md_text(" ".join(str(text).split()))


# -- the cells of one case notebook ----------------------------------------------------------
def _md(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(text.strip() + "\n")


def _code(text: str, *tags: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(text.strip())
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def objective_texts(root: Path) -> dict[str, tuple[str, str]]:
    """Objective id -> (chapter title, objective text), from chapters/objectives.yaml (read by the
    syllabus, :mod:`bonemets.syllabus`; a problem raises :class:`bonemets.datafile.DataFileError`
    naming the file)."""
    from bonemets.syllabus import OBJECTIVES_FILE, syllabus

    if not (root / OBJECTIVES_FILE).exists():
        return {}
    syl = syllabus(root)
    return {o.id: (syl.title(o.chapter), o.text) for o in syl.objectives.values()}


_objectives = objective_texts


def _primary_text(case: Any) -> str:
    from bonemets.patient import PRIMARIES

    p = case.primary
    label = PRIMARIES[p.site].label if p.site in PRIMARIES else p.site
    return f"{label} ({p.histology})"


def _primary(case: Any) -> str:
    from bonemets.patient import PRIMARIES

    p = case.primary
    label = PRIMARIES[p.site].label if p.site in PRIMARIES else p.site
    return f"{md_inline(label)} ({md_inline(p.histology)})"


def _sites(case: Any) -> str:
    return ", ".join(md_inline(les.label) for les in case.lesions)


def case_facts(case: Any) -> list[tuple[str, str]]:
    """The key facts of a case as (label, plain text): the notebook (through :func:`md_inline`)
    and the book's case page (:mod:`coursebook.casepage`, as text nodes) show these."""
    p = case.patient
    perf = case.performance
    performance = ", ".join(
        x
        for x in (
            f"KPS {perf.kps}%" if perf.kps is not None else "",
            f"ECOG {perf.ecog}" if perf.ecog is not None else "",
        )
        if x
    )
    m = case.metastases
    return [
        ("Patient", f"{p.age_years:g}-year-old {p.sex}, {p.weight_kg:g} kg"),
        ("Primary", _primary_text(case)),
        ("Performance", performance),
        ("Bone lesions described", ", ".join(les.label for les in case.lesions)),
        (
            "Metastases",
            f"{m.extraspinal_bone} extraspinal bone, {m.vertebral} vertebral, "
            f"visceral: {m.visceral.replace('_', ' ')}, brain: {'yes' if m.brain else 'no'}",
        ),
    ]


def _facts(case: Any) -> list[str]:
    return [f"**{label}**: {md_inline(value)}" for label, value in case_facts(case)]


def generated_notice(case_id: str) -> str:
    """The first lines of a case notebook: MyST comments (``%``), so the book's page does not show
    them, while Jupyter shows them as text at the top of the notebook."""
    return f"""
% GENERATED NOTEBOOK: do not edit it here. It is written by {REGENERATE} (the generator is
% src/coursebook/notebooks.py) from the case file cases/data/{case_id}.yaml. To change the story,
% the findings or the discussion, edit that case file; to change the cells, edit the generator;
% then run {REGENERATE}. A notebook edited by hand is detected and not overwritten (unless
% {REGENERATE} --force).
""".strip()


def case_notebook(case: Any, root: Path = ROOT) -> nbformat.NotebookNode:
    """The notebook of ``case`` (cells only, no outputs)."""
    import bonemets

    t = case.teaching
    objectives = _objectives(root)
    teaches = "\n".join(
        f"- {md_inline(objectives[o][1])} *({md_inline(objectives[o][0])})*"
        if o in objectives
        else f"- {md_inline(o)}"
        for o in t.learning_objectives
    )
    facts = "\n".join(f"- {f}" for f in _facts(case))
    data_file = f"data/{case.id}.yaml"
    cells = [
        _md(
            f"""
{generated_notice(case.id)}

# {md_inline(t.title)}

*Case `{case.id}`: a fictional patient, for teaching. {md_inline(bonemets.NOTICE)}*

{md_text(t.summary)}

{facts}

**What this case teaches**

{teaches}

The case file is `cases/{data_file}`; every number below is computed from it by the course's
engine (`bonemets`), nothing is typed by hand.
"""
        ),
        _md(
            """
## Discussion: predict first

Think about each question, and write your answer down, before you open its answer. Then run the
notebook: the simulator, the computed scores and the pathway below show what the engine makes of
the case, and let you test your reasoning by changing a finding.
"""
        ),
        *[
            _md(
                f"""
**Question {i}.** {md_text(d.question)}

<details>
<summary>Show the answer</summary>

{md_text(d.answer)}

</details>
"""
            )
            for i, d in enumerate(t.discussion, start=1)
        ],
        _code(
            f"""
from pathlib import Path

import charts.render
from bonemets.cases import evaluate_case, library, load_case
from charts import scores
from widgets import CaseSimulator
from widgets.report import result_text
from widgets.simulator import evaluation_text, what_if_rows

charts.render.enable()  # charts load the course's own copy of vega (works offline)
# the case file, relative to this notebook (the book build and nbval run it from its folder)
case = load_case(Path("data") / "{case.id}.yaml")
evaluation = evaluate_case(case)
""",
            "hide-input",
        ),
        _md(
            """
## Try it: the case simulator

Every finding of the case is a control below, grouped by section and lesion. Change one and every
score and the pathway are recomputed; what differs from the case is marked (✎ on the control, and
"changed" / "[new]" in the results). **Reset to the case** undoes every edit; **What would change
it?** tries every other value of each finding, one at a time. Live controls need a running kernel
(Binder or a local Jupyter); on the static page they show the case as written, and the same results
are printed in full below.
"""
        ),
        _code(f"{IGNORE}\nsimulator = CaseSimulator(case)\nsimulator"),
        _md(
            """
## Key results, as computed

The scores with their bands, what could not be computed (and which findings it needs), and the
pathway grouped by urgency. These printed values are checked against a fresh run by the tests.
"""
        ),
        _code("print(evaluation_text(evaluation))"),
        _md("### Each score, item by item"),
        _code(
            """
for key, result in evaluation.results.items():
    print(f"[{key}]")
    print(result_text(result))
    print()
"""
        ),
        _md(
            """
## Charts

Each points score on its band scale, with this patient's total marked.
"""
        ),
        _code("scores.band_scales(evaluation.results)"),
        _md(
            """
### Which single change would matter?

For every finding with a few possible values, each other value is tried on its own (everything else
as in the case): does a band move, or the pathway change? Findings that change nothing on their own
are left out of the grid and counted in its description.
"""
        ),
        _code(
            """
changes = what_if_rows(case)
for row in changes:
    if row["effect"] in ("changes the band", "changes the pathway"):
        print(f"{row['input']} = {row['option']}: {row['outcome']}")
scores.case_what_if(changes, case.id)
"""
        ),
        _md(
            """
### This case among the others

Every case of the library on each points score it has; this case is the large red mark.
"""
        ),
        _code(
            """
others = {cid: evaluate_case(c).results for cid, c in library("data").items()}
scores.library_context(others, highlight=case.id)
"""
        ),
    ]
    for i, cell in enumerate(
        cells
    ):  # stable ids: a regenerated notebook diffs only where it changed
        cell.id = f"{case.id[:50]}-{i:02d}"
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": KERNEL}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["bonemets"] = {
        "generated_by": GENERATOR,
        "case": case.id,
        "case_file": f"cases/{data_file}",
        "cells_sha256": cells_digest(nb),
    }
    return nb


# -- the book's page of one case ----------------------------------------------------------------
#: The first line of every generated case page (how a generated page is recognised).
PAGE_MARK = "% GENERATED PAGE"


def page_notice(case_id: str) -> str:
    return f"""
{PAGE_MARK}: do not edit it here. It is written by {REGENERATE} (the generator is
% src/coursebook/notebooks.py) from the case file cases/data/{case_id}.yaml; the {{case}} directive
% (src/coursebook/casepage.py) renders each part from the engine when the book is built.
""".strip()


def case_page(case: Any, root: Path = ROOT) -> str:
    """The book's page of ``case`` (``cases/<id>.md``): its title and one ``{case}`` directive per
    part, in the order predict, then reveal (see :mod:`coursebook.casepage`). The executed notebook
    is not a page of the book; the page links to it."""
    from bonemets.cases import evaluate_case

    from .casepage import has_band_scales

    cid = case.id
    charts = ""
    if has_band_scales(evaluate_case(case).results):
        charts += f"\n```{{chart}} coursebook.casepage:band_scales {cid}\n```\n"
    charts += f"\n```{{chart}} coursebook.casepage:library_context {cid}\n```\n"

    def part(name: str, heading: str) -> str:
        return f"{heading}\n\n```{{case}} {cid}\n:part: {name}\n```\n" if heading else ""

    return f"""{page_notice(cid)}

# {md_inline(case.teaching.title)}

```{{case}} {cid}
:part: intro
```

{part("story", "## The story")}
{part("teaches", "## What this case teaches")}
{part("discussion", "## Discussion")}
## Your prediction, then the engine's answer

````{{case}} {cid}
:part: results
{charts}
````
"""


def generated_pages(root: Path = ROOT) -> dict[Path, str]:
    cases = _library(root)
    return {_cases_dir(root) / f"{cid}.md": case_page(c, root) for cid, c in cases.items()}


# -- the index page ---------------------------------------------------------------------------
def _cell(text: str) -> str:
    """A table cell: authored text through :func:`md_inline` (``|`` escaped there too)."""
    return md_inline(text)


def index_markdown(cases: dict[str, Any], root: Path = ROOT) -> str:
    objectives = _objectives(root)
    rows = []
    for cid, case in sorted(cases.items()):
        teaches = "; ".join(
            md_inline(objectives[o][1] if o in objectives else o)
            for o in case.teaching.learning_objectives
        )
        rows.append(
            f"| [{cid}]({cid}.md) | {_cell(case.teaching.title)} | {_primary(case)} "
            f"| {_sites(case)} | {teaches} |"
        )
    table = "\n".join(rows)
    return f"""# Cases

<!-- Generated by `python -m coursebook.notebooks generate` from cases/data/*.yaml: do not edit. -->

Fictional patients, one per page. Educational use only, not clinical advice.

There are {len(cases)} cases. Each page tells the story and asks the discussion questions first;
the scores, the pathway and the charts computed by the course's engine are revealed when you ask,
after you have committed your own answer. "Run this case live" runs the same engine in your
browser: change a finding and every score and the pathway are recomputed. Each page also links
its notebook (the simulator and the code) for Jupyter or Binder.

| Case | Title | Primary | Site | What it teaches |
| --- | --- | --- | --- | --- |
{table}
"""


# -- generate / check / execute ---------------------------------------------------------------
def _library(root: Path) -> dict[str, Any]:
    from bonemets.cases import library

    return library(str(_cases_dir(root) / "data"))


def _cells_key(nb: Any) -> list[tuple[str, str, Any]]:
    return [
        (c.cell_type, c.source, sorted(c.get("metadata", {}).get("tags", []))) for c in nb.cells
    ]


def _sha256(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def cells_digest(nb: Any) -> str:
    """A hash of the cells (type, source, tags): what a hand edit changes."""
    return _sha256(json.dumps(_cells_key(nb), ensure_ascii=False))


def _meta(nb: Any) -> dict[str, Any]:
    return dict(nb.metadata.get("bonemets") or {})


def is_generated(nb: Any) -> bool:
    return _meta(nb).get("generated_by") in (GENERATOR, *FORMER_GENERATORS)


def hand_edited(nb: Any) -> bool:
    """True if a generated notebook's cells differ from the cells it was generated with (the hash
    its metadata stores): someone edited it, and regenerating it would lose that edit."""
    recorded = _meta(nb).get("cells_sha256")
    return recorded is not None and recorded != cells_digest(nb)


#: What a notebook's outputs are computed from, besides its own cells and case file: the engine,
#: the charts, the widgets, this generator, the objectives, and the versions of the libraries
#: that write the outputs.
SOURCES = (
    ("src/bonemets", ("*.py", "*.yaml", "*.yml", "*.json")),
    ("src/charts", ("*.py", "*.js")),
    ("src/widgets", ("*.py",)),
    ("src/coursebook", ("notebooks.py",)),
    ("chapters", ("objectives.yaml",)),
)
OUTPUT_PACKAGES = ("altair", "ipywidgets", "ipykernel", "nbclient", "nbformat")


def source_files(root: Path = ROOT) -> list[Path]:
    files: list[Path] = []
    for folder, patterns in SOURCES:
        for pattern in patterns:
            files += [p for p in (root / folder).rglob(pattern) if "__pycache__" not in p.parts]
    return sorted(set(files))


def sources_digest(root: Path = ROOT) -> str:
    """A hash over :data:`SOURCES` (paths and contents) and the :data:`OUTPUT_PACKAGES` versions."""
    from importlib.metadata import PackageNotFoundError, version

    parts: list[bytes | str] = []
    for p in source_files(root):
        parts += [p.relative_to(root).as_posix(), p.read_bytes()]
    for name in OUTPUT_PACKAGES:
        try:
            parts.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name} missing")
    return _sha256(*parts)


def library_digest(cases: dict[str, Any]) -> str:
    """A hash of what a case notebook shows of the other cases: the library chart's data (every
    case's points totals and bands). Editing one case's story leaves it unchanged; changing a
    total changes it, and then every notebook is re-run."""
    from bonemets.cases import evaluate_case
    from charts.scores import library_context

    spec = library_context({cid: evaluate_case(c).results for cid, c in cases.items()}).to_dict()
    return _sha256(json.dumps(spec, sort_keys=True, ensure_ascii=False))


def inputs_digest(nb: Any, case_file: Path | None, shared: str) -> str:
    """The content hash of everything ``nb``'s outputs come from: its cells, its case file and
    ``shared`` (:func:`sources_digest` + :func:`library_digest`)."""
    case = case_file.read_bytes() if case_file is not None else b""
    return _sha256(shared, cells_digest(nb), case)


def generated_notebooks(root: Path = ROOT) -> dict[Path, nbformat.NotebookNode]:
    cases = _library(root)
    return {_cases_dir(root) / f"{cid}.ipynb": case_notebook(c, root) for cid, c in cases.items()}


def _edited_message(path: Path, root: Path) -> str:
    meta_case = path.stem
    return (
        f"{path.relative_to(root)}: edited by hand (its cells differ from those the generator "
        f"wrote); not overwritten. Move the change into cases/data/{meta_case}.yaml (story, "
        f"findings, discussion) or src/coursebook/notebooks.py (the cells) and run "
        f"{REGENERATE}; or run {REGENERATE} --force to discard the edit."
    )


class HandEditedError(Exception):
    """Generated notebooks were edited by hand; their paths are in ``paths``."""

    def __init__(self, paths: list[Path], root: Path = ROOT) -> None:
        self.paths = paths
        super().__init__("\n".join(_edited_message(p, root) for p in paths))


def _write_index(cases: dict[str, Any], root: Path) -> list[Path]:
    """Write ``cases/index.md`` and each case's page (``cases/<id>.md``) where they differ from
    the generator's, and remove generated pages whose case file is gone."""
    index = _cases_dir(root) / "index.md"
    wanted = {index: index_markdown(cases, root)}
    wanted.update({_cases_dir(root) / f"{cid}.md": case_page(c, root) for cid, c in cases.items()})
    written = []
    for path, text in wanted.items():
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        path.write_text(text, encoding="utf-8")
        written.append(path)
    for path in _cases_dir(root).glob("*.md"):
        if path not in wanted and path.read_text(encoding="utf-8").startswith(PAGE_MARK):
            path.unlink()
            written.append(path)
    return written


def _remove_orphans(wanted: Iterable[Path], root: Path) -> list[Path]:
    """Delete generated notebooks whose case file is gone."""
    removed = []
    keep = set(wanted)
    for path in _cases_dir(root).glob("*.ipynb"):
        if path not in keep and is_generated(nbformat.read(path, as_version=4)):
            path.unlink()
            removed.append(path)
    return removed


def generate(root: Path = ROOT, force: bool = False) -> list[Path]:
    """Write every case notebook whose cells differ from the generator's, and the index.
    A notebook whose cells are unchanged keeps its stored outputs. A notebook edited by hand is
    not overwritten (:class:`HandEditedError`, after the others are written) unless ``force``.
    Returns the paths written or removed."""
    written: list[Path] = []
    edited: list[Path] = []
    cases = _library(root)
    wanted = generated_notebooks(root)
    for path, nb in wanted.items():
        if path.exists():
            stored = nbformat.read(path, as_version=4)
            if hand_edited(stored) and not force:
                edited.append(path)
                continue
            if _cells_key(stored) == _cells_key(nb):
                continue
        nbformat.write(nb, path)
        written.append(path)
    written += _remove_orphans(wanted, root)
    written += _write_index(cases, root)
    if edited:
        raise HandEditedError(edited, root)
    return written


def check(root: Path = ROOT) -> list[str]:
    """What is not as generated (empty when everything is): missing, extra or edited notebooks,
    notebooks stored without outputs, and the index."""
    problems = []
    cases = _library(root)
    wanted = generated_notebooks(root)
    for path, nb in wanted.items():
        rel = path.relative_to(root)
        if not path.exists():
            problems.append(f"{rel}: missing; run {REGENERATE}")
            continue
        stored = nbformat.read(path, as_version=4)
        if hand_edited(stored):
            problems.append(_edited_message(path, root))
        elif _cells_key(stored) != _cells_key(nb):
            problems.append(f"{rel}: cells differ from the generator's; run {REGENERATE}")
        elif any(
            not c.get("outputs") for c in [c for c in stored.cells if c.cell_type == "code"][1:]
        ):
            problems.append(f"{rel}: stored without outputs; run {REGENERATE}")
    for path in _cases_dir(root).glob("*.ipynb"):
        if path not in wanted:
            problems.append(f"{path.relative_to(root)}: no case file cases/data/{path.stem}.yaml")
    index = _cases_dir(root) / "index.md"
    if not index.exists() or index.read_text(encoding="utf-8") != index_markdown(cases, root):
        problems.append(f"cases/index.md: not as generated; run {REGENERATE}")
    for path, text in generated_pages(root).items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            problems.append(f"{path.relative_to(root)}: not as generated; run {REGENERATE}")
    for path in _cases_dir(root).glob("*.md"):
        if path.name != "index.md" and path.stem not in cases:
            if path.read_text(encoding="utf-8").startswith(PAGE_MARK):
                problems.append(f"{path.relative_to(root)}: no case file; run {REGENERATE}")
    return problems


def notebook_paths(root: Path = ROOT) -> list[Path]:
    """Every notebook of the book: cases/*.ipynb and chapters/**/*.ipynb."""
    out: list[Path] = []
    for folder in ("chapters", "cases"):
        for p in sorted((root / folder).rglob("*.ipynb")):
            if ".ipynb_checkpoints" not in p.parts and "_build" not in p.parts:
                out.append(p)
    return out


def run_notebook(path: Path, timeout: int = CELL_TIMEOUT) -> nbformat.NotebookNode:
    """Execute ``path`` in a fresh kernel from its own folder; returns the executed notebook."""
    return _run(nbformat.read(path, as_version=4), path, timeout)


def _run(nb: Any, path: Path, timeout: int = CELL_TIMEOUT) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=KERNEL,
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True,
    )
    client.execute()
    return nb


_MODEL_ID = re.compile(r"[0-9a-f]{32}")


def _widget_state_key(nb: Any) -> list[str]:
    """The saved widget models, each as JSON with the (random) model ids blanked, sorted."""
    saved = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    models = (saved.get("state") or {}).values()
    return sorted(_MODEL_ID.sub("ID", json.dumps(m, sort_keys=True)) for m in models)


def _execute_one(job: tuple[str, str, str, str]) -> tuple[str, str]:
    """Run one notebook (its cells given as JSON) and save it with ``inputs_sha256``. If every
    output equals the stored one (after the sanitizer), only the hash is updated: a re-run that
    changes nothing does not rewrite the outputs (widget ids, ...)."""
    path_text, cells_json, inputs, root_text = job
    path, root = Path(path_text), Path(root_text)
    nb = _run(nbformat.reads(cells_json, as_version=4), path)
    if path.exists():
        stored = nbformat.read(path, as_version=4)
        if (
            _cells_key(stored) == _cells_key(nb)
            and sanitize_outputs(stored, root) == sanitize_outputs(nb, root)
            and _widget_state_key(stored) == _widget_state_key(nb)
        ):
            stored.metadata.setdefault("bonemets", {})["inputs_sha256"] = inputs
            nbformat.write(stored, path)
            return path_text, "re-run, same outputs"
    nb.metadata.setdefault("bonemets", {})["inputs_sha256"] = inputs
    nbformat.write(nb, path)
    return path_text, "executed"


@dataclass
class Plan:
    """What :func:`execute` will do: ``run`` (path, cells as JSON, inputs hash), the notebooks
    ``edited`` by hand (left alone) and how many are ``unchanged``."""

    run: list[tuple[Path, str, str]] = field(default_factory=list)
    edited: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)


def plan(root: Path = ROOT, paths: Iterable[Path] | None = None, force: bool = False) -> Plan:
    """Which notebooks to run. A notebook is run when its content hash (:func:`inputs_digest`:
    its cells, its case file, the engine, charts, widgets and generator sources, the other cases'
    totals) differs from the ``inputs_sha256`` stored in its metadata, or its cells differ from
    the generator's; ``paths`` are run whatever their hash. A notebook edited by hand is never
    run unless ``force`` (its edit would be lost)."""
    cases = _library(root)
    shared = _sha256(sources_digest(root), library_digest(cases))
    explicit = {p.resolve() for p in paths} if paths is not None else None
    wanted = generated_notebooks(root)
    other = [p for p in notebook_paths(root) if p not in wanted]
    out = Plan()
    for path in [*wanted, *other]:
        stored = nbformat.read(path, as_version=4) if path.exists() else None
        if stored is not None and hand_edited(stored) and not force:
            out.edited.append(path)
            continue
        nb = wanted.get(path) or stored
        assert nb is not None
        case_file = _cases_dir(root) / "data" / f"{path.stem}.yaml" if path in wanted else None
        inputs = inputs_digest(nb, case_file, shared)
        current = (
            stored is not None
            and _meta(stored).get("inputs_sha256") == inputs
            and _cells_key(stored) == _cells_key(nb)
        )
        if explicit is not None:
            if path.resolve() not in explicit:
                continue
        elif current:
            out.unchanged.append(path)
            continue
        out.run.append((path, nbformat.writes(nb), inputs))
    return out


def execute(
    root: Path = ROOT,
    paths: Iterable[Path] | None = None,
    jobs: int = 2,
    force: bool = False,
    log: Callable[[str], None] = print,
) -> list[Path]:
    """Regenerate the case notebooks and run those :func:`plan` selects (``jobs`` at once), each
    saved with its ``inputs_sha256``; an unchanged notebook is not rewritten. Notebooks edited by
    hand are left alone and reported (:class:`HandEditedError`, once the others are done) unless
    ``force``. Returns the notebooks run."""
    todo = plan(root, paths, force)
    cases = _library(root)
    for p in _remove_orphans(generated_notebooks(root), root):
        log(f"removed {p.relative_to(root)} (no case file)")
    for p in _write_index(cases, root):
        log(f"wrote {p.relative_to(root)}")
    log(f"{len(todo.run)} notebook(s) to run, {len(todo.unchanged)} unchanged")
    done: list[Path] = []
    if todo.run:
        jobs_args = [(str(p), cells, inputs, str(root)) for p, cells, inputs in todo.run]
        with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(jobs_args)))) as pool:
            for path_text, what in pool.map(_execute_one, jobs_args):
                log(f"{what}: {Path(path_text).relative_to(root)}")
                done.append(Path(path_text))
    if todo.edited:
        raise HandEditedError(todo.edited, root)
    return done


# -- comparing outputs ------------------------------------------------------------------------
def sanitize_patterns(root: Path = ROOT) -> list[tuple[re.Pattern[str], str]]:
    """The (regex, replacement) pairs of ``tests/nbval_sanitize.cfg`` (what legitimately varies)."""
    cfg = configparser.ConfigParser(interpolation=None)
    cfg.read(root / "tests" / "nbval_sanitize.cfg", encoding="utf-8")
    return [(re.compile(cfg[s]["regex"]), cfg[s].get("replace", "")) for s in cfg.sections()]


def _output_text(output: Any) -> list[str]:
    if output.get("output_type") == "stream":
        return [f"stream:{output.get('name')}:{output.get('text', '')}"]
    if output.get("output_type") == "error":
        return [f"error:{output.get('ename')}:{output.get('evalue')}"]
    out = []
    for mime, value in sorted((output.get("data") or {}).items()):
        if mime == "application/vnd.jupyter.widget-view+json":
            value = {k: v for k, v in value.items() if k != "model_id"}
        text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
        if isinstance(value, list):
            text = "".join(value)
        out.append(f"{mime}:{text}")
    return out


def sanitize_outputs(nb: Any, root: Path = ROOT) -> list[list[str]]:
    """Each code cell's outputs as text, with what legitimately varies replaced."""
    patterns = sanitize_patterns(root)
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        texts: list[str] = []
        for output in _coalesce_streams(cell.get("outputs", [])):
            for text in _output_text(output):
                for rx, rep in patterns:
                    text = rx.sub(rep, text)
                texts.append(text)
        cells.append(texts)
    return cells


def _coalesce_streams(outputs: list[Any]) -> list[Any]:
    """Join consecutive stream outputs of one stream: how a print is split into messages depends
    on timing (nbval does the same before comparing)."""
    out: list[Any] = []
    for o in outputs:
        if (
            o.get("output_type") == "stream"
            and out
            and out[-1].get("output_type") == "stream"
            and out[-1].get("name") == o.get("name")
        ):
            out[-1] = {**out[-1], "text": out[-1]["text"] + o["text"]}
        else:
            out.append(o)
    return out


# -- command line -----------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m coursebook.notebooks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser(
        "generate", help="write cases/<id>.ipynb (cells), cases/<id>.md and cases/index.md"
    )
    ex = sub.add_parser(
        "execute", help="regenerate, then run the notebooks whose inputs changed and save them"
    )
    ex.add_argument("--jobs", type=int, default=2, help="notebooks run at once (default 2)")
    ex.add_argument("paths", nargs="*", type=Path, help="run these notebooks, changed or not")
    for p in (gen, ex):
        p.add_argument("--force", action="store_true", help="overwrite notebooks edited by hand")
    sub.add_parser("check", help="exit 1 if a notebook or the index is not as generated")
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="the course folder (default: this repository)"
    )
    args = parser.parse_args(argv)
    from bonemets.datafile import DataFileError

    try:
        return _command(args)
    except DataFileError as exc:  # a case file or objectives.yaml: file, line, field, message
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 2
    except HandEditedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _command(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    if args.command == "generate":
        for p in generate(root, force=args.force):
            print(f"wrote {p.relative_to(root)}")
        return 0
    if args.command == "execute":
        paths = [p.resolve() for p in args.paths] or None
        execute(root, paths=paths, jobs=args.jobs, force=args.force)
        return 0
    problems = check(root)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
