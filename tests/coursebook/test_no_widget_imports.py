"""The book build loads no widget code: importing the Sphinx extension (and the altair charts it
embeds) imports neither ipywidgets nor the ``widgets`` package."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

WIDGET_MODULES = ("ipywidgets", "widgets")


def imported_after(statement: str) -> set[str]:
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=120
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "statement",
    [
        "import coursebook",
        "import coursebook.charts, coursebook.notebooks",
        "import charts.render, charts.scores, charts.kit, charts.palette, charts.server",
    ],
)
def test_no_ipywidgets(statement: str) -> None:
    modules = imported_after(statement)
    assert statement.split()[1].split(".")[0].rstrip(",") in modules  # the import did happen
    loaded = sorted(m for m in modules if m.split(".")[0] in WIDGET_MODULES)
    assert loaded == [], f"{statement!r} loaded widget code: {loaded}"


def test_every_chart_module_is_widget_free() -> None:
    import pkgutil

    import charts

    names = [f"charts.{m.name}" for m in pkgutil.iter_modules(charts.__path__)]
    assert {"charts.kit", "charts.palette", "charts.render", "charts.scores"} <= set(names)
    modules = imported_after("import " + ", ".join(names))
    assert not [m for m in modules if m.split(".")[0] in WIDGET_MODULES]
