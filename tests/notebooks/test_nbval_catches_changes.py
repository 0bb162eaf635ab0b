"""nbval (strict, with the course's sanitizer) fails when a stored clinical number changes, and
only then: the sanitizer hides ids, not numbers.

One small notebook (an engine result printed, and a chart through the course's renderer) is
executed once to store its outputs; then one number is edited in a printed result and one in the
chart's data. A single nbval run must fail exactly those two cells and pass the others, including
the unedited chart (whose element id and loader differ from the fresh run's).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from coursebook.notebooks import run_notebook

from .nbval_run import run_nbval

CELLS = [
    "import bonemets\nimport charts.render\nfrom charts import scores\n\ncharts.render.enable()",
    'r = bonemets.calculate("mirels", site="peritrochanteric", pain="functional", lesion="lytic", '
    'size="gt_2_3")\nprint(r.score, r.band)',
    'scores.band_scale("mirels", r)',
    'print(bonemets.calculate("sins", location="junctional", pain="mechanical", lesion="lytic", '
    'alignment="normal", collapse="none", posterolateral="none").score)',
    'scores.band_scale("sins", 8)',
]


def _bump(match: re.Match[str]) -> str:
    return f"{match.group(1)}{int(match.group(2)) + 1}"


def _edit(cell: nbformat.NotebookNode, pattern: str, mime: str | None) -> None:
    """Add 1 to the first number matching ``pattern`` in the cell's stored output."""
    for out in cell.outputs:
        if mime is None and out.get("output_type") == "stream":
            out["text"], n = re.subn(pattern, _bump, out["text"], count=1)
        elif mime is not None and mime in out.get("data", {}):
            out["data"][mime], n = re.subn(pattern, _bump, out["data"][mime], count=1)
        else:
            continue
        if n:
            return
    raise AssertionError(f"nothing to edit for {pattern!r}")


@pytest.mark.slow
def test_nbval_fails_on_a_changed_number_and_only_there(tmp_path: Path):
    path = tmp_path / "small.ipynb"
    nbformat.write(
        nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS]), path
    )
    nb = run_notebook(path)
    assert nb.cells[1].outputs[0]["text"] == "12 high\n"  # Mirels 12: the published maximum
    nb.cells[0].outputs = []
    _edit(nb.cells[1], r"^()(\d+)", None)  # the printed Mirels total: 12 -> 13
    _edit(nb.cells[4], r'("score":)(\d+)', "text/html")  # the SINS chart's marked total: 8 -> 9
    nbformat.write(nb, path)

    code, out, counts = run_nbval([path], workers=1, cwd=tmp_path)
    assert code != 0, out[-4000:]
    failed = sorted(re.findall(r"FAILED \S+::Cell (\d+)", out))
    assert failed == ["1", "4"], out[-4000:]
    assert counts.get("failed") == 2 and counts.get("passed") == len(CELLS) - 2, out[-4000:]
