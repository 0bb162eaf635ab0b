"""Rules name their actions once, and rule texts take their numbers from the constants.

* :meth:`Rule.__call__` stamps each action with the rule's name, so ``Action(...)`` calls in the
  area modules do not repeat it.
* A threshold of ``pathway.thresholds`` or a trial figure of ``bonemets.evidence`` typed into a rule
  text as a literal would drift when the constant changes: the text must format the constant in.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from pathway_variants import variant

from bonemets.evidence import trials
from bonemets.pathway import RULES, Context, thresholds

PATHWAY = Path(__file__).resolve().parents[2] / "src" / "bonemets" / "pathway"


# --- the rule's name is stamped, not repeated ----------------------------------------------------
@pytest.mark.parametrize(
    "case",
    ["prostate_mscc_weak_legs", "breast_widespread_hemibody", "lung_hypercalcaemia_confusion"],
)
def test_every_action_carries_the_rule_that_fired_it(case: str) -> None:
    ev = variant(case)
    ctx = Context(ev.case, ev.results, ev.not_computed)
    seen = 0
    for name, r in RULES.items():
        actions = r(ctx)
        assert all(a.rule == name for a in actions), name
        seen += len(actions)
    assert seen >= 5
    assert {a.rule for a in ev.actions} <= set(RULES)


def test_no_action_call_repeats_its_rule_name() -> None:
    offenders = []
    for path in sorted(PATHWAY.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Action":
                named = {k.arg: k.value for k in node.keywords}
                rule = named.get("rule")
                if isinstance(rule, ast.Constant) and rule.value in RULES:
                    offenders.append(f"{path.name}:{node.lineno}")
                if len(node.args) > 4:
                    offenders.append(f"{path.name}:{node.lineno} (positional)")
    assert not offenders


# --- numbers in rule texts come from the constants ------------------------------------------------
#: Each threshold constant with the phrase it is written in; ``N`` marks the number.
PHRASES: dict[str, str] = {
    "OLIGOMETASTATIC_MAX_LESIONS": r"<= ?N metastases",
    "GOOD_PROGNOSIS_MONTHS": r"survival >= ?N months",
    "SURGERY_MIN_SURVIVAL_MONTHS": r"survival (?:>=|of at least|is under|under) ?N months",
    "BMA_MIN_SURVIVAL_MONTHS": r"survival >= ?N months",
    "AXIAL_CORTICAL_FIXATION_ABOVE_MM": r"(?:axial cortical involvement|axial) (?:above|>) ?N mm",
    "PATCHELL_MAX_PARAPLEGIA_HOURS": r"paraplegia[^.;]{0,40}? N hours",
    "MRI_MSCC_WITHIN_HOURS": r"MRI within N hours",
    "DEESCALATED_INTERVAL_WEEKS": r"(?:every|shorter than) N weeks",
    "DEXAMETHASONE_MSCC_MG": r"dexamethasone N mg",
    "HEMIBODY_UPPER_GY": r"upper[^.;]{0,30}? N Gy|N Gy (?:to the )?upper",
    "HEMIBODY_LOWER_GY": r"lower[^.;]{0,30}? N Gy|N Gy (?:to the )?lower",
    "HCM_RETREAT_AFTER_DAYS": r"at least N days",
    "WEIGHT_LOSS_ABOVE_PERCENT": r"weight loss > ?N%",
    "DISTRESS_REFERRAL_FROM": r"distress[^.;]{0,30}? N\b",
    "FALLS_ASSESSMENT_AGE_FROM": r"age >= ?N\b",
}
_NUMBER = r"(\d+(?:\.\d+)?)"


def _pairs() -> list[tuple[str, tuple[float, float]]]:
    """Two-arm trial outcomes in percent, written "a% vs b%" in a text."""
    return [
        (f"{key}.{name}", (float(v[0]), float(v[1])))
        for key, t in trials().items()
        for name, v in t.outcomes.items()
        if len(v) == 2 and t.units.get(name) == "%"
    ]


def literal_texts(source: str) -> list[tuple[int, str]]:
    """The string literals of a module (f-string pieces included), docstrings left out."""
    tree = ast.parse(source)
    docstrings = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and n.body
        and isinstance(n.body[0], ast.Expr)
        and isinstance(n.body[0].value, ast.Constant)
    }
    return [
        (n.lineno, n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


def typed_numbers(source: str) -> list[str]:
    """Where a literal text types a threshold or a trial figure instead of formatting it in."""
    values = {name: float(getattr(thresholds, name)) for name in PHRASES}
    found = []
    for line, text in literal_texts(source):
        for name, phrase in PHRASES.items():
            for m in re.finditer(phrase.replace("N", _NUMBER), text, re.IGNORECASE):
                if any(g is not None and float(g) == values[name] for g in m.groups()):
                    found.append(f"line {line}: {m[0]!r} is {name}")
        for m in re.finditer(rf"{_NUMBER}% vs {_NUMBER}%", text):
            pair = (float(m[1]), float(m[2]))
            found += [f"line {line}: {m[0]!r} is {k}" for k, v in _pairs() if v == pair]
    return found


def test_phrases_name_real_constants() -> None:
    for name in PHRASES:
        assert isinstance(getattr(thresholds, name), (int, float)), name
    assert len(_pairs()) > 10


@pytest.mark.parametrize("path", sorted(PATHWAY.glob("*.py")), ids=lambda p: p.name)
def test_rule_texts_format_numbers_from_constants(path: Path) -> None:
    assert not typed_numbers(path.read_text(encoding="utf-8"))


def test_the_scan_finds_a_typed_number() -> None:
    source = '''
"""Docstrings may say <= 5 metastases."""
TRIGGER = "A painful lesion; <= 5 metastases in total; expected survival >= 6 months"
TEXT = f"Pain relief is the same ({a}% vs {b}%); retreatment more often (24% vs 6%)."
OK = f"<= {OLIGOMETASTATIC_MAX_LESIONS} metastases, 20 Gy in 5 fractions, 8 Gy single fraction"
'''
    found = typed_numbers(source)
    assert len(found) == 3
    assert "OLIGOMETASTATIC_MAX_LESIONS" in found[0]
    assert "GOOD_PROGNOSIS_MONTHS" in found[1]
    assert "vanderlinden2004.retreatment" in found[2]
