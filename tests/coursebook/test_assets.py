"""coursebook.assets: the built style sheets keep only what the pages can use (issue 13, light
pages). Pure functions on small style sheets and a small built site in a temporary folder; the
built course is checked by tests/browser/test_pages.py (every calculator page's weight)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pydata_sphinx_theme
import pytest
import sphinx
import sphinx_book_theme
import tinycss2  # pinned in requirements/dev.txt (via bleach, nbconvert)

from coursebook import STATIC, assets

#: The installed sources of the style sheets the build trims (TRIMMED_CSS), by file name.
THEME_SOURCES = {
    "pydata-sphinx-theme.css": Path(pydata_sphinx_theme.__file__).parent
    / "theme/pydata_sphinx_theme/static/styles/pydata-sphinx-theme.css",
    "sphinx-book-theme.css": Path(sphinx_book_theme.__file__).parent
    / "theme/sphinx_book_theme/static/styles/sphinx-book-theme.css",
    "basic.css": Path(sphinx.__file__).parent / "themes/basic/static/basic.css.jinja",
}


# -- purge_css: rules whose classes and ids no page or script names ------------------------------


def test_purge_keeps_selectors_whose_names_are_in_the_corpus() -> None:
    css = ".a .b{color:red}.a .zz{color:blue}#nav{margin:0}#gone{margin:1px}p{x:y}"
    out = assets.purge_css(css, "<div class='a'><span class=b id=nav>")
    assert out == ".a .b{color:red}#nav{margin:0}p{x:y}"


def test_purge_drops_only_the_unused_selectors_of_a_list() -> None:
    assert assets.purge_css(".a,.zz,p>.a{c:d}", "a") == ".a,p>.a{c:d}"


def test_purge_ignores_names_inside_not_and_keeps_attribute_selectors() -> None:
    css = ".a:not(.zz){c:d}[data-theme=dark] .a{e:f}.zz:not(.a){g:h}"
    assert assets.purge_css(css, "a") == ".a:not(.zz){c:d}[data-theme=dark] .a{e:f}"


def test_purge_keeps_media_with_kept_rules_and_drops_empty_ones() -> None:
    css = "@media (min-width:960px){.a{c:d}.zz{e:f}}@media print{.zz{g:h}}@font-face{x:y}"
    assert assets.purge_css(css, "a") == "@media (min-width:960px){.a{c:d}}@font-face{x:y}"


def test_purge_keeps_licences_and_charset_first() -> None:
    css = '@charset "UTF-8";/*! MIT licence */.zz{c:d}/* note */.a{e:f}'
    assert assets.purge_css(css, "a") == '@charset "UTF-8";/*! MIT licence */.a{e:f}'


def test_purge_keeps_an_import_statement() -> None:
    assert assets.purge_css('@import "../basic.css";.zz{c:d}', "") == '@import "../basic.css";'


# -- prune_unused: custom properties and keyframes nothing reads ---------------------------------


def test_custom_properties_nothing_reads_are_dropped() -> None:
    sheet = ":root{--used:1px;--unused:2px;--by-js:3px;color:red}.a{margin:var(--used)}"
    out = assets.prune_unused({"t": sheet}, [], "el.style.setProperty('--by-js', '4px')")["t"]
    assert out == ":root{--used:1px;--by-js:3px;color:red}.a{margin:var(--used)}"


def test_a_property_read_only_by_a_dropped_one_goes_too() -> None:
    sheet = ":root{--base:red;--derived:var(--base)}html{--x:1}"
    assert assets.prune_unused({"t": sheet}, [], "")["t"] == ""


def test_a_property_read_by_another_loaded_sheet_stays() -> None:
    sheet = "html[data-theme=dark]{--pst-color-text:#fff;--pst-other:0}"
    out = assets.prune_unused({"t": sheet}, [".bm{color:var( --pst-color-text)}"], "")["t"]
    assert out == "html[data-theme=dark]{--pst-color-text:#fff}"


def test_semicolons_in_a_data_uri_do_not_split_a_declaration() -> None:
    sheet = (
        ':root{--icon:url("data:image/svg+xml;charset=utf-8,<svg/>");--zz:1}.i{mask:var(--icon)}'
    )
    out = assets.prune_unused({"t": sheet}, [], "")["t"]
    assert out == ':root{--icon:url("data:image/svg+xml;charset=utf-8,<svg/>")}.i{mask:var(--icon)}'


def test_keyframes_nothing_names_are_dropped() -> None:
    sheet = "@keyframes spin{0%{a:b}}@keyframes unused{0%{a:b}}@media print{@keyframes zz{0%{a:b}}}"
    out = assets.prune_unused({"t": sheet}, [".x{animation:1s spin}"], "")["t"]
    assert out == "@keyframes spin{0%{a:b}}"
    named_by_script = assets.prune_unused({"t": sheet}, [], "e.style.animationName='unused'")
    assert "@keyframes unused" in named_by_script["t"]


# -- minify_css -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        ("a  .b > c ,\n d {\n  color : red ;\n}\n", "a .b>c,d{color :red}"),
        ("/* note */ a { b: c } /*! licence */", "a{b:c}/*! licence */"),
        ("x{width: calc(100% - 2 * var(--g))}", "x{width:calc(100% - 2 * var(--g))}"),
        (
            "@media screen and (max-width: 959.98px) { a { b: c } }",
            "@media screen and (max-width:959.98px){a{b:c}}",
        ),
        ("a :hover{b:c}", "a :hover{b:c}"),
        ("a{margin:0 -1px; b: c !important;}", "a{margin:0 -1px;b:c!important}"),
        ("a{content:\"  a ; } /* b */ \"; d: 'x  y'}", "a{content:\"  a ; } /* b */ \";d:'x  y'}"),
        ('a{content:"\\"  ;"}', 'a{content:"\\"  ;"}'),
        ("a/**/b{c:d}", "a b{c:d}"),
    ],
)
def test_minify(css: str, expected: str) -> None:
    assert assets.minify_css(css) == expected


def _rules(css: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Each rule as (kind, prelude, declarations), white space removed from preludes and values
    (a check that minifying lost, changed or moved nothing but white space)."""

    def flat(tokens: list) -> str:
        return "".join(tinycss2.serialize(tokens).split())

    out = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        kind = getattr(rule, "at_keyword", None) or rule.type
        decls = []
        if rule.content is not None and kind not in {"media", "supports", "keyframes"}:
            for d in tinycss2.parse_declaration_list(rule.content, True, True):
                decls.append((d.lower_name, flat(d.value)) if d.type == "declaration" else ("", ""))
        elif rule.content is not None:
            decls = [(k, p) for k, p, _ in _rules(tinycss2.serialize(rule.content))]
        out.append((str(kind), flat(rule.prelude), decls))
    return out


