"""``bonemets case new ID`` (commented template), ``bonemets case schema`` (JSON Schema) and
``bonemets case whatif CASE.yaml FIELD=VALUE,...`` (what would change the evaluation)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..cases import CaseError, load_case
from ..cases.schema import schema_text
from ..cases.template import template
from ..cases.whatif import get_path, parse_path, parse_value, what_if


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("case", help="case files: new template, JSON Schema")
    csub = p.add_subparsers(dest="case_command", metavar="SUBCOMMAND")
    new = csub.add_parser("new", help="write a commented template for a new case")
    new.add_argument("id", help="case id: lower case letters, digits and _")
    new.add_argument("--output", "-o", help="file to write (default: print); refuses to overwrite")
    new.set_defaults(func=run_new)
    sch = csub.add_parser("schema", help="print or write the case JSON Schema")
    sch.add_argument("--output", "-o", help="file to write, e.g. cases/case.schema.json")
    sch.add_argument(
        "--check", action="store_true", help="exit 2 if --output differs from the models"
    )
    sch.set_defaults(func=run_schema)
    wif = csub.add_parser(
        "whatif",
        help="what would change it? try other values of case fields, one at a time",
        description="Edit one field at a time, re-evaluate, and say whether a band or the "
        "pathway changes. Example: bonemets case whatif cases/data/breast_lytic_femur.yaml "
        "lesions[0].size=lt_1_3,1_3_to_2_3 pain.uncontrolled=true",
    )
    wif.add_argument("case", metavar="CASE.yaml")
    wif.add_argument("edits", nargs="+", metavar="FIELD=VALUE[,VALUE...]")
    wif.set_defaults(func=run_whatif)

    def usage(args: argparse.Namespace) -> int:
        p.print_help()
        return 2

    p.set_defaults(func=usage)


def run_new(args: argparse.Namespace) -> int:
    if not re.fullmatch(r"[a-z0-9][a-z0-9_]{0,63}", args.id):
        print(
            f"error: id: {args.id!r} is not allowed; allowed: lower case letters, digits and _ "
            "(starting with a letter or digit, at most 64)",
            file=sys.stderr,
        )
        return 2
    text = template(args.id)
    if not args.output:
        print(text, end="")
        return 0
    out = Path(args.output)
    if out.exists():
        print(f"error: {out}: exists; choose another file or remove it first", file=sys.stderr)
        return 2
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    text = schema_text()
    if not args.output:
        print(text, end="")
        return 0
    out = Path(args.output)
    if args.check:
        if not out.exists() or out.read_text(encoding="utf-8") != text:
            print(
                f"error: {out}: out of date; run bonemets case schema --output {out}",
                file=sys.stderr,
            )
            return 2
        print(f"{out} is up to date")
        return 0
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
    return 0


def _shown(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def run_whatif(args: argparse.Namespace) -> int:
    variations = []
    for edit in args.edits:
        field, sep, values = edit.partition("=")
        try:
            if not sep or not values:
                raise ValueError(f"{edit!r}: expected FIELD=VALUE[,VALUE...]")
            variations.append((parse_path(field), [parse_value(v) for v in values.split(",")]))
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    try:
        case = load_case(args.case)
    except CaseError as exc:
        for p in exc.problems:
            print(f"error: {p}", file=sys.stderr)
        return 2
    data = case.model_dump()
    for edit, (path, _values) in zip(args.edits, variations, strict=True):
        try:
            get_path(data, path)
        except (KeyError, IndexError, TypeError):
            print(f"error: {edit.partition('=')[0]}: not a field of this case", file=sys.stderr)
            return 2
    tried = {(path, repr(v)) for path, values in variations for v in values}
    rows = what_if(case, variations)
    shown = {(r.path, repr(r.value)) for r in rows}
    for row in rows:
        field = args.edits[[p for p, _ in variations].index(row.path)].partition("=")[0]
        print(f"{field} = {_shown(row.value)}: {row.effect} ({row.outcome})")
    for path, value in sorted(tried - shown):
        field = args.edits[[p for p, _ in variations].index(path)].partition("=")[0]
        print(f"{field} = {value}: not allowed by the case model (left out)")
    return 0
