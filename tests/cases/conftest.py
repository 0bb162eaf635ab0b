"""Golden evaluations of the case library (``tests/cases/golden/<case id>.json``).

Each case's evaluation (``evaluate_case(case).to_dict()``, the JSON of ``bonemets evaluate
--json``) is compared with its golden file. After a reviewed change, or for a new case, record
them with the one command::

    .venv/bin/python -m pytest tests/cases --update-golden

then read ``git diff tests/cases/golden``: it must show only what you meant to change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDER = Path(__file__).parent / "golden"
UPDATE_COMMAND = ".venv/bin/python -m pytest tests/cases --update-golden"


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="write tests/cases/golden/*.json from the current evaluations (after a reviewed change)",
    )


def render(data: dict[str, Any]) -> str:
    """The golden file's text: sorted keys, two-space indent, UTF-8, a final newline."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Golden:
    folder: Path
    update: bool

    def check(self, case_id: str, evaluation: dict[str, Any]) -> None:
        """The evaluation equals the golden file (written instead with ``--update-golden``)."""
        path = self.folder / f"{case_id}.json"
        text = render(evaluation)
        if self.update:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                self.folder.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            return
        if not path.exists():
            pytest.fail(
                f"case {case_id!r} has no golden evaluation yet ({_shown(path)}). "
                f"Record it with:\n    {UPDATE_COMMAND}\nthen review the new file.",
                pytrace=False,
            )
        expected = path.read_text(encoding="utf-8")
        assert text == expected, (
            f"the evaluation of case {case_id!r} changed. If the change is intended, record it "
            f"with: {UPDATE_COMMAND}"
        )

    def check_no_stale(self, case_ids: set[str]) -> None:
        """No golden file without its case (stale files are deleted with ``--update-golden``)."""
        stale = sorted(p for p in self.folder.glob("*.json") if p.stem not in case_ids)
        if self.update:
            for p in stale:
                p.unlink()
            return
        assert stale == [], f"golden files of no case: delete them, or run {UPDATE_COMMAND}"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    return Golden(FOLDER, bool(request.config.getoption("--update-golden")))
