"""The case validator plug-in for ``bonemets validate`` (see ``bonemets.commands.validate``)."""

from __future__ import annotations

from pathlib import Path

from .io import CaseError, Problem, YamlDocument, parse_case

KIND = "case"
DIRECTORIES = ("cases",)


def validate(path: Path, doc: YamlDocument) -> list[Problem]:
    """Every problem in one case file (empty if valid)."""
    try:
        case = parse_case(doc.data, str(path), doc)
    except CaseError as exc:
        return exc.problems
    if case.id != path.stem:
        return [
            Problem(
                str(path),
                "id",
                doc.line_of(("id",)),
                f"{case.id!r} does not match the file name; allowed: {path.stem!r}",
            )
        ]
    return []
