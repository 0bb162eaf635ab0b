"""The coursebook Sphinx extension, on a tiny project built with Sphinx directly (fast, no theme).

Checks that each role and directive renders what the engine says, and that a wrong path, name or
chapter is a build warning naming it (so ``-W`` fails the course build).
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from sphinx_project import build_project

import bonemets
from bonemets.facts import text

ROOT = Path(__file__).resolve().parents[2]


def _plain(raw: str) -> str:
    """Compare with the engine's plain text: undo escaping and smart quotes."""
    return html.unescape(raw).replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')


def build(tmp_path: Path, body: str) -> tuple[str, str]:
    """Build ``index.rst`` holding ``body``; return (html, warnings)."""
    raw, warnings = build_project(tmp_path, "Test\n====\n\n" + body + "\n")
    return _plain(raw), warnings


def build_pages(tmp_path: Path, bodies: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """ONE Sphinx build of one page per check (``{page name: body}``, each page an orphan, so no
    page shows another's text): returns each page's HTML and the warnings that name its file.
    Every warning must name a page of the batch: one that names none fails here."""
    src = tmp_path / "src"
    src.mkdir(parents=True)
    for name, body in bodies.items():
        (src / f"{name}.rst").write_text(f":orphan:\n\n{name}\n{'=' * len(name)}\n\n{body}\n")
    _index, warnings = build_project(tmp_path, "Test\n====\n\nEvery other page is an orphan.\n")
    out = src / "_build" / "html"
    pages = {n: _plain((out / f"{n}.html").read_text(encoding="utf-8")) for n in bodies}
    # Each warning starts with the file it is about ("/.../src/NAME.rst:LINE: WARNING: ..."),
    # after the colour codes Sphinx puts round it.
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", warnings)
    entries = [e for e in re.split(rf"(?m)^(?={re.escape(str(src))}/)", warnings) if e.strip()]
    named = {n: "".join(e for e in entries if e.startswith(f"{src}/{n}.rst")) for n in bodies}
    stray = [e for e in entries if not any(e.startswith(f"{src}/{n}.rst") for n in bodies)]
    assert stray == [], f"warnings that name no page of the batch: {stray}"
    return pages, named


POINTS_TABLES = [n for n, c in bonemets.CALCULATORS.items() if c.describe()["kind"] == "points"]

#: The role and directive checks that need no set-up of their own, one page each, all in ONE
#: Sphinx build (a build's start-up is most of its time): every calculator's points table, the
#: roles and directives, and the wrong names that must be warnings naming them.
PAGES = {
    "fact": "High from :fact:`mirels.bands.high.low`; dose "
    ":fact:`zoledronic_acid.data.bands.full_dose.dose_mg` mg.",
    "fact_unknown": "Oops :fact:`mirels.bands.extreme.low`.",
    **{f"points_{name}": f".. points-table:: {name}\n" for name in bonemets.CALCULATORS},
    "points_unknown": ".. points-table:: mirrels\n",
    "objectives": ".. objectives:: surgery\n",
    "objectives_unknown": ".. objectives:: astrology\n",
    "chart_bad_target": ".. chart:: no_such_module_xyz:chart\n",
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str]]:
    """Each page of :data:`PAGES`: (HTML, the warnings naming its file)."""
    return build_pages(tmp_path_factory.mktemp("pages"), PAGES)


def page_of(pages: tuple[dict[str, str], dict[str, str]], name: str) -> tuple[str, str]:
    return pages[0][name], pages[1][name]


def test_every_page_of_the_batch_was_built(pages) -> None:
    assert sorted(pages[0]) == sorted(PAGES) == sorted(pages[1])
    for name, page in pages[0].items():  # each page holds its own body, not another's
        assert f"<h1>{name}" in page, name
        others = [o for o in PAGES if o != name and f"<h1>{o}<" in page]
        assert others == [], (name, others)
    # each warning is told to the page that caused it, and only to it: the wrong names warn,
    # every other page is quiet (so a warning on a quiet page would fail that page's test)
    warned = {name for name, warnings in pages[1].items() if warnings}
    assert warned == {"fact_unknown", "points_unknown", "objectives_unknown", "chart_bad_target"}
    assert "mirrels" in pages[1]["points_unknown"] and "astrology" not in pages[1]["points_unknown"]


