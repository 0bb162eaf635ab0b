"""Counts of the quiz bank: by chapter, learning objective and type; with ``quality=True`` also
the item-quality linter's figures and failures (:mod:`bonemets.quiz.quality`)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ..syllabus import syllabus
from .bank import LoadedBank, load_bank
from .quality import lint_bank

__all__ = ["stats", "uncovered_objectives"]

TYPES = ("single", "multiple", "numeric", "case")


def stats(
    root: str | Path | None = None, bank: LoadedBank | None = None, *, quality: bool = False
) -> dict[str, Any]:
    """``{"items": N, "by_chapter": {...}, "by_objective": {...}, "by_type": {...}}``.

    Every chapter and every objective of ``chapters/objectives.yaml`` is listed, with 0 where no
    item covers it. ``by_type`` counts case-based items as ``case`` and the rest by answer type.
    Extra keys: ``computed`` (answers from the engine) and ``uncovered_objectives``; with
    ``quality``, ``quality``: the linter's report (:meth:`QualityReport.to_dict`, the bank built).
    """
    bank = bank or load_bank(root)
    items = bank.items
    by_chapter = Counter(bank.chapter_of(i) for i in items)
    by_objective = Counter(i.objective for i in items)
    by_type = Counter(i.kind for i in items)
    syl = bank.syllabus or syllabus(bank.root)
    chs = syl.chapters
    objs = syl.objectives
    out: dict[str, Any] = {
        "items": len(items),
        "by_chapter": {c: by_chapter.get(c, 0) for c in chs},
        "by_objective": {o: by_objective.get(o, 0) for o in objs},
        "by_type": {t: by_type.get(t, 0) for t in TYPES},
        "computed": sum(1 for i in items if i.computed),
        "uncovered_objectives": [o for o in objs if not by_objective.get(o)],
    }
    if quality:
        out["quality"] = lint_bank(bank=bank).to_dict()
    return out


def uncovered_objectives(root: str | Path | None = None) -> list[str]:
    """Objectives of the syllabus that no item covers."""
    return list(stats(root)["uncovered_objectives"])
