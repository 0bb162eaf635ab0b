"""Item analysis for instructors: ``bonemets quiz analyse RESULTS...``.

Input: one results file per learner (:mod:`bonemets.quiz.results`) and the built bank. Only the
learner's **first** answer to an item counts (re-tries are practice): version 2 files say what it
was; in version 1 files it is the stored answer when ``attempts`` is 1, and an answer checked more
than once is left out (counted in ``not_first``). Every first answer is graded again against the
built bank (:meth:`BuiltItem.is_correct`), whatever the file says; answers to items no longer in
the bank are left out and listed.

Per item:

* ``n``: learners with a first answer; ``facility`` p: the share of them correct;
* ``r_pb``: corrected point-biserial discrimination: the Pearson correlation, over those learners,
  between the item score (0/1) and the learner's *rest score*, the share correct of their other
  first answers (the item itself left out). Learners answer different sets of items on the site,
  so the rest score is a share, not a sum; when everyone answered the same items the two give the
  same correlation. Undefined (``None``) with fewer than 2 learners having other answers or when
  either score does not vary;
* ``options``: how many learners chose each option first (select-all: each option ticked), and
  for numeric items the commonest wrong answers;
* ``top``: the same counts in the top group: the 27 % of the item's learners with the highest
  rest score (Kelley's upper group; at least one learner; ties at the cut included).

Per objective: the first answers to its items and the mean score (share correct).

Flags: p < 0.2 (hard) or p > 0.95 (easy); r_pb < 0.1; a distractor nobody chose; a distractor the
top group chose more often than the key (select-all: than the least-chosen key).
"""

from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from .build import BuiltItem
from .quality import plain
from .results import LearnerResults

__all__ = [
    "EASY",
    "HARD",
    "LOW_DISCRIMINATION",
    "TOP_SHARE",
    "Analysis",
    "ItemAnalysis",
    "analyse",
    "html_report",
    "point_biserial",
    "text_report",
]

HARD, EASY = 0.2, 0.95
LOW_DISCRIMINATION = 0.1
TOP_SHARE = 0.27


@dataclass
class OptionCount:
    key: str
    text: str
    is_key: bool
    count: int
    top: int