def test_fact_role_renders_the_engine_value(pages) -> None:
    page, warnings = page_of(pages, "fact")
    assert not warnings.strip(), warnings
    assert f'<span class="bm-fact">{text("mirels.bands.high.low")}</span>' in page
    assert (
        f'<span class="bm-fact">{text("zoledronic_acid.data.bands.full_dose.dose_mg")}</span>'
        in page
    )


def test_fact_role_warns_on_unknown_path(pages) -> None:
    _page, warnings = page_of(pages, "fact_unknown")
    assert "mirels.bands.extreme.low" in warnings and "unresolvable" in warnings
    assert "allowed" in warnings  # the resolver's list of what exists


def test_points_tables_include_the_published_scores() -> None:
    assert {"mirels", "sins", "tokuhashi", "tomita", "bauer", "teachh"} <= set(POINTS_TABLES)


@pytest.mark.parametrize("name", POINTS_TABLES)
def test_points_table_shows_components_bands_and_citation(pages, name: str) -> None:
    page, warnings = page_of(pages, f"points_{name}")
    assert not warnings.strip(), warnings
    d = bonemets.get(name).describe()
    assert f'id="points-table-{name}"' in page
    for comp in d["components"]:
        assert comp["label"] in page
        for opt in comp["options"]:
            assert opt["label"] in page
    for band in d["bands"]:
        assert band["label"] in page and band["recommendation"] in page
        rng = str(band["low"]) if band["low"] == band["high"] else f"{band['low']}–{band['high']}"
        assert f"<p>{rng}</p>" in page
    assert d["citations"][0]["title"][:30] in page
    # the points column sums to the published range
    lo, hi = d["score_range"]
    assert f"(total {lo}–{hi})" in page


@pytest.mark.parametrize(
    "name",
    [n for n in bonemets.CALCULATORS if n not in POINTS_TABLES],
)
def test_points_table_renders_every_other_calculator(pages, name: str) -> None:
    page, warnings = page_of(pages, f"points_{name}")
    assert not warnings.strip(), warnings
    d = bonemets.get(name).describe()
    assert d["title"].split(" (")[0][:25] in page
    for f in d["inputs"]:
        assert f["label"][:20] in page
    if d["kind"] == "screen":
        for c in d["criteria"]:
            assert c["text"][:25] in page


def test_escc_grades_are_listed(pages) -> None:
    page, _ = page_of(pages, "points_escc")
    for g in bonemets.get("escc").describe()["data"]["grades"]:
        assert f"<p>{g['description']}</p>" in page


def test_points_table_warns_on_unknown_name(pages) -> None:
    _page, warnings = page_of(pages, "points_unknown")
    assert "mirrels" in warnings and "not an engine calculator" in warnings


def test_objectives_directive(pages) -> None:
    page, warnings = page_of(pages, "objectives")
    assert not warnings.strip(), warnings
    assert "Learning objectives" in page
    ids = re.findall(r'data-objective="([^"]+)"', page)
    assert ids and all(i.startswith("surgery.") for i in ids)
    assert "surgery.mirels" in ids


def test_objectives_directive_warns_on_unknown_chapter(pages) -> None:
    _page, warnings = page_of(pages, "objectives_unknown")
    assert "astrology" in warnings and "surgery" in warnings


