"""``bonemets quiz``: check, count and build the self-assessment banks (``quizzes/*.yaml``).

bonemets quiz validate [--json] [FILE ...]   every problem, naming file, item id and field
bonemets quiz stats [--json] [--check]       items by chapter, objective and type, and the
                                             item-quality linter (--check: exit 1 if it fails)
bonemets quiz schema [--check]               write (or check) quizzes/quiz.schema.json
bonemets quiz build [CHAPTER|all]            the built items as JSON (answers from the engine)
bonemets quiz export --format anki|qti OUT   the built bank as an Anki deck (.apkg) or an IMS
                                             QTI 2.1 package (.zip)
bonemets quiz analyse RESULTS... [--html OUT] [--json]
                                             item analysis of learners' exported results
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
    s = qs.add_parser(
        "stats",
        help="items by chapter, objective and type, and the item-quality linter",
        description="Counts of the bank and the item-quality linter's figures and failures "
        "(rules: bonemets.quiz.quality). Exit 0 unless --check is given and a rule fails.",
    )
    s.add_argument("--json", action="store_true")
    s.add_argument(
        "--check", action="store_true", help="exit 1 if the item-quality linter finds a failure"
    )
    sc = qs.add_parser("schema", help="write quizzes/quiz.schema.json from the models")
    sc.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    b = qs.add_parser("build", help="print the built items as JSON")
    b.add_argument("selection", nargs="?", default="all", help="a chapter id, or all")
    e = qs.add_parser(
        "export",
        help="the built bank as an Anki deck or an IMS QTI 2.1 package",
        description="anki: one note per item (question and options; answer, explanation and "
        "source), a subdeck per chapter, GUIDs from the item ids (bonemets.quiz.export_anki). "
        "qti: an IMS QTI 2.1 content package, one assessmentItem per item "
        "(bonemets.quiz.export_qti).",
    )
    e.add_argument("--format", required=True, choices=("anki", "qti"))
    e.add_argument("out", help="the file to write (.apkg for anki, .zip for qti)")
    e.add_argument("--chapters", default="all", help="a chapter id, several (a,b), or all")
    a = qs.add_parser(
        "analyse",
        help="item analysis of learners' exported quiz results (JSON or CSV)",
        description="Facility, point-biserial discrimination and distractor counts per item, "
        "mean score per objective, and flags, from the FIRST answer of each learner to each "
        "item (bonemets.quiz.analyse). One file per learner: the site's or the Jupyter quiz's "
        "export, format version 1 or 2.",
    )
    a.add_argument("results", nargs="+", help="results files (.json or .csv), one per learner")
    a.add_argument("--html", metavar="OUT", help="also write an HTML report (self-contained)")
    a.add_argument("--json", action="store_true", help="print the analysis as JSON")
    a.add_argument(
        "--skip-bad",
        action="store_true",
        help="analyse the readable files when some are refused (else exit 2 on any problem)",
    )
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
            from ..quiz.bank import load_bank
            from ..quiz.quality import lint_bank
            from ..quiz.stats import stats

            bank = load_bank(root)
            st = stats(root, bank=bank)
            report = lint_bank(bank=bank)
            st["quality"] = report.to_dict()
            if args.json:
                print(json.dumps(st, indent=2))
            else:
                print(f"items: {st['items']}")
                for k in ("by_chapter", "by_type"):
                    print(f"{k}: " + ", ".join(f"{a}={n}" for a, n in st[k].items()))
                print(f"computed by the engine: {st['computed']}")
                if st["uncovered_objectives"]:
                    print("objectives with no item: " + ", ".join(st["uncovered_objectives"]))
                print("\n".join(report.lines()))
            return 1 if args.check and not report.passed else 0
        if action == "export":
            return _export(args, root)
        if action == "analyse":
            return _analyse(args, root)
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


def _export(args: argparse.Namespace, root: Path) -> int:
    from ..quiz.bank import load_bank
    from ..quiz.build import build_items

    bank = load_bank(root)
    items = build_items(args.chapters, bank=bank)
    out = Path(args.out)
    if args.format == "anki":
        from ..quiz.export_anki import write_apkg

        chapters = list(bank.syllabus.chapters) if bank.syllabus else []
        n = write_apkg(items, out, chapters)
        print(f"wrote {out}: Anki deck, {n} notes")
    else:
        from ..quiz.export_qti import write_qti

        n = write_qti(items, out)
        print(f"wrote {out}: IMS QTI 2.1 package, {n} items")
    return 0


def _analyse(args: argparse.Namespace, root: Path) -> int:
    from ..quiz.analyse import analyse, html_report, text_report
    from ..quiz.build import build_items
    from ..quiz.results import LearnerResults, ResultsError, read_results

    learners: list[LearnerResults] = []
    refused = 0
    for path in args.results:
        try:
            learners.append(read_results(path))
        except ResultsError as exc:
            refused += 1
            for problem in exc.problems:
                print(f"error: {problem}", file=sys.stderr)
    if refused and not args.skip_bad:
        print(
            f"error: {refused} file(s) refused; fix them, or --skip-bad to analyse the rest",
            file=sys.stderr,
        )
        return 2
    if not learners:
        print("error: no readable results file", file=sys.stderr)
        return 2
    analysis = analyse(learners, build_items("all", root))
    if args.html:
        Path(args.html).write_text(html_report(analysis), encoding="utf-8")
    if args.json:
        print(json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(text_report(analysis))
        if args.html:
            print(f"wrote {args.html}")
    return 0
