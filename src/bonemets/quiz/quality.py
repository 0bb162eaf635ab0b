"""The item-quality linter: the built bank against item-writing standards (NBME style).

It reads the *built* items (:mod:`bonemets.quiz.build`: placeholders resolved, engine answers
computed, Markdown rendered; option text is compared as plain text, tags removed), so what it
measures is what a learner sees. ``bonemets quiz stats`` prints its figures (``--check`` exits 1
when a rule fails) and ``tests/quiz/test_quality.py`` enforces it. Each failure names the bank
file, the item id (``-`` for a rule over the whole bank) and the rule:

``key-longest`` (bank)
    Single-answer items whose key is a *length cue*: the key is strictly the longest option, or
    it is more than :data:`KEY_LENGTH_RATIO` (1.5) times the mean distractor length. If option
    lengths carried no information, item *i* with *k* options would have its key longest with
    probability 1/*k*; the number of cued items is then a sum of independent Bernoulli(1/*k_i*)
    variables (a Poisson-binomial; the binomial when every item has the same *k*). The rule fails
    when the exact one-sided tail probability P(X >= observed) is below :data:`ALPHA` (0.05): more
    cued items than chance allows. (Counting the 1.5x cue too makes the test slightly stricter
    than 1/*k* strictly requires; ties for longest count as no cue.)
``select-all`` (bank and item)
    "Multiple" (select all that apply) items beyond :data:`MAX_MULTIPLE_SHARE` (5 %) of all items;
    and any such item with fewer than :data:`MIN_FALSE_OPTIONS` (2) false options.
``absolute-word`` (item)
    A distractor (an option that is not a key) using a word of
    :data:`bonemets.quiz.models.ABSOLUTE_WORDS` (whole word, any case), unless the item lists the
    word in ``allow_absolute`` with a reason; an allowance no distractor uses is refused too.
``numeric-unit`` (item)
    A numeric item with an empty unit (scores: ``points``).
``ordinal-shuffled`` (item)
    A choice item whose options read as one scale (:func:`looks_ordinal`: each names a
    grade/stage/step/band/class/tier with a number, is a scale word (low, borderline, high, mild,
    moderate, severe ...), or starts with a number, range, dose or comparison and is short or
    differs from the others only in its numbers) without ``ordered: true``;
    and an ``ordered`` item whose options, read by their first number, are neither ascending nor
    descending.
``option-count`` (item)
    A single-answer item with fewer than 4 or more than 5 options.
``objective-coverage`` (bank)
    A learning objective with fewer than :data:`MIN_PER_OBJECTIVE` (3) items.
``bank-size`` (bank)
    Fewer than :data:`MIN_ITEMS` (250) items in all.

Warnings (printed, not failures): the key is the longest option *less* often than chance, or
strictly the shortest more often than chance (the same one-sided tests the other way round): the
reverse cue lets a test-wise learner rule out the longest option.

Figures printed but not enforced: the share of vignette stems (:func:`is_vignette`: a case item,
or a stem giving an age, "64-year-old" / "aged 64" / "64 years old", and a person, man, woman,
patient, he, she ...), the ordered items and how often their key comes first.
"""

from __future__ import annotations

import html
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..syllabus import syllabus
from .bank import LoadedBank, load_bank
from .build import BuiltItem, build_items
from .models import ABSOLUTE_WORDS

__all__ = [
    "ALPHA",
    "KEY_LENGTH_RATIO",
    "MAX_MULTIPLE_SHARE",
    "MIN_FALSE_OPTIONS",
    "MIN_ITEMS",
    "MIN_PER_OBJECTIVE",
    "SHORT_OPTION_WORDS",
    "Finding",
    "QualityReport",
    "is_vignette",
    "lint",
    "lint_bank",
    "looks_ordinal",
    "plain",
    "poisson_binomial_tail",
]

#: One-sided significance level of the key-longest test.
ALPHA = 0.05
#: A key more than this many times the mean distractor length is a length cue.
KEY_LENGTH_RATIO = 1.5
#: Largest share of "select all that apply" items in the bank.
MAX_MULTIPLE_SHARE = 0.05
#: A select-all item needs at least this many false options.
MIN_FALSE_OPTIONS = 2
#: Options of a single-answer item.
MIN_OPTIONS, MAX_OPTIONS = 4, 5
MIN_PER_OBJECTIVE = 3
MIN_ITEMS = 250
#: Options starting with a number are a scale only when at most this long (or the same words).
SHORT_OPTION_WORDS = 6

