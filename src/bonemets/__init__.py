"""bonemets: the clinical engine of the course *Bone Metastases: an interactive course*.

Educational use only, not clinical advice.

    >>> import bonemets
    >>> r = bonemets.calculate("mirels", site="peritrochanteric", pain="functional",
    ...                        lesion="lytic", size="gt_2_3")
    >>> r.score, r.band
    (12, 'high')

Every score and rule is defined once, in a module named for it (``bonemets.scores.mirels``,
``bonemets.formulas.renal`` ...), with its primary citation beside it.
"""

from .inputs import FieldError, InputError
from .registry import CALCULATORS, all_citations, calculate, calculators, get
from .result import Citation, Component, Reason, Result

NOTICE = "Educational use only, not clinical advice."

__all__ = [
    "CALCULATORS",
    "NOTICE",
    "Citation",
    "Component",
    "FieldError",
    "InputError",
    "Reason",
    "Result",
    "all_citations",
    "calculate",
    "calculators",
    "get",
]
__version__ = "0.1.0"
