"""Load the quiz banks safely and check them, with errors naming file, item id and field.

    >>> from bonemets.quiz.io import load_bank
    >>> bank = load_bank()                       # doctest: +SKIP
    >>> bank.items[0].id                         # doctest: +SKIP

:func:`validate` returns every problem (an empty list when the banks are good); :func:`load_bank`
raises :class:`QuizValidationError` carrying them all.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..datafile import DataFileError, Problem, YamlDocument, format_path, shown
from ..datafile import load_yaml as _datafile_load
from .models import Bank, Item

__all__ = [
    "LoadedBank",
    "QuizError",
    "QuizValidationError",
    "chapters",
    "find_root",
    "load_bank",
    "load_objectives_file",
    "load_yaml",
    "objectives",
    "validate",
]


@dataclass(frozen=True)
class QuizError:
    """One problem: where (file, item id, field) and what."""

    file: str
    item: str | None
    field: str | None
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        if self.item:
            where += f": item {self.item}"
        if self.field:
            where += f": {self.field}"
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "item": self.item,
            "field": self.field,
            "line": self.line,
            "message": self.message,
        }


class QuizValidationError(ValueError):
    def __init__(self, errors: list[QuizError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass
class LoadedBank:
    """Every bank, in chapter order, with the context the checks used."""

    root: Path
    banks: dict[str, Bank] = field(default_factory=dict)  # chapter id -> bank
    files: dict[str, Path] = field(default_factory=dict)  # chapter id -> file

    @property
    def items(self) -> list[Item]:
        return [item for bank in self.banks.values() for item in bank.items]

    def chapter_of(self, item: Item) -> str:
        return item.id.split(".", 1)[0]


# ---------------------------------------------------------------------------------------------
# Where things are


def find_root(start: str | Path | None = None) -> Path:
    """The course repository: ``$BONEMETS_ROOT``, else the first folder upwards from ``start`` (or
    the working directory) holding ``quizzes/`` and ``chapters/objectives.yaml``, else the source
    checkout this package was imported from."""
    env = os.environ.get("BONEMETS_ROOT")
    if env:
        return Path(env).resolve()
    candidates: list[Path] = []
    here = Path(start or Path.cwd()).resolve()
    candidates.extend([here, *here.parents])
    pkg = Path(__file__).resolve()
    candidates.extend(pkg.parents)
    for c in candidates:
        if (c / "quizzes").is_dir() and (c / "chapters" / "objectives.yaml").is_file():
            return c
    raise FileNotFoundError(
        "cannot find the course folder (quizzes/ and chapters/objectives.yaml); "
        "run from inside the repository or set BONEMETS_ROOT"
    )


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


# ---------------------------------------------------------------------------------------------
# Loading: the one hardened loader of every authored file (bonemets.datafile)


def load_yaml(path: Path) -> Any:
    """The data of one YAML file, read by :func:`bonemets.datafile.load_yaml` (size cap, no
    aliases, depth cap, text keys, no duplicate keys, no control characters, finite numbers as
    typed). Raises :class:`bonemets.datafile.DataFileError`."""
    return _load_doc(path).data


def _load_doc(path: Path, text: str | None = None) -> YamlDocument:
    return _datafile_load(path, text=text)


def _problem_errors(exc: DataFileError, file: str) -> list[QuizError]:
    return [
        QuizError(file, None, None if p.field == "(file)" else p.field, p.message, p.line)
        for p in exc.problems
    ]


def load_objectives_file(path: str | Path, *, text: str | None = None) -> dict[str, Any]:
    """``chapters`` of an objectives file, checked: chapter id -> {title, file, objectives}.

    Raises :class:`DataFileError` naming file, field and line for anything wrong (the structure,
    an objective id not starting with its chapter id, text with HTML markup or MathJax
    commands). ``text``: check this text as if it were the file's."""
    from .models import ObjectivesFile

    name = str(path)
    doc = _load_doc(Path(path), text)
    try:
        parsed = ObjectivesFile.model_validate(doc.data)
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
    out: dict[str, Any] = {}
    for ch, spec in parsed.chapters.items():
        for field_name in ("title",):
            for msg in _text_problems(spec.title):
                loc = ("chapters", ch, field_name)
                problems.append(Problem(name, format_path(loc), doc.line_of(loc), msg))
        for oid, text in spec.objectives.items():
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
            for msg in _text_problems(text):
                problems.append(Problem(name, format_path(loc), doc.line_of(loc), msg))
        out[ch] = spec.model_dump()
    if problems:
        raise DataFileError(problems)
    return out


def _text_problems(text: str) -> list[str]:
    from ..cases.io import text_problems

    return text_problems(text)


# ---------------------------------------------------------------------------------------------
# Context: chapters, objectives, cases


