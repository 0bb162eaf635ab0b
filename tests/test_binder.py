"""The repository is Binder-ready: repo2docker (no Docker needed with --no-build) installs the
pinned requirements and the course package with Python 3.11."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
R2D = Path(sys.executable).with_name("jupyter-repo2docker")


def test_binder_files():
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"
    assert not (ROOT / "binder").exists(), (
        "a binder/ folder makes repo2docker ignore the root files"
    )
    assert not (ROOT / ".binder").exists()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "project" in project and "build-system" in project
    # requirements.txt is a lock file (uv pip compile --generate-hashes): one requirement per
    # entry, each pinned with ==, each followed by its --hash lines.
    text = (ROOT / "requirements.txt").read_text()
    entries = [
        e.strip()
        for e in text.replace("\\\n", " ").splitlines()
        if e.strip() and not e.lstrip().startswith("#")
    ]
    reqs = [e.split()[0] for e in entries]
    assert reqs and all("==" in r for r in reqs), "requirements.txt must pin every dependency"
    assert all("--hash=sha256:" in e for e in entries), "every pin needs its --hash"
    names = {r.split("==")[0].lower() for r in reqs}
    assert {"ipywidgets", "pydantic", "pyyaml", "jupyter-book"} <= names


def test_lock_file_is_installed_with_hashes():
    course = (ROOT / "course").read_text()
    assert "--require-hashes -r requirements.txt" in course
    assert "--no-deps -e ." in course
    header = (ROOT / "requirements.txt").read_text().splitlines()[1]
    assert "uv pip compile requirements.in --generate-hashes" in header
    assert "uv pip compile requirements.in --generate-hashes" in (ROOT / "README.md").read_text()


@pytest.fixture(scope="module")
def dockerfile() -> str:
    exe = str(R2D) if R2D.exists() else shutil.which("jupyter-repo2docker")
    if not exe:
        pytest.fail("jupyter-repo2docker is not installed (it is pinned in requirements.txt)")
    proc = subprocess.run(
        [exe, "--no-build", "--debug", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout + proc.stderr


def test_build_script_installs_pinned_requirements_then_the_project(dockerfile: str):
    lines = dockerfile.splitlines()
    req = [
        i
        for i, line in enumerate(lines)
        if 'pip install --no-cache-dir -r "requirements.txt"' in line
    ]
    proj = [
        i for i, line in enumerate(lines) if line.rstrip().endswith("pip install --no-cache-dir .")
    ]
    assert req, "repo2docker does not install requirements.txt"
    assert proj, (
        "repo2docker does not run `pip install .` (pyproject.toml with [project] and [build-system])"
    )
    assert req[0] < proj[0]


def test_build_script_uses_python_311(dockerfile: str):
    assert "py-3.11" in dockerfile or "python=3.11" in dockerfile or "python-3.11" in dockerfile
