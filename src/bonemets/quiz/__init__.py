"""The self-assessment quiz bank: questions as data (``quizzes/<chapter>.yaml``).

Modules, each importing only those above it (no cycle):

* :mod:`.cbm`           confidence-based marking (Gardner-Medwin's LAPT scheme), defined once.
* :mod:`.models`        typed items (pydantic v2); the JSON Schema ``quizzes/quiz.schema.json`` is
  made from them.
* :mod:`.markdown`      authored Markdown to safe HTML, and what the renderer would refuse.
* :mod:`.placeholders`  ``{{fact:path}}``, ``{{calc:path}}``, ``{{input:name}}`` in quiz text: engine
  numbers written once, resolved when the bank is built.
* :mod:`.answers`       the engine bridge: the answer of a calculation or fact item
  (``bonemets.calculate`` or a ``bonemets.facts`` path).
* :mod:`.io`            reading one bank file: the hardened loader (:mod:`bonemets.datafile`) and
  the models; problems name file, line, item id and field.
* :mod:`.bank`          every bank, checked against the course (chapters and objectives from
  :mod:`bonemets.syllabus`, cases, the engine, ids unique across banks): ``load_bank``,
  ``validate``, ``check_banks``.
* :mod:`.build`         the built bank: answers from the engine, Markdown rendered. The static
  site and the ipywidgets quiz both read this.
* :mod:`.quality`       the item-quality linter over the built bank (key-length cues, select-all
  share, absolute words, units, ordinal options, option counts, coverage).
* :mod:`.stats`         counts by chapter, objective and type, and the linter's figures.
* :mod:`.results`       learners' exported results files (JSON/CSV, format versions 1 and 2),
  read as untrusted input.
* :mod:`.analyse`       item analysis of learners' first answers: facility, point-biserial
  discrimination, distractor counts, objective means, flags; text and HTML reports.
* :mod:`.export_anki`   the built bank as an Anki deck (genanki).
* :mod:`.export_qti`    the built bank as an IMS QTI 2.1 package.
* :mod:`.validator`     the quiz-bank validator of ``bonemets validate``.

Every problem is a :class:`bonemets.datafile.Problem` (with the item id); :func:`load_bank` raises
:class:`bonemets.datafile.DataFileError` carrying them all.

    >>> from bonemets.quiz import load_bank
    >>> bank = load_bank()          # doctest: +SKIP
"""

from .bank import LoadedBank, check_banks, load_bank, validate
from .build import BuiltItem, build_items
from .stats import stats

__all__ = [
    "BuiltItem",
    "LoadedBank",
    "build_items",
    "check_banks",
    "load_bank",
    "stats",
    "validate",
]
