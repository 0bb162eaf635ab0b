"""Settings for the whole test suite: the hypothesis profiles, and how thorough the fuzz tests are.

Two profiles, registered here and nowhere else (no test sets ``max_examples`` itself):

* ``dev``, the default: 25 examples per property test; the seeded fuzz tests run a tenth of
  their inputs (e.g. 1,000 per calculator). ``./course check`` uses it.
* ``ci``, chosen by ``CI=true`` (``./course test`` in CI): 60 examples per property test, and the
  full fuzz figures: 10,000 inputs per calculator and per loader, 5,000 generated pathway cases.

``HYPOTHESIS_PROFILE=dev`` or ``HYPOTHESIS_PROFILE=ci`` overrides ``CI``. Both profiles have no
deadline (a loaded CI machine must not turn a slow example into a failure) and no example database
(the runs are reproducible from the seeds alone, and nothing is written into the repository).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

PROFILES = ("dev", "ci")

for _name, _examples in (("dev", 25), ("ci", 60)):
    settings.register_profile(
        _name,
        max_examples=_examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


def profile_name() -> str:
    """``HYPOTHESIS_PROFILE`` if set, else ``ci`` when ``CI=true``, else ``dev``."""
    name = os.environ.get("HYPOTHESIS_PROFILE") or (
        "ci" if os.environ.get("CI", "").lower() == "true" else "dev"
    )
    if name not in PROFILES:
        raise ValueError(f"HYPOTHESIS_PROFILE={name!r}: use one of {', '.join(PROFILES)}")
    return name


settings.load_profile(profile_name())


# --- running in parallel (pytest-xdist: ``./course test`` runs ``pytest -n auto --dist loadgroup``)
ROOT = Path(__file__).resolve().parents[1]
#: ``./course test`` builds the book in the background while the tests run, holding this lock
#: (``flock``); the browser fixtures hold it too while they (re)build a stale book.
BOOK_LOCK = ROOT / "_build" / ".book.lock"
#: ``./course test`` installs Debian's chromium and nodejs (CI=true, as root, when missing) in the
#: background while it sets up and the tests start, holding this lock (``flock``) until apt-get ends;
#: the tests that start chromium or node wait for it through :func:`system_packages`.
SYSTEM_LOCK = ROOT / "_build" / ".system.lock"
#: Tests that read the built book directly (the browser tests wait through their ``course_site``).
READS_THE_BUILT_BOOK = ("tests/book/",)
#: Modules whose module-scoped fixture is expensive (a book build, a JupyterLab server): their tests
#: stay on one worker, so the fixture runs once.
ONE_WORKER_MODULES = (
    "tests/browser/test_authored_content.py",
    "tests/browser/test_jupyterlab_charts.py",
)
#: Long tests start first, so that none of them is left alone at the end of a parallel run.
LONG_TESTS = (
    "tests/notebooks/test_nbval.py::test_nbval_strict_over_every_notebook",
    "tests/notebooks/test_nbval_catches_changes.py::",
    "tests/notebooks/test_case_notebooks.py::test_stored_outputs_match_a_fresh_run",
    "tests/pathway/test_pathway_invariants.py::test_invariants_hold_on_generated_cases",
    "tests/quiz/test_loader_fuzz.py::",
    "tests/engine/test_properties.py::test_seeded_fuzz_only_input_errors",
)

#: Browser modules that run as one long group (one worker, one Pyodide start): they start first
#: once the book is built, so that none is left alone at the end.
LONG_BROWSER_TESTS = (
    "tests/browser/test_live_cases.py",
    "tests/browser/test_live_runtime.py",
    "tests/browser/test_lite_notebook.py",
)


@contextlib.contextmanager
def _held(lock: Path, exclusive: bool) -> Iterator[None]:
    """Hold the ``flock`` of ``lock``: exclusive to do the work, shared to wait for it to end."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def book_lock(exclusive: bool) -> contextlib.AbstractContextManager[None]:
    """Hold :data:`BOOK_LOCK`: exclusive to build the book, shared to wait for a build to end."""
    return _held(BOOK_LOCK, exclusive)


@pytest.fixture(scope="session")
def system_packages() -> None:
    """Wait until ``./course test``'s background install of chromium and nodejs has ended (at once
    when none runs); the fixtures and tests that need either depend on this."""
    with _held(SYSTEM_LOCK, exclusive=False):
        pass


def _rank(item: pytest.Item) -> int:
    if item.nodeid.startswith(ONE_WORKER_MODULES):
        return 0  # one worker runs the whole module: start it first (it needs no course book)
    if item.nodeid.startswith(LONG_TESTS) or item.get_closest_marker("slow"):
        return 0
    if item.nodeid.startswith(LONG_BROWSER_TESTS):
        return 2  # the longest of those that need the book: first among them
    if item.nodeid.startswith(("tests/browser/", *READS_THE_BUILT_BOOK)):
        return 3  # last: they need the book, which is still being built when the run starts
    return 1


def pytest_configure(config: pytest.Config) -> None:
    # ``BONEMETS_TIMELINE=FILE``: record when each test ran, for benchmarks/suite_timeline.py
    if os.environ.get("BONEMETS_TIMELINE"):
        import importlib.util

        spec = importlib.util.spec_from_file_location(
            "suite_timeline", ROOT / "benchmarks" / "suite_timeline.py"
        )
        assert spec is not None and spec.loader is not None
        plugin = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(plugin)
        config.pluginmanager.register(plugin, "suite_timeline")


def _group_on_one_worker(item: pytest.Item, group: str) -> None:
    """Give ``item`` the node id suffix ``@group`` by which ``--dist loadgroup`` sends every test
    of a group to the same worker.

    pytest-xdist 3.8 adds the suffix itself by assigning ``item._nodeid``, but pytest 9.2 keeps the
    node id in ``item._id`` (a structured ``NodeId``), so that assignment is lost and groups are
    split across workers (each worker then pays the group's fixture). This writes the suffix where
    pytest 9.2 reads it; ``tests/test_xdist_groups.py`` fails if a group is not suffixed."""
    if item.nodeid.endswith(f"@{group}"):
        return
    node_id = getattr(item, "_id", None)
    if node_id is not None and type(node_id).__name__ == "NodeId":
        item._id = type(node_id).parse(f"{item.nodeid}@{group}")
    else:  # pytest < 9.2: xdist's own hook does it
        item._nodeid = f"{item.nodeid}@{group}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid.startswith(ONE_WORKER_MODULES):
            item.add_marker(pytest.mark.xdist_group(name=item.nodeid.split("::")[0]))
    # (on a worker, xdist sets ``loadgroup`` from the controller's ``--dist loadgroup``)
    if os.environ.get("PYTEST_XDIST_WORKER") and getattr(config.option, "loadgroup", False):
        for item in items:
            groups = sorted(
                {
                    str(m.args[0] if m.args else m.kwargs.get("name", "default"))
                    for m in item.iter_markers("xdist_group")
                }
            )
            if groups:
                _group_on_one_worker(item, "_".join(groups))
    items.sort(key=_rank)  # stable: the order within each rank is unchanged


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.nodeid.startswith(READS_THE_BUILT_BOOK):
        with book_lock(exclusive=False):
            pass  # the background build (if any) has finished