BANK = "quizzes/*.yaml"

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
#: whole words, not parts of a hyphenated term ("bone-only disease", "all-cause mortality")
_ABSOLUTE = re.compile(r"(?<![\w-])(" + "|".join(ABSOLUTE_WORDS) + r")(?![\w-])", re.IGNORECASE)

# --- ordinal options -------------------------------------------------------------------------
_NUMBER_START = re.compile(
    r"^[\s(\[]*"
    r"(?:[<>≤≥~≈]=?\s*"
    r"|(?:about|approximately|around|under|over|below|above|up to|at least|at most|less than|"
    r"more than|fewer than|every|within|after|before|for|in|from|between|single|a single)\s+)?"
    r"[-−+]?\d"
)
_LABELLED = re.compile(
    r"\b(?:grade|stage|step|band|class|category|tier|level|ecog|who)\s*(?:[0-9]+|[ivx]+)\b",
    re.IGNORECASE,
)
_SCALE_WORDS = (
    "none",
    "very low",
    "low",
    "lower",
    "minimal",
    "mild",
    "slight",
    "medium",
    "intermediate",
    "moderate",
    "borderline",
    "high",
    "higher",
    "very high",
    "severe",
    "life-threatening",
    "short",
    "long",
    "favourable",
    "unfavourable",
)
_SCALE = re.compile(r"^(?:" + "|".join(re.escape(w) for w in _SCALE_WORDS) + r")\b", re.I)
_FIRST_NUMBER = re.compile(r"[-−]?\d+(?:\.\d+)?")

# --- vignettes --------------------------------------------------------------------------------
_AGE = re.compile(
    r"\b\d{1,3}[-‑ ]?(?:year|yr)s?[-‑ ]old\b|\baged\s+\d{1,3}\b|\b\d{1,3}\s+years?\s+of\s+age\b",
    re.IGNORECASE,
)
_PERSON = re.compile(
    r"\b(?:man|woman|men|women|male|female|boy|girl|patient|he|she|his|her|mr|mrs|ms)\b",
    re.IGNORECASE,
)


