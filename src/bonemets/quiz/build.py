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

import hashlib
import html
import math
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cases.io import load_case
from ..syllabus import Syllabus, syllabus
from .answers import ComputeError, answer_decimals, compute_answer, evaluate, numeric_answer_text
from .bank import LoadedBank, load_bank
from .io import case_path
from .markdown import has_math, render_inline, render_markdown
from .models import Item
from .placeholders import PlaceholderError, substitute

__all__ = ["BuiltItem", "build_item", "build_items", "presentation_order"]


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
    #: the options are a scale, shown in the authored order (never shuffled)
    ordered: bool = False
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
            "ordered": self.ordered,
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


def presentation_order(item: BuiltItem) -> list[tuple[str, str]]:
    """The options as a fixed file shows them (the Anki and QTI exports): the authored order for
    an ``ordered`` item (a scale), else one shuffle fixed by the item id, so a key written first
    in the bank is not always shown first and every build gives the same order."""
    options = list(item.options)
    if not item.ordered:
        seed = int.from_bytes(hashlib.sha256(item.id.encode("utf-8")).digest()[:8], "big")
        random.Random(seed).shuffle(options)
    return options


def _case_info(root: Path, case_id: str) -> dict[str, str]:
    """A case's id, title and summary for a case-based item (from the typed case,
    :func:`bonemets.cases.io.load_case`): plain text, HTML-escaped (the same text the case
    notebook shows, escaped for its own output kind there)."""
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


def build_item(item: Item, root: Path, syl: Syllabus | None = None) -> BuiltItem:
    """One item ready for a page: answers from the engine, placeholders resolved, Markdown
    rendered (raises :class:`ComputeError` when the engine cannot answer it)."""
    syl = syl or syllabus(root)
    objective = syl.objectives.get(item.objective)
    chapter = item.id.split(".", 1)[0]
    result = evaluate(item)
    answer = compute_answer(item, result)
    answer_text: str | None = None
    decimals: int | None = None
    if item.type == "numeric":
        decimals = answer_decimals(item, float(answer))
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
        chapter_title=syl.title(chapter),
        objective=item.objective,
        objective_text=objective.text if objective is not None else item.objective,
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
        ordered=item.ordered,
        source=item.model_dump(exclude_none=True),
    )


def build_items(
    selection: str = "all", root: str | Path | None = None, bank: LoadedBank | None = None
) -> list[BuiltItem]:
    """Built items of one chapter (its id), of several (comma-separated), or ``all``."""
    bank = bank or load_bank(root)
    syl = bank.syllabus or syllabus(bank.root)
    wanted = None if selection.strip() == "all" else {s.strip() for s in selection.split(",")}
    if wanted is not None:
        unknown = wanted - set(syl.chapters)
        if unknown:
            raise KeyError(
                f"unknown chapter {', '.join(sorted(unknown))}; allowed: all, "
                + ", ".join(syl.chapters)
            )
    out: list[BuiltItem] = []
    for ch, b in bank.banks.items():
        if wanted is None or ch in wanted:
            out.extend(build_item(item, bank.root, syl) for item in b.items)
    return out
