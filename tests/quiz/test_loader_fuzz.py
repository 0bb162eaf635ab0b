"""Loader fuzz (issue 12, item 4): >= 10,000 generated inputs per loader (case files, quiz banks,
objectives), zero exceptions other than the loader's own problem type.

Inputs come from a seeded generator (fast, reproducible): text mutations of a small valid file
(hostile YAML tokens spliced in, lines dropped, duplicated or swapped, bytes flipped, truncation,
random bytes that are not UTF-8) and structural mutations (a value of the parsed file replaced by
another type, a huge or non-finite number, a deep list, a hostile string, then dumped back to YAML).

* a case: ``load_yaml`` + ``parse_case`` raise only :class:`bonemets.datafile.DataFileError`;
* a quiz bank: ``bonemets.quiz.check_banks`` never raises (it returns problems), and a bank it accepts
  builds, and its page JSON is strict JSON (no NaN/Infinity);
* objectives: :func:`bonemets.syllabus.load_syllabus` raises only ``DataFileError``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bonemets.cases.io import parse_case
from bonemets.datafile import DataFileError, Problem, load_yaml
from bonemets.quiz import build_items, check_banks
from bonemets.syllabus import load_syllabus

ROOT = Path(__file__).resolve().parents[2]
N = 10_000

_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_STR, _INT, _FLOAT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_BOOL, _NULL = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_DATE = "tag:yaml.org,2002:timestamp"


_RESOLVED: dict[tuple[str, Any], str] = {}


class _Fallback(Exception):
    """A value ``_LeanDumper`` leaves to PyYAML's representer: another type, or a list, mapping
    or date met twice in one document (PyYAML writes an anchor and an alias for it)."""


class _LeanDumper(_DUMPER):  # type: ignore[misc,valid-type]
    """PyYAML's safe dumper with a shorter path for the plain types the generator makes (str,
    int, float, bool, None, date, list, dict): the same nodes ``SafeRepresenter`` builds (block
    style, no sorting), so the same text in less time (PyYAML's ``represent_data`` was most of
    generating the 30,000 inputs). Anything else, or a value met twice (an alias), goes to
    PyYAML's own representer (``_dump``); ``test_lean_dump_writes_what_pyyaml_writes`` holds
    the two to the same text."""

    def represent(self, data: Any) -> None:
        self._seen: set[int] = set()
        node = self._node(data)
        self.serialize(node)
        self.represented_objects = {}
        self.object_keeper = []
        self.alias_key = None

    def _node(self, data: Any) -> yaml.Node:
        t = type(data)
        if t is str:
            return yaml.ScalarNode(_STR, data)
        if t is bool:
            return yaml.ScalarNode(_BOOL, "true" if data else "false")
        if t is int:
            return yaml.ScalarNode(_INT, str(data))  # ValueError past 4,300 digits, as PyYAML
        if data is None:
            return yaml.ScalarNode(_NULL, "null")
        if t is float:
            return yaml.ScalarNode(_FLOAT, self._float(data))
        if t is list or t is dict:
            if id(data) in self._seen:
                raise _Fallback
            self._seen.add(id(data))
            if t is list:
                return yaml.SequenceNode(_SEQ, [self._node(x) for x in data], flow_style=False)
            return yaml.MappingNode(
                _MAP, [(self._node(k), self._node(v)) for k, v in data.items()], flow_style=False
            )
        if t is dt.date:
            if id(data) in self._seen:
                raise _Fallback
            self._seen.add(id(data))
            return yaml.ScalarNode(_DATE, data.isoformat())
        raise _Fallback  # another type: PyYAML's representer decides

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """The resolver's tag for a scalar, remembered (it depends on the value alone here: no
        path resolvers); the emitter asks it twice for every scalar of every input."""
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = _RESOLVED[key] = super().resolve(kind, value, implicit)
        return tag

    @staticmethod
    def _float(data: float) -> str:  # SafeRepresenter.represent_float
        if data != data:
            return ".nan"
        if data == math.inf:
            return ".inf"
        if data == -math.inf:
            return "-.inf"
        value = repr(data).lower()
        if "." not in value and "e" in value:
            value = value.replace("e", ".0e", 1)
        return value


def _dump(data: Any) -> str:
    try:
        return yaml.dump(data, Dumper=_LeanDumper, allow_unicode=True, sort_keys=False)
    except _Fallback:
        return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)


def _minimal_case() -> str:
    """The library's first case with every optional field dropped (a small, valid seed)."""
    data = yaml.safe_load(
        (ROOT / "cases" / "data" / "breast_lytic_femur.yaml").read_text(encoding="utf-8")
    )

    def valid(d: Any) -> bool:
        try:
            parse_case(d, "seed")
        except DataFileError:
            return False
        return True

    assert valid(data)

    def prune(node: Any) -> None:
        if isinstance(node, dict):
            for key in list(node):
                value = node.pop(key)
                if not valid(data):
                    node[key] = value
                    prune(value)
        elif isinstance(node, list):
            while len(node) > 1:
                last = node.pop()
                if not valid(data):
                    node.append(last)
                    break
            for item in node:
                prune(item)

    prune(data)
    return _dump(data)