def plain(fragment: str) -> str:
    """The text of an HTML fragment: tags removed, entities decoded, spaces collapsed."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", fragment))).strip()


def _ordinal_kind(text: str) -> str | None:
    """``scale`` (a grade/stage/band with a number, or a scale word), ``number`` (starts with a
    number, range, dose or comparison) or None."""
    t = text.strip()
    if _LABELLED.search(t) or _SCALE.match(t):
        return "scale"
    if _NUMBER_START.match(t):
        return "number"
    return None


def _skeleton(text: str) -> str:
    return _SPACE.sub(" ", _FIRST_NUMBER.sub("#", text.lower())).strip()


def looks_ordinal(texts: Sequence[str]) -> bool:
    """Do these options read as points on one scale? Each must be a scale point (a named
    grade/stage/step/band/class with a number, or a scale word such as low, moderate, high) or
    start with a number, range, dose or comparison; options that start with a number must also
    be short (at most :data:`SHORT_OPTION_WORDS` words) or differ only in their numbers (so
    "90 mg over 2 hours every 3-4 weeks" against "120 mg subcutaneously every 4 weeks", whole
    regimens, is not a scale). At least 3 options."""
    kinds = [_ordinal_kind(t) for t in texts]
    if len(texts) < 3 or None in kinds:
        return False
    numbered = [t for t, k in zip(texts, kinds, strict=True) if k == "number"]
    if not numbered:
        return True
    short = all(len(t.split()) <= SHORT_OPTION_WORDS for t in numbered)
    return short or len({_skeleton(t) for t in texts}) == 1


def is_vignette(item: BuiltItem) -> bool:
    """A case item, or a stem with an age and a person (the documented heuristic)."""
    if item.case:
        return True
    stem = plain(item.stem_html)
    return bool(_AGE.search(stem) and _PERSON.search(stem))


def poisson_binomial_tail(probabilities: Sequence[float], observed: int) -> float:
    """P(X >= observed) for X a sum of independent Bernoulli(p_i) (exact, by convolution)."""
    dist = [1.0]
    for p in probabilities:
        nxt = [0.0] * (len(dist) + 1)
        for k, q in enumerate(dist):
            nxt[k] += q * (1 - p)
            nxt[k + 1] += q * p
        dist = nxt
    return min(1.0, max(0.0, math.fsum(dist[max(observed, 0) :])))


@dataclass(frozen=True)
class Finding:
    """One failed rule: ``file: item: [rule] message``."""

    file: str
    item: str  # "-" for a rule over the whole bank
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.item}: [{self.rule}] {self.message}"


@dataclass
class QualityReport:
    """The linter's figures and failures (``to_dict()`` is the ``--json`` form)."""

    failures: list[Finding] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    #: single-answer items with a length cue (file, item, key/longest/mean distractor length)
    cued: list[dict[str, Any]] = field(default_factory=list)
    #: figures worth a look that fail no rule (a reverse length cue)
    warnings: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "failures": [asdict(f) for f in self.failures],
            "figures": self.figures,
            "cued_items": self.cued,
            "warnings": self.warnings,
        }

    def lines(self) -> list[str]:
        """The report as text lines (what ``bonemets quiz stats`` prints)."""
        f = self.figures
        kl, sa, vg, ob = f["key_longest"], f["select_all"], f["vignettes"], f["objectives"]
        out = [
            f"item quality ({'PASS' if self.passed else 'FAIL'}; rules: bonemets.quiz.quality)",
            f"  items: {f['items']} (at least {MIN_ITEMS})",
            f"  key is a length cue (strictly longest, or > {KEY_LENGTH_RATIO}x the mean "
            f"distractor length): {kl['cued']} of {kl['items']} single-answer items "
            f"({kl['share']:.0%}); chance expects {kl['expected']:.1f} ({kl['expected_share']:.0%});"
            f" one-sided exact p = {kl['p_value']:.2g} (fails below {ALPHA}); "
            f"at most {kl['allowed']} allowed",
            f"  select-all items: {sa['count']} ({sa['share']:.1%}; at most {sa['allowed']}, "
            f"{MAX_MULTIPLE_SHARE:.0%})",
            f"  vignette stems: {vg['count']} of {f['items']} ({vg['share']:.0%})",
            f"  items per objective: min {ob['min']} (at least {MIN_PER_OBJECTIVE}), "
            f"max {ob['max']}, {len(ob['below_min'])} objectives below {MIN_PER_OBJECTIVE}",
            f"  ordered (scale) items: {f['ordered']['count']}, key shown first in "
            f"{f['ordered']['key_first']}",
            f"  distractors with an absolute word: {f['absolute_words']['flagged']} "
            f"(allowed with a reason: {f['absolute_words']['allowed']})",
        ]
        if self.cued:
            out.append(
                "  length cues (counted in key-longest; shorten the key or lengthen "
                "the distractors):"
            )
            out += [
                f"    {c['file']}: {c['item']}: key {c['key_length']} chars, longest distractor "
                f"{c['longest_distractor']}, mean distractor {c['mean_distractor']:.0f}"
                f" ({'strictly longest' if c['strictly_longest'] else 'not longest'}; "
                f"{c['ratio']}x the mean)"
                for c in self.cued
            ]
        out += [f"  warning: {w}" for w in self.warnings]
        if self.failures:
            out.append(f"  failures ({len(self.failures)}):")
            out += [f"    {x}" for x in self.failures]
        return out


def _answer_keys(item: BuiltItem) -> set[str]:
    return set(item.answer) if isinstance(item.answer, tuple) else set()


def _allowances(item: BuiltItem) -> dict[str, str]:
    allowed = item.source.get("allow_absolute") or {}
    return {str(k).lower(): str(v) for k, v in allowed.items()}


def _key_cue(item: BuiltItem) -> dict[str, Any] | None:
    keys = _answer_keys(item)
    lengths = {k: len(plain(h)) for k, h in item.options}
    distractors = [n for k, n in lengths.items() if k not in keys]
    if len(keys) != 1 or not distractors:
        return None
    key_len = lengths[next(iter(keys))]
    longest, mean = max(distractors), sum(distractors) / len(distractors)
    if key_len > longest or key_len > KEY_LENGTH_RATIO * mean:
        return {
            "key_length": key_len,
            "longest_distractor": longest,
            "mean_distractor": round(mean, 1),
            "strictly_longest": key_len > longest,
            "ratio": round(key_len / mean, 2) if mean else None,
        }
    return None


def _key_shortest(item: BuiltItem) -> int:
    """1 if the (single) key is strictly the shortest option."""
    keys = _answer_keys(item)
    lengths = {k: len(plain(h)) for k, h in item.options}
    distractors = [n for k, n in lengths.items() if k not in keys]
    if len(keys) != 1 or not distractors:
        return 0
    return int(lengths[next(iter(keys))] < min(distractors))