@cache
def _objectives_file(path: str, mtime: float, size: int) -> dict[str, Any]:
    return load_objectives_file(path)


def chapters(root: Path) -> dict[str, Any]:
    """``chapters`` of ``chapters/objectives.yaml``: id -> {title, file, objectives}.
    Raises :class:`DataFileError` when the file is missing or wrong."""
    p = Path(root) / "chapters" / "objectives.yaml"
    try:
        st = p.stat()
    except OSError:
        return load_objectives_file(p)  # raises DataFileError naming the file
    return _objectives_file(str(p), st.st_mtime, st.st_size)


def objectives(root: Path) -> dict[str, tuple[str, str]]:
    """Objective id -> (chapter id, text)."""
    out: dict[str, tuple[str, str]] = {}
    for ch, spec in chapters(root).items():
        for oid, text in (spec.get("objectives") or {}).items():
            out[oid] = (ch, str(text))
    return out


def case_path(root: Path, case_id: str) -> Path:
    return root / "cases" / "data" / f"{case_id}.yaml"


# ---------------------------------------------------------------------------------------------
# Validation


def _pydantic_errors(
    exc: ValidationError, raw: Any, file: str, lines: list[int]
) -> list[QuizError]:
    out: list[QuizError] = []
    items = raw.get("items") if isinstance(raw, dict) else None
    for err in exc.errors():
        loc = list(err["loc"])
        item_id: str | None = None
        line: int | None = None
        if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
            idx = loc[1]
            if isinstance(items, list) and idx < len(items) and isinstance(items[idx], dict):
                item_id = str(items[idx].get("id") or f"#{idx + 1}")
            else:
                item_id = f"#{idx + 1}"
            line = lines[idx] if idx < len(lines) else None
            loc = loc[2:]
        msg = str(err["msg"]).removeprefix("Value error, ")
        if not loc and err["type"] == "value_error":
            # the item-level check joins several "field: message" parts
            for part in msg.split("\n"):
                fld, sep, text = part.partition(": ")
                out.append(QuizError(file, item_id, fld if sep else None, text or part, line))
            continue
        fld = ".".join(str(p) for p in loc) or None
        if err["type"] == "missing":
            msg = "missing"
        elif err["type"] == "extra_forbidden":
            msg = "unknown field"
        out.append(QuizError(file, item_id, fld, msg, line))
    return out


def _check_markup(item: Item, file: str, line: int | None) -> list[QuizError]:
    """What the renderer would drop or change, and text MathJax could run (see
    :mod:`bonemets.quiz.markdown`); the unit (shown as plain text) may hold no markup at all."""
    from .markdown import markup_problems
    from .placeholders import item_texts

    out = [
        QuizError(file, item.id, fld, msg, line)
        for fld, text in item_texts(item)
        for msg in markup_problems(text)
    ]
    if item.unit:
        out += [QuizError(file, item.id, "unit", m, line) for m in _text_problems(item.unit)]
        if "{{" in item.unit or "}}" in item.unit:
            out.append(
                QuizError(file, item.id, "unit", "a unit is plain text: no '{{' or '}}'", line)
            )
    return out


def _check_computed(item: Item, file: str, line: int | None) -> list[QuizError]:
    """The engine must accept the inputs and the output path must exist."""
    from .build import ComputeError, compute_answer

    try:
        compute_answer(item)
    except ComputeError as exc:
        return [QuizError(file, item.id, exc.field, exc.message, line)]
    return []


def _check_placeholders(item: Item, file: str, line: int | None) -> list[QuizError]:
    """Every ``{{fact:...}}``, ``{{calc:...}}`` and ``{{input:...}}`` must resolve."""
    from .build import ComputeError, compute_answer, evaluate, numeric_answer_text
    from .placeholders import check

    try:
        result = evaluate(item)
        answer = compute_answer(item, result)
    except ComputeError:
        return []  # reported by _check_computed
    text = numeric_answer_text(item, answer) if item.type == "numeric" else None
    return [QuizError(file, item.id, fld, msg, line) for fld, msg in check(item, result, text)]


def _bank_files(root: Path, files: Iterable[Path] | None) -> list[Path]:
    if files is not None:
        return sorted(Path(f) for f in files)
    return sorted((root / "quizzes").glob("*.yaml"))