@pytest.mark.parametrize(
    "path",
    [
        STATIC / "coursebook.css",
        STATIC / "calculators" / "bonemets-calc.css",
        STATIC / "quiz" / "quiz.css",
        STATIC / "case" / "case.css",
        THEME_SOURCES["sphinx-book-theme.css"],
        THEME_SOURCES["basic.css"],
    ],
    ids=lambda p: p.name,
)
def test_minified_css_holds_the_same_rules(path: Path) -> None:
    css = path.read_text(encoding="utf-8")
    if path.name.endswith(".jinja"):  # Sphinx's template: its few {{ }} values as a stand-in
        css = css.replace("{{", "").replace("}}", "")
    small = assets.minify_css(css)
    assert len(small) < len(css)
    assert _rules(small) == _rules(css)


# -- the files pages load, and the trim of a built site -------------------------------------------


def _site(tmp_path: Path) -> Path:
    out = tmp_path / "html"
    files = {
        "chapters/page.html": (
            '<link rel="stylesheet" href="../_static/styles/theme.css?digest=1">'
            '<script src="../_static/page.js?v=2"></script>'
            '<div class="used-on-page" data-src="../_static/scripts/lazy.js"></div>'
            '<script type="application/json">{"runtime":"live/runtime.js"}</script>'
        ),
        "_static/page.js": 'el.classList.add("added-by-script"); load("more.js");',
        "_static/more.js": "el.className = 'added-later'",
        "_static/scripts/lazy.js": "x",
        "_static/live/runtime.js": "'from-runtime'",
        "_static/never.js": "'only-in-an-unloaded-script'",
        "_static/styles/theme.css": '@import "../basic.css";',
        "_static/basic.css": "div.used-on-page{a:b}div.gone{a:b}",
        "_static/styles/pydata-sphinx-theme.css": (
            "/*! licence */:root{--read:1;--unread:2}"
            ".used-on-page{c:var(--read)}.added-by-script{d:e}.added-later{f:g}"
            ".from-runtime{h:i}.only-in-an-unloaded-script{j:k}.only-in-lite{l:m}"
            "@keyframes nothing-names-it{0%{a:b}}"
        ),
        "_static/coursebook.css": "/* ours */\n.bm-x  {\n  color : red;\n}\n",
        "lite/app.js": "'only-in-lite'",
        "lite/index.html": '<script src="app.js"></script><p class="only-in-lite">',
    }
    for rel, text in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")
    return out


