"""Patient cases: typed case files, safe loading, and evaluation through the pathway.

Public API (the case simulator and the book build on these names)::

    from bonemets.cases import load_case, parse_case, evaluate_case, library, CaseError, Problem

    case = load_case("cases/data/breast_lytic_femur.yaml")   # -> Case (pydantic model)
    case = parse_case(data_dict, source="what-if")           # validate a dict (after an edit)
    ev = evaluate_case(case)                                  # -> CaseEvaluation
    ev.results            # dict[str, bonemets.Result]; per lesion "mirels:left_femur"
    ev.not_computed       # dict[str, list[str]]: calculator -> case fields it still needs
    ev.not_applicable     # dict[str, str]: calculator -> why it does not apply to this case
    ev.inputs_from        # dict[str, dict[str, str]]: calculator -> input -> case field
    ev.actions            # list[bonemets.pathway.Action]: urgency ("emergency" | "urgent" |
                          # "planned"), modality, action, trigger, rule, citation, lesion
    ev.pathway            # the actions grouped by urgency
    ev.withheld           # list[bonemets.pathway.Withheld]: actions the safety table blocked
                          # (bonemets.pathway.safety), each with reason and sources
    ev.to_dict()          # exactly the JSON of `bonemets evaluate CASE --json`
    library("cases/data") # dict[str, Case], by case id

``load_case`` and ``parse_case`` raise :class:`CaseError`, whose ``problems`` is a list of
:class:`Problem` (``file``, ``field``, ``line``, ``message``). Every rule of the pathway is in
``bonemets.pathway.RULES``. Cases are fictional and for teaching only.

Where things are: the patient model a case holds is :mod:`bonemets.patient` (below the pathway);
which case field feeds which calculator input is one adapter per calculator,
:mod:`bonemets.cases.inputs` (``inputs/<calculator>.py``); :mod:`bonemets.cases.whatif` tries one
change at a time ("what would change it?").
"""

from __future__ import annotations

import os
from pathlib import Path

from ..patient import Case, Lesion
from .evaluate import CaseEvaluation, evaluate_case
from .io import CaseError, Problem, load_case, load_yaml, parse_case

__all__ = [
    "Case",
    "CaseError",
    "CaseEvaluation",
    "Lesion",
    "Problem",
    "evaluate_case",
    "library",
    "load_case",
    "load_yaml",
    "parse_case",
]


def library(path: str | os.PathLike[str] = "cases/data") -> dict[str, Case]:
    """Every case in ``path`` (``*.yaml``), by id, sorted. Raises :class:`CaseError` listing all
    problems of all files (including duplicate ids)."""
    out: dict[str, Case] = {}
    problems: list[Problem] = []
    for file in sorted(Path(path).glob("*.yaml")):
        try:
            case = load_case(file)
        except CaseError as exc:
            problems.extend(exc.problems)
            continue
        if case.id in out:
            problems.append(Problem(str(file), "id", None, f"duplicate case id {case.id!r}"))
            continue
        out[case.id] = case
    if problems:
        raise CaseError(problems)
    return out
