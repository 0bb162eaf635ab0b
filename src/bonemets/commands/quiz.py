"""``bonemets quiz``: check, count and build the self-assessment banks (``quizzes/*.yaml``).

bonemets quiz validate [--json] [FILE ...]   every problem, naming file, item id and field
bonemets quiz stats [--json]                 items by chapter, objective and type
bonemets quiz schema [--check]               write (or check) quizzes/quiz.schema.json
bonemets quiz build [CHAPTER|all]            the built items as JSON (answers from the engine)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .. import NOTICE
from ..datafile import DataFileError, find_root


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "quiz",
        help="self-assessment banks: bonemets quiz validate | stats | schema | build",
        description="Check, count and build the quiz banks (quizzes/*.yaml). " + NOTICE,
    )
    p.add_argument("--root", help="the course folder (default: found from the working directory)")
    qs = p.add_subparsers(dest="quiz_command", metavar="ACTION")
    v = qs.add_parser("validate", help="check every bank against the models and the course")
    v.add_argument("files", nargs="*", help="bank files (default: quizzes/*.yaml)")
    v.add_argument("--json", action="store_true")
    s = qs.add_parser("stats", help="items by chapter, objective and type")
    s.add_argument("--json", action="store_true")
    sc = qs.add_parser("schema", help="write quizzes/quiz.schema.json from the models")
    sc.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    b = qs.add_parser("build", help="print the built items as JSON")
    b.add_argument("selection", nargs="?", default="all", help="a chapter id, or all")
    p.set_defaults(func=run, _parser=p)


def schema_text() -> str:
    from ..quiz.models import Bank

    return json.dumps(Bank.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


def _root(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve() if args.root else find_root()


def run(args: argparse.Namespace) -> int:
    from ..quiz.bank import check_banks

    action = getattr(args, "quiz_command", None)
    if action is None:
        args._parser.print_help()
        return 2
    root = _root(args)
    if action == "validate":
        loaded, errors = check_banks(root, args.files or None)
        if args.json:
            print(
                json.dumps({"valid": not errors, "errors": [e.to_dict() for e in errors]}, indent=2)
            )
        for e in errors:
            print(f"error: {e}", file=sys.stderr)
        if not errors and not args.json:
            from ..quiz.stats import stats

            st = stats(root) if args.files else stats(root, bank=loaded)
            print(f"quiz banks valid: {st['items']} items in {len(st['by_chapter'])} chapters")
            if st["uncovered_objectives"]:
                print("objectives with no item: " + ", ".join(st["uncovered_objectives"]))
        return 2 if errors else 0
    if action == "schema":
        path = root / "quizzes" / "quiz.schema.json"
        text = schema_text()
        if args.check:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                print(f"error: {path} is out of date; run: bonemets quiz schema", file=sys.stderr)
                return 1
            print(f"{path} is up to date")
            return 0
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
        return 0
    try:
        if action == "stats":
            from ..quiz.stats import stats

            st = stats(root)
            if args.json:
                print(json.dumps(st, indent=2))
            else:
                print(f"items: {st['items']}")
                for k in ("by_chapter", "by_type"):
                    print(f"{k}: " + ", ".join(f"{a}={n}" for a, n in st[k].items()))
                print(f"computed by the engine: {st['computed']}")
                if st["uncovered_objectives"]:
                    print("objectives with no item: " + ", ".join(st["uncovered_objectives"]))
            return 0
        from ..quiz.build import build_items

        items = build_items(args.selection, root)
        print(json.dumps([i.to_dict() for i in items], indent=2, ensure_ascii=False))
        return 0
    except DataFileError as exc:
        for e in exc.problems:
            print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 2
