"""The quiz-bank validator of ``bonemets validate`` (registered in ``bonemets.commands.validate``).

``bonemets validate quizzes/`` (or any bank file) runs the same checks as
``bonemets quiz validate``: the typed models, chapters and objectives of
``chapters/objectives.yaml``, calculator inputs and outputs, fact paths, case files, and ids
unique across every bank in the folder. The banks of one folder are checked together, once,
however many of them are named; the documents the command has already loaded are used as they
are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..datafile import Problem, YamlDocument, find_root
from .bank import check_banks

KIND = "quiz"
DIRECTORIES = ("quizzes",)

__all__ = ["DIRECTORIES", "KIND", "validate_files"]


def validate_files(files: Sequence[tuple[Path, YamlDocument]]) -> list[Problem]:
    """Every problem in the bank files ``files`` (path, loaded document), each checked together
    with its sibling banks (the other ``*.yaml`` of its folder); problems name the paths given.
    A problem of ``chapters/objectives.yaml`` is reported as it is (every bank needs it)."""
    by_folder: dict[Path, dict[Path, tuple[Path, YamlDocument]]] = {}
    for path, doc in files:
        by_folder.setdefault(path.resolve().parent, {})[path.resolve()] = (path, doc)
    out: list[Problem] = []
    for folder, named in by_folder.items():
        try:
            root = find_root(folder)
        except FileNotFoundError as exc:
            out += [Problem(str(path), "(file)", None, str(exc)) for path, _ in named.values()]
            continue
        siblings = sorted(set(folder.glob("*.yaml")) | set(named))
        docs = {resolved: doc for resolved, (_, doc) in named.items()}
        for p in check_banks(root, siblings, docs=docs)[1]:
            where = (root / p.file).resolve()
            given = named.get(where)
            if given is not None:
                out.append(replace(p, file=str(given[0])))
            elif where not in siblings:  # chapters/objectives.yaml, which every bank needs
                out.append(p)
    return out