def test_chart_directive_embeds_spec_caption_and_loader(tmp_path: Path, monkeypatch) -> None:
    mod = tmp_path / "demo_charts_mod.py"
    mod.write_text(
        "import altair as alt\n"
        "def bars():\n"
        "    d = alt.Data(values=[{'x': 'a', 'y': 1}])\n"
        "    return alt.Chart(d, title='Demo').mark_bar().encode(x='x:N', y='y:Q')"
        ".properties(description='One bar of height 1.')\n"
        "def nodesc():\n"
        "    return alt.Chart(alt.Data(values=[{'x': 1}])).mark_point().encode(x='x:Q')\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    page, warnings = build(
        tmp_path,
        ".. chart:: demo_charts_mod:bars\n   :height: 100\n\n.. chart:: demo_charts_mod:nodesc\n"
        "\n.. chart:: demo_charts_mod:bars\n   :live:\n",
    )
    # drawn at build time: an SVG named by the chart's title and description, no script
    assert '<svg role="img"' in page and ">Demo</title>" in page
    assert ">One bar of height 1.</desc>" in page
    assert page.count("/*bonemets-vega-loader*/") == 1  # the :live: chart only
    assert '<span class="bm-chart-title">Demo</span>' in page
    assert '<span class="bm-chart-description">One bar of height 1.</span>' in page
    assert '"description":"One bar of height 1."' in page
    assert "/*bonemets-vega-loader*/" in page and "vega-embed@7.3.0/vega-embed.min" in page
    assert "cdn.jsdelivr" not in page
    assert "demo_charts_mod:nodesc" in warnings and "no description" in warnings


def test_chart_directive_warns_on_bad_target(pages) -> None:
    _page, warnings = page_of(pages, "chart_bad_target")
    assert "no_such_module_xyz:chart" in warnings


