"""Learners' exported quiz results (the static site's and the Jupyter quiz's export), read as
untrusted input for :mod:`bonemets.quiz.analyse`.

Two formats, each as JSON or CSV (one file per learner):

* **version 1** (``quiz.js`` before the first-answer rule): JSON ``{"format":
  "bonemets-quiz-results", "version": 1, "exported", "seed", "answers": {ITEM_ID: {"response",
  "type", "correct", "time", "attempts", "chapter", "objective"}}, "scores"}``; CSV columns
  ``item_id, chapter, objective, type, response, correct, answered_at, attempts, seed``. A
  version-1 answer is the *latest* one, so it is the learner's first answer only when
  ``attempts`` is 1; any other answer is kept out of the analysis as "not first-attempt data".
* **version 2**: JSON as version 1 plus, per answer, ``"first": {"response", "correct",
  "confidence": 1|2|3|null, "time"}`` (null when unknown) and ``"review": {ITEM_ID: FSRS card}``;
  CSV columns ``item_id, chapter, objective, type, first_response, first_correct, confidence,
  response, correct, answered_at, attempts, seed`` (``first_response`` empty when unknown).

In CSV a select-all response is its keys joined by ``|``, and a cell the site wrote with a
leading ``'`` (its guard against spreadsheet formulas before ``= + - @``) is read without it.

Everything is checked against a typed model with limits (:data:`MAX_BYTES` per file,
:data:`MAX_ANSWERS` answers, response and text lengths, CSV columns); duplicate JSON keys or CSV
rows, ``NaN``/``Infinity``, deep nesting and unknown columns are refused. Every problem is one
line ``FILE: FIELD: what is wrong`` in a :class:`ResultsError`; reading never raises anything
else. The review cards and the scores of a file are not used (the analysis re-grades every first
answer against the built bank).
"""

from __future__ import annotations

import csv
import io
import json
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, ValidationError

__all__ = [
    "CSV_V1",
    "CSV_V2",
    "FORMAT",
    "MAX_ANSWERS",
    "MAX_BYTES",
    "FirstResponse",
    "LearnerResults",
    "ResultsError",
    "parse_results",
    "read_results",
]

FORMAT = "bonemets-quiz-results"
#: Largest results file read (bytes; the site refuses more than 2,000,000 characters too).
MAX_BYTES = 2_000_000
#: Most answers in one file (as the site).
MAX_ANSWERS = 5000
#: Longest response text (an option key or a typed number) and most keys of one response.
MAX_RESPONSE = 64
MAX_KEYS = 26
#: Longest other text field (chapter, objective, time stamps).
MAX_TEXT = 200
MAX_DEPTH = 20

CSV_V1 = (
    "item_id",
    "chapter",
    "objective",
    "type",
    "response",
    "correct",
    "answered_at",
    "attempts",
    "seed",
)
CSV_V2 = (
    "item_id",
    "chapter",
    "objective",
    "type",
    "first_response",
    "first_correct",
    "confidence",
    "response",
    "correct",
    "answered_at",
    "attempts",
    "seed",
)
_ITEM_ID = r"^[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9_]*$"
_FORMULA_GUARD = re.compile(r"^'[=+\-@\t\r]")

ItemId = Annotated[str, Field(pattern=_ITEM_ID, max_length=MAX_TEXT)]
ShortText = Annotated[str, Field(max_length=MAX_TEXT)]
Key = Annotated[str, Field(max_length=MAX_RESPONSE)]
Response = (
    Annotated[str, Field(max_length=MAX_RESPONSE)]
    | Annotated[list[Key], Field(max_length=MAX_KEYS)]
    | StrictInt
    | float
    | None
)


class ResultsError(Exception):
    """Every problem of one results file, one ``FILE: FIELD: message`` line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class _First(BaseModel):
    model_config = ConfigDict(extra="ignore")

    response: Response = None
    correct: StrictBool
    confidence: Literal[1, 2, 3] | None = None
    time: ShortText | None = None


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    type: Literal["single", "multiple", "numeric"] | None = None
    chapter: ShortText | None = None
    objective: ShortText | None = None
    response: Response = None
    correct: StrictBool
    time: ShortText | None = None
    attempts: Annotated[StrictInt, Field(ge=1, le=1_000_000)] = 1
    first: _First | None = None


class _File(BaseModel):
    model_config = ConfigDict(extra="ignore")

    format: Literal["bonemets-quiz-results"]
    version: Literal[1, 2]
    exported: ShortText | None = None
    seed: Annotated[StrictInt, Field(ge=0, le=2**53)] | None = None
    answers: Annotated[dict[ItemId, _Answer], Field(max_length=MAX_ANSWERS)]


@dataclass(frozen=True)
class FirstResponse:
    """A learner's first answer to one item."""

    response: str | tuple[str, ...] | None
    correct: bool  # as the file says (the analysis grades again against the bank)
    confidence: int | None = None
    type: str | None = None


