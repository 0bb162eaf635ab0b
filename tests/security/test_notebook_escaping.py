"""F1: case text reaches notebook Markdown, ``cases/index.md`` and the sidebar through one escaping
path (:func:`coursebook.notebooks.md_text`), rendered here by MyST itself (docutils) with the book's
extensions: whatever the text, the page shows exactly that text and no element comes from it.
"""

from __future__ import annotations

import html.parser
import random
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from docutils.core import publish_parts
from myst_parser.parsers.docutils_ import Parser

from bonemets.cases.io import parse_case
from bonemets.patient import Case
from coursebook.notebooks import case_notebook, index_markdown, md_inline, md_text

ROOT = Path(__file__).resolve().parents[2]
EXTENSIONS = ["amsmath", "colon_fence", "deflist", "dollarmath", "html_image", "substitution"]

HOSTILE = [
    'Lytic femur <svg onload="alert(document.domain)"></svg>',
    "<script>alert(1)</script>",
    "<details open ontoggle=alert(1)><summary>x</summary></details>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<a href=javascript:alert(1)>click</a>",
    "<form action=https://evil.example.invalid/><input name=pw></form>",
    "<img src=x onerror=alert(1)>",
    "$\\href{javascript:alert(1)}{x}$",
    "$$\\style{position:fixed}{X}$$",
    "[click](javascript:alert(1))",
    "![pixel](https://tracker.example.invalid/p.png)",
    "<https://tracker.example.invalid/>",
    "{{ substitution }}",
    "{raw}`html <b>x</b>`",
    ":::{raw} html\n<script>alert(1)</script>\n:::",
    "```{raw} html\n<script>alert(1)</script>\n```",
    "% a comment",
    "# a heading",
    "- a list",
    "1. a list",
    "1) a list",
    "> a quote",
    "(target)=",
    "| a | b |\n| - | - |\n| c | d |",
    "&lt;script&gt; &#60;b&#62; &amp;",
    "*emphasis* _emphasis_ **strong** ~~strike~~ `code`",
    "term\n: definition",
    "line one\\\nline two",
    "a\\",
    "+++",
    "***",
    "===",
    "    indented code",
]


class _Elements(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def render(markdown: str) -> _Elements:
    parts = publish_parts(
        source=markdown,
        writer_name="html5",
        parser=Parser(),
        settings_overrides={
            "myst_enable_extensions": EXTENSIONS,
            "myst_substitutions": {"substitution": "SUBSTITUTED", "x": "SUBSTITUTED"},
            "report_level": 5,
            "halt_level": 5,
        },
    )
    out = _Elements()
    out.feed(parts["html_body"])
    return out


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_shown_as_typed(text: str) -> None:
    shown = render(md_text(text))
    assert set(shown.tags) <= {"p", "div", "main", "h1"}, (text, shown.tags)
    assert set(shown.attrs) <= {("class", "document")}, (text, shown.attrs)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    assert _norm(" ".join(shown.text)) == _norm(" ".join(paragraphs))


def test_random_text_is_shown_as_typed() -> None:
    """300 random strings of ASCII punctuation, letters, digits and spaces: each renders as
    paragraphs holding exactly its text."""
    rng = random.Random(20261126)
    alphabet = "".join(chr(c) for c in range(33, 127)) + "  aaa111\n"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40)))
        shown = render(md_inline(text))
        assert set(shown.tags) <= {"p", "div", "main", "h1"}, (text, shown.tags)
        assert set(shown.attrs) <= {("class", "document")}, (text, shown.attrs)
        assert _norm(" ".join(shown.text)) == _norm(text), text


def _case(**teaching: str) -> Any:
    data = yaml.safe_load((ROOT / "cases" / "data" / "breast_lytic_femur.yaml").read_text())
    data["teaching"].update(teaching)
    data["primary"]["histology"] = HOSTILE[3]
    data["teaching"]["discussion"][0] = {"question": HOSTILE[2], "answer": HOSTILE[4]}
    return Case.model_validate(data)  # the models only: validation would refuse the text


def test_every_authored_field_of_the_notebook_is_escaped() -> None:
    case = _case(title=HOSTILE[0], summary=HOSTILE[1] + "\n\n" + HOSTILE[7])
    nb = case_notebook(case, ROOT)
    markdown = "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    shown = render(markdown)
    # the generator's own <details><summary> (discussion answers) are the only raw HTML
    assert not {"svg", "script", "iframe", "form", "img", "a"} & set(shown.tags), shown.tags
    assert not [a for a, _ in shown.attrs if a.startswith("on")]
    text = " ".join(shown.text)
    for needle in (HOSTILE[0], HOSTILE[1], HOSTILE[2], HOSTILE[3], HOSTILE[4], HOSTILE[7]):
        assert _norm(needle) in _norm(text), needle
    title = next(line for line in markdown.splitlines() if line.startswith("# "))
    assert title == '# Lytic femur \\<svg onload\\=\\"alert\\(document.domain\\)\\"\\>\\</svg\\>'


def test_the_cases_index_is_escaped() -> None:
    case = _case(title="A | B <svg onload=alert(1)> [x](javascript:1)")
    index = index_markdown({"breast_lytic_femur": case}, ROOT)
    shown = render(index)
    assert not {"svg", "script"} & set(shown.tags)
    hrefs = [v for a, v in shown.attrs if a == "href"]
    assert all(h == "breast_lytic_femur.ipynb" for h in hrefs), hrefs  # the only link
    assert "A | B <svg onload=alert(1)> [x](javascript:1)" in " ".join(shown.text)


def test_validation_refuses_what_would_be_shown_as_markup() -> None:
    """The other half of F1: such text never gets that far; validation names file, line, field."""
    from bonemets.datafile import DataFileError, load_yaml

    data = yaml.safe_load((ROOT / "cases" / "data" / "breast_lytic_femur.yaml").read_text())
    data["teaching"]["title"] = HOSTILE[0]
    text = yaml.safe_dump(data, sort_keys=False)
    doc = load_yaml("cases/data/breast_lytic_femur.yaml", text=text)
    with pytest.raises(DataFileError) as info:
        parse_case(doc.data, "cases/data/breast_lytic_femur.yaml", doc)
    (p,) = info.value.problems
    assert p.field == "teaching.title" and p.line and "looks like HTML markup" in p.message
