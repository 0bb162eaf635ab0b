"""Build the quiz: answers of calculation items from the engine, Markdown to safe HTML.

Nothing typed in a bank is ever inserted into a page as HTML: stems, options, explanations and
citations are rendered by :mod:`bonemets.quiz.markdown` (CommonMark with raw HTML *disabled*, links
only to http(s) addresses, no images, math as ``\\(...\\)`` for MathJax in safe mode), and
validation refuses what that renderer would drop. A case's title and summary are plain text,
HTML-escaped here.

Engine numbers in the text (``{{fact:...}}``, ``{{calc:...}}``, ``{{input:...}}``, see
:mod:`bonemets.quiz.placeholders`) are resolved here, before rendering, so every consumer of the
built items sees the values.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import facts
from ..datafile import shown
from ..inputs import InputError
from ..registry import CALCULATORS
from .io import LoadedBank, case_path, chapters, load_bank, objectives
from .markdown import has_math, render_inline, render_markdown
from .models import Item
from .placeholders import PlaceholderError, substitute

__all__ = [
    "BuiltItem",
    "ComputeError",
    "build_items",
    "compute_answer",
    "evaluate",
    "render_inline",
    "render_markdown",
]


class ComputeError(Exception):
    """A calculation item the engine cannot answer: which field, and why."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


# Markdown -> safe HTML: one path for every quiz text, in bonemets.quiz.markdown


# ---------------------------------------------------------------------------------------------
# Answers from the engine


def _walk(node: Any, path: str, where: str) -> Any:
    for part in path.split("."):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            allowed = ", ".join(map(str, node)) if isinstance(node, dict) else "nothing"
            raise ComputeError(
                "output", f"{where} has no {shown(path)} ({shown(part)}); allowed: {allowed}"
            )
    return node


def evaluate(item: Item) -> dict[str, Any] | None:
    """The item's own calculation as ``Result.to_dict()`` (None without a calculator; raises
    :class:`ComputeError`)."""
    if item.calculator is None:
        return None
    if item.calculator not in CALCULATORS:
        raise ComputeError(
            "calculator",
            f"{shown(item.calculator)} is not a calculator; allowed: {', '.join(CALCULATORS)}",
        )
    try:
        return CALCULATORS[item.calculator].evaluate(**(item.inputs or {})).to_dict()
    except InputError as exc:
        first = exc.errors[0]
        raise ComputeError(f"inputs.{first.field}", "; ".join(str(e) for e in exc.errors)) from None


def compute_answer(item: Item, result: dict[str, Any] | None = None) -> Any:
    """The engine's value for a calculation or fact item (raises :class:`ComputeError`)."""
    if item.calculator is not None:
        if result is None:
            result = evaluate(item)
        value = _walk(result or {}, item.output or "", f"the {item.calculator} result")
    elif item.fact is not None:
        try:
            value = facts.resolve(item.fact)
        except KeyError as exc:
            raise ComputeError("fact", str(exc.args[0] if exc.args else exc)) from None
    else:
        return item.answer
    if item.type == "numeric":
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise ComputeError(
                "output" if item.calculator else "fact",
                f"a numeric item needs a number, the engine gives {shown(value)}",
            )
        return float(value)
    key = facts.fmt(value)
    if key not in (item.options or {}):
        raise ComputeError(
            "options",
            f"the engine's answer {shown(key)} is not among the option keys "
            f"({', '.join(item.options or {})})",
        )
    return key


# ---------------------------------------------------------------------------------------------
# Built items


def _decimals(item: Item, value: float) -> int:
    if item.decimals is not None:
        return item.decimals
    tol = item.tolerance or 0.0
    if tol > 0 and math.isfinite(tol):
        return min(6, max(0, -math.floor(math.log10(tol) + 1e-9)))
    return 0 if float(value).is_integer() else 2


def format_number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def numeric_answer_text(item: Item, answer: Any) -> str:
    """A numeric answer as the learner sees it: the item's decimals and unit."""
    unit = f" {item.unit}" if item.unit else ""
    return format_number(float(answer), _decimals(item, float(answer))) + unit


