"""The syllabus: ``chapters/objectives.yaml``, typed, read once.

Every chapter's title, page and learning objectives are written in that one file. The quiz checks
(every item names an objective of its chapter), the ``{objectives}`` and ``{quiz}`` directives of
the book and the case-notebook tool all read it through :func:`syllabus`, which loads it with the
hardened loader (:func:`bonemets.datafile.load_yaml`), checks it against :class:`Syllabus` and
keeps the result until the file changes (size or modification time).

    >>> from bonemets.syllabus import syllabus
    >>> s = syllabus(find_root())                          # doctest: +SKIP
    >>> s.chapters["radiotherapy"].title                   # doctest: +SKIP
    >>> s.objectives["radiotherapy.fractionation"].text    # doctest: +SKIP

Anything wrong (the structure, an objective id not starting with its chapter id, HTML markup or
MathJax commands in a title or an objective) raises :class:`bonemets.datafile.DataFileError`
naming file, line and field.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from .datafile import DataFileError, Problem, format_path, load_yaml, text_problems

__all__ = [
    "OBJECTIVES_FILE",
    "Chapter",
    "Objective",
    "Syllabus",
    "load_syllabus",
    "syllabus",
]

#: Where the syllabus lives, relative to the course folder.
OBJECTIVES_FILE = Path("chapters") / "objectives.yaml"

ChapterId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
ObjectiveId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_]*$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


@dataclass(frozen=True)
class Objective:
    """One learning objective: its id, its chapter and its text."""

    id: str
    chapter: str
    text: str


class Chapter(BaseModel):
    """One chapter of ``chapters/objectives.yaml``."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    title: Text
    file: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_./-]*$")]
    objectives: dict[ObjectiveId, Text] = Field(default_factory=dict)


class Syllabus(BaseModel):
    """``chapters/objectives.yaml``: every chapter's learning objectives, in book order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    chapters: dict[ChapterId, Chapter]

    @property
    def objectives(self) -> dict[str, Objective]:
        """Every objective by id, in book order."""
        return {
            oid: Objective(oid, ch, text)
            for ch, spec in self.chapters.items()
            for oid, text in spec.objectives.items()
        }

    def title(self, chapter: str) -> str:
        """A chapter's title (its id when the syllabus has no such chapter)."""
        spec = self.chapters.get(chapter)
        return spec.title if spec is not None else chapter

    def chapter_objectives(self, chapter: str) -> list[str]:
        """The objective ids of one chapter (empty for an unknown chapter)."""
        spec = self.chapters.get(chapter)
        return list(spec.objectives) if spec is not None else []


def load_syllabus(path: str | os.PathLike[str], *, text: str | None = None) -> Syllabus:
    """Read and check one objectives file (``text``: check this text as if it were the file's).

    Raises :class:`DataFileError` naming file, field and line for every problem."""
    name = str(path)
    doc = load_yaml(path, text=text)
    try:
        parsed = Syllabus.model_validate(doc.data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            msg = str(err["msg"]).removeprefix("Value error, ")
            if err["type"] == "missing":
                msg = "missing"
            elif err["type"] == "extra_forbidden":
                msg = "unknown field"
            problems.append(Problem(name, format_path(loc), doc.line_of(loc), msg))
        raise DataFileError(problems) from None
    problems = []
    for ch, spec in parsed.chapters.items():
        at: tuple[str | int, ...] = ("chapters", ch, "title")
        problems += [
            Problem(name, format_path(at), doc.line_of(at), m) for m in text_problems(spec.title)
        ]
        for oid, objective in spec.objectives.items():
            loc = ("chapters", ch, "objectives", oid)
            if oid.split(".", 1)[0] != ch:
                problems.append(
                    Problem(
                        name,
                        format_path(loc),
                        doc.line_of(loc),
                        f"objective id {oid!r} must start with its chapter id: {ch}.<name>",
                    )
                )
            problems += [
                Problem(name, format_path(loc), doc.line_of(loc), m)
                for m in text_problems(objective)
            ]
    if problems:
        raise DataFileError(problems)
    return parsed


@cache
def _cached(path: str, mtime_ns: int, size: int) -> Syllabus:
    return load_syllabus(path)


def syllabus(root: str | os.PathLike[str]) -> Syllabus:
    """The syllabus of the course folder ``root``, read once (again only when the file changes).

    Raises :class:`DataFileError` when the file is missing or wrong."""
    path = Path(root) / OBJECTIVES_FILE
    try:
        st = path.stat()
    except OSError:
        return load_syllabus(path)  # raises DataFileError naming the file
    return _cached(str(path), st.st_mtime_ns, st.st_size)
