"""Quiz text (Markdown) to safe HTML, and the checks that refuse what the renderer would drop.

The one rendering path of authored quiz text (stems, options, explanations, citations):

* markdown-it in CommonMark mode with raw HTML **disabled**: ``<script>`` is shown as the text
  ``<script>``, never as an element;
* links only to ``http://`` and ``https://`` addresses, rendered with
  ``rel="noopener noreferrer nofollow"`` and ``referrerpolicy="no-referrer"``; any other target
  (``javascript:``, ``data:``, ``file:``, relative) is not a link;
* no images: ``![alt](url)`` is shown as its alt text, so nothing is fetched from another origin;
* math (``$...$``, ``$$...$$``) becomes ``\\(...\\)`` / ``\\[...\\]`` for MathJax, which runs in
  its safe mode (``_config.yml``).

:func:`markup_problems` is what validation uses: every construct the renderer would drop or show
differently from what the author meant (raw HTML, an image, a link to a refused target, a MathJax
command that attaches links, styles, classes or ids, unbalanced braces in math) is refused with
the field and the reason, so an author never publishes a surprise.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin

from ..datafile import TEX_COMMANDS, shown

__all__ = ["has_math", "markup_problems", "render_inline", "render_markdown", "safe_link"]

_SAFE_URL = re.compile(r"https?://[^\s<>\"'`\\]+", re.IGNORECASE)


def safe_link(url: str) -> bool:
    """Whether ``url`` may be a link in quiz text: an absolute http(s) address."""
    return bool(_SAFE_URL.fullmatch(url.strip()))


def _math_inline(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return (
        '<span class="math notranslate nohighlight">'
        f"\\({html.escape(tokens[idx].content)}\\)</span>"
    )


def _math_block(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return (
        '<div class="math notranslate nohighlight">'
        f"\\[{html.escape(tokens[idx].content)}\\]</div>\n"
    )


def _image(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    return html.escape(self.renderInlineAsText(token.children or [], options, env))


def _link_open(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    token.attrSet("rel", "noopener noreferrer nofollow")
    token.attrSet("referrerpolicy", "no-referrer")
    return str(self.renderToken(tokens, idx, options, env))


def _base(html_on: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": html_on, "linkify": False, "typographer": False})
    md.use(dollarmath_plugin, allow_space=True, double_inline=True)
    return md


@cache
def _md() -> MarkdownIt:
    md = _base(False)
    md.validateLink = safe_link  # type: ignore[method-assign]
    md.add_render_rule("math_inline", _math_inline)
    md.add_render_rule("math_inline_double", _math_inline)
    md.add_render_rule("math_block", _math_block)
    md.add_render_rule("math_block_label", _math_block)
    md.add_render_rule("image", _image)
    md.add_render_rule("link_open", _link_open)
    return md


@cache
def _checker() -> MarkdownIt:
    """Parses what the author wrote, raw HTML and every link target included."""
    md = _base(True)
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def render_markdown(text: str) -> str:
    """Block Markdown to HTML with raw HTML escaped."""
    return str(_md().render(text)).strip()


def render_inline(text: str) -> str:
    """Inline Markdown (one line: an option, a citation) to HTML with raw HTML escaped."""
    return str(_md().renderInline(text)).strip()


def has_math(text: str) -> bool:
    return "\\(" in text or "\\[" in text


def _tokens(tokens: list[Token]) -> Iterator[Token]:
    for t in tokens:
        yield t
        if t.children:
            yield from _tokens(t.children)


def _balanced(tex: str) -> bool:
    depth = 0
    i = 0
    while i < len(tex):
        c = tex[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth < 0:
                return False
        i += 1
    return depth == 0


_NAMES = {"\\": "a backslash", "$": "a dollar sign"}


def markup_problems(text: str) -> list[str]:
    """Everything in one quiz text that the renderer would drop or change (empty when fine)."""
    out: list[str] = []
    try:
        tokens = _checker().parse(text)
    except (RecursionError, ValueError) as exc:  # pragma: no cover - markdown-it is total
        return [f"cannot read the Markdown: {shown(str(exc))}"]
    # The TeX check runs on the text as typed, on the text with HTML character references decoded
    # (``&#92;href``, ``&bsol;style``, ``&#x5C;require`` become ``\href``... in the page, where
    # MathJax reads them) and on every decoded Markdown text token.
    decoded = html.unescape(text)
    texts = [text, decoded] + [t.content for t in _tokens(tokens) if t.type == "text"]
    for candidate in texts:
        m = TEX_COMMANDS.search(candidate)
        if m:
            out.append(
                f"the MathJax command {m.group(0)} is not allowed (it can attach a link, a style, "
                "a class or an id, or load an extension); write the maths without it"
            )
            break
    hidden = [
        seq
        for seq in ("\\", "$")
        if decoded.count(seq) > text.count(seq)
        or any(t.type == "text" and seq in t.content and seq not in text for t in _tokens(tokens))
    ]
    if hidden:
        out.append(
            f"{' and '.join(_NAMES[seq] for seq in hidden)} written as an HTML character reference "
            "(such as &#92; or &dollar;) is not allowed: MathJax would read it as maths; type the "
            "character itself"
        )
    for t in _tokens(tokens):
        if t.type in {"html_block", "html_inline"}:
            out.append(
                f"raw HTML {shown(t.content.strip()[:40])} is not allowed; quiz text is Markdown "
                "without HTML (it would be shown as typed)"
            )
        elif t.type == "image":
            out.append(
                f"an image ({shown(str(t.attrGet('src') or ''))}) is not allowed in quiz text; "
                "nothing is fetched from another site"
            )
        elif t.type == "link_open":
            href = str(t.attrGet("href") or "")
            if not safe_link(href):
                out.append(
                    f"link target {shown(href)} is not allowed; allowed: an http:// or https:// "
                    "address"
                )
        elif t.type.startswith("math") and not _balanced(t.content):
            out.append(f"unbalanced braces in the maths {shown(t.content)}")
    return out
