"""``bonemets evaluate CASE.yaml [--json]``: every calculator the case has data for, and the
multidisciplinary pathway grouped by urgency."""

from __future__ import annotations

import argparse
import json
import sys

from .. import NOTICE
from ..cases import CaseError, evaluate_case, load_case
from ..cases.evaluate import CaseEvaluation
from ..pathway.rules import URGENCY_LABELS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "evaluate",
        help="evaluate a case: scores, what is missing, and the pathway",
        description="Run every calculator a case has data for, then the pathway. " + NOTICE,
    )
    p.add_argument("case", metavar="CASE.yaml")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def text(ev: CaseEvaluation) -> str:
    c = ev.case
    title = f"{c.teaching.title} ({c.id}, {c.date.isoformat()})"
    lines = [title, "=" * len(title), "", "Scores and results"]
    for key, r in ev.results.items():
        shown = f"{r.score}" if r.score is not None else ""
        extra = ", ".join(v for k, v in r.display.items() if k != "score")
        band = r.band_label or ""
        lines.append(
            f"  {key}: {' '.join(x for x in (shown, band) if x)}" + (f" [{extra}]" if extra else "")
        )
        src = ", ".join(f"{k}<-{v}" for k, v in ev.inputs_from.get(key, {}).items())
        lines.append(f"      inputs: {src}")
    if ev.not_computed:
        lines += ["", "Not computed (missing or unusable fields; nothing is guessed)"]
        for key, missing in ev.not_computed.items():
            lines.append(f"  {key}: needs {', '.join(missing)}")
    if ev.not_applicable:
        lines += ["", "Not applicable"]
        lines += [f"  {k}: {v}" for k, v in ev.not_applicable.items()]
    for urgency, actions in ev.pathway.items():
        lines += ["", URGENCY_LABELS[urgency]]
        if not actions:
            lines.append("  (none)")
        for a in actions:
            lines.append(f"  - [{a.modality}] {a.action}")
            lines.append(f"      because: {a.trigger}")
            lines.append(f"      rule: {a.rule}; source: {a.citation.short()}")
    lines += ["", "Withheld (the patient's own record rules these out)"]
    if not ev.withheld:
        lines.append("  (none)")
    for w in ev.withheld:
        lines.append(f"  - {w.text()}")
        lines.append(f"      proposed by: {w.action.rule} ({w.action.action})")
    if ev.notes:
        lines += ["", "Notes"] + [f"  - {n}" for n in ev.notes]
    lines += ["", NOTICE]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    try:
        case = load_case(args.case)
    except CaseError as exc:
        for p in exc.problems:
            print(f"error: {p}", file=sys.stderr)
        if args.json:
            print(json.dumps({"valid": False, "problems": [p.to_dict() for p in exc.problems]}))
        return 2
    ev = evaluate_case(case)
    print(json.dumps(ev.to_dict(), indent=2) if args.json else text(ev))
    return 0