def test_chart_directive_passes_arguments(tmp_path: Path, monkeypatch) -> None:
    mod = tmp_path / "demo_args_mod.py"
    mod.write_text(
        "import altair as alt\n"
        "def bars(label, height=1, note='none'):\n"
        "    d = alt.Data(values=[{'x': label, 'y': height}])\n"
        "    return alt.Chart(d, title=f'{label} {height} {note}').mark_bar()"
        ".encode(x='x:N', y='y:Q').properties(description=f'{type(height).__name__} bar.')\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    page, warnings = build(
        tmp_path,
        ".. chart:: demo_args_mod:bars mirels height=7 note='two words'\n\n"
        ".. chart:: demo_args_mod:bars sins\n",
    )
    assert not warnings.strip(), warnings
    assert '<span class="bm-chart-title">mirels 7 two words</span>' in page
    assert '<span class="bm-chart-description">int bar.</span>' in page
    assert '<span class="bm-chart-title">sins 1 none</span>' in page
    assert 'id="chart-demo-args-mod-bars-mirels-height-7-note-two-words-' in page


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ("height=7 sins", "positional argument 'sins' after a keyword argument"),
        ("sins height=1 height=2", "argument 'height' given twice"),
        ("sins colour=red", "unexpected keyword argument 'colour'"),
        ("'sins", "cannot read the arguments"),
    ],
)
def test_chart_directive_warns_on_bad_arguments(
    tmp_path: Path, monkeypatch, arguments: str, expected: str
) -> None:
    mod = tmp_path / "demo_bad_args_mod.py"
    mod.write_text(
        "import altair as alt\n"
        "def bars(label, height=1):\n"
        "    return alt.Chart(alt.Data(values=[{'x': label}])).mark_point()"
        ".properties(description='A point.')\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    page, warnings = build(tmp_path, f".. chart:: demo_bad_args_mod:bars {arguments}\n")
    assert expected in warnings and "demo_bad_args_mod:bars" in warnings
    assert "bm-chart-title" not in page


@pytest.mark.parametrize(
    ("body", "calculator", "quiz"),
    [
        (".. calculator:: mirels\n", True, False),
        (".. quiz:: surgery\n", False, True),
        ("Plain text.\n", False, False),
    ],
)
def test_page_gets_only_the_scripts_it_needs(
    tmp_path: Path, body: str, calculator: bool, quiz: bool
) -> None:
    from coursebook import calculators
    from coursebook import quiz as quiz_part

    (tmp_path / "src" / "quizzes").mkdir(parents=True)
    shutil.copy(ROOT / "quizzes" / "surgery.yaml", tmp_path / "src" / "quizzes")
    shutil.copytree(ROOT / "cases" / "data", tmp_path / "src" / "cases" / "data")
    page, warnings = build(tmp_path, body)
    assert not warnings.strip(), warnings
    assert (f'src="_static/{calculators.JS}' in page) is calculator
    assert (f'href="_static/{calculators.CSS}' in page) is calculator
    assert (f'src="_static/{quiz_part.JS}' in page) is quiz
    assert page.count("coursebook-a11y.js") == 1
    static = tmp_path / "src" / "_build" / "html" / "_static"
    assert (static / calculators.JS).is_file() and (static / quiz_part.JS).is_file()


def test_page_asset_hook_drops_thebe_in_place_and_adds_after() -> None:
    """The hook filters the page's own lists (the builder's), so a later add_js_file still reaches
    the page: no reach into the builder's private lists is needed."""
    import coursebook

    class Asset(str):
        attributes: dict[str, str] = {}  # noqa: RUF012

    scripts = [Asset("sphinx-thebe.js"), Asset("doctools.js")]
    inline = Asset("")
    inline.attributes = {"body": "const THEBE_JS_URL = 'https://unpkg.com/thebe'"}
    scripts.append(inline)
    styles = [Asset("sphinx-thebe.css"), Asset("coursebook.css")]
    added: list[str] = []

    class App:
        env = None

        def add_js_file(self, name: str, **_: str) -> None:
            added.append(name)
            scripts.append(Asset(name))

        def add_css_file(self, name: str, **_: str) -> None:
            added.append(name)

    context = {"script_files": scripts, "css_files": styles, "body": 'class="bonemets-calc"'}
    coursebook._page_assets(App(), "page", "page.html", context, None)  # type: ignore[arg-type]
    assert context["script_files"] is scripts and context["css_files"] is styles
    assert [str(a) for a in scripts] == ["doctools.js", "calculators/bonemets-calc.js"]
    assert [str(a) for a in styles] == ["coursebook.css"]
    assert added == ["calculators/bonemets-calc.js", "calculators/bonemets-calc.css"]


def test_static_folder_is_added_once(tmp_path: Path) -> None:
    import coursebook

    page, _ = build(tmp_path, "Plain text.\n")
    assert "coursebook.css" in page
    conf = tmp_path / "src" / "conf.py"
    conf.write_text(conf.read_text() + f"html_static_path = [{str(coursebook.STATIC)!r}]\n")
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp("html", srcdir=tmp_path / "src", freshenv=True)
    try:
        assert app.config.html_static_path.count(str(coursebook.STATIC)) == 1
    finally:
        app.cleanup()


def test_bibliography_files_are_globbed(tmp_path: Path) -> None:
    from coursebook import _config_inited

    class Cfg:
        def __init__(self) -> None:
            self.html_theme = "sphinx_book_theme"
            self.html_theme_options: dict = {}
            self.html_static_path: list = []
            self.html_context: dict = {}
            self.bibtex_bibfiles = ["references/engine.bib"]

        def __contains__(self, key: str) -> bool:
            return hasattr(self, key)

    class App:
        srcdir = str(tmp_path)

    (tmp_path / "references").mkdir()
    for n in ("engine.bib", "care.bib", "zeta.bib"):
        (tmp_path / "references" / n).write_text("")
    cfg = Cfg()
    _config_inited(App(), cfg)  # type: ignore[arg-type]
    assert cfg.bibtex_bibfiles == [
        "references/engine.bib",
        "references/care.bib",
        "references/zeta.bib",
    ]
    assert bonemets.NOTICE in cfg.html_theme_options["announcement"]
    assert cfg.html_context["default_mode"] == "auto"
