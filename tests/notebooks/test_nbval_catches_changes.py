"""nbval (strict, with the course's sanitizer) fails when a stored clinical number changes.

A case notebook is copied, with the case library, to a temporary folder three times: unchanged; with
one point total edited in its printed results; with one total edited inside a stored chart's data.
nbval must pass the first and fail the other two: the sanitizer hides ids, not numbers.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from test_nbval import run_nbval

ROOT = Path(__file__).resolve().parents[2]


def _bump(match: re.Match[str]) -> str:
    return f"{match.group(1)}{int(match.group(2)) + 1}"


def edit_first(nb, cell_marker: str, pattern: str, mime: str | None) -> str:
    """Add 1 to the first number matching ``pattern`` in the output of the cell whose source
    contains ``cell_marker``; returns the edited text."""
    for cell in nb.cells:
        if cell.cell_type != "code" or cell_marker not in cell.source:
            continue
        if mime is None:  # one print may be stored as several stream outputs: join them
            text = "".join(o["text"] for o in cell.outputs if o.get("output_type") == "stream")
            rest = [o for o in cell.outputs if o.get("output_type") != "stream"]
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text), *rest]
        for out in cell.outputs:
            if mime is None and out.get("output_type") == "stream":
                new, n = re.subn(pattern, _bump, out["text"], count=1)
                if n:
                    out["text"] = new
                    return new
            elif mime is not None and mime in out.get("data", {}):
                text = out["data"][mime]
                text = "".join(text) if isinstance(text, list) else text
                new, n = re.subn(pattern, _bump, text, count=1)
                if n:
                    out["data"][mime] = new
                    return new
    raise AssertionError(f"nothing to edit for {cell_marker!r} / {pattern!r}")


@pytest.mark.slow
def test_nbval_fails_on_a_changed_number(tmp_path):
    notebooks = sorted((ROOT / "cases").glob("*.ipynb"))
    assert notebooks, "no case notebooks; run python -m widgets.notebooks execute"
    source = notebooks[0]
    shutil.copytree(ROOT / "cases" / "data", tmp_path / "data")
    nb = nbformat.read(source, as_version=4)

    unchanged = tmp_path / "unchanged.ipynb"
    nbformat.write(nb, unchanged)

    text_nb = nbformat.read(source, as_version=4)
    edited = edit_first(text_nb, "print(evaluation_text", r"(: )(\d+)(?= \(range)", None)
    assert "(range" in edited
    text_path = tmp_path / "edited_text.ipynb"
    nbformat.write(text_nb, text_path)

    chart_nb = nbformat.read(source, as_version=4)
    edit_first(chart_nb, "band_scales(", r'("score":)(\d+)', "text/html")
    chart_path = tmp_path / "edited_chart.ipynb"
    nbformat.write(chart_nb, chart_path)

    code, out, counts = run_nbval([unchanged, text_path, chart_path], workers=2, cwd=tmp_path)
    assert code != 0, out[-4000:]
    failed = re.findall(r"FAILED (\S+)", out)
    failed_files = {Path(f.split("::")[0]).name for f in failed}
    assert failed_files == {"edited_text.ipynb", "edited_chart.ipynb"}, out[-4000:]
    assert counts.get("failed") == 2, out[-4000:]
    cells = sum(c.cell_type == "code" for c in nb.cells)
    assert counts.get("passed") == 3 * cells - 2, out[-4000:]  # all but the two edited cells
