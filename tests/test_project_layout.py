"""The project's shape: the design card's paths, the README's two commands, CI running them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    block = re.search(r"```bash\n(.*?)```", text, re.S)
    assert block, "README must start with a bash block of commands"
    # The block is the first thing after the title.
    assert text.index("```bash") < text.index("\n## "), "the commands come before any section"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_design_card_paths_exist() -> None:
    for p in (
        "_config.yml",
        "_toc.yml",
        "chapters",
        "src/widgets",
        "src/bonemets",
        "cases",
        "tests",
        "benchmarks",
        "pyproject.toml",
        "requirements/dev.txt",
        "binder/runtime.txt",
    ):
        assert (ROOT / p).exists(), p


def test_readme_starts_with_exactly_two_commands() -> None:
    cmds = readme_commands()
    assert cmds == ["./course serve", "./course test"]


def test_ci_runs_the_readme_test_command_word_for_word() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    run_lines = [
        ln.strip()
        for ln in ci.splitlines()
        if ln.strip()
        and not ln.startswith("#")
        and not ln.startswith("set ")
        and not ln.startswith("cd ")
    ]
    assert run_lines == [readme_commands()[1]]
    assert "README" in ci


def test_every_dependency_is_pinned() -> None:
    """requirements/dev.txt is a hashed lock: each entry `name==version` with one or more sha256
    (every lock: tests/test_dependencies.py)."""
    text = (ROOT / "requirements" / "dev.txt").read_text().replace("\\\n", " ")
    entries = [
        line.split("#", 1)[0].split()
        for line in text.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    assert len(entries) > 100
    for words in entries:
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[A-Za-z0-9_.+\-]+", words[0]), words
        hashes = words[1:]
        assert hashes and all(re.fullmatch(r"--hash=sha256:[0-9a-f]{64}", h) for h in hashes), words


def test_pyproject_is_binder_ready() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "project" in data and "build-system" in data
    assert data["project"]["requires-python"] == ">=3.11"
    assert data["project"]["scripts"]["bonemets"] == "bonemets.cli:main"


def test_engine_imports_without_jupyter() -> None:
    """`import bonemets` needs only its own runtime dependencies (no Jupyter, altair, widgets)."""
    import subprocess
    import sys

    code = (
        "import sys, bonemets, bonemets.cases, bonemets.pathway, bonemets.quiz, bonemets.facts\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('ipywidgets', 'altair', 'IPython', 'jupyter_client', 'ipykernel', 'sphinx', 'widgets')]\n"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr
