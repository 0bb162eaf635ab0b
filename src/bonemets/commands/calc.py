"""``bonemets calc NAME key=value ...``: run one calculator and explain the result."""

from __future__ import annotations

import argparse
import json
import sys

from .. import NOTICE
from ..inputs import ECHO_MAX, FieldError, InputError, echo
from ..registry import CALCULATORS, get
from ..result import Result


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "calc",
        help="run a calculator: bonemets calc mirels site=upper_limb ...",
        description="Run one calculator. Inputs as key=value. " + NOTICE,
    )
    p.add_argument("name", nargs="?", help="calculator name (see --list)")
    p.add_argument("inputs", nargs="*", metavar="key=value")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--list", action="store_true", help="list calculators and their inputs")
    p.set_defaults(func=run)


def _parse_pairs(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    errors: list[FieldError] = []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()  # strip before the duplicate check: " site" and "site" are one key
        if not sep or not key:
            errors.append(FieldError(echo(pair), "expected key=value (see bonemets calc --list)"))
        elif key in out:
            errors.append(FieldError(_short(key), "given twice"))
        else:
            out[key] = value
    if errors:
        raise InputError(errors)
    return out


def _short(key: str) -> str:
    """A key as typed if short and printable, else its short echo (messages stay one short line)."""
    return key if len(key) <= 2 * ECHO_MAX and key.isascii() and key.isprintable() else echo(key)


def list_text() -> str:
    lines = []
    for c in CALCULATORS.values():
        lines.append(f"{c.name}: {c.title}")
        for f in c.fields:
            opt = " (optional)" if f.name in c.optional_fields else ""
            lines.append(f"    {f.name}{opt}: {f.allowed()}")
    return "\n".join(lines)


def explain(r: Result) -> str:
    lines = [r.title, "=" * len(r.title)]
    for comp in r.components:
        lines.append(
            f"  {comp.label}: {comp.value_label}  [{comp.points} point"
            f"{'s' if comp.points != 1 else ''}]"
        )
    if r.score is not None:
        lines.append(f"  Total: {r.score} (range {r.score_range[0]}-{r.score_range[1]})")  # type: ignore[index]
    for key, text in r.display.items():
        if key != "score":
            lines.append(f"  {key}: {text}")
    if r.band is not None:
        lines.append(f"Band: {r.band_label} ({r.band})")
    lines.append(f"Interpretation: {r.interpretation}")
    lines.append(f"Recommendation: {r.recommendation}")
    for reason in r.reasons:
        lines.append(f"  - {reason.text} -> {reason.effect} [{reason.citation.short()}]")
    for note in r.notes:
        lines.append(f"Note: {note}")
    lines.append("Sources:")
    lines.extend(f"  - {c.full()}" for c in r.citations)
    lines.append(NOTICE)
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if args.list:
        if args.json:
            from ..registry import calculators

            print(json.dumps(calculators(), indent=2))
        else:
            print(list_text())
        return 0
    try:
        if not args.name:
            raise InputError(
                FieldError("calculator", "missing; allowed: " + ", ".join(CALCULATORS))
            )
        if args.name not in CALCULATORS:  # a short echo, never the whole argument
            raise InputError(
                FieldError(
                    "calculator",
                    f"{echo(args.name)} is not a calculator; allowed: " + ", ".join(CALCULATORS),
                )
            )
        calc = get(args.name)
        result = calc.evaluate_text(_parse_pairs(args.inputs))
    except InputError as exc:
        for e in exc.errors:
            print(f"error: {e.field}: {e.message}", file=sys.stderr)
        if args.json:
            print(json.dumps(exc.to_dict()))
        return 2
    print(json.dumps(result.to_dict(), indent=2) if args.json else explain(result))
    return 0
