"""Golden evaluations of the case library, held by tests (``tests/cases/golden/<id>.json``).

    python -m bonemets.cases.golden --check     # exit 2 if any evaluation changed
    python -m bonemets.cases.golden --update    # rewrite them, on purpose, after a reviewed change

Run from the repository root (or pass ``--cases`` and ``--golden``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import evaluate_case, library

DEFAULT_CASES = "cases/data"
DEFAULT_GOLDEN = "tests/cases/golden"


def golden_text(case_id: str, cases: str = DEFAULT_CASES) -> str:
    return render(evaluate_case(library(cases)[case_id]).to_dict())


def render(data: dict) -> str:  # type: ignore[type-arg]
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bonemets.cases.golden", description=__doc__)
    ap.add_argument("--cases", default=DEFAULT_CASES)
    ap.add_argument("--golden", default=DEFAULT_GOLDEN)
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--update", action="store_true")
    mode.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    out = Path(args.golden)
    changed = []
    lib = library(args.cases)
    for cid, case in lib.items():
        text = render(evaluate_case(case).to_dict())
        path = out / f"{cid}.json"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            changed.append(cid)
            if args.update:
                out.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    stale = [p for p in out.glob("*.json") if p.stem not in lib] if out.exists() else []
    if args.update:
        for p in stale:
            p.unlink()
        print(f"updated {len(changed)} of {len(lib)}; removed {len(stale)} stale")
        return 0
    for cid in changed:
        print(f"changed: {cid}", file=sys.stderr)
    for p in stale:
        print(f"stale: {p}", file=sys.stderr)
    return 2 if changed or stale else 0


if __name__ == "__main__":
    sys.exit(main())