@dataclass
class LearnerResults:
    """One learner's file: the first answers, and the items answered with no first-answer data."""

    source: str
    version: int
    seed: int | None
    first: dict[str, FirstResponse] = field(default_factory=dict)
    #: answered, but the first answer is unknown (version 1 with attempts > 1; version 2 null)
    not_first: list[str] = field(default_factory=list)


def _response(value: Any) -> str | tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _loc(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc) or "(file)"


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _pydantic_problems(name: str, exc: ValidationError, prefix: str = "") -> list[str]:
    out = []
    for err in exc.errors(include_url=False):
        where = _loc(tuple(err["loc"]))
        got = f" (got {_shown(err['input'])})" if err["type"] != "missing" else ""
        out.append(f"{name}: {prefix}{where}: {err['msg']}{got}")
    return out[:50]


def _check_depth(value: Any, depth: int = 0) -> bool:
    if depth > MAX_DEPTH:
        return False
    if isinstance(value, dict):
        return all(_check_depth(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return all(_check_depth(v, depth + 1) for v in value)
    return True


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"the key {k!r} appears twice")
        out[k] = v
    return out


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a results file may hold")


def _from_json(name: str, text: str) -> LearnerResults:
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant)
    except RecursionError:
        raise ResultsError([f"{name}: (file): nested too deeply"]) from None
    except ValueError as exc:  # JSONDecodeError is a ValueError; so are ours
        raise ResultsError([f"{name}: (file): not valid JSON: {exc}"]) from None
    if not _check_depth(data):
        raise ResultsError([f"{name}: (file): nested too deeply"])
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ResultsError(
            [f"{name}: format: not a quiz results file (expected format {FORMAT!r})"]
        )
    try:
        return _learner(name, _File.model_validate(data))
    except ValidationError as exc:
        raise ResultsError(_pydantic_problems(name, exc)) from None


def _learner(name: str, parsed: _File) -> LearnerResults:
    """The first answers of a validated file."""
    out = LearnerResults(source=name, version=parsed.version, seed=parsed.seed)
    for item_id, ans in parsed.answers.items():
        if parsed.version == 1:
            if ans.attempts == 1:
                out.first[item_id] = FirstResponse(
                    _response(ans.response), ans.correct, None, ans.type
                )
            else:
                out.not_first.append(item_id)
        elif ans.first is not None:
            f = ans.first
            out.first[item_id] = FirstResponse(
                _response(f.response), f.correct, f.confidence, ans.type
            )
        else:
            out.not_first.append(item_id)
    return out


#: CSV column of each answer field (``first.x`` for the fields of ``first``).
_COLUMN = {
    "type": "type",
    "chapter": "chapter",
    "objective": "objective",
    "response": "response",
    "correct": "correct",
    "time": "answered_at",
    "attempts": "attempts",
    "first.response": "first_response",
    "first.correct": "first_correct",
    "first.confidence": "confidence",
}


def _cell(value: str) -> str:
    return value[1:] if _FORMULA_GUARD.match(value) else value


