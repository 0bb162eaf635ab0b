"""The case notebooks and cases/index.md are as generated, stored executed, and not stale.

Stale = a stored output that a fresh run no longer produces (the engine, a case file or a chart
changed and nobody ran ``python -m widgets.notebooks execute``). Outputs are compared after the
sanitizer of ``tests/nbval_sanitize.cfg``, and every output is compared here, including the text
summary a widget cell stores for readers without a kernel (nbval ignores widget cells).
"""

from __future__ import annotations

import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import pytest

from bonemets.cases import evaluate_case, library
from widgets import notebooks
from widgets.simulator import evaluation_text

ROOT = Path(__file__).resolve().parents[2]
CASES = library(ROOT / "cases" / "data")
FIX = "run: python -m widgets.notebooks execute"


def test_one_notebook_per_case_and_generated_cells():
    stored = {p.stem for p in (ROOT / "cases").glob("*.ipynb")}
    assert stored == set(CASES), FIX
    assert notebooks.check(ROOT) == []


def test_index_lists_every_case():
    text = (ROOT / "cases" / "index.md").read_text(encoding="utf-8")
    assert text == notebooks.index_markdown(CASES, ROOT)
    for cid, case in CASES.items():
        assert f"| [{cid}]({cid}.ipynb) | {case.teaching.title} |" in text


@pytest.mark.parametrize("cid", sorted(CASES))
def test_stored_notebook_prints_the_engine_results(cid):
    """The printed key results in the stored notebook are today's engine output (fast check)."""
    nb = nbformat.read(ROOT / "cases" / f"{cid}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "evaluation_text(" in c.source)
    printed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    assert printed == evaluation_text(evaluate_case(CASES[cid])) + "\n", FIX
    widget = next(c for c in nb.cells if c.cell_type == "code" and "CaseSimulator(" in c.source)
    assert widget.source.splitlines()[0] == notebooks.IGNORE
    bundle = widget.outputs[0]["data"]
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert evaluation_text(evaluate_case(CASES[cid])) in bundle["text/plain"]  # static summary
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    model = bundle["application/vnd.jupyter.widget-view+json"]["model_id"]
    assert model in state, "widget state not stored: the static page could not show the simulator"


def _fresh(path: str) -> list[list[str]]:
    return notebooks.sanitize_outputs(notebooks.run_notebook(Path(path)), ROOT)


@pytest.mark.slow
def test_stored_outputs_match_a_fresh_run():
    paths = sorted((ROOT / "cases").glob("*.ipynb"))
    with ProcessPoolExecutor(max_workers=2) as pool:
        fresh = dict(zip(paths, pool.map(_fresh, [str(p) for p in paths]), strict=True))
    stale = []
    for path, outputs in fresh.items():
        stored = notebooks.sanitize_outputs(nbformat.read(path, as_version=4), ROOT)
        if stored != outputs:
            cell = next(i for i, (a, b) in enumerate(zip(stored, outputs, strict=True)) if a != b)
            stale.append(f"{path.name} (code cell {cell})")
    assert not stale, f"stale notebooks: {', '.join(stale)}; {FIX}"


def test_sanitizer_hides_ids_not_numbers():
    """What the stale test compares: ids and split prints do not count, a changed number does."""
    path = ROOT / "cases" / "breast_lytic_femur.ipynb"
    nb = nbformat.read(path, as_version=4)
    base = notebooks.sanitize_outputs(nb, ROOT)

    ids = nbformat.read(path, as_version=4)
    for cell in ids.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data:
                data["application/vnd.jupyter.widget-view+json"]["model_id"] = "f" * 32
            if "text/html" in data:
                data["text/html"] = re.sub(
                    r"bm-chart-([0-9a-f]{12})-\d+", r"bm-chart-\1-99", data["text/html"]
                )
    printed = next(c for c in ids.cells if "print(evaluation_text" in c.get("source", ""))
    text = "".join(o["text"] for o in printed.outputs)
    half = len(text) // 2
    printed.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text=text[:half]),
        nbformat.v4.new_output("stream", name="stdout", text=text[half:]),
    ]
    assert notebooks.sanitize_outputs(ids, ROOT) == base

    changed = nbformat.read(path, as_version=4)
    printed = next(c for c in changed.cells if "print(evaluation_text" in c.get("source", ""))
    text = "".join(o["text"] for o in printed.outputs)
    assert "mirels:left_femur: 12 (range 4–12)" in text
    text = text.replace("mirels:left_femur: 12 (range", "mirels:left_femur: 11 (range")
    printed.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
    assert notebooks.sanitize_outputs(changed, ROOT) != base