@dataclass
class ItemAnalysis:
    id: str
    chapter: str
    objective: str
    type: str
    n: int
    correct: int
    facility: float | None
    r_pb: float | None
    top_n: int
    options: list[OptionCount] = field(default_factory=list)
    wrong_numeric: list[tuple[str, int]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


@dataclass
class ObjectiveAnalysis:
    id: str
    text: str
    items: int
    answers: int
    correct: int
    mean: float | None


@dataclass
class Analysis:
    learners: list[str]
    items: list[ItemAnalysis]
    objectives: list[ObjectiveAnalysis]
    first_answers: int
    not_first: int
    unknown_items: dict[str, int]
    regraded: int
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def point_biserial(x: Sequence[float], y: Sequence[float]) -> float | None:
    """The Pearson correlation of ``x`` (0/1 item scores) and ``y``; None when undefined."""
    n = len(x)
    if n < 2 or len(y) != n:
        return None
    mx, my = math.fsum(x) / n, math.fsum(y) / n
    sxx = math.fsum((a - mx) ** 2 for a in x)
    syy = math.fsum((b - my) ** 2 for b in y)
    if sxx == 0 or syy == 0:
        return None
    sxy = math.fsum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    return sxy / math.sqrt(sxx * syy)


def _chosen(response: str | tuple[str, ...] | None) -> set[str]:
    if response is None:
        return set()
    return set(response) if isinstance(response, tuple) else {response}


def analyse(learners: Sequence[LearnerResults], items: Sequence[BuiltItem]) -> Analysis:
    """The item analysis of these learners' first answers against the built ``items``."""
    bank = {i.id: i for i in items}
    unknown: Counter[str] = Counter()
    regraded = 0
    # scores[learner index][item id] = 0/1, graded against the bank
    scores: list[dict[str, int]] = []
    for lr in learners:
        own: dict[str, int] = {}
        for item_id, first in lr.first.items():
            item = bank.get(item_id)
            if item is None:
                unknown[item_id] += 1
                continue
            response: Any = (
                list(first.response) if isinstance(first.response, tuple) else (first.response)
            )
            ok = item.is_correct(response) if response is not None else False
            regraded += ok != first.correct
            own[item_id] = int(ok)
        scores.append(own)

    results: list[ItemAnalysis] = []
    for item in items:
        who = [k for k, s in enumerate(scores) if item.id in s]
        if not who:
            continue
        x = [scores[k][item.id] for k in who]
        rest: dict[int, float] = {}
        for k in who:
            others = [v for i, v in scores[k].items() if i != item.id]
            if others:
                rest[k] = sum(others) / len(others)
        with_rest = [k for k in who if k in rest]
        r = point_biserial([scores[k][item.id] for k in with_rest], [rest[k] for k in with_rest])
        top: list[int] = []
        if with_rest:
            ranked = sorted(with_rest, key=lambda k: rest[k], reverse=True)
            cut = rest[ranked[max(1, math.ceil(TOP_SHARE * len(ranked))) - 1]]
            top = [k for k in ranked if rest[k] >= cut]
        n, correct = len(x), sum(x)
        p = correct / n
        a = ItemAnalysis(
            id=item.id,
            chapter=item.chapter,
            objective=item.objective,
            type=item.type,
            n=n,
            correct=correct,
            facility=p,
            r_pb=r,
            top_n=len(top),
        )
        responses = {k: learners[k].first[item.id].response for k in who}
        if item.type == "numeric":
            wrong = Counter(
                str(responses[k]) for k in who if not scores[k][item.id] and responses[k]
            )
            a.wrong_numeric = wrong.most_common(3)
        else:
            keys = set(item.answer) if isinstance(item.answer, tuple) else set()
            count = Counter(o for k in who for o in _chosen(responses[k]))
            top_count = Counter(o for k in top for o in _chosen(responses[k]))
            a.options = [
                OptionCount(key, plain(h), key in keys, count[key], top_count[key])
                for key, h in item.options
            ]
            key_top = min((o.top for o in a.options if o.is_key), default=0)
            for o in a.options:
                if o.is_key:
                    continue
                if o.count == 0:
                    a.flags.append(f"distractor {o.key} chosen by nobody")
                if top and o.top > key_top:
                    a.flags.append(
                        f"distractor {o.key} chosen more than the key by the top group "
                        f"({o.top} vs {key_top} of {len(top)})"
                    )
        if p < HARD:
            a.flags.insert(0, f"hard: p = {p:.2f} < {HARD}")
        elif p > EASY:
            a.flags.insert(0, f"easy: p = {p:.2f} > {EASY}")
        if r is not None and r < LOW_DISCRIMINATION:
            a.flags.insert(
                1 if a.flags and a.flags[0].startswith(("hard", "easy")) else 0,
                f"low discrimination: r_pb = {r:.2f} < {LOW_DISCRIMINATION}",
            )
        results.append(a)

    objective_text = {i.objective: i.objective_text for i in items}
    by_obj: dict[str, list[ItemAnalysis]] = {}
    for a in results:
        by_obj.setdefault(a.objective, []).append(a)
    objectives = []
    for oid in dict.fromkeys(i.objective for i in items):
        group = by_obj.get(oid, [])
        answers = sum(a.n for a in group)
        right = sum(a.correct for a in group)
        if answers:
            objectives.append(
                ObjectiveAnalysis(
                    oid, objective_text.get(oid, oid), len(group), answers, right, right / answers
                )
            )
    not_first = sum(len(lr.not_first) for lr in learners)
    notes = [
        "Only first answers count. Version-1 files record the latest answer: it is the first "
        "only when it was checked once (attempts = 1); other version-1 answers, and version-2 "
        "answers whose first answer is unknown, are left out (not first-attempt data).",
        "Every first answer is graded again against the current bank.",
    ]
    seeds: dict[int, list[str]] = {}
    for lr in learners:
        if lr.seed is not None:
            seeds.setdefault(lr.seed, []).append(lr.source)
    notes += [
        f"{', '.join(names)} have the same seed ({seed}): perhaps one learner's progress "
        "exported twice (or imported elsewhere); each file is counted as a learner."
        for seed, names in seeds.items()
        if len(names) > 1
    ]
    return Analysis(
        learners=[lr.source for lr in learners],
        items=results,
        objectives=objectives,
        first_answers=sum(a.n for a in results),
        not_first=not_first,
        unknown_items=dict(sorted(unknown.items())),
        regraded=regraded,
        notes=notes,
    )


def _f(x: float | None, fmt: str = ".2f") -> str:
    return "—" if x is None else format(x, fmt)


def text_report(a: Analysis) -> str:
    """The analysis as a text table."""
    lines = [
        f"learners: {len(a.learners)}; first answers analysed: {a.first_answers}; "
        f"left out (not first-attempt data): {a.not_first}",
    ]
    if a.unknown_items:
        lines.append(
            "answers to items not in the bank (left out): "
            + ", ".join(f"{k} ({v})" for k, v in a.unknown_items.items())
        )
    if a.regraded:
        lines.append(f"first answers graded differently from the file: {a.regraded}")
    lines += [f"note: {n}" for n in a.notes]
    lines.append("")
    width = max([len(i.id) for i in a.items] + [4])
    lines.append(f"{'item':<{width}}  {'n':>4}  {'p':>5}  {'r_pb':>5}  choices (* key)  flags")
    for i in a.items:
        if i.options:
            choices = " ".join(f"{o.key}{'*' if o.is_key else ''}:{o.count}" for o in i.options)
        else:
            choices = "wrong: " + (", ".join(f"{v}×{c}" for v, c in i.wrong_numeric) or "none")
        lines.append(
            f"{i.id:<{width}}  {i.n:>4}  {_f(i.facility):>5}  {_f(i.r_pb):>5}  {choices}"
            + (f"  [{'; '.join(i.flags)}]" if i.flags else "")
        )
    lines.append("")
    lines.append("objective mean scores (first answers):")
    ow = max([len(o.id) for o in a.objectives] + [9])
    for o in a.objectives:
        lines.append(
            f"  {o.id:<{ow}}  {_f(o.mean):>5}  ({o.correct}/{o.answers} answers, {o.items} items)"
        )
    flagged = sum(1 for i in a.items if i.flags)
    lines.append(f"items flagged: {flagged} of {len(a.items)}")
    return "\n".join(lines)


_CSS = """body{font-family:system-ui,sans-serif;margin:1.5em;color:#1b1b1b;max-width:75em}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.25em .5em;
text-align:left;vertical-align:top}td.num{text-align:right;font-variant-numeric:tabular-nums}
.flag{color:#8a1c1c}.key{font-weight:bold}.notes{color:#444;font-size:90%}
svg text{font-size:11px;font-family:system-ui,sans-serif}"""


def _bar(value: float | None, width: int = 120, colour: str = "#3b6ea8") -> str:
    if value is None:
        return "—"
    w = max(0.0, min(1.0, value)) * width
    return (
        f'<svg width="{width + 40}" height="14" role="img" aria-label="{value:.2f}">'
        f'<rect x="0" y="2" width="{width}" height="10" fill="#eee"/>'
        f'<rect x="0" y="2" width="{w:.1f}" height="10" fill="{colour}"/>'
        f'<text x="{width + 4}" y="12">{value:.2f}</text></svg>'
    )


def _counts_svg(options: list[OptionCount]) -> str:
    most = max([o.count for o in options] + [1])
    rows = []
    for k, o in enumerate(options):
        w = 100 * o.count / most
        fill = "#2e7d32" if o.is_key else "#9e9e9e"
        y = 2 + k * 16
        rows.append(
            f'<text x="0" y="{y + 10}">{html.escape(o.key)}{"*" if o.is_key else ""}</text>'
            f'<rect x="40" y="{y}" width="{w:.1f}" height="12" fill="{fill}"/>'
            f'<text x="{44 + w:.1f}" y="{y + 10}">{o.count}</text>'
        )
    height = 4 + 16 * len(options)
    return (
        f'<svg width="180" height="{height}" role="img" aria-label="choices">{"".join(rows)}</svg>'
    )


def html_report(a: Analysis, title: str = "Quiz item analysis") -> str:
    """A self-contained HTML report (no scripts, no outside requests; every text escaped)."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<p>Learners: {len(a.learners)}; first answers analysed: {a.first_answers}; left out "
        f"(not first-attempt data): {a.not_first}.</p>",
        '<div class="notes">' + "".join(f"<p>{e(n)}</p>" for n in a.notes) + "</div>",
    ]
    if a.unknown_items:
        parts.append(
            "<p>Answers to items not in the bank (left out): "
            + e(", ".join(f"{k} ({v})" for k, v in a.unknown_items.items()))
            + "</p>"
        )
    parts.append(
        "<h2>Objectives</h2><table><tr><th>objective</th><th>mean score</th>"
        "<th>answers</th><th>items</th></tr>"
    )
    for o in a.objectives:
        parts.append(
            f"<tr><td><code>{e(o.id)}</code><br>{e(o.text)}</td><td>{_bar(o.mean)}</td>"
            f'<td class="num">{o.correct}/{o.answers}</td><td class="num">{o.items}</td></tr>'
        )
    parts.append(
        "</table><h2>Items</h2><table><tr><th>item</th><th>n</th><th>facility p</th>"
        "<th>r<sub>pb</sub></th><th>choices (key green)</th><th>flags</th></tr>"
    )
    for i in a.items:
        if i.options:
            detail = (
                _counts_svg(i.options)
                + "<br>"
                + "<br>".join(
                    f'<span class="{"key" if o.is_key else ""}">{e(o.key)}: {e(o.text[:80])}</span>'
                    for o in i.options
                )
            )
        else:
            detail = "wrong answers: " + e(
                ", ".join(f"{v} × {c}" for v, c in i.wrong_numeric) or "none"
            )
        parts.append(
            f'<tr><td><code>{e(i.id)}</code></td><td class="num">{i.n}</td>'
            f'<td>{_bar(i.facility)}</td><td class="num">{e(_f(i.r_pb))}</td>'
            f'<td>{detail}</td><td class="flag">{"<br>".join(e(f) for f in i.flags)}</td></tr>'
        )
    parts.append("</table></body></html>")
    return "\n".join(parts) + "\n"
