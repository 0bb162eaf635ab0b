"""A corpus of malformed banks: each is refused with an error naming file, item id and field.

Every file in ``malformed/`` starts with ``# expect: item=<id or -> field=<field or -> message=<text>``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bonemets.quiz import validate

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((Path(__file__).parent / "malformed").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: item=(\S+) field=(\S+) message=(.+)$")


def test_corpus_is_big_enough():
    assert len(CORPUS) >= 20
    # the hostile files of the security review (issue 12): loader, MathJax, HTML, links, images
    assert len([p for p in CORPUS if p.stem.startswith("hostile_")]) >= 30


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_malformed_bank_is_refused(path: Path):
    m = EXPECT.match(path.read_bytes().split(b"\n", 1)[0].decode("utf-8"))
    assert m, f"{path.name}: first line must be '# expect: item=... field=... message=...'"
    item, field, message = (None if g == "-" else g for g in m.groups())
    errors = validate(ROOT, [path])
    rel = path.relative_to(ROOT).as_posix()
    assert errors, f"{path.name} was accepted"
    assert all(e.file == rel for e in errors)
    hits = [
        e
        for e in errors
        if e.item == item and (field is None or e.field == field) and message in e.message
    ]
    shown = "\n".join(str(e) for e in errors)
    assert hits, f"expected item={item} field={field} '{message}' in:\n{shown}"
    text = str(hits[0])
    assert rel in text and (item is None or item in text) and (field is None or field in text)


def test_good_neighbour_item_is_not_blamed():
    errors = validate(ROOT, [Path(__file__).parent / "malformed" / "answer_not_option.yaml"])
    assert not [e for e in errors if e.item == "radiotherapy.good_item"]
