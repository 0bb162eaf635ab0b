"""The engine is type-checked: ``mypy src/bonemets`` (strict, pydantic plugin, unused ``type: ignore``
reported; the configuration is ``[tool.mypy]`` in pyproject.toml) finds no error."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_configuration_is_strict() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    assert config["strict"] is True and config["warn_unused_ignores"] is True
    assert "pydantic.mypy" in config["plugins"]


def test_engine_is_mypy_strict_clean() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", "src/bonemets"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = [line for line in proc.stdout.splitlines() if ": error:" in line]
    assert proc.returncode == 0 and not errors, (
        f"mypy src/bonemets: {len(errors)} errors (exit {proc.returncode})\n"
        + "\n".join(errors[:40])
        + proc.stderr[-2000:]
    )
    assert proc.stdout.strip() == "", proc.stdout[-2000:]
