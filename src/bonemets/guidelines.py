"""The guideline versions the course tracks, what each one replaced, and where the old one may
still be named.

    >>> from bonemets.guidelines import GUIDELINES, guideline
    >>> guideline("nice_ng234").version
    '2023'
    >>> [s.label for s in guideline("nice_ng234").supersedes]
    ['NICE CG75 (2008)']

Each :class:`Guideline` holds the engine's :class:`~bonemets.result.Citation` of the current
version (defined once, beside the rule it supports, and imported here) and the versions it
replaced (:class:`Superseded`). A superseded version may still be the right source for something
narrow -- NICE CG75 is where the corrected revised Tokuhashi table was reproduced -- so each
superseded record lists, as data, the places where naming it is allowed (:class:`Allowed`): a file
pattern and a phrase that must appear near the mention. :func:`scan_text` finds every other
mention; ``tests/book/test_guideline_currency.py`` runs it over the chapters, quiz banks and engine
and fails with file and line. The book's "Guidelines this course tracks" table is generated from
:data:`GUIDELINES` by the ``{guidelines}`` directive (:mod:`coursebook.currency`).
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass

from .result import Citation
from .sources import (
    ALCORN_2024,
    COLEMAN_2020_ESMO,
    EL_HAJJ_FULEIHAN_2023,
    LUTZ_2017,
    NICE_CG75,
    NICE_NG234,
    PANTEL_2023,
    RUGGIERO_2022,
    WHO_1996,
    WHO_2018,
    XGEVA_LABEL,
    ZOMETA_LABEL,
)

__all__ = [
    "CONTEXT_LINES",
    "GUIDELINES",
    "REVIEWED",
    "Allowed",
    "Guideline",
    "Mention",
    "Superseded",
    "cited",
    "guideline",
    "scan_text",
]

#: The date the course's chapters were last checked against the guidelines below (ISO 8601).
REVIEWED = "2026-11-26"

#: Lines either side of a mention searched for an allowed context phrase.
CONTEXT_LINES = 4


@dataclass(frozen=True)
class Allowed:
    """Where a superseded guideline may still be named: files matching ``path`` (a glob relative to
    the repository root), with ``context`` (a case-insensitive regex) within :data:`CONTEXT_LINES`
    lines of the mention; an empty ``context`` allows the whole file."""

    path: str
    context: str
    reason: str


@dataclass(frozen=True)
class Superseded:
    """A replaced version: how it is named in text (``patterns``, case-insensitive regexes) and
    where naming it is still correct (``allowed``)."""

    label: str
    year: int
    patterns: tuple[str, ...]
    allowed: tuple[Allowed, ...] = ()
    citation: Citation | None = None


@dataclass(frozen=True)
class Guideline:
    """One guideline (or label) the course tracks, at the version it teaches."""

    key: str
    name: str
    version: str
    topic: str
    citation: Citation
    chapters: tuple[str, ...]
    supersedes: tuple[Superseded, ...] = ()
    note: str = ""

    @property
    def year(self) -> int:
        return self.citation.year


_DEFINITION = Allowed(
    path="src/bonemets/*",
    context=r"\b[A-Z][A-Z0-9_]* = Citation\(",
    reason="the engine keeps the replaced version's citation record (defined once) so that it can "
    "be named as what was replaced",
)
_TOKUHASHI = Allowed(
    path="*",
    context=r"tokuhashi",
    reason="CG75's Appendix 3 is where the corrected revised Tokuhashi table was reproduced "
    "(with the author's permission); NG234 does not reproduce it",
)
_HISTORY_ASTRO = Allowed(
    path="*",
    context=r"2024",
    reason="named as the version the 2024 guideline replaced",
)
_HISTORY_WHO = Allowed(
    path="*",
    context=r"2018",
    reason="named as the text the 2018 guideline replaced",
)
_HISTORY_NICE = Allowed(
    path="*",
    context=r"NG ?234",
    reason="named as the guideline NG234 replaced",
)

GUIDELINES: tuple[Guideline, ...] = (
    Guideline(
        key="nice_ng234",
        name="NICE NG234",
        version="2023",
        topic="Spinal metastases and metastatic spinal cord compression",
        citation=NICE_NG234,
        chapters=("03_diagnosis", "04_assessment", "13_emergencies"),
        supersedes=(
            Superseded(
                label="NICE CG75 (2008)",
                year=2008,
                patterns=(r"\bCG ?75\b", r"nice2008cg75", r"NICE_CG75", r"clinical guideline 75"),
                allowed=(
                    _DEFINITION,
                    _TOKUHASHI,
                    _HISTORY_NICE,
                    Allowed(
                        path="src/bonemets/scores/tokuhashi.py",
                        context="",
                        reason="the revised Tokuhashi calculator cites the table it reproduces",
                    ),
                    Allowed(
                        path="chapters/calculators/tokuhashi.md",
                        context="",
                        reason="the Tokuhashi calculator page",
                    ),
                ),
                citation=NICE_CG75,
            ),
        ),
    ),
    Guideline(
        key="astro_2024",
        name="ASTRO bone metastases guideline",
        version="2024",
        topic="Palliative external beam radiotherapy for symptomatic bone metastases",
        citation=ALCORN_2024,
        chapters=("07_radiotherapy", "09_surgery", "13_emergencies"),
        supersedes=(
            Superseded(
                label="ASTRO update (Lutz 2017)",
                year=2017,
                patterns=(
                    r"lutz2017",
                    r"LUTZ_2017",
                    r"ASTRO (?:evidence-based )?(?:guideline|update),? 2017",
                    r"ASTRO 2017",
                    r"Lutz S[^;\n]{0,40}2017",
                ),
                allowed=(_DEFINITION, _HISTORY_ASTRO),
                citation=LUTZ_2017,
            ),
        ),
    ),
    Guideline(
        key="esmo_2020_bone_health",
        name="ESMO bone health in cancer",
        version="2020",
        topic="Bone-modifying agents, bone health and treatment-induced bone loss",
        citation=COLEMAN_2020_ESMO,
        chapters=("06_bone_modifying_agents", "14_supportive_care"),
    ),
    Guideline(
        key="endocrine_society_2023",
        name="Endocrine Society hypercalcaemia of malignancy",
        version="2023",
        topic="Treatment of hypercalcaemia of malignancy in adults",
        citation=EL_HAJJ_FULEIHAN_2023,
        chapters=("13_emergencies",),
    ),
    Guideline(
        key="who_2018_cancer_pain",
        name="WHO cancer pain guidelines",
        version="2018",
        topic="Pharmacological and radiotherapeutic management of cancer pain",
        citation=WHO_2018,
        chapters=("11_pain",),
        supersedes=(
            Superseded(
                label="WHO Cancer pain relief (1996)",
                year=1996,
                patterns=(r"who1996", r"WHO_1996", r"WHO 1996", r"Cancer pain relief"),
                allowed=(
                    _DEFINITION,
                    _HISTORY_WHO,
                    Allowed(
                        path="src/bonemets/*pain.py",
                        context=r"ladder|step",
                        reason="the three-step analgesic ladder is defined in the 1986/1996 "
                        "text; the 2018 guideline is the current authority for treatment",
                    ),
                ),
                citation=WHO_1996,
            ),
        ),
    ),
    Guideline(
        key="snmmi_eanm_2023",
        name="SNMMI/EANM palliative bone radionuclide therapy",
        version="2023",
        topic="Bone-seeking radiopharmaceuticals",
        citation=PANTEL_2023,
        chapters=("08_radiopharmaceuticals",),
    ),
    Guideline(
        key="aaoms_2022",
        name="AAOMS position paper on MRONJ",
        version="2022",
        topic="Medication-related osteonecrosis of the jaw: definition and staging",
        citation=RUGGIERO_2022,
        chapters=("06_bone_modifying_agents",),
    ),
    Guideline(
        key="label_zoledronic_acid",
        name="Zometa (zoledronic acid) label",
        version=str(ZOMETA_LABEL.year),
        topic="Zoledronic acid dosing, renal adjustment and hypercalcaemia of malignancy",
        citation=ZOMETA_LABEL,
        chapters=("06_bone_modifying_agents", "13_emergencies"),
    ),
    Guideline(
        key="label_denosumab",
        name="Xgeva (denosumab) label",
        version=str(XGEVA_LABEL.year),
        topic="Denosumab 120 mg: dosing, hypocalcaemia, discontinuation",
        citation=XGEVA_LABEL,
        chapters=("06_bone_modifying_agents", "13_emergencies"),
    ),
)


def guideline(key: str) -> Guideline:
    """The tracked guideline with this key; :class:`KeyError` names the keys allowed."""
    for g in GUIDELINES:
        if g.key == key:
            return g
    raise KeyError(
        f"{key!r}: not a tracked guideline; allowed: {', '.join(g.key for g in GUIDELINES)}"
    )


def cited() -> dict[str, Citation]:
    """Every citation of the registry (current and superseded versions), by BibTeX key."""
    out: dict[str, Citation] = {}
    for g in GUIDELINES:
        out[g.citation.key] = g.citation
        for s in g.supersedes:
            if s.citation is not None:
                out[s.citation.key] = s.citation
    return out


@dataclass(frozen=True)
class Mention:
    """A superseded guideline named where no allowed context covers it."""

    path: str
    line: int
    label: str
    current: str
    text: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: names {self.label}, superseded by {self.current} "
            f"-> {self.text.strip()[:120]}"
        )


def _allowed(rule: Allowed, path: str, lines: list[str], index: int) -> bool:
    if not fnmatch.fnmatch(path, rule.path):
        return False
    if not rule.context:
        return True
    lo, hi = max(0, index - CONTEXT_LINES), min(len(lines), index + CONTEXT_LINES + 1)
    window = "\n".join(lines[lo:hi])
    return re.search(rule.context, window, flags=re.IGNORECASE) is not None


def scan_text(text: str, path: str) -> list[Mention]:
    """Mentions of superseded guidelines in ``text`` (the file at repository-relative ``path``)
    that no :class:`Allowed` rule covers."""
    lines = text.splitlines()
    out: list[Mention] = []
    for g in GUIDELINES:
        current = f"{g.name} ({g.version})"
        for s in g.supersedes:
            pattern = re.compile("|".join(f"(?:{p})" for p in s.patterns), re.IGNORECASE)
            for i, line in enumerate(lines):
                if not pattern.search(line):
                    continue
                if any(_allowed(rule, path, lines, i) for rule in s.allowed):
                    continue
                out.append(Mention(path, i + 1, s.label, current, line))
    return out
