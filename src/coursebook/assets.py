"""Per-page assets: each page loads only the scripts and style sheets it uses.

Sphinx and its extensions add their files to every page (``app.add_js_file`` / ``add_css_file``
without a page condition): sphinx-design, sphinx-copybutton (and clipboard.js), sphinx-togglebutton,
myst-nb's notebook styles, pygments. :func:`select` runs in ``html-page-context`` (through the one
page-asset hook of :mod:`coursebook`) and filters the page's own ``script_files`` / ``css_files``
lists: a group of files stays only where the page's body uses it, or where the page declares it.

What is not in those lists is chosen elsewhere, also per page, never by rewriting HTML:

* MathJax: Sphinx's ``sphinx.ext.mathjax`` adds it only to pages with math (``has_equations``),
  and :func:`lazy_mathjax` defers it until the reader comes near a formula;
* require.js and the widgets' html-manager: myst-nb adds them only to pages with saved widget state;
* vega, vega-lite, vega-embed: loaded on demand by each live chart's own loader
  (``charts/loader.js``); chapters' ``{chart}`` figures are static SVG and load nothing;
* the theme's Font Awesome script (1.5 MB) and the search index (230 kB) on every page: dropped
  by the course's ``layout.html`` (templates), the theme's icons drawn by ``coursebook.css``;
  Bootstrap's script (81 kB) loads at the reader's first interaction (``layout.html`` too);
* the style sheets on every page (the theme's, 397 kB; sphinx-book-theme's, 17 kB; Sphinx's
  ``basic.css``, 15 kB): the built copies keep only what a page of this site can use, a rule
  whose classes and ids the built pages or the scripts they load name, and the custom properties
  and animations something still reads (:func:`trim_css`, at ``build-finished``; 87, 11 and 5 kB,
  minified); the course's own style sheets are minified. The calculator pages went from 330 to
  about 225 kB on opening (issue 13: at most 300 kB).

A page (or a directive of another part of the course) can ask for a group the body does not show,
e.g. a page whose own script creates code blocks later:

* front matter: ``bm_assets: [code, toggle]``;
* from a directive: ``coursebook.assets.declare(self.env, "code")``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = [
    "GROUPS",
    "MATH_JS",
    "built_pages",
    "declare",
    "declared",
    "lazy_mathjax",
    "loaded_files",
    "minify_css",
    "prune_unused",
    "purge_css",
    "select",
    "setup",
    "trim_css",
    "words",
]

#: Asset groups: files (matched by their path's end, query string ignored; inline scripts by a
#: piece of their body) and a pattern of the page body that means the page uses them.
GROUPS: dict[str, dict[str, Any]] = {
    "design": {
        "files": ("sphinx-design.min.css", "design-tabs.js"),
        "inline": (),
        "uses": re.compile(r'class="[^"]*\bsd-'),
    },
    "code": {
        "files": ("clipboard.min.js", "copybutton.js", "copybutton.css", "pygments.css"),
        "inline": (),
        "uses": re.compile(r'class="[^"]*\bhighlight'),
    },
    "toggle": {
        "files": ("togglebutton.js", "togglebutton.css"),
        "inline": ("toggleHintShow", "toggleHintHide", "toggleOpenOnPrint", "togglebuttonSelector"),
        "uses": re.compile(r'class="[^"]*\b(toggle|dropdown|tag_hide|tag_toggle)'),
    },
    "notebook": {
        "files": ("mystnb.",),
        "inline": (),
        "uses": re.compile(r'class="(cell\b|[^"]*\bcell_output\b)'),
    },
}

_KEY = "bm_assets"


def declare(env: Any, *groups: str) -> None:
    """The current document needs these asset groups (from a directive's ``run``)."""
    unknown = sorted(set(groups) - set(GROUPS))
    if unknown:
        raise ValueError(f"unknown asset group(s) {unknown}; known: {sorted(GROUPS)}")
    meta = env.metadata[env.docname]
    current = _as_list(meta.get(_KEY))
    meta[_KEY] = sorted(set(current) | set(groups))


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return value.replace(",", " ").split()
    if isinstance(value, Iterable):
        return [str(v) for v in value]
    return [str(value)]


def declared(env: Any, pagename: str) -> set[str]:
    """The groups the page declares (front matter ``bm_assets`` or :func:`declare`)."""
    meta = env.metadata.get(pagename, {}) if env is not None else {}
    return set(_as_list(meta.get(_KEY)))


def _name(asset: Any) -> str:
    return str(getattr(asset, "filename", asset) or "").split("?")[0].rsplit("/", 1)[-1]


def _inline(asset: Any) -> str:
    return str(getattr(asset, "attributes", {}).get("body", "") or "")


def _member(asset: Any, group: dict[str, Any]) -> bool:
    name = _name(asset)
    if name and any(name.endswith(f) or name.startswith(f) for f in group["files"]):
        return True
    body = _inline(asset)
    return bool(body) and any(word in body for word in group["inline"])


def unused_groups(body: str, wanted: set[str]) -> list[str]:
    """The groups a page with this body (HTML) and these declared groups does not use."""
    return [g for g, spec in GROUPS.items() if g not in wanted and not spec["uses"].search(body)]


def select(app: Any, pagename: str, context: dict[str, Any]) -> list[str]:
    """Drop from this page's asset lists every group it does not use; return the dropped groups."""
    body = str(context.get("body") or "")
    drop = unused_groups(body, declared(getattr(app, "env", None), pagename))
    if not drop:
        return []
    for key in ("script_files", "css_files"):
        files = context.get(key)
        if isinstance(files, list):
            files[:] = [a for a in files if not any(_member(a, GROUPS[g]) for g in drop)]
    return drop


#: The script that loads MathJax when the reader comes near the page's math (``static/``).
MATH_JS = "coursebook-math.js"


def lazy_mathjax(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On a page with math, MathJax's own script (added by ``sphinx.ext.mathjax`` in this event,
    priority 500) is swapped for :data:`MATH_JS`, which loads the same file, with the same
    configuration, when a formula comes near the view. Runs after Sphinx's handler."""
    path = str(getattr(app.config, "mathjax_path", "") or "")
    files = context.get("script_files")
    if not path or not isinstance(files, list) or "://" in path or path.startswith("/"):
        return
    mathjax = [a for a in files if str(getattr(a, "filename", a) or "").endswith(path)]
    if not mathjax:
        return
    files[:] = [a for a in files if a not in mathjax]
    url = context["pathto"](f"_static/{path}", 1)
    app.add_js_file(MATH_JS, loading_method="defer", **{"data-mathjax": url})


#: Style sheets the build trims (paths in ``_static``): the theme's (pydata-sphinx-theme: Bootstrap,
#: Font Awesome's glyph rules, the theme; 397 kB), its child's (sphinx-book-theme, 17 kB) and
#: Sphinx's ``basic.css`` (15 kB, unminified), all three on every page.
TRIMMED_CSS: tuple[tuple[str, ...], ...] = (
    ("styles", "pydata-sphinx-theme.css"),
    ("styles", "sphinx-book-theme.css"),
    ("basic.css",),
)
#: The course's own style sheets (``static/``, copied by Sphinx): minified, not trimmed (their
#: scripts may build class names from pieces, which a search for whole names would miss).
MINIFIED_CSS: tuple[tuple[str, ...], ...] = (
    ("coursebook.css",),
    ("calculators", "bonemets-calc.css"),
    ("quiz", "quiz.css"),
    ("case", "case.css"),
)
#: Built folders that are not pages of the book (JupyterLite is an application of its own, with
#: its own style sheets: it never loads the theme's).
NOT_PAGES = frozenset({"_static", "_sources", "_images", "lite"})

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CLASS = re.compile(r"\.((?:\\.|[A-Za-z0-9_-])+)")
_ID = re.compile(r"#([A-Za-z_][A-Za-z0-9_-]*)")
_NOT = re.compile(r":(?:not|is|where|has|matches)\([^()]*\)")
_TOKEN = re.compile(r"[A-Za-z0-9_-]+")
_GROUPING = ("@media", "@supports", "@layer", "@container")
_JS_REF = re.compile(r"(?<![A-Za-z0-9_./@-])[A-Za-z0-9_./@-]+\.js\b")
_CSS_REF = re.compile(r"(?<![A-Za-z0-9_./@-])[A-Za-z0-9_./@-]+\.css\b")
_VAR_USE = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
_KEYFRAMES = re.compile(r"@(?:-webkit-)?keyframes\s+([A-Za-z0-9_-]+)")


def _selector_can_match(selector: str, tokens: set[str]) -> bool:
    """False when the selector names a class or id that appears in no page and no script."""
    plain = _NOT.sub("", selector)
    names = [c.replace("\\", "") for c in _CLASS.findall(plain)] + _ID.findall(plain)
    return all(n in tokens for n in names)


def _selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside ``:not(a, b)``)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(prelude):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return parts


