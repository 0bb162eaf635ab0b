"""``bonemets validate PATH...``: check data files (cases, and any kind another package adds).

Dispatch by file kind: a file's top-level ``kind:`` field names its kind; without one, the kind
is taken from the nearest directory named in a validator's ``DIRECTORIES`` (``cases/`` -> case).

Validators are plug-ins found automatically: any sub-package ``bonemets.<pkg>`` that has a module
``bonemets.<pkg>.validate`` defining

    KIND: str                                   # e.g. "quiz"
    DIRECTORIES: tuple[str, ...]                # e.g. ("quizzes",)
    def validate(path: Path, doc: YamlDocument) -> list[Problem]

is registered for ``KIND``. ``doc`` comes from :func:`bonemets.datafile.load_yaml`, the one hardened
loader of every authored file (size, depth and alias limits, text keys, no duplicate keys, no control
characters, finite numbers as typed, real dates; the line of every field path); a validator returns
problems, never raises for bad input. ``bonemets.cases.validate`` is the case validator. The command also reports duplicate case
ids across files. Exit 0 when every file is valid, 2 otherwise; never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import pkgutil
import sys
from pathlib import Path
from typing import Any

from ..datafile import DataFileError, Problem, load_yaml


def validators() -> dict[str, Any]:
    """Every validator module, by kind."""
    import bonemets

    out: dict[str, Any] = {}
    for mod in pkgutil.iter_modules(bonemets.__path__):
        if not mod.ispkg:
            continue
        name = f"bonemets.{mod.name}.validate"
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        kind = getattr(module, "KIND", None)
        if isinstance(kind, str) and callable(getattr(module, "validate", None)):
            out[kind] = module
    return out


def _kind(path: Path, data: Any, registry: dict[str, Any]) -> str | None:
    if isinstance(data, dict) and isinstance(data.get("kind"), str):
        return data["kind"]
    for parent in path.resolve().parents:
        for kind, module in registry.items():
            if parent.name in getattr(module, "DIRECTORIES", ()):
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
    ids: dict[tuple[str, str], Path] = {}
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
        found = registry[kind].validate(path, doc)
        problems.extend(found)
        ident = doc.data.get("id") if isinstance(doc.data, dict) else None
        if not found and isinstance(ident, str):
            if (kind, ident) in ids:
                problems.append(
                    Problem(
                        str(path),
                        "id",
                        doc.line_of(("id",)),
                        f"duplicate {kind} id {ident!r} (also in {ids[(kind, ident)]})",
                    )
                )
            ids.setdefault((kind, ident), path)
    return len(files), problems


def register(sub: argparse._SubParsersAction) -> None:
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
