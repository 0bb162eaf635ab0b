"""Run nbval (strict, with the course's sanitizer) in a subprocess; used by the notebook tests.

nbval needs its own pytest run (``--nbval`` changes collection), so the suite runs it as

    JUPYTER_PATH=tests/notebooks python -m pytest -p nbval --nbval --nbval-kernel-name=coursebook-nbval
        --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout=120 -p no:cacheprovider
        -p no:hypothesispytest -p no:anyio -p no:xdist -p no:xdist.looponfail <notebooks>

(through ``nbval_pytest.py``: ``python -m pytest`` without nbval's per-message debug formatting).
Each notebook runs in a fresh kernel of ``kernels/coursebook-nbval``: this environment's Python
kernel (as ``--nbval-current-env`` starts it) without the debugger, the SQLite history and the
cycle collector, which cost each kernel CPU and change no output (see its ``launch.py``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"
PYTEST = Path(__file__).resolve().with_name("nbval_pytest.py")  # `python -m pytest`, lighter
#: The kernelspec nbval starts each notebook's kernel from (found through JUPYTER_PATH).
KERNELS = Path(__file__).resolve().parent
KERNEL_NAME = "coursebook-nbval"


def nbval_command(paths: list[Path], *, workers: int = 2, rootdir: Path | None = None) -> list[str]:
    cmd = [
        sys.executable,
        str(PYTEST),
        *("-p", "nbval"),  # pyproject.toml's addopts leave it out of the suite's own processes
        "--nbval",
        f"--nbval-kernel-name={KERNEL_NAME}",
        "--nbval-sanitize-with",
        str(SANITIZE),
        "--nbval-cell-timeout=120",
        "-p",
        "no:cacheprovider",
        # plugins nbval's run does not use: hypothesis's alone costs a second of start-up
        # in each pytest process (this one and each of its xdist workers)
        *("-p", "no:hypothesispytest", "-p", "no:anyio"),
        "-q",
        "-rfE",
    ]
    if rootdir is not None:  # notebooks outside the repository: name them from their folder
        cmd += ["--rootdir", str(rootdir)]
    if workers > 1 and len(paths) > 1:
        cmd += ["-n", str(min(workers, len(paths))), "--dist", "loadfile"]
    else:  # one process: xdist's plugin is not needed either
        cmd += ["-p", "no:xdist", "-p", "no:xdist.looponfail"]
    return cmd + [str(p) for p in paths]


def nbval_env() -> dict[str, str]:
    """The environment nbval runs in: :data:`KERNEL_NAME` found first on JUPYTER_PATH."""
    jupyter_path = os.pathsep.join(filter(None, [str(KERNELS), os.environ.get("JUPYTER_PATH")]))
    return {**os.environ, "PYTHONHASHSEED": "0", "JUPYTER_PATH": jupyter_path}


def run_nbval(paths: list[Path], *, workers: int = 2, cwd: Path = ROOT) -> tuple[int, str, dict]:
    """Run nbval in a subprocess from ``cwd``; returns (exit code, output, summary counts)."""
    proc = subprocess.run(
        nbval_command(paths, workers=workers, rootdir=None if cwd == ROOT else cwd),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
        env=nbval_env(),
    )
    out = proc.stdout + proc.stderr
    counts = {
        kind: int(n)
        for n, kind in re.findall(r"(\d+) (passed|failed|errors?|skipped|xfailed)", out)
    }
    return proc.returncode, out, counts