def _load(
    root: Path, files: Iterable[Path] | None, texts: Mapping[Path, str] | None = None
) -> tuple[LoadedBank, list[QuizError]]:
    errors: list[QuizError] = []
    loaded = LoadedBank(root=root)
    try:
        chs = chapters(root)
        objs = objectives(root)
    except DataFileError as exc:
        return loaded, _problem_errors(exc, "chapters/objectives.yaml")
    seen_ids: dict[str, str] = {}
    order = {c: i for i, c in enumerate(chs)}
    for path in _bank_files(root, files):
        file = _rel(path, root)
        try:
            doc = _load_doc(path, (texts or {}).get(path))
        except DataFileError as exc:
            errors.extend(_problem_errors(exc, file))
            continue
        raw = doc.data
        n_items = (
            len(raw["items"]) if isinstance(raw, dict) and isinstance(raw.get("items"), list) else 0
        )
        lines = [doc.line_of(("items", i)) or 0 for i in range(n_items)]
        if isinstance(raw, dict) and raw.get("chapter") is not None:
            errors.extend(
                QuizError(file, None, "chapter", m, doc.line_of(("chapter",)))
                for m in _text_problems(str(raw.get("chapter")))
            )
        try:
            bank = Bank.model_validate(raw)
        except ValidationError as exc:
            errors.extend(_pydantic_errors(exc, raw, file, lines))
            continue
        if bank.chapter not in chs:
            errors.append(
                QuizError(
                    file,
                    None,
                    "chapter",
                    f"unknown chapter {shown(bank.chapter)}; allowed: {', '.join(chs)}",
                )
            )
            continue
        if path.stem != bank.chapter:
            errors.append(
                QuizError(file, None, "chapter", f"the file must be named {bank.chapter}.yaml")
            )
        if bank.chapter in loaded.banks:
            errors.append(QuizError(file, None, "chapter", f"a second bank for {bank.chapter!r}"))
            continue
        bad = False
        for idx, item in enumerate(bank.items):
            line = lines[idx] if idx < len(lines) else None
            prefix = item.id.split(".", 1)[0]
            if prefix != bank.chapter:
                errors.append(
                    QuizError(
                        file,
                        item.id,
                        "id",
                        f"must start with the chapter id: {bank.chapter}.<name>",
                        line,
                    )
                )
                bad = True
            if item.id in seen_ids:
                errors.append(
                    QuizError(
                        file, item.id, "id", f"duplicate id (also in {seen_ids[item.id]})", line
                    )
                )
                bad = True
            seen_ids.setdefault(item.id, file)
            if item.objective not in objs:
                errors.append(
                    QuizError(
                        file,
                        item.id,
                        "objective",
                        f"unknown objective {item.objective!r}; the chapter's objectives are: "
                        + ", ".join(o for o, (c, _) in objs.items() if c == bank.chapter),
                        line,
                    )
                )
                bad = True
            elif objs[item.objective][0] != bank.chapter:
                errors.append(
                    QuizError(
                        file,
                        item.id,
                        "objective",
                        f"{item.objective!r} belongs to chapter {objs[item.objective][0]!r}, "
                        f"not {bank.chapter!r}",
                        line,
                    )
                )
                bad = True
            if item.case and not case_path(root, item.case).is_file():
                errors.append(
                    QuizError(
                        file,
                        item.id,
                        "case",
                        f"no case file cases/data/{item.case}.yaml",
                        line,
                    )
                )
                bad = True
            elif item.case:
                from ..cases.io import load_case

                try:
                    load_case(case_path(root, item.case))
                except DataFileError as exc:
                    errors.append(
                        QuizError(
                            file,
                            item.id,
                            "case",
                            f"the case file cases/data/{item.case}.yaml is not valid: "
                            f"{exc.problems[0]}",
                            line,
                        )
                    )
                    bad = True
            errs = _check_markup(item, file, line)
            errors.extend(errs)
            bad = bad or bool(errs)
            if item.computed:
                errs = _check_computed(item, file, line)
                errors.extend(errs)
                bad = bad or bool(errs)
            errs = _check_placeholders(item, file, line)
            errors.extend(errs)
            bad = bad or bool(errs)
        if not bad:
            loaded.banks[bank.chapter] = bank
            loaded.files[bank.chapter] = path
    loaded.banks = dict(sorted(loaded.banks.items(), key=lambda kv: order.get(kv[0], 999)))
    return loaded, errors


def validate(
    root: str | Path | None = None,
    files: Iterable[str | Path] | None = None,
    *,
    texts: Mapping[Path, str] | None = None,
) -> list[QuizError]:
    """Every problem in the banks (all of ``quizzes/*.yaml``, or ``files``); [] when good.
    ``texts`` gives the text of some of the files (checked as if they were written there)."""
    r = find_root(root) if root is None else Path(root)
    return _load(r, [Path(f) for f in files] if files is not None else None, texts)[1]


def load_bank(
    root: str | Path | None = None,
    files: Iterable[str | Path] | None = None,
    *,
    texts: Mapping[Path, str] | None = None,
) -> LoadedBank:
    """Every bank, checked; raises :class:`QuizValidationError` listing all problems."""
    r = find_root(root) if root is None else Path(root)
    loaded, errors = _load(r, [Path(f) for f in files] if files is not None else None, texts)
    if errors:
        raise QuizValidationError(errors)
    return loaded
