"""The engine's own tests under the browser's Python: Pyodide (CPython 3.14, WebAssembly) in node.

Live mode runs ``src/bonemets`` in the reader's browser on the vendored Pyodide core with the
vendored wheels (:mod:`coursebook.live`). This test installs exactly those wheels, the engine
wheel the book build makes, and pytest (``tests/live/wheels``; not hypothesis, which no test run
here uses), all into Pyodide under node, and runs a subset of the engine's tests there (with
``tests/cases/conftest.py`` but not ``tests/conftest.py``: see :data:`CONFTESTS_FROM`): a
difference between the course's CPython and the browser's Python (language, standard library,
pydantic version) fails here.

Left out (:data:`LEFT_OUT`), each for a reason of the test, not of the engine: tests that start a
subprocess (there are no processes in WebAssembly), read the development environment (Sphinx,
jsonschema) or bound CPython's time, and the longest property, fuzz and enumeration tests (CPython
runs them; here they would add minutes over code the other tests run too).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from coursebook.live import PYODIDE, build_engine_wheel, runtime_wheels

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "assets" / "vendor"
RUNNER = Path(__file__).with_name("run_pyodide_pytest.mjs")
#: Test wheels of ``tests/live/wheels`` not installed: no test run here uses them (see
#: :data:`CONFTESTS_FROM`); ``tests/engine/test_properties.py`` would need them back.
NOT_INSTALLED = ("hypothesis-", "sortedcontainers-")
TEST_WHEELS = [
    w
    for w in sorted(Path(__file__).with_name("wheels").glob("*.whl"))
    if not w.name.startswith(NOT_INSTALLED)
]
SELECTED = ("tests/engine", "tests/patient", "tests/cases", "tests/pathway")
#: What is not run under Pyodide, and why.
LEFT_OUT = {
    "tests/engine/test_cli.py": "runs the command line in subprocesses",
    "tests/engine/test_declared_dependencies.py": "runs a subprocess in the development set",
    "tests/engine/test_sources.py": "imports coursebook.bib (Sphinx, the build's environment)",
    "tests/cases/test_live.py::test_the_module_needs_only_what_the_browser_runtime_has": (
        "runs a subprocess (it checks the same thing from CPython)"
    ),
    "tests/cases/test_case_library.py::test_cases_validate_against_the_published_schema": (
        "needs jsonschema, a package of the development set"
    ),
    "tests/cases/test_case_malformed.py::test_each_malformed_file_gets_a_clear_error[deep_nesting]": (
        "a time bound set for CPython on the development machine"
    ),
    # The longest tests (about two thirds of the time under Pyodide): generated and enumerated
    # inputs over code the other tests also run here.
    "tests/engine/test_properties.py": "hypothesis properties of every calculator (long)",
    "tests/engine/test_enumeration.py::test_tokuhashi_every_band_edge_of_every_item": "long",
    "tests/pathway/test_pathway_invariants.py": "generated cases (long)",
    "tests/cases/test_live.py::test_three_real_edits_give_evaluate_case_of_the_edited_case": (
        "long; tests/browser/test_live_runtime.py compares live evaluations with CPython's"
    ),
    "tests/cases/test_case_cli.py::test_validate_malformed_directory": "long",
    "tests/cases/test_live.py::test_the_first_pathway_change_is_the_whole_grids_first": (
        "long; a self-test of that file's own shortcut, not of the engine"
    ),
}
#: No conftest.py above this folder is loaded (``--confcutdir``): ``tests/cases/conftest.py`` (the
#: golden evaluations) is, ``tests/conftest.py`` is not. That one registers the hypothesis profiles
#: (no test run here uses hypothesis: the property tests are left out), groups tests for xdist and
#: waits for the book build; importing hypothesis for it costs about 1.2 s of CPU under Pyodide, so
#: neither hypothesis nor its dependency is installed here (:data:`NOT_INSTALLED`). A test run here
#: that needs a fixture of that file or hypothesis fails (no such fixture, no module named
#: 'hypothesis'), never quietly. A conftest.py in a selected folder below ``tests/`` is loaded.
CONFTESTS_FROM = "tests/cases"
#: The Python of the vendored Pyodide.
PYTHON = "3.14.2"
#: At least this many tests run (a collection that quietly shrinks fails).
AT_LEAST = 1000


def node() -> str:
    """node >= 18 (Pyodide's minimum); missing: skipped locally, a failure in CI."""
    found = shutil.which("node")
    if found:
        major = subprocess.run([found, "--version"], capture_output=True, text=True).stdout
        if int(major.strip().lstrip("v").split(".")[0]) >= 18:
            return found
    msg = "node >= 18 not found: install Debian's nodejs (./course test does when CI=true)"
    if os.environ.get("CI") == "true":
        pytest.fail(msg, pytrace=False)
    pytest.skip(msg)


def run_under_pyodide(wheels: list[Path], args: list[str], cwd: Path) -> tuple[dict, str]:
    """pytest ``args`` in Pyodide under node (``run_pyodide_pytest.mjs``): its summary (the
    ``PYODIDE-PYTEST`` line) and the last 60 lines of its output."""
    config = {
        "pyodide": str(VENDOR / PYODIDE),
        "wheels": [str(w) for w in wheels],
        "repo": str(ROOT),
        "args": [
            "-q",
            "-p",
            "no:cacheprovider",
            "--tb=short",
            "-rfEs",
            f"--confcutdir={CONFTESTS_FROM}",
            *args,
        ],
    }
    proc = subprocess.run(
        [node(), str(RUNNER), json.dumps(config)],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=cwd,
    )
    lines = proc.stdout.strip().splitlines()
    tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-60:])
    assert proc.returncode == 0 and lines and lines[-1].startswith("PYODIDE-PYTEST "), tail
    return json.loads(lines[-1].removeprefix("PYODIDE-PYTEST ")), tail


@pytest.mark.slow
def test_engine_tests_pass_under_pyodide(tmp_path: Path, system_packages: None) -> None:
    # ``system_packages``: ``./course test`` may still be installing node in the background
    wheels = [*runtime_wheels(VENDOR), build_engine_wheel(tmp_path), *TEST_WHEELS]
    args = [*SELECTED, *(f"--{'deselect' if '::' in n else 'ignore'}={n}" for n in LEFT_OUT)]
    # ``--assert=plain``: every assert runs as written, only its failure message is shorter.
    # Rewriting the asserts of the ~120 test modules costs about 2 s of CPU under Pyodide
    # (collection 18.0 s with it, 16.2 s without): the tests that fail are run again with it,
    # for pytest's full assertion messages.
    result, tail = run_under_pyodide(wheels, ["--assert=plain", *args], tmp_path)
    if result["failed"]:
        _again, detail = run_under_pyodide(wheels, result["failed"][:20], tmp_path)
        tail += "\n\nThe failed tests again, with pytest's assertion messages:\n" + detail
    counts = result["counts"]
    assert result["python"] == PYTHON
    assert (counts["failed"], counts["error"], counts["skipped"]) == (0, 0, 0), tail
    assert counts["passed"] >= AT_LEAST, tail
    assert result["exit"] == 0, tail
