"""Binder installs the live set and nothing else: repo2docker (no Docker needed with --no-build)
reads the ``binder/`` folder: ``requirements.txt`` (a copy of ``requirements/live.txt``),
``runtime.txt`` (Python 3.11) and ``postBuild`` (the course package, without dependencies)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
R2D = Path(sys.executable).with_name("jupyter-repo2docker")


def test_binder_files() -> None:
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"
    assert (BINDER / "requirements.txt").read_text() == (
        ROOT / "requirements" / "live.txt"
    ).read_text(), "binder/requirements.txt must be a copy of requirements/live.txt (./course lock)"
    post = BINDER / "postBuild"
    assert os.access(post, os.X_OK)
    commands = [
        line
        for line in post.read_text().splitlines()
        if line.strip() and not line.startswith(("#", "set "))
    ]
    assert commands == ['"${KERNEL_PYTHON_PREFIX}/bin/pip" install --no-cache-dir --no-deps .']
    # repo2docker would read these root files if the binder/ folder went away: none exist
    for name in ("requirements.txt", "runtime.txt", "environment.yml", "setup.py", "Pipfile"):
        assert not (ROOT / name).exists(), name
    assert not (ROOT / ".binder").exists()


@pytest.fixture(scope="module")
def dockerfile() -> str:
    exe = str(R2D) if R2D.exists() else shutil.which("jupyter-repo2docker")
    if not exe:
        pytest.fail("jupyter-repo2docker is not installed (it is in requirements/dev.txt)")
    proc = subprocess.run(
        [exe, "--no-build", "--debug", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout + proc.stderr


def test_build_installs_the_live_set_only_then_the_package(dockerfile: str) -> None:
    installs = [
        re.sub(r"^RUN\s+", "", line.strip())
        for line in dockerfile.splitlines()
        if re.search(r"\bpip install\b", line)
    ]
    assert installs == [
        '${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "binder/requirements.txt"'
    ], installs
    # no `pip install .` of the root pyproject.toml: the package comes from postBuild, no deps
    assert not any(line.rstrip().endswith("pip install --no-cache-dir .") for line in installs)
    lines = dockerfile.splitlines()
    req = next(i for i, line in enumerate(lines) if "binder/requirements.txt" in line)
    post = next(i for i, line in enumerate(lines) if line.strip() == "RUN ./binder/postBuild")
    assert req < post


def test_build_uses_python_311(dockerfile: str) -> None:
    assert "python=3.11" in dockerfile
