"""``bonemets validate PATH...``: check data files (case files and quiz banks).

Dispatch by file kind: a file's top-level ``kind:`` field names its kind; without one, the kind
is taken from the nearest directory named in a validator's ``directories`` (``cases/`` -> case,
``quizzes/`` -> quiz).

The validators are listed in :data:`VALIDATORS`, explicitly: a new kind of data file is one
:class:`Validator` there. Each file is read once, by :func:`bonemets.datafile.load_yaml`, the one
hardened loader of every authored file (size, depth and alias limits, text keys, no duplicate
keys, no control characters, finite numbers as typed, real dates; the line of every field path);
a validator gets every file of its kind at once, with its loaded document, and returns problems,
never raises for bad input. The command also reports duplicate ids across files of one kind.
Exit 0 when every file is valid, 2 otherwise; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cases.validate import DIRECTORIES as CASE_DIRECTORIES
from ..cases.validate import KIND as CASE_KIND
from ..cases.validate import validate as validate_case
from ..datafile import DataFileError, Problem, YamlDocument, load_yaml
from ..quiz.validator import DIRECTORIES as QUIZ_DIRECTORIES
from ..quiz.validator import KIND as QUIZ_KIND
from ..quiz.validator import validate_files as validate_quiz_files

__all__ = ["VALIDATORS", "Validator", "register", "run", "validate_paths"]

Files = Sequence[tuple[Path, YamlDocument]]


@dataclass(frozen=True)
class Validator:
    """One kind of data file: its name, the folders that hold it, and its check (every file of
    the kind at once: path and loaded document -> problems)."""

    kind: str
    directories: tuple[str, ...]
    check: Callable[[Files], list[Problem]]


def _each_case(files: Files) -> list[Problem]:
    return [p for path, doc in files for p in validate_case(path, doc)]


#: Every validator, by kind.
VALIDATORS: tuple[Validator, ...] = (
    Validator(CASE_KIND, CASE_DIRECTORIES, _each_case),
    Validator(QUIZ_KIND, QUIZ_DIRECTORIES, validate_quiz_files),
)


def validators() -> dict[str, Validator]:
    """Every validator, by kind."""
    return {v.kind: v for v in VALIDATORS}


def _kind(path: Path, data: Any, registry: dict[str, Validator]) -> str | None:
    if isinstance(data, dict) and isinstance(data.get("kind"), str):
        return str(data["kind"])
    for parent in path.resolve().parents:
        for kind, validator in registry.items():
            if parent.name in validator.directories:
                return kind
    return None


def _files(paths: list[str]) -> tuple[list[Path], list[Problem]]:
    files: list[Path] = []
    problems: list[Problem] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(path.rglob("*.yaml")) + sorted(path.rglob("*.yml"))
            if not found:
                problems.append(Problem(p, "(directory)", None, "no *.yaml files found"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(p, "(file)", None, "no such file or directory"))
    return files, problems


def validate_paths(paths: list[str]) -> tuple[int, list[Problem]]:
    """(number of files checked, problems)."""
    registry = validators()
    files, problems = _files(paths)
    by_kind: dict[str, list[tuple[Path, YamlDocument]]] = {}
    for path in files:
        try:
            doc = load_yaml(path)
        except DataFileError as exc:
            problems.extend(exc.problems)
            continue
        kind = _kind(path, doc.data, registry)
        if kind not in registry:
            allowed = ", ".join(sorted(registry))
            problems.append(
                Problem(
                    str(path),
                    "kind",
                    doc.line_of(("kind",)),
                    f"{kind!r} is not a known kind; allowed: {allowed}"
                    if kind
                    else f"cannot tell what this file is: add a top-level kind: ({allowed})",
                )
            )
            continue
        by_kind.setdefault(kind, []).append((path, doc))
    for kind, entries in by_kind.items():
        found = registry[kind].check(entries)
        problems.extend(found)
        blamed = {p.file for p in found}
        ids: dict[str, Path] = {}
        for path, doc in entries:
            ident = doc.data.get("id") if isinstance(doc.data, dict) else None
            if str(path) in blamed or not isinstance(ident, str):
                continue
            if ident in ids:
                problems.append(
                    Problem(
                        str(path),
                        "id",
                        doc.line_of(("id",)),
                        f"duplicate {kind} id {ident!r} (also in {ids[ident]})",
                    )
                )
            ids.setdefault(ident, path)
    return len(files), problems


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "validate",
        help="check case files (and other data files) for errors",
        description="Validate data files; a directory validates every *.yaml inside. Exit 0 if "
        "all are valid, 2 otherwise.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print the problems as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    count, problems = validate_paths(args.paths)
    if args.json:
        print(
            json.dumps(
                {
                    "files": count,
                    "valid": not problems,
                    "problems": [p.to_dict() for p in problems],
                },
                indent=2,
            )
        )
    else:
        for p in problems:
            print(f"error: {p}", file=sys.stderr)
        if not problems:
            print(f"{count} file{'s' if count != 1 else ''} valid")
    return 2 if problems else 0
