"""nbval, strict, over every notebook of the book (chapters/ and cases/), run from the test suite.

The suite runs as plain ``python -m pytest``; nbval needs its own pytest run (``--nbval`` changes
collection), so it runs here in a subprocess:

    python -m pytest --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
        --nbval-cell-timeout=120 -p no:cacheprovider -n 2 --dist loadfile <every notebook>

Strict: every output is compared with a fresh run, except cells marked ``# NBVAL_IGNORE_OUTPUT``
(widget views only). The test fails unless every cell passed and the number of cells nbval checked
is the number of code cells in the notebooks.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from widgets.notebooks import IGNORE, notebook_paths

ROOT = Path(__file__).resolve().parents[2]
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"


def nbval_command(paths: list[Path], *, workers: int = 2, rootdir: Path | None = None) -> list[str]:
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "--nbval",
        "--nbval-current-env",
        "--nbval-sanitize-with",
        str(SANITIZE),
        "--nbval-cell-timeout=120",
        "-p",
        "no:cacheprovider",
        "-q",
        "-rfE",
    ]
    if rootdir is not None:  # notebooks outside the repository: name them from their folder
        cmd += ["--rootdir", str(rootdir)]
    if workers > 1 and len(paths) > 1:
        cmd += ["-n", str(min(workers, len(paths))), "--dist", "loadfile"]
    return cmd + [str(p) for p in paths]


def run_nbval(paths: list[Path], *, workers: int = 2, cwd: Path = ROOT) -> tuple[int, str, dict]:
    """Run nbval in a subprocess from ``cwd``; returns (exit code, output, summary counts)."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.run(
        nbval_command(paths, workers=workers, rootdir=None if cwd == ROOT else cwd),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
    )
    out = proc.stdout + proc.stderr
    counts = {
        kind: int(n)
        for n, kind in re.findall(r"(\d+) (passed|failed|errors?|skipped|xfailed)", out)
    }
    return proc.returncode, out, counts


def code_cells(paths: list[Path]) -> tuple[int, int]:
    """(code cells, code cells whose output is compared)."""
    total = compared = 0
    for p in paths:
        for cell in nbformat.read(p, as_version=4).cells:
            if cell.cell_type == "code":
                total += 1
                compared += not cell.source.startswith(IGNORE)
    return total, compared


def test_ignore_output_only_on_widget_cells():
    for p in notebook_paths(ROOT):
        for cell in nbformat.read(p, as_version=4).cells:
            if cell.cell_type != "code" or IGNORE not in cell.source:
                continue
            assert cell.source.splitlines()[0] == IGNORE, f"{p.name}: marker must be line 1 alone"
            kinds = {mime for o in cell.get("outputs", []) for mime in o.get("data", {})} | {
                o["output_type"] for o in cell.get("outputs", []) if "data" not in o
            }
            assert "application/vnd.jupyter.widget-view+json" in kinds, (
                f"{p.name}: NBVAL_IGNORE_OUTPUT on a cell that does not show a widget"
            )


@pytest.mark.slow
def test_nbval_strict_over_every_notebook():
    paths = notebook_paths(ROOT)
    assert paths, "no notebooks found in chapters/ or cases/"
    assert SANITIZE.exists(), "tests/nbval_sanitize.cfg is missing"
    total, compared = code_cells(paths)
    assert compared > 0
    code, out, counts = run_nbval(paths)
    assert code == 0, out[-6000:]
    assert counts.get("failed", 0) == 0 and counts.get("error", 0) == 0, out[-6000:]
    assert counts.get("passed", 0) == total, (
        f"nbval checked {counts.get('passed', 0)} cells; the notebooks have {total} code cells\n"
        + out[-3000:]
    )
