"""The kernel nbval runs the notebooks in (``kernels/coursebook-nbval``) is the kernel nbval's
``--nbval-current-env`` starts (``python -m ipykernel_launcher`` in this environment, as a
learner's Jupyter starts it) with the debugger, the SQLite history and the cycle collector off,
and differs from it in nothing else a notebook's code or outputs can see: the same interpreter,
module search path, folder, environment, namespace, display formatters, hooks, warning filters
and IPython configuration.

Both kernels are started by nbval's own ``start_new_kernel``, from the same case folder, with the
environment ``run_nbval`` gives nbval.
"""

from __future__ import annotations

import json

import pytest

from .nbval_run import KERNEL_NAME, ROOT, nbval_command, nbval_env

#: Printed by each kernel: what the three changes turn off, then what a notebook can see.
PROBE = """
import gc, json, os, sys, threading, warnings
_ip = get_ipython()
print(json.dumps({
    "collector": gc.isenabled(),
    "debugger": sys.modules.get("debugpy") is not None and hasattr(_ip.kernel, "debugger"),
    "history": _ip.history_manager.enabled,
    "executable": sys.executable,
    "flags": repr(sys.flags),
    "path": sys.path,  # as the learner's: without the launcher's folder
    "cwd": os.getcwd(),
    "environ": dict(os.environ),
    "namespace": sorted(k for k in _ip.user_ns if not k.startswith("_")),
    "formatters": sorted(_ip.display_formatter.active_types),
    "hooks": [
        getattr(h, "__qualname__", type(h).__qualname__)
        for h in (sys.displayhook, sys.excepthook, threading.excepthook, sys.gettrace(),
                  threading.gettrace(), sys.getprofile())
    ],
    "warnings": [repr(f) for f in warnings.filters],
    "recursion": sys.getrecursionlimit(),
    "config": {k: repr({n: x for n, x in v.items() if n != "connection_file"})
               for k, v in _ip.config.items() if k != "HistoryManager"},
}, sort_keys=True))
"""

#: The three things the nbval kernel turns off (True in a learner's kernel).
OFF = ("collector", "debugger", "history")


def kernel_state(name: str) -> dict:
    from nbval.kernel import start_new_kernel

    km, kc = start_new_kernel(kernel_name=name, cwd=str(ROOT / "cases"))
    out: list[str] = []

    def collect(msg: dict) -> None:
        if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
            out.append(msg["content"]["text"])

    try:
        reply = kc.execute_interactive(PROBE, timeout=60, output_hook=collect)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert reply["content"]["status"] == "ok", reply["content"]
    return json.loads("".join(out))


def test_the_nbval_kernel_is_a_learners_kernel_without_debugger_history_and_collector(
    monkeypatch: pytest.MonkeyPatch,
):
    from nbval.kernel import CURRENT_ENV_KERNEL_NAME

    assert f"--nbval-kernel-name={KERNEL_NAME}" in nbval_command([ROOT / "cases" / "a.ipynb"])
    for key, value in nbval_env().items():  # the lookup of the kernelspec reads JUPYTER_PATH
        monkeypatch.setenv(key, value)
    learner = kernel_state(CURRENT_ENV_KERNEL_NAME)
    nbval = kernel_state(KERNEL_NAME)
    assert {k: learner[k] for k in OFF} == dict.fromkeys(OFF, True)
    assert {k: nbval[k] for k in OFF} == dict.fromkeys(OFF, False)
    # the one variable debugpy's import sets (pydevd's), in the learner's kernel only
    assert learner["environ"].pop("PYDEVD_USE_FRAME_EVAL") == "NO"
    same = set(learner) - set(OFF)
    assert {k: nbval[k] for k in same} == {k: learner[k] for k in same}
    assert nbval["cwd"] == str(ROOT / "cases") and not any("kernels" in p for p in nbval["path"])
