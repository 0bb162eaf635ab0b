"""Read one quiz bank file: the hardened loader, then the typed models.

Reading only. :func:`read_bank` loads ``quizzes/<chapter>.yaml`` with
:func:`bonemets.datafile.load_yaml` (size, depth and alias limits, text keys, no duplicate keys, no
control characters, finite numbers as typed; the line of every field) and checks it against
:class:`bonemets.quiz.models.Bank`. Every problem is a :class:`bonemets.datafile.Problem` naming
file, line, item id and field. The checks that need the rest of the course (chapters, objectives,
cases, the engine) are in :mod:`bonemets.quiz.bank`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..datafile import DataFileError, Problem, YamlDocument, load_yaml, shown, text_problems
from .models import ITEM_TYPES, Bank

__all__ = ["BankFile", "case_path", "read_bank", "relative_name"]


def case_path(root: Path, case_id: str) -> Path:
    """The file of the case ``case_id``: ``cases/data/<id>.yaml`` under the course folder."""
    return Path(root) / "cases" / "data" / f"{case_id}.yaml"


def relative_name(path: Path, root: Path) -> str:
    """``path`` as named in problems: relative to the course folder when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


@dataclass
class BankFile:
    """One bank file as read: its name in problems, its data with lines, the typed bank (None
    when the file or the models refused it) and the problems found so far."""

    path: Path
    name: str
    doc: YamlDocument | None = None
    bank: Bank | None = None
    problems: list[Problem] = field(default_factory=list)

    def item_line(self, index: int) -> int | None:
        """The line where item ``index`` starts."""
        return self.doc.line_of(("items", index)) if self.doc is not None else None


def _item_id(raw: Any, index: int) -> str:
    items = raw.get("items") if isinstance(raw, dict) else None
    if isinstance(items, list) and index < len(items) and isinstance(items[index], dict):
        return str(items[index].get("id") or f"#{index + 1}")
    return f"#{index + 1}"


def _model_problems(exc: ValidationError, bf: BankFile) -> list[Problem]:
    assert bf.doc is not None
    raw = bf.doc.data
    out: list[Problem] = []
    for err in exc.errors():
        loc = list(err["loc"])
        item_id: str | None = None
        line: int | None = None
        if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
            item_id = _item_id(raw, loc[1])
            line = bf.item_line(loc[1])
            loc = loc[2:]
            if loc and loc[0] in ITEM_TYPES:  # the model the item's type chose (models.AnyItem)
                loc = loc[1:]
        msg = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "union_tag_invalid":
            tag = (err.get("ctx") or {}).get("tag")
            allowed = ", ".join(ITEM_TYPES)
            out.append(
                Problem(
                    bf.name,
                    "type",
                    line,
                    f"{shown(tag)} is not allowed; allowed: {allowed}",
                    item_id,
                )
            )
            continue
        if err["type"] == "union_tag_not_found":
            out.append(Problem(bf.name, "type", line, "missing", item_id))
            continue
        if not loc and err["type"] == "value_error":
            # the item-level check joins several "field: message" parts
            for part in msg.split("\n"):
                head, sep, text = part.partition(": ")
                out.append(Problem(bf.name, head if sep else None, line, text or part, item_id))
            continue
        fld = ".".join(str(p) for p in loc) or None
        if err["type"] == "missing":
            msg = "missing"
        elif err["type"] == "extra_forbidden":
            msg = "unknown field"
        out.append(Problem(bf.name, fld, line, msg, item_id))
    return out


def read_bank(
    path: Path, root: Path, *, text: str | None = None, doc: YamlDocument | None = None
) -> BankFile:
    """Read one bank file (``text``: as if the file held it; ``doc``: already loaded by
    :func:`bonemets.datafile.load_yaml`). Never raises for bad input: see ``problems``."""
    bf = BankFile(path, relative_name(path, root))
    if doc is None:
        try:
            doc = load_yaml(path, text=text)
        except DataFileError as exc:
            bf.problems = [
                Problem(bf.name, p.field, p.line, p.message, p.item) for p in exc.problems
            ]
            return bf
    bf.doc = doc
    raw = doc.data
    if isinstance(raw, dict) and raw.get("chapter") is not None:
        bf.problems += [
            Problem(bf.name, "chapter", doc.line_of(("chapter",)), m)
            for m in text_problems(str(raw.get("chapter")))
        ]
    try:
        bf.bank = Bank.model_validate(raw)
    except ValidationError as exc:
        bf.problems += _model_problems(exc, bf)
    return bf
