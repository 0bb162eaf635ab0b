"""``bonemets case new ID`` (commented template) and ``bonemets case schema`` (JSON Schema)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..cases.schema import schema_text
from ..cases.template import template


def register(sub: argparse._SubParsersAction) -> None:
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
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


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
