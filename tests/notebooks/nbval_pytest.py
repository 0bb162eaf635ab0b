"""``python -m pytest`` for nbval's run (``nbval_run.py``), with one cost of nbval removed.

nbval (0.11) logs every kernel message at DEBUG level with the message already pretty-printed:
``logger.debug("...%s", stream, pformat(msg))``. The logger is not enabled for DEBUG, so the text
is thrown away, but ``pformat`` of each message (the big chart outputs included) has run: about
0.2 s of CPU per case notebook (3 notebooks: 9.6 s -> 9.1 s for the whole nbval run). Here
``pformat`` is made lazy: the message is formatted only if a log record is actually written (as
``logging`` does with its ``%s`` arguments). Nothing nbval compares or reports changes
(``test_nbval.py`` checks that the lazy text is nbval's).

Usage (as ``python -m pytest``, from the same folder): ``python nbval_pytest.py ARGS...``.
"""

from __future__ import annotations

import os
import pprint
import sys
from typing import Any


class LazyFormat:
    """``pprint.pformat(obj)``, computed only when the text is asked for."""

    __slots__ = ("obj",)

    def __init__(self, obj: Any) -> None:
        self.obj = obj

    def __str__(self) -> str:
        return pprint.pformat(self.obj)

    __repr__ = __str__


class QuietNbval:
    """A pytest plugin: once nbval is loaded (by its entry point), its ``pformat`` is made lazy."""

    @staticmethod
    def pytest_configure(config: Any) -> None:
        import nbval.kernel

        assert nbval.kernel.pformat is pprint.pformat, "nbval changed: review nbval_pytest.py"
        nbval.kernel.pformat = LazyFormat


if __name__ == "__main__":
    import pytest

    sys.path[0] = os.getcwd()  # as `python -m pytest` has it (not this file's folder)
    code = pytest.main(sys.argv[1:], plugins=[QuietNbval()])
    sys.stdout.flush()
    raise SystemExit(code)
