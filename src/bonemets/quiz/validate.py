"""The quiz-bank plug-in for ``bonemets validate`` (see ``bonemets.commands.validate``).

``bonemets validate quizzes/`` (or any bank file) runs the same checks as
``bonemets quiz validate``: the typed models, chapters and objectives of
``chapters/objectives.yaml``, calculator inputs and outputs, fact paths, case files, and ids
unique across every bank in the folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..cases.io import Problem
from .io import find_root
from .io import validate as validate_banks

KIND = "quiz"
DIRECTORIES = ("quizzes",)


def validate(path: Path, doc: Any) -> list[Problem]:
    """Every problem in one bank file (checked together with its sibling banks)."""
    try:
        root = find_root(path.resolve().parent)
    except FileNotFoundError as exc:
        return [Problem(str(path), "(file)", None, str(exc))]
    siblings = sorted(path.resolve().parent.glob("*.yaml"))
    me = path.resolve()
    out: list[Problem] = []
    for err in validate_banks(root, siblings):
        if (root / err.file).resolve() != me and Path(err.file).resolve() != me:
            continue
        field = ".".join(x for x in (f"items[{err.item}]" if err.item else None, err.field) if x)
        out.append(Problem(str(path), field or "(file)", err.line, err.message))
    return out