def _absolute(item: BuiltItem, file: str) -> tuple[list[Finding], int, int]:
    keys = _answer_keys(item)
    allowed = _allowances(item)
    used: set[str] = set()
    out: list[Finding] = []
    flagged = 0
    for k, h in item.options:
        if k in keys:
            continue
        text = plain(h)
        words = sorted({m.group(1).lower() for m in _ABSOLUTE.finditer(text)})
        bad = [w for w in words if w not in allowed]
        used.update(w for w in words if w in allowed)
        if bad:
            flagged += 1
            shown = text if len(text) <= 80 else text[:77] + "..."
            out.append(
                Finding(
                    file,
                    item.id,
                    "absolute-word",
                    f"distractor {k} uses {', '.join(repr(w) for w in bad)} ({shown!r}): "
                    "reword it as a plausible, specific claim, or, if the word is genuinely "
                    f"needed, add `allow_absolute: {{{bad[0]}: <reason>}}`",
                )
            )
    for w in sorted(set(allowed) - used):
        out.append(
            Finding(
                file,
                item.id,
                "absolute-word",
                f"allow_absolute lists {w!r} but no distractor uses it; remove it",
            )
        )
    return out, flagged, len(used)


def _ordinal(item: BuiltItem, file: str) -> list[Finding]:
    texts = [plain(h) for _, h in item.options]
    if not item.ordered:
        if looks_ordinal(texts):
            return [
                Finding(
                    file,
                    item.id,
                    "ordinal-shuffled",
                    "every option reads as a point on a scale (numbers, ranges, doses, grades, "
                    "bands): add `ordered: true` and write the options in ascending order "
                    f"(options: {' | '.join(texts)})",
                )
            ]
        return []
    numbers: list[float] = []
    for t in texts:
        m = _FIRST_NUMBER.search(t)
        if m is None:
            return []
        numbers.append(float(m.group(0).replace("−", "-")))
    pairs = list(itertools.pairwise(numbers))
    if all(a <= b for a, b in pairs) or all(a >= b for a, b in pairs):
        return []
    return [
        Finding(
            file,
            item.id,
            "ordinal-shuffled",
            f"ordered: true, but the options' first numbers ({', '.join(f'{n:g}' for n in numbers)}"
            ") are neither ascending nor descending: write them in order",
        )
    ]


