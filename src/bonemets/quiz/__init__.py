"""The self-assessment quiz bank: questions as data (``quizzes/<chapter>.yaml``).

* :mod:`.models`  typed items (pydantic v2); the JSON Schema ``quizzes/quiz.schema.json`` is made
  from them.
* :mod:`.io`      safe YAML loading and every check that needs context (chapters, objectives,
  calculators, cases, engine placeholders), with errors naming file, item id and field.
* :mod:`.placeholders`  ``{{fact:path}}``, ``{{calc:path}}``, ``{{input:name}}`` in quiz text: engine
  numbers written once, resolved when the bank is built.
* :mod:`.build`   the built bank: calculation answers taken from the engine (``bonemets.calculate``
  or a ``bonemets.facts`` path), Markdown rendered to safe HTML. The static site and the ipywidgets
  quiz both read this.
* :mod:`.stats`   counts by chapter, objective and type.

    >>> from bonemets.quiz import load_bank
    >>> bank = load_bank()          # doctest: +SKIP
"""

from .build import BuiltItem, build_items
from .io import QuizError, QuizValidationError, find_root, load_bank, validate
from .stats import stats

__all__ = [
    "BuiltItem",
    "QuizError",
    "QuizValidationError",
    "build_items",
    "find_root",
    "load_bank",
    "stats",
    "validate",
]
