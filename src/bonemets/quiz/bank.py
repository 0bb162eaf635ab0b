"""Load every quiz bank and check it against the course, with problems naming file, line, item
id and field.

    >>> from bonemets.quiz.bank import load_bank
    >>> bank = load_bank()                       # doctest: +SKIP
    >>> bank.items[0].id                         # doctest: +SKIP

Each bank file is read by :func:`bonemets.quiz.io.read_bank`; then every item is checked with
what it refers to: its chapter and objective (:mod:`bonemets.syllabus`), its case file
(:func:`bonemets.cases.io.load_case`), its engine answer (:mod:`bonemets.quiz.answers`), its
placeholders (:mod:`bonemets.quiz.placeholders`) and its Markdown (:mod:`bonemets.quiz.markdown`);
ids must be unique across every bank. :func:`check_banks` returns the bank and every problem (each
file read once); :func:`validate` only the problems; :func:`load_bank` raises
:class:`bonemets.datafile.DataFileError` carrying them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..cases.io import load_case
from ..datafile import DataFileError, Problem, YamlDocument, find_root, shown, text_problems
from ..syllabus import Syllabus, syllabus
from .answers import ComputeError, compute_answer, evaluate, numeric_answer_text
from .io import BankFile, case_path, read_bank, relative_name
from .markdown import markup_problems
from .models import Bank, Item
from .placeholders import check as check_placeholders
from .placeholders import item_texts

__all__ = ["LoadedBank", "bank_files", "check_banks", "load_bank", "validate"]


@dataclass
class LoadedBank:
    """Every good bank, in chapter order, with the course folder and syllabus the checks used."""

    root: Path
    syllabus: Syllabus | None = None
    banks: dict[str, Bank] = field(default_factory=dict)  # chapter id -> bank
    files: dict[str, Path] = field(default_factory=dict)  # chapter id -> file

    @property
    def items(self) -> list[Item]:
        return [item for bank in self.banks.values() for item in bank.items]

    def chapter_of(self, item: Item) -> str:
        return item.id.split(".", 1)[0]


def bank_files(root: Path) -> list[Path]:
    """Every bank file of the course: ``quizzes/*.yaml``."""
    return sorted((Path(root) / "quizzes").glob("*.yaml"))


def _markup(item: Item, file: str, line: int | None) -> list[Problem]:
    """What the renderer would drop or change, and text MathJax could run (see
    :mod:`bonemets.quiz.markdown`); the unit (shown as plain text) may hold no markup at all."""
    out = [
        Problem(file, fld, line, msg, item.id)
        for fld, text in item_texts(item)
        for msg in markup_problems(text)
    ]
    if item.unit:
        out += [Problem(file, "unit", line, m, item.id) for m in text_problems(item.unit)]
        if "{{" in item.unit or "}}" in item.unit:
            out.append(
                Problem(file, "unit", line, "a unit is plain text: no '{{' or '}}'", item.id)
            )
    return out


def _engine(item: Item, file: str, line: int | None) -> list[Problem]:
    """The engine must accept the inputs and the output path must exist; every ``{{fact:...}}``,
    ``{{calc:...}}`` and ``{{input:...}}`` must resolve."""
    try:
        result = evaluate(item)
        answer = compute_answer(item, result)
    except ComputeError as exc:
        return [Problem(file, exc.field, line, exc.message, item.id)]
    text = numeric_answer_text(item, answer) if item.type == "numeric" else None
    return [
        Problem(file, fld, line, msg, item.id)
        for fld, msg in check_placeholders(item, result, text)
    ]


def _case(item: Item, root: Path, file: str, line: int | None) -> list[Problem]:
    if not item.case:
        return []
    path = case_path(root, item.case)
    if not path.is_file():
        return [Problem(file, "case", line, f"no case file cases/data/{item.case}.yaml", item.id)]
    try:
        load_case(path)
    except DataFileError as exc:
        return [
            Problem(
                file,
                "case",
                line,
                f"the case file cases/data/{item.case}.yaml is not valid: {exc.problems[0]}",
                item.id,
            )
        ]
    return []


def _items(
    bf: BankFile, bank: Bank, syl: Syllabus, root: Path, seen_ids: dict[str, str]
) -> list[Problem]:
    """Every problem of the items of one bank that needs the rest of the course."""
    objs = syl.objectives
    file = bf.name
    out: list[Problem] = []
    for idx, item in enumerate(bank.items):
        line = bf.item_line(idx)
        if item.id.split(".", 1)[0] != bank.chapter:
            out.append(
                Problem(
                    file,
                    "id",
                    line,
                    f"must start with the chapter id: {bank.chapter}.<name>",
                    item.id,
                )
            )
        if item.id in seen_ids:
            out.append(
                Problem(file, "id", line, f"duplicate id (also in {seen_ids[item.id]})", item.id)
            )
        seen_ids.setdefault(item.id, file)
        objective = objs.get(item.objective)
        if objective is None:
            out.append(
                Problem(
                    file,
                    "objective",
                    line,
                    f"unknown objective {item.objective!r}; the chapter's objectives are: "
                    + ", ".join(syl.chapter_objectives(bank.chapter)),
                    item.id,
                )
            )
        elif objective.chapter != bank.chapter:
            out.append(
                Problem(
                    file,
                    "objective",
                    line,
                    f"{item.objective!r} belongs to chapter {objective.chapter!r}, "
                    f"not {bank.chapter!r}",
                    item.id,
                )
            )
        out += _case(item, root, file, line)
        out += _markup(item, file, line)
        out += _engine(item, file, line)
    return out


def check_banks(
    root: str | Path | None = None,
    files: Iterable[str | Path] | None = None,
    *,
    texts: Mapping[Path, str] | None = None,
    docs: Mapping[Path, YamlDocument] | None = None,
) -> tuple[LoadedBank, list[Problem]]:
    """The good banks and every problem of ``files`` (default: every ``quizzes/*.yaml``), each
    file read once. ``texts``: the text of some files, checked as if written there; ``docs``:
    files already loaded by :func:`bonemets.datafile.load_yaml` (by path)."""
    r = find_root() if root is None else Path(root)
    paths = sorted(Path(f) for f in files) if files is not None else bank_files(r)
    loaded = LoadedBank(root=r)
    try:
        syl = syllabus(r)
    except DataFileError as exc:
        return loaded, [replace(p, file=relative_name(Path(p.file), r)) for p in exc.problems]
    loaded.syllabus = syl
    problems: list[Problem] = []
    seen_ids: dict[str, str] = {}
    for path in paths:
        bf = read_bank(path, r, text=(texts or {}).get(path), doc=(docs or {}).get(path))
        problems += bf.problems
        bank = bf.bank
        if bank is None:
            continue
        if bank.chapter not in syl.chapters:
            problems.append(
                Problem(
                    bf.name,
                    "chapter",
                    None,
                    f"unknown chapter {shown(bank.chapter)}; allowed: {', '.join(syl.chapters)}",
                )
            )
            continue
        if path.stem != bank.chapter:
            problems.append(
                Problem(bf.name, "chapter", None, f"the file must be named {bank.chapter}.yaml")
            )
        if bank.chapter in loaded.banks:
            problems.append(
                Problem(bf.name, "chapter", None, f"a second bank for {bank.chapter!r}")
            )
            continue
        found = _items(bf, bank, syl, r, seen_ids)
        problems += found
        if not found:
            loaded.banks[bank.chapter] = bank
            loaded.files[bank.chapter] = path
    order = {c: i for i, c in enumerate(syl.chapters)}
    loaded.banks = dict(sorted(loaded.banks.items(), key=lambda kv: order.get(kv[0], 999)))
    return loaded, problems


def validate(
    root: str | Path | None = None,
    files: Iterable[str | Path] | None = None,
    *,
    texts: Mapping[Path, str] | None = None,
) -> list[Problem]:
    """Every problem in the banks (all of ``quizzes/*.yaml``, or ``files``); [] when good."""
    return check_banks(root, files, texts=texts)[1]


def load_bank(
    root: str | Path | None = None,
    files: Iterable[str | Path] | None = None,
    *,
    texts: Mapping[Path, str] | None = None,
) -> LoadedBank:
    """Every bank, checked; raises :class:`DataFileError` listing all problems."""
    loaded, problems = check_banks(root, files, texts=texts)
    if problems:
        raise DataFileError(problems)
    return loaded
