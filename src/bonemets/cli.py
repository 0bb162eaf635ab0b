"""The ``bonemets`` command line. Sub-commands live in ``bonemets.commands``, one module each,
listed in :data:`COMMANDS` (a new command is a new module there and one line here).

Exit status: 0 on success, 2 on bad input (one line per problem on stderr). Never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from types import ModuleType

from . import NOTICE
from .commands import calc, case, evaluate, quiz, validate

#: Every sub-command module, in the order of ``bonemets --help``. Each defines
#: ``register(subparsers)``, which adds its parser and sets ``func`` on it.
COMMANDS: tuple[ModuleType, ...] = (calc, case, evaluate, quiz, validate)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bonemets",
        description="Bone Metastases: an interactive course - the clinical engine. " + NOTICE,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse's own usage errors exit 2 already
        return int(exc.code or 0)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return int(func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last guard: a clear line, never a traceback
        print(f"error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
