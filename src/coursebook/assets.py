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
* the theme's style sheet (397 kB on every page): the built copy keeps only the rules a page of
  this site can use (:func:`trim_theme_css`, at ``build-finished``; 172 kB).

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
    "declare",
    "declared",
    "lazy_mathjax",
    "purge_css",
    "select",
    "setup",
    "trim_theme_css",
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


THEME_CSS = ("styles", "pydata-sphinx-theme.css")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CLASS = re.compile(r"\.((?:\\.|[A-Za-z0-9_-])+)")
_ID = re.compile(r"#([A-Za-z_][A-Za-z0-9_-]*)")
_NOT = re.compile(r":(?:not|is|where|has|matches)\([^()]*\)")
_TOKEN = re.compile(r"[A-Za-z0-9_-]+")
_GROUPING = ("@media", "@supports", "@layer", "@container")


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


def _purge(css: str, tokens: set[str]) -> str:
    out: list[str] = []
    i, n = 0, len(css)
    while i < n:
        brace = css.find("{", i)
        if brace < 0:
            out.append(css[i:])
            break
        depth, k = 1, brace + 1
        while depth and k < n:
            depth += {"{": 1, "}": -1}.get(css[k], 0)
            k += 1
        prelude, body = css[i:brace].strip(), css[brace + 1 : k - 1]
        if prelude.startswith(_GROUPING):
            inner = _purge(body, tokens)
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(css[i:k])
        else:
            keep = [s for s in _selectors(prelude) if _selector_can_match(s, tokens)]
            if keep:
                out.append(f"{','.join(keep)}{{{body}}}")
        i = k
    return "".join(out)


def purge_css(css: str, corpus: str) -> str:
    """``css`` without the selectors that name a class or id found nowhere in ``corpus`` (every
    built page and every script of the site, so classes that scripts add later are kept); a rule
    is dropped with its last selector. Licence comments (``/*! ... */``) are kept, at the top."""
    licences = [c for c in _COMMENT.findall(css) if c.startswith("/*!")]
    body = _COMMENT.sub("", css)
    charset = ""
    if body.startswith("@charset"):
        end = body.index(";") + 1
        charset, body = body[:end], body[end:]
    return charset + "".join(licences) + _purge(body, set(_TOKEN.findall(corpus)))


def trim_theme_css(app: Any, exception: Exception | None) -> None:
    """After the build (the theme's static files are copied again on every build), drop from the
    built copy of the theme's style sheet (pydata-sphinx-theme, 397 kB on every page: Bootstrap,
    Font Awesome's 1,900 glyph rules, the theme) every rule no page of this site can use
    (:func:`purge_css`; the corpus is every built page and every script under ``_static``)."""
    if exception is not None or getattr(app.builder, "format", "") != "html":
        return
    out = Path(app.outdir)
    path = out.joinpath("_static", *THEME_CSS)
    if not path.is_file():
        return
    corpus = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(out.rglob("*"))
        if p.suffix in {".html", ".js"} and p.is_file()
    )
    text = path.read_text(encoding="utf-8")
    trimmed = purge_css(text, corpus)
    if trimmed != text:
        path.write_text(trimmed, encoding="utf-8")


def setup(app: Any) -> None:
    """Connect :func:`lazy_mathjax` (after ``sphinx.ext.mathjax``) and :func:`trim_theme_css`.
    Called by :func:`coursebook.setup`."""
    app.connect("html-page-context", lazy_mathjax, priority=600)
    app.connect("build-finished", trim_theme_css)
