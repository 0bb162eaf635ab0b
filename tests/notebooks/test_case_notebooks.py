"""The case notebooks and cases/index.md are as generated and stored executed; the instructor's
workflow (``./course execute``): a generated notebook says so at the top, a hand edit is detected
and not overwritten, and only notebooks whose inputs changed are run.

Nothing here executes a notebook: the one execution of each is nbval's (``test_nbval.py``).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from docutils.core import publish_parts
from myst_parser.parsers.docutils_ import Parser

from bonemets.cases import evaluate_case, library
from coursebook import notebooks
from widgets.simulator import evaluation_text

ROOT = Path(__file__).resolve().parents[2]
CASES = library(ROOT / "cases" / "data")
FIX = f"run: {notebooks.REGENERATE}"


def test_one_notebook_per_case_and_generated_cells():
    stored = {p.stem for p in (ROOT / "cases").glob("*.ipynb")}
    assert stored == set(CASES), FIX
    assert notebooks.check(ROOT) == []


def test_index_lists_every_case():
    text = (ROOT / "cases" / "index.md").read_text(encoding="utf-8")
    assert text == notebooks.index_markdown(CASES, ROOT)
    for cid, case in CASES.items():
        assert f"| [{cid}]({cid}.md) | {case.teaching.title} |" in text  # the case's page


@pytest.mark.parametrize("cid", ["breast_lytic_femur", "pregnant_breast_bone_pain"])
def test_a_notebook_asks_its_questions_before_it_computes(cid):
    """Predict, then reveal: the story and every discussion question come before the first code
    cell; the simulator is kept."""
    nb = notebooks.case_notebook(CASES[cid], ROOT)
    first_code = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    questions = [i for i, c in enumerate(nb.cells) if c.source.startswith("**Question ")]
    assert len(questions) == len(CASES[cid].teaching.discussion)
    assert max(questions) < first_code
    assert all("<summary>Show the answer</summary>" in nb.cells[i].source for i in questions)
    assert any("CaseSimulator(case)" in c.source for c in nb.cells[first_code:])


@pytest.mark.parametrize("cid", sorted(CASES))
def test_stored_notebook_prints_the_engine_results(cid):
    """The printed key results in the stored notebook are today's engine output (fast check)."""
    nb = nbformat.read(ROOT / "cases" / f"{cid}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "evaluation_text(" in c.source)
    printed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    assert printed == evaluation_text(evaluate_case(CASES[cid])) + "\n", FIX
    widget = next(c for c in nb.cells if c.cell_type == "code" and "CaseSimulator(" in c.source)
    assert widget.source.splitlines()[0] == notebooks.IGNORE
    bundle = widget.outputs[0]["data"]
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert evaluation_text(evaluate_case(CASES[cid])) in bundle["text/plain"]  # static summary
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    model = bundle["application/vnd.jupyter.widget-view+json"]["model_id"]
    assert model in state, "widget state not stored: the static page could not show the simulator"


def test_sanitizer_hides_ids_not_numbers():
    """What ./course execute compares before keeping stored outputs: ids and split prints do not
    count, a changed number does."""
    path = ROOT / "cases" / "breast_lytic_femur.ipynb"
    nb = nbformat.read(path, as_version=4)
    base = notebooks.sanitize_outputs(nb, ROOT)

    ids = nbformat.read(path, as_version=4)
    for cell in ids.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data:
                data["application/vnd.jupyter.widget-view+json"]["model_id"] = "f" * 32
            if "text/html" in data:
                data["text/html"] = re.sub(
                    r"bm-chart-([0-9a-f]{12})-\d+", r"bm-chart-\1-99", data["text/html"]
                )
    printed = next(c for c in ids.cells if "print(evaluation_text" in c.get("source", ""))
    text = "".join(o["text"] for o in printed.outputs)
    half = len(text) // 2
    printed.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text=text[:half]),
        nbformat.v4.new_output("stream", name="stdout", text=text[half:]),
    ]
    assert notebooks.sanitize_outputs(ids, ROOT) == base

    changed = nbformat.read(path, as_version=4)
    printed = next(c for c in changed.cells if "print(evaluation_text" in c.get("source", ""))
    text = "".join(o["text"] for o in printed.outputs)
    assert "mirels:left_femur: 12 (range 4–12)" in text
    text = text.replace("mirels:left_femur: 12 (range", "mirels:left_femur: 11 (range")
    printed.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
    assert notebooks.sanitize_outputs(changed, ROOT) != base