def _blocks(css: str) -> list[tuple[str, str, str]]:
    """Top-level ``(prelude, body, whole text)`` of each block (or ``@import``-like statement,
    with an empty body) of a style sheet without comments."""
    out: list[tuple[str, str, str]] = []
    i, n = 0, len(css)
    while i < n:
        brace = css.find("{", i)
        semi = css.find(";", i)
        if brace < 0 and semi < 0:
            if css[i:].strip():
                out.append((css[i:].strip(), "", css[i:]))
            break
        if 0 <= semi < brace or brace < 0:  # a statement: @charset, @import, @namespace
            out.append((css[i:semi].strip(), "", css[i : semi + 1]))
            i = semi + 1
            continue
        depth, k = 1, brace + 1
        while depth and k < n:
            depth += {"{": 1, "}": -1}.get(css[k], 0)
            k += 1
        out.append((css[i:brace].strip(), css[brace + 1 : k - 1], css[i:k]))
        i = k
    return out


def _purge(css: str, tokens: set[str]) -> str:
    out: list[str] = []
    for prelude, body, whole in _blocks(css):
        if prelude.startswith(_GROUPING):
            inner = _purge(body, tokens)
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(whole.strip())
        else:
            keep = [s for s in _selectors(prelude) if _selector_can_match(s, tokens)]
            if keep:
                out.append(f"{','.join(keep)}{{{body}}}")
    return "".join(out)


