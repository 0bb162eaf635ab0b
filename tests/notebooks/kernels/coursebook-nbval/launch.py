"""The kernel nbval runs every notebook in (``kernel.json`` beside this file): the course's Python
kernel, as ``python -m ipykernel_launcher`` starts it, with three things turned off that cost each
kernel CPU and that no cell's output depends on.

* Python's cycle collector (``gc.disable()``; 0.15-0.19 s per notebook). Reference counting still
  frees every object that is not part of a cycle at once; only unreachable cycles wait until the
  kernel ends (a notebook's kernel lives for one notebook; its memory grows by a few MB at most).
* The debugger: ipykernel imports debugpy at start when it can (0.09 s); here it cannot
  (``kernel_info`` then says ``debugger: false``, which nbval never reads).
* IPython's SQLite history (``--HistoryManager.enabled=False`` in ``kernel.json``): the history
  database in the home folder, shared by every kernel of the suite, is not opened or written.

A learner's kernel has all three on and gives the same outputs: the cells, their order and the
outputs compared are nbval's, unchanged. ``test_nbval_kernel.py`` checks that this kernel differs
from ``python -m ipykernel_launcher`` in these three things only (and in the one environment
variable debugpy's import sets, PYDEVD_USE_FRAME_EVAL).
"""

import gc
import sys

gc.disable()
sys.modules["debugpy"] = None  # `import debugpy` raises ImportError, as if not installed
del sys.path[0]  # this folder; ipykernel_launcher removes its own entry (the kernel adds "" back)

from ipykernel import kernelapp  # noqa: E402

kernelapp.launch_new_instance()
