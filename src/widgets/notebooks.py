"""Generate, execute and check the case notebooks (``cases/<id>.ipynb``) and ``cases/index.md``.

    python -m widgets.notebooks generate   # write cases/<id>.ipynb and cases/index.md from the cases
    python -m widgets.notebooks execute    # re-run every notebook (cases/, chapters/) and save it
    python -m widgets.notebooks check      # exit 1 if a notebook or the index is not as generated

The generator writes only the cells (the story, the simulator, the printed key results, the charts,
the discussion) from each case file, so fourteen notebooks cannot drift apart; ``execute`` runs them
in a fresh kernel each (nbclient, from the notebook's own folder, as the book build and nbval do)
and stores the outputs and the widget state. ``./course execute`` calls ``execute``, which first
regenerates.

A notebook's outputs are compared after :func:`sanitize_outputs` (the patterns of
``tests/nbval_sanitize.cfg``: chart element ids, widget model ids, memory addresses).
"""

from __future__ import annotations

import argparse
import configparser
import json
import re
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import nbformat

__all__ = [
    "ROOT",
    "case_notebook",
    "check",
    "execute",
    "generate",
    "index_markdown",
    "md_inline",
    "md_text",
    "notebook_paths",
    "sanitize_outputs",
]

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = "widgets.notebooks"
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


def _objectives(root: Path) -> dict[str, tuple[str, str]]:
    """Objective id -> (chapter title, objective text), from chapters/objectives.yaml (read by the
    hardened loader; a problem raises :class:`bonemets.datafile.DataFileError` naming the file)."""
    from bonemets.quiz.io import load_objectives_file

    path = root / "chapters" / "objectives.yaml"
    if not path.exists():
        return {}
    out = {}
    for chapter in load_objectives_file(path).values():
        for oid, text in (chapter.get("objectives") or {}).items():
            out[oid] = (str(chapter.get("title", "")), str(text))
    return out


def _primary(case: Any) -> str:
    from bonemets.cases.primaries import PRIMARIES

    p = case.primary
    label = PRIMARIES[p.site].label if p.site in PRIMARIES else p.site
    return f"{md_inline(label)} ({md_inline(p.histology)})"


def _sites(case: Any) -> str:
    return ", ".join(md_inline(les.label) for les in case.lesions)