def _from_csv(name: str, text: str) -> LearnerResults:
    problems: list[str] = []
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise ResultsError([f"{name}: (file): not a readable CSV file: {exc}"]) from None
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise ResultsError([f"{name}: (file): empty"])
    header = tuple(c.strip() for c in rows[0])
    if header == CSV_V2:
        version = 2
    elif header == CSV_V1:
        version = 1
    else:
        raise ResultsError(
            [
                f"{name}: header: not a quiz results CSV; expected the columns "
                f"{', '.join(CSV_V2)} (version 2) or {', '.join(CSV_V1)} (version 1)"
            ]
        )
    if len(rows) - 1 > MAX_ANSWERS:
        raise ResultsError([f"{name}: (file): more than {MAX_ANSWERS} answers"])
    answers: dict[str, dict[str, Any]] = {}
    seed: int | None = None
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            problems.append(f"{name}: row {n}: {len(row)} cells; the header has {len(header)}")
            continue
        cells = {h: _cell(c) for h, c in zip(header, row, strict=True)}
        where = f"row {n}"
        item_id = cells["item_id"]
        if item_id in answers:
            problems.append(f"{name}: {where}, item_id: {item_id!r} appears twice")
            continue
        kind = cells["type"] or None

        def response(text: str, kind: str | None = kind) -> Any:
            if text == "":
                return None
            return text.split("|") if kind == "multiple" else text

        def boolean(text: str, column: str, where: str = where) -> bool | None:
            if text in ("true", "false"):
                return text == "true"
            problems.append(f"{name}: {where}, {column}: must be true or false (got {text!r})")
            return None

        def integer(text: str, column: str, where: str = where) -> int | None:
            if text.isascii() and text.isdigit() and len(text) <= 16:
                return int(text)
            problems.append(
                f"{name}: {where}, {column}: must be a whole number (got {_shown(text)})"
            )
            return None

        ans: dict[str, Any] = {
            "type": kind,
            "chapter": cells["chapter"] or None,
            "objective": cells["objective"] or None,
            "response": response(cells["response"]),
            "correct": boolean(cells["correct"], "correct"),
            "time": cells["answered_at"] or None,
            "attempts": integer(cells["attempts"], "attempts"),
        }
        if version == 2:
            if cells["first_correct"] == "" and cells["first_response"] == "":
                ans["first"] = None
            else:
                conf = cells["confidence"]
                ans["first"] = {
                    "response": response(cells["first_response"]),
                    "correct": boolean(cells["first_correct"], "first_correct"),
                    "confidence": integer(conf, "confidence") if conf else None,
                }
        if cells["seed"]:
            s = integer(cells["seed"], "seed")
            if s is not None and seed is not None and s != seed:
                problems.append(f"{name}: {where}, seed: differs from the first row's ({seed})")
            seed = seed if seed is not None else s
        answers[item_id] = ans
    if problems:
        raise ResultsError(problems[:50])
    data = {"format": FORMAT, "version": version, "seed": seed, "answers": answers}
    try:
        return _learner(name, _File.model_validate(data))
    except ValidationError as exc:
        rows_of = {item_id: n for n, item_id in enumerate(answers, start=2)}
        out = []
        for err in exc.errors(include_url=False):
            loc = [str(p) for p in err["loc"]]
            if len(loc) >= 3 and loc[0] == "answers":
                path = ".".join(p for p in loc[2:] if not p.isdigit())
                column = "item_id" if path == "[key]" else _COLUMN.get(path, path)
                where = f"row {rows_of.get(loc[1], '?')} ({loc[1]}), {column}"
            else:
                where = _loc(tuple(err["loc"]))
            out.append(f"{name}: {where}: {err['msg']} (got {_shown(err['input'])})")
        raise ResultsError(out[:50]) from None


def parse_results(text: str, name: str = "<results>", kind: str | None = None) -> LearnerResults:
    """Read one results file's text; ``kind`` ``json`` or ``csv`` (default: a text starting
    with ``{`` is JSON)."""
    if len(text) > MAX_BYTES:
        raise ResultsError([f"{name}: (file): larger than {MAX_BYTES} characters"])
    text = text.removeprefix("\ufeff")
    if kind is None:
        kind = "json" if text.lstrip().startswith("{") else "csv"
    return _from_json(name, text) if kind == "json" else _from_csv(name, text)


def read_results(path: str | Path) -> LearnerResults:
    """Read one results file (``.json`` or ``.csv``; other names by their content)."""
    p = Path(path)
    name = str(path)
    try:
        st = p.stat()
    except OSError as exc:
        raise ResultsError([f"{name}: (file): cannot be read: {exc.strerror}"]) from None
    if not stat.S_ISREG(st.st_mode):
        raise ResultsError([f"{name}: (file): not a regular file"])
    if st.st_size > MAX_BYTES:
        raise ResultsError([f"{name}: (file): larger than {MAX_BYTES} bytes"])
    try:
        with p.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ResultsError([f"{name}: (file): cannot be read: {exc.strerror}"]) from None
    if len(raw) > MAX_BYTES:
        raise ResultsError([f"{name}: (file): larger than {MAX_BYTES} bytes"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ResultsError([f"{name}: (file): not UTF-8 text (byte {exc.start})"]) from None
    suffix = p.suffix.lower()
    kind = "json" if suffix == ".json" else "csv" if suffix == ".csv" else None
    return parse_results(text, name, kind)