@dataclass(frozen=True)
class BuiltItem:
    """An item ready for a page or a widget (``to_dict()`` is what the static renderer reads)."""

    id: str
    chapter: str
    chapter_title: str
    objective: str
    objective_text: str
    type: str
    kind: str
    stem_html: str
    options: tuple[tuple[str, str], ...]  # (key, html)
    answer: tuple[str, ...] | float
    tolerance: float | None
    unit: str
    decimals: int | None
    answer_html: str
    explanation_html: str
    citation_html: str
    case: dict[str, str] | None = None
    computed: dict[str, Any] | None = None
    math: bool = False
    source: dict[str, Any] = field(default_factory=dict, compare=False)

    def is_correct(self, response: Any) -> bool:
        """Grade a response: a key (single), keys (multiple) or a number/text (numeric).

        Any other shape (a Boolean, a mapping, a list of lists, a huge number, ...) is simply not
        correct: grading never raises."""
        if self.type == "numeric":
            if isinstance(response, bool) or not isinstance(response, str | int | float):
                return False
            if isinstance(response, int) and response.bit_length() > 64:
                return False
            text = str(response).strip()
            if len(text) > 64:
                return False
            try:
                x = float(text.replace(",", "."))
            except ValueError:
                return False
            if not math.isfinite(x):
                return False
            return abs(x - float(self.answer)) <= (self.tolerance or 0.0) + 1e-9  # type: ignore[arg-type]
        if self.type == "single":
            return isinstance(response, str) and (response,) == self.answer
        if isinstance(response, str):
            response = [response]
        if not isinstance(response, list | tuple) or not all(isinstance(r, str) for r in response):
            return False
        return sorted(set(response)) == sorted(self.answer)  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "chapter": self.chapter,
            "chapter_title": self.chapter_title,
            "objective": self.objective,
            "objective_text": self.objective_text,
            "type": self.type,
            "kind": self.kind,
            "stem": self.stem_html,
            "options": [{"key": k, "html": h} for k, h in self.options],
            "answer": list(self.answer) if isinstance(self.answer, tuple) else self.answer,
            "tolerance": self.tolerance,
            "unit": self.unit,
            "decimals": self.decimals,
            "answer_html": self.answer_html,
            "explanation": self.explanation_html,
            "citation": self.citation_html,
            "case": self.case,
            "computed": self.computed,
        }


def _case_info(root: Path, case_id: str) -> dict[str, str]:
    """A case's id, title and summary for a case-based item: plain text, HTML-escaped (the same
    text the case notebook shows, escaped for its own output kind there)."""
    from ..cases.io import load_case

    case = load_case(case_path(root, case_id))
    paragraphs = [p.strip() for p in case.teaching.summary.split("\n\n") if p.strip()]
    return {
        "id": case_id,
        # plain text, never typeset: MathJax skips class mathjax_ignore
        "title_html": f'<span class="mathjax_ignore">{html.escape(case.teaching.title)}</span>',
        "summary_html": "".join(
            f'<p class="mathjax_ignore">{html.escape(p)}</p>' for p in paragraphs
        ),
    }


def build_item(item: Item, root: Path) -> BuiltItem:
    chs = chapters(root)
    objs = objectives(root)
    chapter = item.id.split(".", 1)[0]
    result = evaluate(item)
    answer = compute_answer(item, result)
    answer_text: str | None = None
    decimals: int | None = None
    if item.type == "numeric":
        decimals = _decimals(item, float(answer))
        answer_text = numeric_answer_text(item, answer)

    def text(field: str, value: str) -> str:
        try:
            return substitute(value, field, item, result, answer_text)
        except PlaceholderError as exc:
            raise ComputeError(field, str(exc)) from None

    options = tuple(
        (k, render_inline(text(f"options.{k}", v))) for k, v in (item.options or {}).items()
    )
    if item.type == "numeric":
        answer_html = html.escape(answer_text or "")
        ans: tuple[str, ...] | float = float(answer)
    else:
        keys = (answer,) if isinstance(answer, str) else tuple(answer)
        opts = dict(options)
        answer_html = "; ".join(opts[k] for k in keys)
        ans = keys
    computed = None
    if item.calculator:
        computed = {"calculator": item.calculator, "inputs": item.inputs, "output": item.output}
    elif item.fact:
        computed = {"fact": item.fact}
    stem_html = render_markdown(text("stem", item.stem))
    explanation_html = render_markdown(text("explanation", item.explanation))
    case = _case_info(root, item.case) if item.case else None
    texts = [stem_html, explanation_html, *(h for _, h in options)]
    if case:
        texts.append(case["summary_html"])
    return BuiltItem(
        id=item.id,
        chapter=chapter,
        chapter_title=str(chs.get(chapter, {}).get("title", chapter)),
        objective=item.objective,
        objective_text=objs.get(item.objective, ("", item.objective))[1],
        type=item.type,
        kind=item.kind,
        stem_html=stem_html,
        options=options,
        answer=ans,
        tolerance=item.tolerance,
        unit=item.unit or "",
        decimals=decimals,
        answer_html=answer_html,
        explanation_html=explanation_html,
        citation_html=render_inline(text("citation", item.citation)),
        case=case,
        computed=computed,
        math=any(has_math(t) for t in texts),
        source=item.model_dump(exclude_none=True),
    )


def build_items(
    selection: str = "all", root: str | Path | None = None, bank: LoadedBank | None = None
) -> list[BuiltItem]:
    """Built items of one chapter (its id), of several (comma-separated), or ``all``."""
    bank = bank or load_bank(root)
    wanted = None if selection.strip() == "all" else {s.strip() for s in selection.split(",")}
    if wanted is not None:
        unknown = wanted - set(chapters(bank.root))
        if unknown:
            raise KeyError(
                f"unknown chapter {', '.join(sorted(unknown))}; allowed: all, "
                + ", ".join(chapters(bank.root))
            )
    out = []
    for ch, b in bank.banks.items():
        if wanted is None or ch in wanted:
            out.extend(build_item(item, bank.root) for item in b.items)
    return out