CASE_SEED = _minimal_case()

BANK_SEED = """\
kind: quiz
chapter: radiotherapy
items:
  - id: radiotherapy.single
    type: single
    objective: radiotherapy.fractionation
    stem: Which schedule needs retreatment more often, $x^2$?
    options: {a: 8 Gy in 1 fraction, b: "[link](https://example.org)"}
    answer: a
    explanation: Because **retreatment** is commoner.
    citation: Author A et al., Journal 2020
  - id: radiotherapy.numeric
    type: numeric
    objective: radiotherapy.fractionation
    stem: What is the EQD2?
    calculator: eqd2
    inputs: {fractions: 5, dose_per_fraction_gy: 4.0}
    output: values.eqd2_gy
    tolerance: 0.1
    unit: Gy
    explanation: It is {{calc:output}}.
    citation: Author A et al., Journal 2020
"""

OBJECTIVES_SEED = """\
chapters:
  radiotherapy:
    title: Radiotherapy
    file: chapters/07_radiotherapy
    objectives:
      radiotherapy.fractionation: Compare single-fraction and multiple-fraction EBRT.
      radiotherapy.sbrt: Select patients for SBRT.
  surgery:
    title: Surgery
    file: chapters/08_surgery
    objectives:
      surgery.fixation: Decide when to fix a long bone.
"""

#: YAML and markup that broke, hung or slipped past the loaders before (review F3, F11-F13, F18).
HOSTILE = [
    "*a",
    "&a [x, y]",
    "&a x\nb: *a",
    "!!python/object/apply:os.system ['true']",
    "!custom x",
    "!!binary aGk=",
    "!!set {a}",
    "? [a]\n: 1",
    "? {a: 1}\n: 2",
    "{a: 1, a: 2}",
    ".nan",
    "-.inf",
    ".inf",
    "1.0e+999",
    "1e999",
    "0x1F",
    "010",
    "1_000",
    "1:30",
    "0b101",
    "9" * 5000,
    "2001-13-45",
    "2001-02-29",
    "2024-02-29",
    "2001-12-14t21:59:43.10-05:00",
    "[" * 60 + "]" * 60,
    "{" * 60 + "}" * 60,
    "~",
    "yes",
    "on",
    '"\\x01"',
    '"\\u202e"',
    '"\\0"',
    "\x01",
    "\x7f",
    "\u2028",
    "\ufeff",
    "\t",
    "<svg onload=alert(1)></svg>",
    "'<script>alert(1)</script>'",
    "'$\\href{javascript:alert(1)}{x}$'",
    "'$\\style{position:fixed}{X}$'",
    "'![x](https://tracker.example.invalid/p.png)'",
    "'[x](javascript:alert(1))'",
    "'{{fact:sins.bands}}'",
    "'}}'",
    "|\n  block",
    ">-\n  folded",
    "---",
    "...",
    "%YAML 1.1",
    "- a\n- b",
    '"unterminated',
    # R2 review of issue 12: explicit tags PyYAML cannot construct, silent changes, invisibles
    '!!bool "maybe"',
    '!!bool ""',
    '? !!bool "zz"\n: 1',
    '!!int ""',
    '!!int "-"',
    '!!timestamp "x"',
    '!!timestamp ""',
    '!!null "hello"',
    "1.0e-400",
    '"a\u200bb"',
    "\u00ad",
    "\U000e0041",
    "'x' 'y'",
    ": :",
    "@",
    "`",
    "#",
    "x" * 3000,
]


def _random_value(rng: random.Random, depth: int = 0) -> Any:
    pick = rng.randrange(16)
    if pick == 0:
        return rng.choice([float("nan"), float("inf"), -float("inf")])
    if pick == 1:
        return 10 ** rng.choice([20, 40, 400, 5000])
    if pick == 2:
        return rng.uniform(-1e6, 1e6)
    if pick == 3:
        return rng.randrange(-5, 300)
    if pick == 4:
        return rng.choice([True, False, None])
    if pick == 5:
        return dt.date(rng.randrange(1, 9999), rng.randrange(1, 13), rng.randrange(1, 28))
    if pick == 6 and depth < 3:
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if pick == 7 and depth < 3:
        return {rng.choice(["a", "id", "type", "answer", "1"]): _random_value(rng, depth + 1)}
    if pick == 8:
        nested: Any = "x"
        for _ in range(rng.randrange(30, 60)):
            nested = [nested]
        return nested
    if pick == 9:
        return rng.choice(["single", "multiple", "numeric", "a", "b", "radiotherapy.single"])
    if pick == 10:
        return "".join(chr(rng.randrange(0, 0x3000)) for _ in range(rng.randrange(1, 12)))
    return rng.choice(HOSTILE)


