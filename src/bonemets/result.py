"""Plain-data results and citations. Every calculator returns a :class:`Result`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .describe import CitationDescription

__all__ = ["Citation", "Component", "Reason", "Result"]


@dataclass(frozen=True)
class Citation:
    """A primary source. ``key`` is the BibTeX key used by the book's bibliography."""

    key: str
    authors: str
    title: str
    journal: str
    year: int
    details: str = ""
    doi: str = ""
    note: str = ""

    def short(self) -> str:
        first = self.authors.split(",")[0].strip()
        etal = " et al." if "," in self.authors else ""
        return f"{first}{etal}, {self.journal} {self.year}"

    def full(self) -> str:
        det = f";{self.details}" if self.details else ""
        doi = f" doi:{self.doi}" if self.doi else ""
        return f"{self.authors}. {self.title}. {self.journal} {self.year}{det}.{doi}"

    def to_dict(self) -> CitationDescription:
        return {
            "key": self.key,
            "authors": self.authors,
            "title": self.title,
            "journal": self.journal,
            "year": self.year,
            "details": self.details,
            "doi": self.doi,
            "text": self.full(),
        }


@dataclass(frozen=True)
class Component:
    """One scored item: what was chosen and the points it earned."""

    name: str
    label: str
    value: Any
    value_label: str
    points: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "value": self.value,
            "value_label": self.value_label,
            "points": self.points,
        }


@dataclass(frozen=True)
class Reason:
    """One finding behind a screen's decision, with its source."""

    code: str
    text: str
    effect: str  # the status it pushes towards, e.g. "defer", "modify", "contraindicated"
    citation: Citation

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "text": self.text,
            "effect": self.effect,
            "citation": self.citation.short(),
            "citation_key": self.citation.key,
        }


@dataclass(frozen=True)
class Result:
    """What every calculator returns. ``to_dict()`` is exactly the command line's JSON."""

    calculator: str
    title: str
    inputs: dict[str, Any]
    band: str | None
    band_label: str | None
    interpretation: str
    recommendation: str
    citations: tuple[Citation, ...]
    components: tuple[Component, ...] = ()
    score: int | None = None
    score_range: tuple[int, int] | None = None
    values: dict[str, Any] = field(default_factory=dict)
    display: dict[str, str] = field(default_factory=dict)
    reasons: tuple[Reason, ...] = ()
    notes: tuple[str, ...] = ()
    valid: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "calculator": self.calculator,
            "title": self.title,
            "valid": self.valid,
            "inputs": dict(self.inputs),
            "components": [c.to_dict() for c in self.components],
            "score": self.score,
            "score_range": list(self.score_range) if self.score_range else None,
            "values": dict(self.values),
            "display": dict(self.display),
            "band": self.band,
            "band_label": self.band_label,
            "interpretation": self.interpretation,
            "recommendation": self.recommendation,
            "reasons": [r.to_dict() for r in self.reasons],
            "citations": [c.to_dict() for c in self.citations],
            "notes": list(self.notes),
        }
