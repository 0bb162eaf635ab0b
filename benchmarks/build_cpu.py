"""CPU seconds of the builds ``./course test`` makes from a clean clone (prints, asserts nothing).

    .venv/bin/python benchmarks/build_cpu.py [--fixture-only]

In a temporary copy of the course (no ``_build``), as ``./course test`` and the browser tests run
them, one after the other:

1. the course book, ``jupyter-book build . -W -n --keep-going``;
2. JupyterLite, ``python -m coursebook.lite`` (into the built book);
3. the fixture book of the browser tests (``tests/browser/conftest.py``, ``fixture_site``), with
   live mode's drawings shared with the course's build (``COURSEBOOK_LIVE_CHARTS_CACHE``), as
   the tests build it; and once more with its own empty cache (the case where it is built
   before the course book has drawn them).

``--fixture-only``: the fixture book alone (3.), from this checkout's ``src`` (as the tests build
it), with a copy of this checkout's drawings (``_build/.live-charts``, made by its last course
build) and then with an empty cache: a quick measure of the fixture book's own build.

CPU is user + system time of each build and every process it waited for (``getrusage``), so it
does not depend on what else the machine is doing; wall time is shown beside it.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
COPY = ("_config.yml", "_toc.yml", "chapters", "cases", "references", "quizzes", "assets")
COPY_ALSO = ("src", "requirements", "pyproject.toml", "tests")


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(label: str, cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Run ``cmd``; print and return its CPU seconds (the log is shown if it fails)."""
    cpu, start = _children_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, **env})
    used, wall = _children_cpu() - cpu, time.perf_counter() - start
    if proc.returncode != 0:
        print((proc.stdout + proc.stderr)[-3000:])
        print(f"  ({label} FAILED; figures still shown)")
    print(f"{label:<44} CPU {used:6.1f} s   wall {wall:6.1f} s", flush=True)
    return used


def fixture_book(course: Path, book: Path) -> None:
    """The fixture book as ``fixture_site`` prepares it (course = the copy of the course)."""
    sys.path.insert(0, str(course / "tests" / "browser"))
    from authored_book import write_pages  # the tests' own hostile pages

    shutil.copytree(course / "tests" / "browser" / "fixture_book", book)
    shutil.copy(course / "_config.yml", book / "_config.yml")
    shutil.copytree(course / "references", book / "references")
    (book / "chapters").mkdir(exist_ok=True)
    shutil.copy(course / "chapters" / "objectives.yaml", book / "chapters" / "objectives.yaml")
    (book / "assets").symlink_to(course / "assets", target_is_directory=True)
    write_pages(book)


def fixture_only(tmp: Path) -> None:
    """The fixture book alone, from this checkout (see the module's doc)."""
    jb = [str(BIN / "jupyter-book"), "build"]
    drawings = ROOT / "_build" / ".live-charts"
    for label, cache in (("this checkout's drawings", drawings), ("own empty cache", None)):
        book = tmp / f"fixture-{label.split()[0]}"
        fixture_book(ROOT, book)
        own = tmp / f"cache-{label.split()[0]}"
        if cache is not None and cache.is_dir():
            shutil.copytree(cache, own)
        fenv = {
            "PYTHONPATH": os.pathsep.join([str(book), str(ROOT / "src")]),
            "COURSEBOOK_LIVE_CHARTS_CACHE": str(own),
        }
        run(f"fixture book ({label})", [*jb, str(book), "-W", "-n", "--keep-going"], book, fenv)


def main() -> int:
    if sys.argv[1:] == ["--fixture-only"]:
        with tempfile.TemporaryDirectory(prefix="bm-build-cpu-") as tmp:
            fixture_only(Path(tmp))
        return 0
    with tempfile.TemporaryDirectory(prefix="bm-build-cpu-") as tmp:
        course = Path(tmp) / "course"
        course.mkdir()
        for name in COPY + COPY_ALSO:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, course / name, ignore=shutil.ignore_patterns("__pycache__"))
            elif src.is_file():
                shutil.copy(src, course / name)
        env = {"PYTHONPATH": str(course / "src")}
        jb = [str(BIN / "jupyter-book"), "build"]
        total = run(
            "course book (jupyter-book build)", [*jb, ".", "-W", "-n", "--keep-going"], course, env
        )
        total += run(
            "JupyterLite (python -m coursebook.lite)",
            [sys.executable, "-m", "coursebook.lite"],
            course,
            env,
        )
        shared = course / "_build" / ".live-charts"
        for label, cache in (("shared drawings", shared), ("own empty cache", None)):
            book = Path(tmp) / f"fixture-{label.split()[0]}"
            fixture_book(course, book)
            fenv = {
                "PYTHONPATH": os.pathsep.join([str(book), str(course / "src")]),
                "COURSEBOOK_LIVE_CHARTS_CACHE": str(cache or book / "_build" / ".live-charts"),
            }
            used = run(
                f"fixture book ({label})", [*jb, str(book), "-W", "-n", "--keep-going"], book, fenv
            )
            if cache is not None:
                total += used
        print(f"{'the three builds of ./course test':<44} CPU {total:6.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