def _facts(case: Any) -> list[str]:
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
        f"**Patient**: {p.age_years:g}-year-old {md_inline(p.sex)}, {p.weight_kg:g} kg",
        f"**Primary**: {_primary(case)}",
        f"**Performance**: {performance}",
        f"**Bone lesions described**: {_sites(case)}",
        f"**Metastases**: {m.extraspinal_bone} extraspinal bone, {m.vertebral} vertebral, "
        f"visceral: {md_inline(m.visceral.replace('_', ' '))}, brain: {'yes' if m.brain else 'no'}",
    ]


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
        _code(
            f"""
from pathlib import Path

import widgets.render
from bonemets.cases import evaluate_case, library, load_case
from widgets import CaseSimulator
from widgets.charts import scores
from widgets.report import result_text
from widgets.simulator import evaluation_text, what_if_rows

widgets.render.enable()  # charts load the course's own copy of vega (works offline)
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
        _md("## Discussion\n\nThink about each question before you open its answer."),
    ]
    for i, d in enumerate(t.discussion, start=1):
        cells.append(
            _md(
                f"""
**Question {i}.** {md_text(d.question)}

<details>
<summary>Show the answer</summary>

{md_text(d.answer)}

</details>
"""
            )
        )
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": KERNEL}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["bonemets"] = {"generated_by": GENERATOR, "case": case.id}
    return nb


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
            f"| [{cid}]({cid}.ipynb) | {_cell(case.teaching.title)} | {_primary(case)} "
            f"| {_sites(case)} | {teaches} |"
        )
    table = "\n".join(rows)
    return f"""# Cases

<!-- Generated by `python -m widgets.notebooks generate` from cases/data/*.yaml: do not edit. -->

Fictional patients, one per page, each with a live simulator: change a finding and every score and
the pathway are recomputed by the course's engine. Educational use only, not clinical advice.

There are {len(cases)} cases. Each page tells the story, runs the case through every calculator
and the pathway, shows the charts and ends with discussion questions.

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


def generated_notebooks(root: Path = ROOT) -> dict[Path, nbformat.NotebookNode]:
    cases = _library(root)
    return {_cases_dir(root) / f"{cid}.ipynb": case_notebook(c, root) for cid, c in cases.items()}


def generate(root: Path = ROOT) -> list[Path]:
    """Write every case notebook whose cells differ from the generator's, and the index.
    A notebook whose cells are unchanged keeps its stored outputs. Returns the paths written."""
    written = []
    cases = _library(root)
    wanted = {_cases_dir(root) / f"{cid}.ipynb": case_notebook(c, root) for cid, c in cases.items()}
    for path, nb in wanted.items():
        if path.exists():
            stored = nbformat.read(path, as_version=4)
            if _cells_key(stored) == _cells_key(nb):
                continue
        nbformat.write(nb, path)
        written.append(path)
    for path in _cases_dir(root).glob("*.ipynb"):  # notebooks of cases that no longer exist
        if path not in wanted:
            meta = nbformat.read(path, as_version=4).metadata.get("bonemets", {})
            if meta.get("generated_by") == GENERATOR:
                path.unlink()
                written.append(path)
    index = _cases_dir(root) / "index.md"
    text = index_markdown(cases, root)
    if not index.exists() or index.read_text(encoding="utf-8") != text:
        index.write_text(text, encoding="utf-8")
        written.append(index)
    return written


def check(root: Path = ROOT) -> list[str]:
    """What is not as generated (empty when everything is): missing, extra or edited notebooks,
    notebooks stored without outputs, and the index."""
    problems = []
    cases = _library(root)
    wanted = {_cases_dir(root) / f"{cid}.ipynb": case_notebook(c, root) for cid, c in cases.items()}
    for path, nb in wanted.items():
        rel = path.relative_to(root)
        if not path.exists():
            problems.append(f"{rel}: missing; run python -m widgets.notebooks execute")
            continue
        stored = nbformat.read(path, as_version=4)
        if _cells_key(stored) != _cells_key(nb):
            problems.append(f"{rel}: cells differ from the generator; run ... execute")
        elif any(
            not c.get("outputs") for c in [c for c in stored.cells if c.cell_type == "code"][1:]
        ):
            problems.append(
                f"{rel}: stored without outputs; run python -m widgets.notebooks execute"
            )
    for path in _cases_dir(root).glob("*.ipynb"):
        if path not in wanted:
            problems.append(f"{path.relative_to(root)}: no case file cases/data/{path.stem}.yaml")
    index = _cases_dir(root) / "index.md"
    if not index.exists() or index.read_text(encoding="utf-8") != index_markdown(cases, root):
        problems.append(
            "cases/index.md: not as generated; run python -m widgets.notebooks generate"
        )
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
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=KERNEL,
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True,
    )
    client.execute()
    return nb


def _execute_one(path: str) -> str:
    p = Path(path)
    nb = run_notebook(p)
    nbformat.write(nb, p)
    return path


def execute(root: Path = ROOT, paths: Iterable[Path] | None = None, jobs: int = 2) -> list[Path]:
    """Regenerate the case notebooks, then execute and save every notebook (``jobs`` at once)."""
    generate(root)
    todo = [str(p) for p in (paths if paths is not None else notebook_paths(root))]
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        done = [Path(p) for p in pool.map(_execute_one, todo)]
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
        prog="python -m widgets.notebooks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("generate", help="write cases/<id>.ipynb (cells) and cases/index.md")
    ex = sub.add_parser("execute", help="regenerate, then re-run and save every notebook")
    ex.add_argument("--jobs", type=int, default=2, help="notebooks run at once (default 2)")
    ex.add_argument("paths", nargs="*", type=Path, help="only these notebooks")
    sub.add_parser("check", help="exit 1 if a notebook or the index is not as generated")
    args = parser.parse_args(argv)
    from bonemets.datafile import DataFileError

    try:
        return _run(args)
    except DataFileError as exc:  # a case file or objectives.yaml: file, line, field, message
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    if args.command == "generate":
        for p in generate():
            print(f"wrote {p.relative_to(ROOT)}")
        return 0
    if args.command == "execute":
        paths = [p.resolve() for p in args.paths] or None
        for p in execute(paths=paths, jobs=args.jobs):
            print(f"executed {p.relative_to(ROOT)}")
        return 0
    problems = check()
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
