"""F11: a bad bank or objectives file fails the book build with a warning naming the file and the
line, never a Sphinx "Exception occurred" traceback (a small Sphinx project with the coursebook
extension, the same directives as the book)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CONF = 'extensions = ["myst_parser", "coursebook"]\nbibtex_bibfiles = []\nexclude_patterns = ["_build", "quizzes"]\n'
PAGE = "# Quiz\n\n```{objectives} radiotherapy\n```\n\n```{quiz} all\n```\n"

BAD_BANKS = {
    "radiotherapy.yaml": (b"kind: quiz\nchapter: radiotherapy\n? [a]\n: 1\nitems: []\n", ":3:"),
    "surgery.yaml": (b"kind: quiz\nchapter: surgery\na: &a [x]\nb: [*a, *a]\n", ":4:"),
    "bma.yaml": (b"kind: quiz\nchapter: bma\nitems:\n  - stem: \xff\n", ":4:"),
    "pain.yaml": (b"kind: quiz\nchapter: pain\nitems:\n  - answer: .nan\n", ":4:"),
}


def _build(book: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q", ".", "_build"],
        cwd=book,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _book(tmp_path: Path) -> Path:
    (tmp_path / "chapters").mkdir()
    shutil.copy(ROOT / "chapters" / "objectives.yaml", tmp_path / "chapters" / "objectives.yaml")
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "conf.py").write_text(CONF, encoding="utf-8")
    (tmp_path / "index.md").write_text(PAGE, encoding="utf-8")
    return tmp_path


def test_bad_banks_are_named_with_their_line(tmp_path: Path) -> None:
    book = _book(tmp_path)
    for name, (raw, _) in BAD_BANKS.items():
        (book / "quizzes" / name).write_bytes(raw)
    proc = _build(book)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "Traceback" not in log and "Exception occurred" not in log, log[-3000:]
    for name, (_, line) in BAD_BANKS.items():
        assert f"quiz bank: quizzes/{name}{line}" in log, (name, log[-3000:])


def test_bad_objectives_file_is_named(tmp_path: Path) -> None:
    book = _book(tmp_path)
    (book / "chapters" / "objectives.yaml").write_text(
        "chapters:\n  radiotherapy:\n    title: RT\n    file: x\n    objectives:\n"
        "      radiotherapy.a: <svg onload=alert(1)>\n",
        encoding="utf-8",
    )
    proc = _build(book)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "Traceback" not in log and "Exception occurred" not in log, log[-3000:]
    assert "objectives.yaml:6: chapters.radiotherapy.objectives.radiotherapy.a" in log, log[-3000:]
    assert "looks like HTML markup" in log


def test_theme_titles_are_escaped() -> None:
    """sphinx-book-theme writes ``pagetitle`` (the title's text, entities decoded) and
    ``root_title`` into its templates unescaped; the coursebook extension escapes them."""
    from coursebook.quiz import _escape_theme_titles

    context = {"pagetitle": 'Femur <svg onload="x">', "root_title": "A & B", "title": "kept"}
    _escape_theme_titles(None, "p", "page.html", context, None)  # type: ignore[arg-type]
    assert context == {
        "pagetitle": "Femur &lt;svg onload=&quot;x&quot;&gt;",
        "root_title": "A &amp; B",
        "title": "kept",
    }
