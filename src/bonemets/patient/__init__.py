"""The patient model: what a case says about one fictional patient, typed and checked.

This package sits below the pathway and the case tools (it imports only the calculators, for
their vocabulary and ranges), so both can read it::

    from bonemets.patient import Case, Lesion, consistency_problems, PRIMARIES

* :mod:`.model`: the pydantic model of a case file (``Case`` and its parts);
* :mod:`.fields`: engine input fields as pydantic field types (``choice``, ``number`` ...);
* :mod:`.primaries`: each case primary in each score's vocabulary (keyword rows);
* :mod:`.consistency`: the checks that span fields.
"""

from __future__ import annotations

from .consistency import FieldPath, PathProblem, consistency_problems
from .model import Case, Lesion
from .primaries import PRIMARIES, SUBTYPES, PrimaryMap, radiosensitivity_of

__all__ = [
    "PRIMARIES",
    "SUBTYPES",
    "Case",
    "FieldPath",
    "Lesion",
    "PathProblem",
    "PrimaryMap",
    "consistency_problems",
    "radiosensitivity_of",
]