def _paths(
    data: Any, path: tuple[Any, ...] = (), out: list[tuple[Any, ...]] | None = None
) -> list[tuple[Any, ...]]:
    """Every path into ``data``, the data's own first, each before those below it."""
    if out is None:
        out = []
    out.append(path)
    if type(data) is dict:
        for k, v in data.items():
            _paths(v, (*path, k), out)
    elif type(data) is list:
        for i, v in enumerate(data):
            _paths(v, (*path, i), out)
    return out


def _mutate(rng: random.Random, data_json: str) -> Any:
    """The file's data (``data_json``: as JSON) with one to three values replaced or removed."""
    data = json.loads(data_json)
    for _ in range(rng.randrange(1, 4)):
        path = rng.choice(_paths(data))
        if not path:
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if rng.random() < 0.15 and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = _random_value(rng)
    return data


def _structural(rng: random.Random, data_json: str) -> str:
    """``_mutate``'s data written back as YAML."""
    data = _mutate(rng, data_json)
    try:
        return _dump(data)
    except (yaml.YAMLError, ValueError, RecursionError):
        return "x: 1\n"


def _textual(rng: random.Random, text: str) -> str:
    lines = text.splitlines(keepends=True)
    for _ in range(rng.randrange(1, 4)):
        op = rng.randrange(7)
        i = rng.randrange(len(lines)) if lines else 0
        if op == 0 and lines:  # a hostile token as a value
            head, sep, _ = lines[i].partition(": ")
            lines[i] = (
                (head + sep if sep else head.rstrip("\n") + ": ") + rng.choice(HOSTILE) + "\n"
            )
        elif op == 1:  # a hostile token inserted anywhere
            pos = rng.randrange(len(lines) + 1)
            lines.insert(pos, rng.choice(HOSTILE) + "\n")
        elif op == 2 and lines:
            del lines[i]
        elif op == 3 and lines:
            lines.insert(i, lines[i])
        elif op == 4 and len(lines) > 1:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 5 and lines:  # a character changed
            s = lines[i]
            k = rng.randrange(len(s))
            lines[i] = (
                s[:k]
                + chr(
                    rng.choice(
                        [
                            0,
                            1,
                            9,
                            10,
                            0x7F,
                            0x85,
                            0x202E,
                            ord(":"),
                            ord("-"),
                            ord("'"),
                            ord('"'),
                            ord("["),
                            ord("{"),
                            ord("&"),
                            ord("*"),
                            ord("!"),
                            ord("|"),
                            ord(">"),
                            ord("#"),
                        ]
                    )
                )
                + s[k + 1 :]
            )
        else:  # truncated
            lines = lines[: rng.randrange(len(lines) + 1)]
    return "".join(lines)


def inputs(seed_text: str, seed: int, n: int = N) -> list[bytes]:
    """``n`` generated files (bytes) from ``seed_text``: text mutations, structural mutations and,
    now and then, bytes that are not UTF-8."""
    rng = random.Random(seed)
    data_json = json.dumps(yaml.safe_load(seed_text), default=str)
    out: list[bytes] = []
    for _ in range(n):
        r = rng.random()
        if r < 0.5:
            text = _textual(rng, seed_text)
        elif r < 0.95:
            text = _structural(rng, data_json)
        else:
            raw = bytearray(seed_text.encode("utf-8"))
            for _ in range(rng.randrange(1, 5)):
                raw[rng.randrange(len(raw))] = rng.randrange(256)
            out.append(bytes(raw))
            continue
        out.append(text.encode("utf-8", "surrogatepass"))
    return out


def _run(
    files: list[bytes], check: Callable[[Path, str | None], None], path: Path
) -> dict[str, int]:
    """Each input through ``check`` (as text, or as a file when it is not UTF-8)."""
    outcome = {"accepted": 0, "refused": 0}
    for raw in files:
        try:
            text: str | None = raw.decode("utf-8")
        except UnicodeDecodeError:
            # a new file each time, not the old one truncated: ext4 flushes a file rewritten in
            # place to disk on close (auto_da_alloc), ~6 ms of waiting per input here
            path.unlink(missing_ok=True)
            path.write_bytes(raw)
            text = None
        try:
            check(path, text)
        except DataFileError as exc:
            assert exc.problems and all(p.file == str(path) and p.message for p in exc.problems)
            assert all(len(p.message) < 1000 for p in exc.problems), exc.problems
            outcome["refused"] += 1
        else:
            outcome["accepted"] += 1
    return outcome