def _licences_and_body(css: str) -> tuple[str, str]:
    """(``@charset`` and licence comments ``/*! ... */``, the rest without comments)."""
    licences = [c for c in _COMMENT.findall(css) if c.startswith("/*!")]
    body = _COMMENT.sub("", css).strip()
    charset = ""
    if body.startswith("@charset"):
        end = body.index(";") + 1
        charset, body = body[:end], body[end:]
    return charset + "".join(licences), body


def purge_css(css: str, corpus: str | set[str]) -> str:
    """``css`` without the selectors that name a class or id found nowhere in ``corpus`` (the
    built pages and the scripts they load, so classes that scripts add later are kept; or the set
    of its words, :func:`words`); a rule is dropped with its last selector. Licence comments
    (``/*! ... */``) are kept, at the top."""
    tokens = corpus if isinstance(corpus, set) else words(corpus)
    head, body = _licences_and_body(css)
    return head + _purge(body, tokens)


def words(text: str) -> set[str]:
    """The names ``text`` holds (runs of letters, digits, ``_`` and ``-``: class names, ids,
    custom properties ``--name``)."""
    return set(_TOKEN.findall(text))


def _declarations(body: str) -> list[str]:
    """A rule's declarations, split at the semicolons outside strings and brackets (a data URI
    holds semicolons)."""
    out: list[str] = []
    depth, quote, start, i = 0, "", 0, 0
    while i < len(body):
        ch = body[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == ";" and depth == 0:
            out.append(body[start:i])
            start = i + 1
        i += 1
    out.append(body[start:])
    return [d for d in out if d.strip()]


def _drop_custom_properties(css: str, keep: set[str]) -> str:
    """``css`` without the declarations of custom properties (``--name: ...``) not in ``keep``;
    a rule left empty goes too."""
    out: list[str] = []
    for prelude, body, whole in _blocks(css):
        if prelude.startswith(_GROUPING):
            inner = _drop_custom_properties(body, keep)
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@") or "--" not in body:
            out.append(whole.strip())
        else:
            decls = [
                d
                for d in _declarations(body)
                if not d.strip().startswith("--") or d.strip().split(":", 1)[0].strip() in keep
            ]
            if decls:
                out.append(f"{prelude}{{{';'.join(decls)}}}")
    return "".join(out)


def _drop_keyframes(css: str, used: set[str]) -> str:
    """``css`` without the ``@keyframes`` whose name is not in ``used``."""
    out: list[str] = []
    for prelude, body, whole in _blocks(css):
        if prelude.startswith(_GROUPING):
            inner = _drop_keyframes(body, used)
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        else:
            m = _KEYFRAMES.match(prelude)
            if m is None or m.group(1) in used:
                out.append(whole.strip())
    return "".join(out)


def prune_unused(
    sheets: dict[str, str], others: Iterable[str], corpus: str | set[str]
) -> dict[str, str]:
    """``sheets`` (trimmed style sheets by name) without what nothing can use: custom properties
    no loaded style sheet reads (``var(--name)``, in ``sheets`` as they become or in ``others``)
    and no page or script names (``--name``: a script may read or set it), repeated until none
    goes (a dropped property may have been the last reader of another); then ``@keyframes``
    whose name no loaded style sheet or page or script names."""
    rest = "\n".join(others)
    tokens = corpus if isinstance(corpus, set) else words(corpus)
    named = {w for w in tokens if w.startswith("--")}
    current = dict(sheets)
    while True:
        readers = "\n".join(current.values()) + "\n" + rest
        keep = set(_VAR_USE.findall(readers)) | named
        pruned = {k: _drop_custom_properties(v, keep) for k, v in current.items()}
        if pruned == current:
            break
        current = pruned
    everything = "\n".join(current.values()) + "\n" + rest
    used = words(_KEYFRAMES.sub("", everything)) | tokens
    return {k: _drop_keyframes(v, used) for k, v in current.items()}


_NO_SPACE_AFTER = "{};,>:("
_NO_SPACE_BEFORE = "{};,>)!"


def minify_css(css: str) -> str:
    """``css`` with its comments (not ``/*! ... */`` licences) and needless white space removed;
    strings (and the data URIs in them) are copied as they are. White space stays where it can
    mean something: around ``+`` and ``-`` (``calc(a + b)``), before ``:`` (``a :hover``) and
    ``(`` (``and (...)``), after ``)``, between words."""
    out: list[str] = []
    i, n = 0, len(css)
    space = False

    def gap(ch: str) -> None:
        if space and out and ch not in _NO_SPACE_BEFORE and out[-1][-1] not in _NO_SPACE_AFTER:
            out.append(" ")

    while i < n:
        ch = css[i]
        if ch in "\"'":
            end = i + 1
            while end < n and css[end] != ch:
                end += 2 if css[end] == "\\" else 1
            gap(ch)
            space = False
            out.append(css[i : end + 1])
            i = end + 1
        elif css.startswith("/*", i):
            end = css.find("*/", i + 2)
            end = n if end < 0 else end + 2
            if css.startswith("/*!", i):
                out.append(css[i:end])
            else:
                space = True
            i = end
        elif ch.isspace():
            space = True
            i += 1
        else:
            gap(ch)
            space = False
            if ch == "}" and out and out[-1] == ";":
                out.pop()
            out.append(ch)
            i += 1
    return "".join(out).strip()


def built_pages(out: Path) -> list[Path]:
    """The book's built pages (not the copied static files, sources, images or JupyterLite)."""
    return [
        p
        for p in sorted(out.rglob("*.html"))
        if p.is_file() and p.relative_to(out).parts[0] not in NOT_PAGES
    ]


def _refs(text: str, pattern: re.Pattern[str], base: Path, out: Path) -> list[Path]:
    """The files of the site that ``text`` names (relative to ``base``, the site or ``_static``,
    whichever exists; query strings ignored)."""
    found: list[Path] = []
    root = out.resolve()
    for ref in pattern.findall(text):
        ref = ref.split("?", 1)[0]
        for folder in (base, out, out / "_static"):
            path = (folder / ref).resolve()
            if path.is_file() and root in path.parents:
                found.append(path)
                break
    return found


def loaded_files(out: Path, pages: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """(scripts, style sheets) the pages can load: every ``.js`` / ``.css`` file of the site a page
    names (``<script src>``, ``<link href>``, ``data-src``, a JSON ``"runtime"``...), then the
    ones those scripts and style sheets name (a script that loads another, ``@import``), and so on.
    A name is looked for relative to the naming file, the site and ``_static``."""
    scripts: dict[Path, None] = {}
    sheets: dict[Path, None] = {}
    todo: list[Path] = []

    def add(paths: list[Path], into: dict[Path, None]) -> None:
        for path in paths:
            if path not in scripts and path not in sheets:
                into[path] = None
                todo.append(path)

    for page in pages:
        text = page.read_text(encoding="utf-8", errors="replace")
        add(_refs(text, _JS_REF, page.parent, out), scripts)
        add(_refs(text, _CSS_REF, page.parent, out), sheets)
    while todo:
        path = todo.pop()
        text = path.read_text(encoding="utf-8", errors="replace")
        if path in scripts:
            add(_refs(text, _JS_REF, path.parent, out), scripts)
        add(_refs(text, _CSS_REF, path.parent, out), sheets)
    return list(scripts), list(sheets)


def trim_css(app: Any, exception: Exception | None) -> None:
    """After the build (Sphinx copies the themes' and the extension's static files again on every
    build), the built copies of :data:`TRIMMED_CSS` keep only what a page of this site can use:

    1. the rules with a selector whose every class and id is named by a built page or by a script
       the pages load (:func:`purge_css`, :func:`loaded_files`; the theme's scripts, Bootstrap's,
       the course's, MathJax's where a page has math...; not JupyterLite's, which never loads
       these style sheets); element and attribute selectors, ``@media`` and other at-rules stay;
    2. the custom properties and ``@keyframes`` that something loaded still reads
       (:func:`prune_unused`);
    3. minified (:func:`minify_css`), as are the course's own :data:`MINIFIED_CSS`.

    A script is followed by its name written in a page or another script. What loads under a
    name built at run time draws no element a theme rule styles: vega (``charts/loader.js``: SVG),
    the widget modules require.js fetches (their own style sheets; the html-manager itself is a
    ``<script src>``), Pyodide (in a worker: no page elements)."""
    if exception is not None or getattr(app.builder, "format", "") != "html":
        return
    out = Path(app.outdir)
    static = out / "_static"
    pages = built_pages(out)
    scripts, loaded = loaded_files(out, pages)
    corpus: set[str] = set()
    for p in pages + scripts:
        corpus |= words(p.read_text(encoding="utf-8", errors="replace"))
    trimmed: dict[str, str] = {}
    for parts in TRIMMED_CSS:
        path = static.joinpath(*parts).resolve()
        if path.is_file():
            trimmed[str(path)] = purge_css(path.read_text(encoding="utf-8"), corpus)
    others = [
        p.read_text(encoding="utf-8", errors="replace") for p in loaded if str(p) not in trimmed
    ]
    for name, css in prune_unused(trimmed, others, corpus).items():
        head, body = _licences_and_body(css)
        Path(name).write_text(head + minify_css(body), encoding="utf-8")
    for parts in MINIFIED_CSS:
        path = static.joinpath(*parts)
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            small = minify_css(text)
            if small != text:
                path.write_text(small, encoding="utf-8")


def setup(app: Any) -> None:
    """Connect :func:`lazy_mathjax` (after ``sphinx.ext.mathjax``) and :func:`trim_css` (after
    the other ``build-finished`` handlers, which may add scripts). Called by
    :func:`coursebook.setup`."""
    app.connect("html-page-context", lazy_mathjax, priority=600)
    app.connect("build-finished", trim_css, priority=900)