def test_loaded_files_follow_pages_scripts_and_imports(tmp_path: Path) -> None:
    out = _site(tmp_path)
    pages = assets.built_pages(out)
    assert [p.relative_to(out).as_posix() for p in pages] == ["chapters/page.html"]
    scripts, sheets = assets.loaded_files(out, pages)
    static = (out / "_static").resolve()
    assert sorted(p.relative_to(static).as_posix() for p in scripts) == [
        "live/runtime.js",
        "more.js",
        "page.js",
        "scripts/lazy.js",
    ]
    assert sorted(p.relative_to(static).as_posix() for p in sheets) == [
        "basic.css",
        "styles/theme.css",
    ]


def test_trim_css_on_a_built_site(tmp_path: Path) -> None:
    out = _site(tmp_path)
    app = SimpleNamespace(outdir=str(out), builder=SimpleNamespace(format="html"))
    assets.trim_css(app, None)
    theme = (out / "_static/styles/pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert theme == (
        "/*! licence */:root{--read:1}.used-on-page{c:var(--read)}.added-by-script{d:e}"
        ".added-later{f:g}.from-runtime{h:i}"
    )
    assert (out / "_static/basic.css").read_text(encoding="utf-8") == "div.used-on-page{a:b}"
    assert (out / "_static/coursebook.css").read_text(encoding="utf-8") == ".bm-x{color :red}"


def test_trim_css_leaves_a_failed_or_other_build_alone(tmp_path: Path) -> None:
    out = _site(tmp_path)
    theme = out / "_static/styles/pydata-sphinx-theme.css"
    before = theme.read_text(encoding="utf-8")
    assets.trim_css(
        SimpleNamespace(outdir=str(out), builder=SimpleNamespace(format="html")), OSError()
    )
    assets.trim_css(SimpleNamespace(outdir=str(out), builder=SimpleNamespace(format="latex")), None)
    assert theme.read_text(encoding="utf-8") == before


def test_every_trimmed_and_minified_file_is_a_file_the_build_has() -> None:
    """The names in TRIMMED_CSS and MINIFIED_CSS are files of the installed themes and the course
    (a renamed file would otherwise be left whole without a word)."""
    assert sorted(parts[-1] for parts in assets.TRIMMED_CSS) == sorted(THEME_SOURCES)
    assert all(p.is_file() for p in THEME_SOURCES.values())
    assert all(STATIC.joinpath(*parts).is_file() for parts in assets.MINIFIED_CSS)
