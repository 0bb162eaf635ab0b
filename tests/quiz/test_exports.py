"""`bonemets quiz export`: the Anki deck opens as its SQLite collection with every built item as a
note; every QTI file is well-formed XML with every item and its key."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from bonemets.cli import main
from bonemets.quiz.build import BuiltItem, build_items, presentation_order
from bonemets.quiz.export_anki import DECK_NAME, FIELDS, note_guid, write_apkg
from bonemets.quiz.export_qti import QTI_NS, choice_id, html_to_qti, write_qti
from bonemets.quiz.quality import plain

ROOT = Path(__file__).resolve().parents[2]
# one worker runs the module (``--dist loadgroup``): its module fixtures are made once,
# not once per worker
pytestmark = pytest.mark.xdist_group("tests/quiz/test_exports.py")
Q = f"{{{QTI_NS}}}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


@pytest.fixture(scope="module")
def items() -> list[BuiltItem]:
    return build_items("all", ROOT)


# --------------------------------------------------------------------------- Anki


@pytest.fixture(scope="module")
def collection(items, tmp_path_factory):
    out = tmp_path_factory.mktemp("anki") / "bank.apkg"
    assert write_apkg(items, out) == len(items)
    with zipfile.ZipFile(out) as z:
        name = next(n for n in z.namelist() if n in ("collection.anki21", "collection.anki2"))
        db = out.with_suffix(".sqlite")
        db.write_bytes(z.read(name))
    con = sqlite3.connect(db)
    yield con
    con.close()


def test_every_built_item_is_one_note(items, collection):
    rows = collection.execute("select guid, flds, tags from notes").fetchall()
    assert len(rows) == len(items)
    by_id = {r[1].split("\x1f")[0]: r for r in rows}
    assert set(by_id) == {i.id for i in items}
    for item in items:
        guid, flds, tags = by_id[item.id]
        fields = dict(zip(FIELDS, flds.split("\x1f"), strict=True))
        assert guid == note_guid(item.id)
        assert item.stem_html in fields["Question"]
        assert item.explanation_html == fields["Explanation"]
        assert item.citation_html in fields["Citation"]
        assert f"bonemets::{item.chapter}" in tags.split()
        if item.type == "numeric":
            assert item.answer_html in fields["Answer"]
        else:
            keys = set(item.answer)  # type: ignore[arg-type]
            for key, h in item.options:
                assert h in fields["Question"]  # every option is asked
                if key in keys:
                    assert h in fields["Answer"]
            assert fields["Answer"].count("<li>") == len(keys)  # only the keys are answered
    # one card per note
    assert collection.execute("select count(*) from cards").fetchone()[0] == len(items)


def test_a_subdeck_per_chapter(items, collection):
    import json

    decks = json.loads(collection.execute("select decks from col").fetchone()[0])
    names = {d["name"] for d in decks.values()}
    chapters = {i.chapter_title for i in items}
    subdecks = {n.split("::", 1)[1] for n in names if n.startswith(DECK_NAME + "::")}
    assert {n.split(" ", 1)[1] for n in subdecks} == chapters
    assert all(n[:2].isdigit() for n in subdecks)


def test_note_guid_is_stable_from_the_id():
    assert note_guid("bma.x") == note_guid("bma.x") != note_guid("bma.y")
    # genanki.guid_for("bonemets-quiz", "bma.x"): fixed by the id, not by the wording
    import genanki

    assert note_guid("bma.x") == genanki.guid_for("bonemets-quiz", "bma.x")


def test_presentation_order(items):
    for item in items:
        order = presentation_order(item)
        assert sorted(order) == sorted(item.options)
        assert order == presentation_order(item)
        if item.ordered:
            assert order == list(item.options)
    unordered = [i for i in items if i.options and not i.ordered]
    # the authored first option (often the key) is not always shown first
    assert any(presentation_order(i)[0] != i.options[0] for i in unordered)


# --------------------------------------------------------------------------- QTI


@pytest.fixture(scope="module")
def package(items, tmp_path_factory):
    out = tmp_path_factory.mktemp("qti") / "bank.zip"
    assert write_qti(items, out) == len(items)
    with zipfile.ZipFile(out) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_manifest_lists_every_item_file(items, package):
    manifest = ET.fromstring(package["imsmanifest.xml"])
    resources = manifest.findall(f"{CP}resources/{CP}resource")
    hrefs = {r.get("href"): r.get("type") for r in resources}
    assert hrefs.pop("tests/bank.xml") == "imsqti_test_xmlv2p1"
    assert set(hrefs) == {f"items/{i.id}.xml" for i in items}
    assert set(hrefs.values()) == {"imsqti_item_xmlv2p1"}
    assert set(package) == {"imsmanifest.xml", "tests/bank.xml", *hrefs}
    test = ET.fromstring(package["tests/bank.xml"])
    refs = {r.get("identifier") for r in test.iter(f"{Q}assessmentItemRef")}
    assert refs == {i.id for i in items}


def _text(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def test_every_item_is_well_formed_with_its_key(items, package):
    for item in items:
        root = ET.fromstring(package[f"items/{item.id}.xml"])  # well-formed, or this raises
        assert root.tag == f"{Q}assessmentItem" and root.get("identifier") == item.id
        decl = root.find(f"{Q}responseDeclaration")
        values = [v.text for v in decl.iter(f"{Q}value")]
        if item.type == "numeric":
            assert decl.get("baseType") == "float"
            assert float(values[0]) == pytest.approx(float(item.answer))  # type: ignore[arg-type]
            assert root.find(f".//{Q}textEntryInteraction") is not None
            equal = root.find(f".//{Q}equal")
            if item.tolerance:
                assert equal.get("toleranceMode") == "absolute"
                assert [float(t) for t in equal.get("tolerance").split()] == [item.tolerance] * 2
            else:
                assert equal.get("toleranceMode") == "exact"
            continue
        interaction = root.find(f".//{Q}choiceInteraction")
        assert interaction.get("maxChoices") == ("1" if item.type == "single" else "0")
        assert decl.get("cardinality") == ("single" if item.type == "single" else "multiple")
        assert interaction.get("shuffle") == ("false" if item.ordered else "true")
        choices = {c.get("identifier"): _text(c) for c in interaction.iter(f"{Q}simpleChoice")}
        keyed = sorted(choices[v] for v in values)
        assert keyed == sorted(plain(h) for k, h in item.options if k in item.answer)
        assert len(choices) == len(item.options)
        feedback = _text(root.find(f"{Q}modalFeedback"))
        assert plain(item.citation_html) in feedback


def test_choice_ids_follow_the_shown_order(items, package):
    item = next(i for i in items if i.type == "single")
    root = ET.fromstring(package[f"items/{item.id}.xml"])
    shown = [c.get("identifier") for c in root.iter(f"{Q}simpleChoice")]
    assert shown == [choice_id(k) for k in range(len(item.options))]


def test_html_becomes_escaped_well_formed_xml():
    parent = ET.Element(f"{Q}div")
    html_to_qti(
        '<p>a &amp; b &lt;script&gt; <br> <img src="x"> <em>unclosed '
        '<a href="javascript:alert(1)">x</a> <a href="https://e.org/?a=1&amp;b=2">y</a>'
        "<script>alert(1)</script><style>p{}</style><span>\\(x&lt;y\\)</span>",
        parent,
    )
    xml = ET.tostring(parent, encoding="unicode")
    ET.fromstring(xml)  # well-formed
    assert "&lt;script&gt;" in xml and "<script" not in xml and "img" not in xml
    assert "javascript" not in xml and 'href="https://e.org/?a=1&amp;b=2"' in xml
    assert "x&lt;y" in xml and "alert" not in xml and "p{}" not in xml


def test_export_cli(tmp_path, capsys):
    out = tmp_path / "r.zip"
    assert main(["quiz", "--root", str(ROOT), "export", "--format", "qti", str(out)]) == 0
    assert zipfile.is_zipfile(out) and "IMS QTI 2.1" in capsys.readouterr().out
    out = tmp_path / "r.apkg"
    code = main(
        ["quiz", "--root", str(ROOT), "export", "--format", "anki", str(out), "--chapters", "bma"]
    )
    assert code == 0
    with zipfile.ZipFile(out) as z:
        db = tmp_path / "c.db"
        db.write_bytes(z.read("collection.anki2"))
    con = sqlite3.connect(db)
    ids = {r[0].split("\x1f")[0] for r in con.execute("select flds from notes")}
    con.close()
    assert ids == {i.id for i in build_items("bma", ROOT)}