def test_generator_is_seeded_and_varied() -> None:
    a = inputs(BANK_SEED, 1, 200)
    assert a == inputs(BANK_SEED, 1, 200)
    assert len(set(a)) > 150


def _both_dumps(data: Any) -> tuple[str, str]:
    """(``_LeanDumper``'s text or error, PyYAML's safe dumper's text or error) for ``data``."""
    out = []
    for dumper in (_LeanDumper, _DUMPER):
        try:
            out.append(yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False))
        except _Fallback:
            out.append("fallback")
        except (yaml.YAMLError, ValueError, RecursionError) as exc:
            out.append(f"{type(exc).__name__}")
    return out[0], out[1]


def test_lean_dump_writes_what_pyyaml_writes() -> None:
    """Self-test of ``_LeanDumper``: on mutated data of every seed (hostile strings, NaN,
    infinities, huge numbers, dates, deep lists) it writes exactly PyYAML's text (or fails as
    PyYAML does), so the fuzz inputs are the ones PyYAML's dumper would make; and a value met
    twice (an alias) or a type of its own goes to PyYAML."""
    rng = random.Random(5)
    differ = []
    for seed in (CASE_SEED, BANK_SEED, OBJECTIVES_SEED):
        data_json = json.dumps(yaml.safe_load(seed), default=str)
        for _ in range(300):
            data = _mutate(rng, data_json)
            lean, pyyaml = _both_dumps(data)
            if lean != pyyaml:
                differ.append((lean[:200], pyyaml[:200]))
    assert differ == [], differ[:3]
    shared: list[Any] = [1.5, dt.date(2020, 2, 29)]
    assert _both_dumps({"a": shared, "b": shared})[0] == "fallback"
    assert _both_dumps([dt.datetime(2020, 1, 1, 12)])[0] == "fallback"
    assert (
        "&id001" in _dump({"a": shared, "b": shared}) == _both_dumps({"a": shared, "b": shared})[1]
    )


def test_case_loader_fuzz(tmp_path: Path) -> None:
    files = inputs(CASE_SEED, 11)

    def check(path: Path, text: str | None) -> None:
        doc = load_yaml(path, text=text)
        parse_case(doc.data, str(path), doc)

    start = time.perf_counter()
    outcome = _run(files, check, tmp_path / "fuzz_case.yaml")
    print(f"case loader: {len(files)} inputs, {outcome}, {time.perf_counter() - start:.1f} s")
    assert sum(outcome.values()) == len(files) >= 10_000
    assert outcome["accepted"] > 100 and outcome["refused"] > 5_000


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A course folder with the real objectives and one case (for case items)."""
    (tmp_path / "chapters").mkdir()
    shutil.copy(ROOT / "chapters" / "objectives.yaml", tmp_path / "chapters" / "objectives.yaml")
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "cases" / "data").mkdir(parents=True)
    shutil.copy(
        ROOT / "cases" / "data" / "breast_lytic_femur.yaml",
        tmp_path / "cases" / "data" / "breast_lytic_femur.yaml",
    )
    return tmp_path


def test_quiz_bank_loader_fuzz(course: Path) -> None:
    """``check_banks`` never raises; a bank it accepts builds, into strict JSON."""
    files = inputs(BANK_SEED, 12)
    bank = course / "quizzes" / "radiotherapy.yaml"
    built = 0

    def check(path: Path, text: str | None) -> None:
        nonlocal built
        texts = {path: text} if text is not None else None
        loaded, errors = check_banks(course, [path], texts=texts)
        if errors:
            assert all(e.file == "quizzes/radiotherapy.yaml" and e.message for e in errors)
            assert all(len(e.message) < 1000 for e in errors), [
                e.message[:300] for e in errors if len(e.message) >= 1000
            ]
            raise DataFileError([Problem(str(path), "(file)", None, "refused")])
        items = build_items("radiotherapy", course, bank=loaded)
        json.dumps([i.to_dict() for i in items], allow_nan=False)
        built += 1

    start = time.perf_counter()
    outcome = _run(files, check, bank)
    print(
        f"quiz-bank loader: {len(files)} inputs, {outcome}, {built} built, "
        f"{time.perf_counter() - start:.1f} s"
    )
    assert sum(outcome.values()) == len(files) >= 10_000
    assert built > 100 and outcome["refused"] > 5_000


def test_objectives_loader_fuzz(tmp_path: Path) -> None:
    files = inputs(OBJECTIVES_SEED, 13)

    def check(path: Path, text: str | None) -> None:
        load_syllabus(path, text=text)

    start = time.perf_counter()
    outcome = _run(files, check, tmp_path / "objectives.yaml")
    print(f"objectives loader: {len(files)} inputs, {outcome}, {time.perf_counter() - start:.1f} s")
    assert sum(outcome.values()) == len(files) >= 10_000
    assert outcome["accepted"] > 100 and outcome["refused"] > 5_000