# -- the instructor's workflow ----------------------------------------------------------------
def test_a_generated_notebook_says_so_at_the_top():
    cid = "breast_lytic_femur"
    nb = notebooks.case_notebook(CASES[cid], ROOT)
    first = nb.cells[0]
    assert first.cell_type == "markdown"
    head = first.source.split("\n# ")[0]
    for needed in (
        "GENERATED NOTEBOOK",
        f"cases/data/{cid}.yaml",
        "src/coursebook/notebooks.py",
        notebooks.REGENERATE,
        "--force",
    ):
        assert needed in head, needed
    assert all(line.startswith("% ") for line in head.strip().splitlines())
    meta = nb.metadata["bonemets"]
    assert meta["case_file"] == f"cases/data/{cid}.yaml"
    assert meta["cells_sha256"] == notebooks.cells_digest(nb)
    # a MyST comment: the book's page shows the title and the story, not the notice
    page = publish_parts(first.source, parser=Parser(), writer_name="html5")["body"]
    visible = re.sub(r"<!--.*?-->", "", page, flags=re.DOTALL)  # (Sphinx drops comments)
    assert "GENERATED" in page and "GENERATED" not in visible
    assert CASES[cid].teaching.title.split()[0] in visible
    stored = nbformat.read(ROOT / "cases" / f"{cid}.ipynb", as_version=4)
    assert stored.cells[0].source == first.source, FIX


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A course folder with three of the cases, generated (no outputs, nothing executed)."""
    (tmp_path / "cases" / "data").mkdir(parents=True)
    (tmp_path / "chapters").mkdir()
    shutil.copy(ROOT / "chapters" / "objectives.yaml", tmp_path / "chapters")
    for cid in ("breast_lytic_femur", "lung_humerus_fracture", "prostate_mscc_weak_legs"):
        shutil.copy(ROOT / "cases" / "data" / f"{cid}.yaml", tmp_path / "cases" / "data")
    notebooks.generate(tmp_path)
    return tmp_path


def _record_as_executed(root: Path) -> None:
    """Store each notebook's inputs hash as ./course execute does after running it."""
    for path, _cells, inputs in notebooks.plan(root).run:
        nb = nbformat.read(path, as_version=4)
        nb.metadata["bonemets"]["inputs_sha256"] = inputs
        nbformat.write(nb, path)


def test_only_notebooks_whose_inputs_changed_are_run(course: Path):
    first = notebooks.plan(course)
    assert sorted(p.name for p, _c, _i in first.run) == [
        "breast_lytic_femur.ipynb",
        "lung_humerus_fracture.ipynb",
        "prostate_mscc_weak_legs.ipynb",
    ]
    _record_as_executed(course)
    assert notebooks.plan(course).run == []  # nothing changed: nothing to run

    # the story of one case: only its notebook (the others show nothing of it)
    case = course / "cases" / "data" / "lung_humerus_fracture.yaml"
    case.write_text(case.read_text().replace("summary: ", "summary: Revised. ", 1))
    assert [p.name for p, _c, _i in notebooks.plan(course).run] == ["lung_humerus_fracture.ipynb"]
    _record_as_executed(course)

    # an engine or chart source: every notebook
    (course / "src" / "charts").mkdir(parents=True)
    (course / "src" / "charts" / "kit.py").write_text("# a changed chart helper\n")
    assert len(notebooks.plan(course).run) == 3
    # explicit paths run whatever their hash
    _record_as_executed(course)
    one = course / "cases" / "breast_lytic_femur.ipynb"
    assert [p for p, _c, _i in notebooks.plan(course, paths=[one]).run] == [one]


def test_a_points_total_of_one_case_reruns_every_notebook(course: Path):
    """The other notebooks chart every case's totals (the library chart): they are inputs too."""
    _record_as_executed(course)
    case = course / "cases" / "data" / "breast_lytic_femur.yaml"
    text = case.read_text()
    assert "size: gt_2_3" in text
    case.write_text(text.replace("size: gt_2_3", "size: lt_1_3", 1))
    assert len(notebooks.plan(course).run) == 3


def test_a_hand_edit_is_detected_and_not_overwritten(course: Path):
    path = course / "cases" / "lung_humerus_fracture.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert not notebooks.hand_edited(nb)
    nb.cells[-1].source += "\n\nMy note for Tuesday's seminar."
    nbformat.write(nb, path)
    edited = path.read_bytes()
    assert notebooks.hand_edited(nbformat.read(path, as_version=4))

    problems = notebooks.check(course)
    assert any("lung_humerus_fracture.ipynb: edited by hand" in p for p in problems)
    planned = notebooks.plan(course)
    assert planned.edited == [path] and path not in [p for p, _c, _i in planned.run]
    with pytest.raises(notebooks.HandEditedError) as err:
        notebooks.generate(course)
    message = str(err.value)
    assert "cases/data/lung_humerus_fracture.yaml" in message and "--force" in message
    assert notebooks.REGENERATE in message
    assert path.read_bytes() == edited  # not overwritten

    assert notebooks.main(["--root", str(course), "generate"]) == 1  # reported, not raised
    assert path.read_bytes() == edited
    assert notebooks.main(["--root", str(course), "generate", "--force"]) == 0
    assert not notebooks.hand_edited(nbformat.read(path, as_version=4))
    assert "Tuesday" not in path.read_text()


def test_unchanged_notebooks_are_not_rewritten(course: Path):
    _record_as_executed(course)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (course / "cases").glob("*.*")}
    assert notebooks.generate(course) == []
    assert notebooks.execute(course, log=lambda _m: None) == []
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (course / "cases").glob("*.*")}
    assert after == before
