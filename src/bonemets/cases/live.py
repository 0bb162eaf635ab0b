"""A case, live: the JSON-in, JSON-out interface the course's web pages call in the reader's browser.

The case page of the book runs this module in the browser (Pyodide; ``coursebook/static/case``
calls it through ``bonemets-live.js``) and renders what it returns; the book build renders the
case as written from the same functions. Each function takes the case as its YAML text (what the
page embeds; no file system needed) or as case data (a mapping), and plain JSON values; it returns
plain JSON data, never raises for bad input, and computes nothing itself: the case model
(:func:`bonemets.cases.parse_case`) validates, :func:`bonemets.cases.evaluate_case` evaluates,
:mod:`bonemets.cases.whatif` tries single changes, :mod:`bonemets.cases.editable` says what can be
edited.

    form(case)                 -> {"case", "title", "fields": [...], "errors"}
    evaluate(case, edits)      -> {"scores", "pathway", "withheld", "changed", "errors", ...}
    whatif(case, edits)        -> {"rows", "inert", "tried", "errors"}

``edits`` maps a finding's path (``"lesions[0].size"``, as :func:`form` names it) to its new value:
a choice's value, ``true``/``false``, a number, or a number as typed (text, read with the engine's
one grammar, :func:`bonemets.inputs.parse_number_text`: ``"1,2"`` is refused, never guessed);
``null`` is "not recorded". A path that is not an editable finding, or a value the case model
refuses, is an error naming the field, and nothing is evaluated: a bad edit never gives a quietly
different result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..datafile import DataFileError, Problem
from ..inputs import echo, parse_number_text
from ..pathway import Action
from ..pathway.rules import URGENCIES, URGENCY_LABELS
from ..patient import Case
from ..result import Result
from .editable import Finding, case_findings, format_path, get_path, value_label
from .evaluate import CaseEvaluation, evaluate_case
from .io import load_yaml, parse_case
from .whatif import BAND, PATHWAY, action_key, build_case_data, evaluate_data, what_if

__all__ = ["evaluate", "form", "result_summary", "whatif"]

JSON = dict[str, Any]
#: The name problems give a case passed as text (the page's embedded case file).
SOURCE = "case"
#: Values of an edit's key that are not findings' paths but mean "the case as a whole".
CASE_FIELD = "(case)"


@dataclass(frozen=True)
class _Loaded:
    """A validated case with what every call needs: its data, findings and evaluation."""

    case: Case
    base: dict[str, Any]
    findings: tuple[Finding, ...]
    evaluation: CaseEvaluation

    @property
    def by_key(self) -> dict[str, Finding]:
        return {f.key: f for f in self.findings}


class _Refused(Exception):
    def __init__(self, errors: list[JSON]):
        super().__init__(errors)
        self.errors = errors


def _problem(p: Problem) -> JSON:
    return {"path": p.field, "message": p.message, "line": p.line}


@lru_cache(maxsize=8)
def _from_text(text: str) -> _Loaded:
    try:
        doc = load_yaml(SOURCE, text=text)
        case = parse_case(doc.data, SOURCE, doc)
    except DataFileError as exc:
        raise _Refused([_problem(p) for p in exc.problems]) from None
    return _loaded(case)


def _loaded(case: Case) -> _Loaded:
    return _Loaded(case, case.model_dump(), tuple(case_findings(case)), evaluate_case(case))


def _load(case: str | Mapping[str, Any]) -> _Loaded:
    if isinstance(case, str):
        return _from_text(case)
    if isinstance(case, Mapping):
        try:
            return _loaded(parse_case(dict(case), SOURCE))
        except DataFileError as exc:
            raise _Refused([_problem(p) for p in exc.problems]) from None
    message = f"expected the case as YAML text or a mapping, found {type(case).__name__}"
    raise _Refused([{"path": CASE_FIELD, "message": message, "line": None}])


# -- edits -----------------------------------------------------------------------------------
def _same(a: Any, b: Any) -> bool:
    """Equal as case values (a typed 70 is the case's 70; ``True`` is not 1)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    return bool(a == b)


def _value(f: Finding, value: Any) -> Any:
    """An edit's value as case data; raises :class:`ValueError` (a message) for typed text that
    is not a number in the engine's grammar. Anything else goes to the case model as given."""
    if f.kind not in ("integer", "number") or not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return None
    problem = parse_number_text(value, integer=f.kind == "integer")
    if problem is not None:
        raise ValueError(problem.format(text=echo(value)))
    return int(text) if f.kind == "integer" else float(text)


def _edits(loaded: _Loaded, edits: Mapping[str, Any] | None) -> dict[tuple[str | int, ...], Any]:
    """The edits that differ from the case, by path; raises :class:`_Refused` naming each
    unknown field or unreadable number."""
    if edits is None:
        return {}
    if not isinstance(edits, Mapping):
        message = (
            f"expected edits as a mapping of field path to value, found {type(edits).__name__}"
        )
        raise _Refused([{"path": CASE_FIELD, "message": message, "line": None}])
    by_key = loaded.by_key
    out: dict[tuple[str | int, ...], Any] = {}
    errors: list[JSON] = []
    for key, raw in edits.items():
        f = by_key.get(key) if isinstance(key, str) else None
        if f is None:
            message = "not an editable finding of this case; form() lists them"
            errors.append({"path": str(key), "message": message, "line": None})
            continue
        try:
            value = _value(f, raw)
        except ValueError as exc:
            errors.append({"path": f.key, "message": str(exc), "line": None})
            continue
        if not _same(value, get_path(loaded.base, f.path)):
            out[f.path] = value
    if errors:
        raise _Refused(errors)
    return out


def _evaluated(
    loaded: _Loaded, edits: Mapping[str, Any] | None
) -> tuple[Case, CaseEvaluation, dict[tuple[str | int, ...], Any]]:
    """The edited case and its evaluation by the engine; raises :class:`_Refused`."""
    changes = _edits(loaded, edits)
    if not changes:
        return loaded.case, loaded.evaluation, changes
    case, ev, problems = evaluate_data(build_case_data(loaded.base, changes), loaded.case.id)
    if problems or case is None or ev is None:
        raise _Refused([_problem(p) for p in problems])
    return case, ev, changes


# -- what the functions return ----------------------------------------------------------------
def _errors(errors: list[JSON]) -> JSON:
    return {"ok": False, "errors": errors}


def _shown(key: str, value: str) -> str:
    """A displayed value, named when it is a bare number ("ctcae grade 0", but "10.3 mg/dL")."""
    bare = not any(ch.isalpha() for ch in value)
    return f"{key.replace('_', ' ')} {value}" if bare else value


def result_summary(r: Result) -> str:
    """A result in a few words: its total (or displayed values) and its band's label."""
    parts = []
    if r.score is not None:
        parts.append(r.display.get("score", str(r.score)))
    else:
        parts += [_shown(k, v) for k, v in r.display.items() if k != "score"]
    if r.band_label:
        parts.append(r.band_label)
    return "; ".join(parts) if parts else r.interpretation


def _score(key: str, r: Result, was: Result | None) -> JSON:
    if was is None:
        status = "new"
    elif (was.score, was.band, was.display) != (r.score, r.band, r.display):
        status = "changed"
    else:
        status = "same"
    return {
        "key": key,
        "calculator": r.calculator,
        "title": r.title,
        "summary": result_summary(r),
        "score": r.score,
        "score_range": list(r.score_range) if r.score_range else None,
        "display": dict(r.display),
        "band": r.band,
        "band_label": r.band_label,
        "interpretation": r.interpretation,
        "recommendation": r.recommendation,
        "sources": [c.short() for c in r.citations],
        "status": status,
        "was": result_summary(was) if was is not None and status == "changed" else None,
    }


def _action(a: Action, before: set[tuple[str, str, str | None, str]]) -> JSON:
    return {
        "text": a.action,
        "modality": a.modality,
        "trigger": a.trigger,
        "rule": a.rule,
        "lesion": a.lesion,
        "sources": [a.citation.short()],
        "status": "same" if action_key(a) in before else "new",
    }


def _change(f: Finding, old: Any, new: Any) -> JSON:
    values = tuple(v for _, v in f.options)
    return {
        "path": f.key,
        "label": _named(f),
        "old": old,
        "new": new,
        "old_label": value_label(old, values),
        "new_label": value_label(new, values),
    }


def _report(loaded: _Loaded, ev: CaseEvaluation, changes: Mapping[Any, Any]) -> JSON:
    orig = loaded.evaluation
    before = {action_key(a) for a in orig.actions}
    now = {action_key(a) for a in ev.actions}
    by_path = {f.path: f for f in loaded.findings}
    withheld_before = {w.text() for w in orig.withheld}
    return {
        "ok": True,
        "case": loaded.case.id,
        "scores": [_score(k, r, orig.results.get(k)) for k, r in ev.results.items()],
        "removed_scores": [
            {"key": k, "title": r.title, "was": result_summary(r)}
            for k, r in orig.results.items()
            if k not in ev.results
        ],
        "not_computed": [{"key": k, "needs": list(v)} for k, v in ev.not_computed.items()],
        "not_applicable": [{"key": k, "reason": v} for k, v in ev.not_applicable.items()],
        "pathway": [
            {
                "urgency": u,
                "label": URGENCY_LABELS.get(u, u),
                "actions": [_action(a, before) for a in ev.actions if a.urgency == u],
            }
            for u in URGENCIES
        ],
        "removed_actions": [
            {"urgency": a.urgency, "text": a.action, "rule": a.rule}
            for a in orig.actions
            if action_key(a) not in now
        ],
        "withheld": [
            {
                "action": w.action.action,
                "rule": w.action.rule,
                "what": w.what,
                "reason": w.reason,
                "source": w.sources,
                "text": w.text(),
                "status": "same" if w.text() in withheld_before else "new",
            }
            for w in ev.withheld
        ],
        "changed": [_change(by_path[p], get_path(loaded.base, p), v) for p, v in changes.items()],
        "notes": list(ev.notes),
        "errors": [],
    }


# -- the interface ----------------------------------------------------------------------------
def _group(f: Finding) -> str:
    return f"Lesion: {f.where}" if f.where else f.section.capitalize()


def _named(f: Finding) -> str:
    """The finding's label with its group: "Primary: Controlled", "Lesion: left femur: Size"."""
    return f"{_group(f)}: {f.label}"


def _allowed(f: Finding) -> str:
    """What may be entered, as the reader reads it (the options' labels for a choice)."""
    if f.kind in ("choice", "boolean"):
        return "one of: " + ", ".join(label for label, _ in f.options)
    return f.allowed()


def form(case: str | Mapping[str, Any]) -> JSON:
    """Every editable finding of the case, in order, with its allowed values and current value."""
    try:
        loaded = _load(case)
    except _Refused as exc:
        return _errors(exc.errors)
    fields = []
    for f in loaded.findings:
        fields.append(
            {
                "path": f.key,
                "label": f.label,
                "full_label": f.full_label,
                "section": f.section,
                "group": _group(f),
                "kind": f.kind,
                "options": [{"value": v, "label": label} for label, v in f.options],
                "optional": f.optional,
                "value": get_path(loaded.base, f.path),
                "min": f.minimum,
                "max": f.maximum,
                "step": f.step,
                "allowed": _allowed(f),
                "help": f.help,
            }
        )
    return {
        "ok": True,
        "case": loaded.case.id,
        "title": loaded.case.teaching.title,
        "fields": fields,
        "errors": [],
    }


def evaluate(case: str | Mapping[str, Any], edits: Mapping[str, Any] | None = None) -> JSON:
    """The case with ``edits`` evaluated by the engine: scores (with bands and totals, each marked
    ``same``/``changed``/``new`` against the case), what could not be computed, the pathway by
    urgency (each action ``same``/``new``; ``removed_actions``), what the safety table withheld
    with reason and source, and the findings changed. With an error, only ``errors``."""
    try:
        loaded = _load(case)
        _edited, ev, changes = _evaluated(loaded, edits)
    except _Refused as exc:
        return _errors(exc.errors)
    return _report(loaded, ev, changes)


def whatif(case: str | Mapping[str, Any], edits: Mapping[str, Any] | None = None) -> JSON:
    """Which single change of the (edited) case moves a band or the pathway: every other value
    of each finding with few values, tried one at a time (:func:`bonemets.cases.whatif.what_if`).
    ``rows`` lists those that matter, pathway changes first; ``inert`` counts the others."""
    try:
        loaded = _load(case)
        edited, _ev, _changes = _evaluated(loaded, edits)
    except _Refused as exc:
        return _errors(exc.errors)
    findings = [(f, v) for f in case_findings(edited) if (v := f.finite_values()) is not None]
    by_path = {f.path: f for f, _ in findings}
    rows = what_if(edited, [(f.path, v) for f, v in findings])
    tried = [r for r in rows if r.effect not in ("current value",)]
    shown = sorted(
        (r for r in tried if r.effect in (PATHWAY, BAND)),
        key=lambda r: 0 if r.effect == PATHWAY else 1,
    )
    out = []
    for r in shown:
        f = by_path[r.path]
        values = tuple(v for _, v in f.options)
        out.append(
            {
                "path": format_path(r.path),
                "label": _named(f),
                "value": r.value,
                "value_label": value_label(r.value, values),
                "effect": r.effect,
                "outcome": r.outcome,
            }
        )
    return {
        "ok": True,
        "case": loaded.case.id,
        "rows": out,
        "inert": len(tried) - len(shown),
        "tried": len(tried),
        "errors": [],
    }