def lint(
    items: Sequence[BuiltItem],
    files: Mapping[str, str] | None = None,
    objectives: Iterable[str] | None = None,
) -> QualityReport:
    """Check built items. ``files``: chapter id -> bank file name for the messages (default
    ``quizzes/<chapter>.yaml``); ``objectives``: every objective of the syllabus (those with no
    item count as 0; default: the items' own)."""
    report = QualityReport()
    fails = report.failures

    def file_of(item: BuiltItem) -> str:
        return (files or {}).get(item.chapter, f"quizzes/{item.chapter}.yaml")

    n = len(items)
    singles = [i for i in items if i.type == "single"]
    multiples = [i for i in items if i.type == "multiple"]
    probabilities: list[float] = []
    flagged_abs = allowed_abs = shortest = 0
    for item in items:
        file = file_of(item)
        if item.type == "numeric":
            if not item.unit.strip():
                fails.append(
                    Finding(
                        file,
                        item.id,
                        "numeric-unit",
                        "a numeric item needs a unit (e.g. mL/min, Gy, mg, %, points)",
                    )
                )
            continue
        found, flagged, allowed = _absolute(item, file)
        fails += found
        flagged_abs += flagged
        allowed_abs += allowed
        fails += _ordinal(item, file)
        if item.type == "single":
            k = len(item.options)
            if not MIN_OPTIONS <= k <= MAX_OPTIONS:
                fails.append(
                    Finding(
                        file,
                        item.id,
                        "option-count",
                        f"a single-answer item has {k} options; write {MIN_OPTIONS} or "
                        f"{MAX_OPTIONS} homogeneous, plausible options",
                    )
                )
            if k >= 2:
                probabilities.append(1.0 / k)
                cue = _key_cue(item)
                if cue is not None:
                    report.cued.append({"file": file, "item": item.id, **cue})
                shortest += _key_shortest(item)
        else:
            false = len(item.options) - len(_answer_keys(item))
            if false < MIN_FALSE_OPTIONS:
                fails.append(
                    Finding(
                        file,
                        item.id,
                        "select-all",
                        f"a select-all item with {false} false option(s) (at least "
                        f"{MIN_FALSE_OPTIONS}); better, make it a single best answer",
                    )
                )

    # (a) + (g): key-longest across the bank
    cued = len(report.cued)
    expected = math.fsum(probabilities)
    p_value = poisson_binomial_tail(probabilities, cued)
    allowed_cues = 0
    while allowed_cues <= len(probabilities) and (
        poisson_binomial_tail(probabilities, allowed_cues + 1) >= ALPHA
    ):
        allowed_cues += 1
    m = len(probabilities)
    report.figures["key_longest"] = {
        "items": m,
        "cued": cued,
        "strictly_longest": sum(1 for c in report.cued if c["strictly_longest"]),
        "share": cued / m if m else 0.0,
        "expected": expected,
        "expected_share": expected / m if m else 0.0,
        "p_value": p_value,
        "alpha": ALPHA,
        "allowed": allowed_cues,
    }
    if p_value < ALPHA:
        fails.append(
            Finding(
                BANK,
                "-",
                "key-longest",
                f"the key is a length cue in {cued} of {m} single-answer items "
                f"({cued / m:.0%}); chance expects {expected:.1f} ({expected / m:.0%}), "
                f"p = {p_value:.2g} < {ALPHA}; at most {allowed_cues} allowed: fix "
                f"{cued - allowed_cues} or more of the items listed under 'length cues'",
            )
        )

    # the same cue the other way round (warnings only): a key rarely the longest, or often the
    # shortest, lets a test-wise learner rule options out
    p_below = 1.0 - poisson_binomial_tail(probabilities, cued + 1)
    p_short = poisson_binomial_tail(probabilities, shortest)
    report.figures["key_shortest"] = {"count": shortest, "expected": expected, "p_value": p_short}
    report.figures["key_longest"]["p_value_below"] = p_below
    if m and p_below < ALPHA:
        report.warnings.append(
            f"the key is the longest option less often than chance ({cued} of {m}, chance "
            f"{expected:.1f}; p = {p_below:.2g}): learners can rule out the longest option; "
            "let some keys be the longest"
        )
    if m and p_short < ALPHA:
        report.warnings.append(
            f"the key is strictly the shortest option in {shortest} of {m} single-answer items, "
            f"more than chance ({expected:.1f}; p = {p_short:.2g})"
        )

    # (b): select-all share
    allowed_multiple = math.floor(MAX_MULTIPLE_SHARE * n)
    report.figures["select_all"] = {
        "count": len(multiples),
        "share": len(multiples) / n if n else 0.0,
        "allowed": allowed_multiple,
        "items": [i.id for i in multiples],
    }
    if len(multiples) > allowed_multiple:
        fails.append(
            Finding(
                BANK,
                "-",
                "select-all",
                f"{len(multiples)} select-all items ({len(multiples) / n:.0%}); at most "
                f"{allowed_multiple} ({MAX_MULTIPLE_SHARE:.0%} of {n}), only where the clinical "
                "task is genuinely a list: " + ", ".join(i.id for i in multiples),
            )
        )

    # coverage and size
    per_objective = Counter(i.objective for i in items)
    all_objectives = list(dict.fromkeys([*(objectives or []), *per_objective]))
    counts = {o: per_objective.get(o, 0) for o in all_objectives}
    below = {o: c for o, c in counts.items() if c < MIN_PER_OBJECTIVE}
    for o, c in below.items():
        fails.append(
            Finding(
                f"quizzes/{o.split('.', 1)[0]}.yaml",
                "-",
                "objective-coverage",
                f"objective {o} has {c} item(s); at least {MIN_PER_OBJECTIVE}",
            )
        )
    if n < MIN_ITEMS:
        fails.append(Finding(BANK, "-", "bank-size", f"{n} items in all; at least {MIN_ITEMS}"))
    ordered = [i for i in items if i.ordered]
    vignettes = sum(1 for i in items if is_vignette(i))
    report.figures.update(
        {
            "items": n,
            "by_type": dict(Counter(i.type for i in items)),
            "single": len(singles),
            "objectives": {
                "min": min(counts.values(), default=0),
                "max": max(counts.values(), default=0),
                "below_min": below,
                "per_objective": counts,
            },
            "vignettes": {"count": vignettes, "share": vignettes / n if n else 0.0},
            "ordered": {
                "count": len(ordered),
                "key_first": sum(
                    1 for i in ordered if i.options and i.options[0][0] in _answer_keys(i)
                ),
            },
            "absolute_words": {"flagged": flagged_abs, "allowed": allowed_abs},
        }
    )
    return report


def lint_bank(root: str | Path | None = None, bank: LoadedBank | None = None) -> QualityReport:
    """Build every bank of the course (or ``bank``) and lint it (raises
    :class:`bonemets.datafile.DataFileError` if a bank does not load)."""
    bank = bank or load_bank(root)
    items = build_items("all", bank=bank)
    files = {
        ch: path.relative_to(bank.root).as_posix() if path.is_relative_to(bank.root) else str(path)
        for ch, path in bank.files.items()
    }
    syl = bank.syllabus or syllabus(bank.root)
    return lint(items, files, syl.objectives)
