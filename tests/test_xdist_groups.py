"""The tests of an ``xdist_group`` run on one worker under ``./course test`` (``-n auto --dist
loadgroup``): their node ids carry the group suffix that the scheduler groups by (see
``tests/conftest.py``, ``_group_on_one_worker``). Without it, a module's expensive fixture (a book
build, a Pyodide start, a JupyterLab server) runs once per worker."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.xdist_group("xdist-self-test")


def _under_loadgroup(config: pytest.Config) -> bool:
    # on a worker, xdist sets ``loadgroup`` from the controller's ``--dist loadgroup``
    return bool(os.environ.get("PYTEST_XDIST_WORKER")) and bool(
        getattr(config.option, "loadgroup", False)
    )


@pytest.mark.parametrize("n", [1, 2])
def test_a_grouped_test_is_suffixed_with_its_group(request: pytest.FixtureRequest, n: int) -> None:
    if _under_loadgroup(request.config):
        assert request.node.nodeid.endswith("@xdist-self-test"), request.node.nodeid
    else:  # a plain run: node ids are left as they are
        assert "@" not in request.node.nodeid, request.node.nodeid


def test_one_worker_modules_are_grouped(request: pytest.FixtureRequest) -> None:
    conftest = request.config.pluginmanager.getplugin(str(Path(__file__).with_name("conftest.py")))
    assert conftest is not None
    one_worker = conftest.ONE_WORKER_MODULES
    assert one_worker
    items = [i for i in request.session.items if i.nodeid.startswith(one_worker)]
    for item in items:
        assert item.get_closest_marker("xdist_group") is not None, item.nodeid
        if _under_loadgroup(request.config):
            assert "@tests/" in item.nodeid, item.nodeid
