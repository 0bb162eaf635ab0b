"""`bonemets quiz analyse`: item analysis of learners' first answers, figures computed by hand;
results files read as untrusted input (clear errors naming file and field, never a traceback)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from bonemets.cli import main
from bonemets.quiz.analyse import analyse, html_report, point_biserial, text_report
from bonemets.quiz.build import BuiltItem, build_item, build_items
from bonemets.quiz.models import AnyItem
from bonemets.quiz.results import (
    CSV_V1,
    CSV_V2,
    MAX_ANSWERS,
    MAX_BYTES,
    ResultsError,
    parse_results,
    read_results,
)

ROOT = Path(__file__).resolve().parents[2]
ITEM = TypeAdapter(AnyItem)


def make(name: str, **fields: Any) -> BuiltItem:
    data: dict[str, Any] = {
        "id": f"radiotherapy.{name}",
        "type": "single",
        "objective": "radiotherapy.fractionation",
        "stem": "Which?",
        "options": {"a": "Option a", "b": "Option b", "c": "Option c", "d": "Option d"},
        "answer": "a",
        "explanation": "Because.",
        "citation": "Author A, Journal 2020",
    }
    data.update(fields)
    return build_item(ITEM.validate_python(data), ROOT)


A = make("a")  # key a
B = make("b", answer="b")  # key b
C = make("c", type="numeric", options=None, answer=3, tolerance=0, unit="points")
ITEMS = [A, B, C]

#: first answers of four learners to A, B and C (1 = right):
RESPONSES = {
    "L1": {"a": "a", "b": "c", "c": "3"},  # A 1, B 0, C 1
    "L2": {"a": "a", "b": "c", "c": "5"},  # A 1, B 0, C 0
    "L3": {"a": "b", "b": "b", "c": "5"},  # A 0, B 1, C 0
    "L4": {"a": "c", "b": "b", "c": "5"},  # A 0, B 1, C 0
}


def v2(responses: dict[str, str], seed: int = 1, **extra: Any) -> dict[str, Any]:
    answers = {}
    for name, resp in responses.items():
        item = {"a": A, "b": B, "c": C}[name]
        ok = item.is_correct(resp)
        answers[item.id] = {
            "type": item.type,
            "chapter": item.chapter,
            "objective": item.objective,
            "response": "a" if item.type != "numeric" else "3",  # later practice: not used
            "correct": True,
            "time": "2026-11-26T20:00:00Z",
            "attempts": 2,
            "first": {"response": resp, "correct": ok, "confidence": 2, "time": None},
        }
    return {
        "format": "bonemets-quiz-results",
        "version": 2,
        "exported": "2026-11-26T21:00:00Z",
        "seed": seed,
        "answers": answers,
        "review": {},
        "scores": {},
        **extra,
    }


def learners() -> list[Any]:
    return [
        parse_results(json.dumps(v2(r, seed=k)), f"{name}.json")
        for k, (name, r) in enumerate(RESPONSES.items())
    ]


@pytest.fixture(scope="module")
def result():
    return analyse(learners(), ITEMS)


def by_id(result, item):
    return next(i for i in result.items if i.id == item.id)


def test_point_biserial_by_hand():
    # x = (1,1,0,0), y = (1,.5,.5,0): sxy = .5, sxx = 1, syy = .5 -> r = .5/sqrt(.5)
    assert point_biserial([1, 1, 0, 0], [1, 0.5, 0.5, 0]) == pytest.approx(1 / math.sqrt(2))
    assert point_biserial([1, 0], [0.5, 0.5]) is None  # rest score does not vary
    assert point_biserial([1], [1]) is None


def test_item_a(result):
    a = by_id(result, A)
    assert (a.n, a.correct, a.facility) == (4, 2, 0.5)
    # rest scores (share correct of B and C): L1 .5, L2 0, L3 .5, L4 .5; x = 1,1,0,0
    # sxy = -.25, sxx = 1, syy = .1875 -> r = -.25 / sqrt(.1875) = -1/sqrt(3)
    assert a.r_pb == pytest.approx(-1 / math.sqrt(3))
    assert [(o.key, o.count, o.is_key) for o in a.options] == [
        ("a", 2, True),
        ("b", 1, False),
        ("c", 1, False),
        ("d", 0, False),
    ]
    # top group: 27 % of 4 -> 2nd highest rest score .5, ties included: L1, L3, L4
    assert a.top_n == 3 and [o.top for o in a.options] == [1, 1, 1, 0]
    assert a.flags == [
        f"low discrimination: r_pb = {-1 / math.sqrt(3):.2f} < 0.1",
        "distractor d chosen by nobody",
    ]


def test_item_b_top_group_prefers_a_distractor(result):
    b = by_id(result, B)
    assert (b.n, b.correct, b.facility) == (4, 2, 0.5)
    # rest: L1 1, L2 .5, L3 0, L4 0; x = 0,0,1,1: sxy = -.75, syy = .6875
    assert b.r_pb == pytest.approx(-0.75 / math.sqrt(0.6875))
    assert b.top_n == 2  # L1, L2 (rest 1 and .5)
    assert {o.key: (o.count, o.top) for o in b.options} == {
        "a": (0, 0),
        "b": (2, 0),
        "c": (2, 2),
        "d": (0, 0),
    }
    assert "distractor c chosen more than the key by the top group (2 vs 0 of 2)" in b.flags
    assert "distractor a chosen by nobody" in b.flags and "distractor d chosen by nobody" in b.flags


def test_item_c_numeric(result):
    c = by_id(result, C)
    assert (c.n, c.correct, c.facility) == (4, 1, 0.25)
    assert c.r_pb is None  # every learner's rest score is .5
    assert c.wrong_numeric == [("5", 3)]
    assert c.flags == []


def test_objective_mean_and_totals(result):
    (obj,) = result.objectives
    assert (obj.id, obj.answers, obj.correct, obj.items) == ("radiotherapy.fractionation", 12, 5, 3)
    assert obj.mean == pytest.approx(5 / 12)
    assert result.first_answers == 12 and result.not_first == 0 and result.regraded == 0


def test_hard_and_easy_flags():
    hard = analyse([parse_results(json.dumps(v2({"a": "b", "b": "b"})))], [A, B])
    assert by_id(hard, A).flags[0] == "hard: p = 0.00 < 0.2"
    easy = analyse([parse_results(json.dumps(v2({"a": "a"}, seed=k))) for k in range(3)], [A])
    assert by_id(easy, A).flags[0] == "easy: p = 1.00 > 0.95"


def test_only_first_answers_count():
    data = v2({"a": "b"})
    assert data["answers"][A.id]["response"] == "a"  # the latest answer is right
    a = by_id(analyse([parse_results(json.dumps(data))], ITEMS), A)
    assert a.correct == 0  # the first was wrong
    # version 1: the stored answer is the first only when checked once
    v1 = {
        "format": "bonemets-quiz-results",
        "version": 1,
        "seed": 3,
        "answers": {
            A.id: {"response": "a", "correct": True, "attempts": 2, "type": "single"},
            B.id: {"response": "b", "correct": True, "attempts": 1, "type": "single"},
        },
    }
    lr = parse_results(json.dumps(v1), "old.json")
    assert lr.version == 1 and lr.not_first == [A.id] and set(lr.first) == {B.id}
    res = analyse([lr], ITEMS)
    assert res.not_first == 1 and [i.id for i in res.items] == [B.id]
    assert "attempts = 1" in text_report(res)


def test_answers_are_graded_again_and_unknown_items_left_out():
    data = v2({"a": "b"})
    data["answers"][A.id]["first"]["correct"] = True  # the file claims a wrong answer is right
    data["answers"]["radiotherapy.gone"] = data["answers"][A.id]
    res = analyse([parse_results(json.dumps(data))], ITEMS)
    assert by_id(res, A).correct == 0 and res.regraded == 1
    assert res.unknown_items == {"radiotherapy.gone": 1}


def _csv(rows: list[list[str]], header: tuple[str, ...] = CSV_V2) -> str:
    return "\r\n".join(",".join(r) for r in [list(header), *rows]) + "\r\n"


def test_csv_v2_gives_the_same_analysis_as_json(result):
    files = []
    for k, (name, r) in enumerate(RESPONSES.items()):
        rows = []
        for key, item in (("a", A), ("b", B), ("c", C)):
            ok = "true" if item.is_correct(r[key]) else "false"
            first = [item.id, "radiotherapy", item.objective, item.type, r[key], ok, "2"]
            rows.append([*first, "a", "true", "2026-11-26T20:00:00Z", "2", str(k)])
        files.append(parse_results(_csv(rows), f"{name}.csv"))
    again = analyse(files, ITEMS)
    assert [(i.id, i.n, i.correct, i.r_pb) for i in again.items] == [
        (i.id, i.n, i.correct, i.r_pb) for i in result.items
    ]


def test_csv_details():
    multiple = make("m", type="multiple", answer=["a", "b"])
    neg = make("n", type="numeric", options=None, answer=-1, tolerance=0, unit="points")
    rows = [
        [
            multiple.id,
            "radiotherapy",
            "",
            "multiple",
            "a|b",
            "true",
            "3",
            "a|b",
            "true",
            "",
            "1",
            "7",
        ],
        # the site's formula guard: a leading ' before - is not part of the answer
        [neg.id, "radiotherapy", "", "numeric", "'-1", "true", "", "'-1", "true", "", "1", "7"],
        # the first answer unknown: not first-attempt data
        [B.id, "radiotherapy", "", "single", "", "", "", "b", "true", "", "4", "7"],
    ]
    lr = parse_results(_csv(rows), "x.csv")
    assert lr.first[multiple.id].response == ("a", "b") and lr.first[multiple.id].confidence == 3
    assert lr.first[neg.id].response == "-1" and lr.not_first == [B.id] and lr.seed == 7
    res = analyse([lr], [multiple, neg, B])
    assert [(i.id, i.correct) for i in res.items] == [(multiple.id, 1), (neg.id, 1)]
    v1 = parse_results(
        _csv([[A.id, "radiotherapy", "", "single", "a", "true", "", "1", "7"]], CSV_V1), "v1.csv"
    )
    assert v1.version == 1 and v1.first[A.id].response == "a"


# --------------------------------------------------------------------------- untrusted files


def _problems(text: str, kind: str = "json") -> str:
    with pytest.raises(ResultsError) as exc:
        parse_results(text, "f." + kind, kind)
    return "\n".join(exc.value.problems)


def _bad(**change: Any) -> str:
    data = v2({"a": "a"})
    for path, value in change.items():
        node: Any = data
        *parents, last = path.split("__")
        for p in parents:
            node = node[A.id if p == "ITEM" else p]
        node[last] = value
    return json.dumps(data)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[1, 2]", "f.json: format: not a quiz results file"),
        ('{"format": "other"}', "f.json: format: not a quiz results file"),
        (_bad(version=3), "f.json: version: Input should be 1 or 2"),
        (_bad(answers__ITEM__first__confidence=5), "answers.radiotherapy.a.first.confidence"),
        (_bad(answers__ITEM__attempts=0), "answers.radiotherapy.a.attempts"),
        (_bad(answers__ITEM__correct="yes"), "answers.radiotherapy.a.correct"),
        (_bad(answers__ITEM__response="x" * 65), "answers.radiotherapy.a.response"),
        (_bad(answers__ITEM__response=["a"] * 27), "answers.radiotherapy.a.response"),
        (_bad(answers__ITEM__first__response={"a": 1}), "answers.radiotherapy.a.first.response"),
        (_bad(seed=-1), "f.json: seed"),
        (_bad(answers=[]), "f.json: answers"),
        (
            '{"format": "bonemets-quiz-results", "version": 2, "answers": {"Bad Id": '
            '{"correct": true}}}',
            "answers.Bad Id.[key]",
        ),
        (
            '{"format": "bonemets-quiz-results", "version": 2, "seed": NaN, "answers": {}}',
            "NaN is not a number",
        ),
        ('{"format": "bonemets-quiz-results", "format": "x"}', "appears twice"),
        ("[" * 100000 + "]" * 100000, "nested too deeply"),
        ('{"a": ' * 30 + "1" + "}" * 30, "nested too deeply"),
        ("{", "not valid JSON"),
    ],
)
def test_malformed_json_is_refused_with_file_and_field(text, expected):
    assert expected in _problems(text)


def test_too_many_answers():
    data = v2({})
    data["answers"] = {f"radiotherapy.q{k}": {"correct": True} for k in range(MAX_ANSWERS + 1)}
    assert "f.json: answers" in _problems(json.dumps(data))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a,b\r\n1,2\r\n", "f.csv: header: not a quiz results CSV"),
        ("", "f.csv: (file): empty"),
        (
            _csv([[A.id, "r", "", "single", "a", "maybe", "", "a", "true", "", "1", "1"]]),
            "f.csv: row 2, first_correct: must be true or false (got 'maybe')",
        ),
        (
            _csv([[A.id, "r", "", "single", "a", "true", "7", "a", "true", "", "1", "1"]]),
            "f.csv: row 2 (radiotherapy.a), confidence: Input should be 1, 2 or 3",
        ),
        (
            _csv([[A.id, "r", "", "single", "a", "true", "", "a", "true", "", "x", "1"]]),
            "f.csv: row 2, attempts: must be a whole number",
        ),
        (_csv([[A.id, "r"]]), "f.csv: row 2: 2 cells; the header has 12"),
        (
            _csv([[A.id, "r", "", "single", "a", "true", "", "a", "true", "", "1", "1"]] * 2),
            "f.csv: row 3, item_id: 'radiotherapy.a' appears twice",
        ),
        (
            _csv([["BAD", "r", "", "single", "a", "true", "", "a", "true", "", "1", "1"]]),
            "f.csv: row 2 (BAD), item_id",
        ),
        (
            _csv([[A.id, "r", "", "odd", "a", "true", "", "a", "true", "", "1", "1"]]),
            "f.csv: row 2 (radiotherapy.a), type",
        ),
    ],
)
def test_malformed_csv_is_refused_with_file_row_and_column(text, expected):
    assert expected in _problems(text, "csv")


def test_files_on_disk(tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_BYTES + 1))
    latin = tmp_path / "latin.csv"
    latin.write_bytes("item_id\xe9".encode("latin-1"))
    for path, expected in [
        (big, "larger than"),
        (latin, "not UTF-8"),
        (tmp_path, "not a regular file"),
        (tmp_path / "missing.json", "cannot be read"),
    ]:
        with pytest.raises(ResultsError, match=expected) as exc:
            read_results(path)
        assert exc.value.problems[0].startswith(str(path))


# --------------------------------------------------------------------------- reports and CLI


def test_html_report_is_escaped_and_self_contained():
    evil = make(
        "e", options={"a": "<b>bold</b> & <script>x</script>", "b": "B", "c": "C", "d": "D"}
    )
    data = v2({"a": "a"})
    data["answers"] = {evil.id: data["answers"][A.id]}
    res = analyse([parse_results(json.dumps(data))], [evil])
    assert [i.id for i in res.items] == [evil.id]
    page = html_report(res, title="<Report>")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;" in page and "<script" not in page
    assert "&lt;Report&gt;" in page and "<svg" in page
    assert "src=" not in page and "http://" not in page and "https://" not in page


def _write(tmp_path: Path, name: str, data: Any) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return str(path)


def test_cli_on_the_course_bank(tmp_path, capsys):
    item = next(i for i in build_items("bma", ROOT) if i.type == "single")
    key = item.answer[0]  # type: ignore[index]
    wrong = next(k for k, _ in item.options if k != key)
    files = []
    for n, resp in enumerate([key, key, wrong]):
        data = {
            "format": "bonemets-quiz-results",
            "version": 2,
            "seed": n,
            "answers": {
                item.id: {
                    "response": resp,
                    "correct": resp == key,
                    "attempts": 1,
                    "first": {"response": resp, "correct": resp == key, "confidence": None},
                }
            },
        }
        files.append(_write(tmp_path, f"l{n}.json", data))
    out = tmp_path / "report.html"
    assert main(["quiz", "--root", str(ROOT), "analyse", *files, "--html", str(out)]) == 0
    text = capsys.readouterr().out
    line = next(x for x in text.splitlines() if x.startswith(item.id))
    assert line.split()[1:3] == ["3", "0.67"]
    assert item.id in out.read_text(encoding="utf-8")
    assert main(["quiz", "--root", str(ROOT), "analyse", *files, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (row,) = data["items"]
    assert (row["id"], row["n"], row["correct"]) == (item.id, 3, 2)


def test_cli_refuses_bad_files_without_a_traceback(tmp_path, capsys):
    good = _write(tmp_path, "good.json", v2({"a": "a"}))
    bad = _write(tmp_path, "bad.json", _bad(answers__ITEM__first__confidence=9))
    assert main(["quiz", "--root", str(ROOT), "analyse", good, bad]) == 2
    err = capsys.readouterr().err
    assert f"error: {bad}: answers.radiotherapy.a.first.confidence" in err
    assert "Traceback" not in err and "--skip-bad" in err
    assert main(["quiz", "--root", str(ROOT), "analyse", good, bad, "--skip-bad"]) == 0
    assert "learners: 1" in capsys.readouterr().out


def test_files_with_the_same_seed_are_noted():
    one = parse_results(json.dumps(v2({"a": "a"}, seed=9)), "x.json")
    two = parse_results(json.dumps(v2({"a": "b"}, seed=9)), "y.json")
    notes = analyse([one, two], ITEMS).notes
    assert any(n.startswith("x.json, y.json have the same seed (9)") for n in notes)
    assert not any("same seed" in n for n in analyse(learners(), ITEMS).notes)
