"""nbval, strict, over every notebook of the book (chapters/ and cases/): the one execution of each
notebook in the suite. It proves the stored outputs, which the book shows as they are (the build
executes nothing), are what a fresh run of today's engine gives.

Strict: every output is compared with a fresh run, except cells marked ``# NBVAL_IGNORE_OUTPUT``
(widget views only). The test fails unless every cell passed and the number of cells nbval checked
is the number of code cells in the notebooks. The notebooks are dealt into :data:`SHARDS` tests
(one nbval process each) that the suite's workers run side by side. Each notebook runs in a fresh
kernel of ``kernels/coursebook-nbval``: a learner's kernel without the debugger, the SQLite
history and the cycle collector, which no output depends on (``test_nbval_kernel.py``).
"""

from __future__ import annotations

import logging
import pprint
import re
from pathlib import Path

import nbformat
import pytest

from coursebook.notebooks import IGNORE, REGENERATE, notebook_paths

from .nbval_pytest import LazyFormat
from .nbval_run import ROOT, SANITIZE, run_nbval


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


def stale_message(out: str) -> str:
    """Which notebooks hold outputs a fresh run no longer gives, and the one command that fixes it."""
    failed = sorted(
        {Path(f.split("::")[0]).name for f in re.findall(r"(?:FAILED|ERROR) (\S+)", out)}
    )
    return (
        f"stale notebook outputs in {', '.join(failed) or 'some notebooks'}: the engine, a chart, "
        f"a widget or a case file changed since they were executed. Run {REGENERATE} "
        f"(re-runs only the notebooks whose inputs changed) and commit the notebooks.\n"
        + out[-6000:]
    )


KERNEL_START_FAILURE = "RuntimeError: Kernel died before replying to kernel_info"


def kernel_start_failures(out: str) -> list[str]:
    """Notebooks (paths as nbval names them) whose errors are all a kernel that never started."""
    errors = re.findall(r"ERROR (\S+?)::Cell \d+ - (.*)", out)
    bad = {nb for nb, why in errors if not why.startswith(KERNEL_START_FAILURE)}
    return sorted({nb for nb, _why in errors} - bad) if not bad else []


def test_only_a_kernel_that_never_started_is_run_again():
    died = f"ERROR cases/a.ipynb::Cell 0 - {KERNEL_START_FAILURE}\n"
    assert kernel_start_failures(died + died.replace("Cell 0", "Cell 1")) == ["cases/a.ipynb"]
    content = "ERROR cases/b.ipynb::Cell 2 - NameError: name 'x' is not defined\n"
    assert kernel_start_failures(died + content) == []
    assert kernel_start_failures("FAILED cases/a.ipynb::Cell 0\n") == []


def test_the_runner_formats_a_kernel_message_only_when_it_is_logged(caplog):
    """nbval_pytest.py's lazy ``pformat``: the same text as nbval's, when a record is written."""
    msg = {"header": {"msg_type": "stream"}, "content": {"text": "Mirels 12 high\n" * 40}}
    assert str(LazyFormat(msg)) == pprint.pformat(msg) and "\n" in pprint.pformat(msg)
    logger = logging.getLogger("nbval.kernel")
    with caplog.at_level(logging.DEBUG, logger="nbval.kernel"):
        logger.debug("Kernel message (%s):\n%s", "iopub", LazyFormat(msg))
    assert caplog.messages == ["Kernel message (iopub):\n" + pprint.pformat(msg)]


#: nbval's run is split into this many tests (one nbval process each, its notebooks one after
#: the other), so that the suite's workers share it; together they run every notebook once.
SHARDS = 2


def shard(paths: list[Path], index: int) -> list[Path]:
    """Every SHARDS-th notebook from ``index`` (the sorted list dealt out, so the shards are even)."""
    return paths[index::SHARDS]


def test_the_shards_cover_every_notebook_once():
    paths = notebook_paths(ROOT)
    dealt = [p for i in range(SHARDS) for p in shard(paths, i)]
    assert sorted(dealt) == sorted(paths) and len(set(dealt)) == len(paths) >= 20
    assert all(shard(paths, i) for i in range(SHARDS))


@pytest.mark.slow
@pytest.mark.parametrize("index", range(SHARDS))
def test_nbval_strict_over_every_notebook(index: int):
    paths = shard(notebook_paths(ROOT), index)
    assert paths, "no notebooks found in chapters/ or cases/"
    assert SANITIZE.exists(), "tests/nbval_sanitize.cfg is missing"
    total, compared = code_cells(paths)
    assert compared > 0
    code, out, counts = run_nbval(paths, workers=1)
    retry = kernel_start_failures(out)
    if code != 0 and retry and not counts.get("failed"):
        # a kernel that died before it started (a parallel start's port race in jupyter_client)
        # says nothing about the notebook: run those notebooks again, once, one at a time
        code, again, recount = run_nbval([ROOT / p for p in retry], workers=1)
        out += "\n--- re-run after a kernel failed to start: " + ", ".join(retry) + "\n" + again
        counts = {"passed": counts.get("passed", 0) + recount.get("passed", 0)} | {
            k: v for k, v in recount.items() if k != "passed"
        }
    errors = counts.get("error", 0) + counts.get("errors", 0)
    assert code == 0 and not counts.get("failed") and not errors, stale_message(out)
    assert counts.get("passed", 0) == total, (
        f"nbval checked {counts.get('passed', 0)} cells; the notebooks have {total} code cells\n"
        + out[-3000:]
    )
