"""The editable findings of a case, read from the case model (``bonemets.patient.model``).

What the case simulator (``widgets.simulator``), the browser's live case (:mod:`.live`) and
"what would change it?" (:mod:`.whatif`) offer for editing; moved here from ``widgets.findings``
(which re-exports it) so that the engine alone, in the reader's browser, has it.

Each :class:`Finding` is one scalar field of a case (a choice, a yes/no, a number) at its path in
the case data (``("lesions", 0, "size")``). Which fields exist, their allowed values and ranges all
come from the pydantic models, which take them from the engine's own input fields; option labels
are the engine's labels wherever the same set of values is an engine choice. Narrative fields (text,
dates, lists of treatments) are not findings and are not offered for editing.
"""

from __future__ import annotations

import dataclasses
import types
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from ..inputs import Choice
from ..patient.fields import OneOf

__all__ = ["Finding", "case_findings", "format_path", "get_path", "value_label"]

Path = tuple[str | int, ...]

#: Case sections whose scalar fields are findings, in the order shown.
SECTIONS = (
    "patient",
    "primary",
    "performance",
    "neurology",
    "metastases",
    "lesions",
    "labs",
    "pain",
    "prognosis",
    "comorbidities",
    "treatments",
    "dental",
    "social",
)
#: Fields that identify rather than describe (editing them is not a what-if).
IDENTITY = {"id", "bone", "side", "date"}


@dataclass(frozen=True)
class Finding:
    path: Path
    section: str
    label: str
    kind: str  # "choice" | "boolean" | "integer" | "number"
    options: tuple[tuple[str, Any], ...] = ()
    optional: bool = False
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None
    help: str = ""
    where: str = ""  # the lesion a lesion finding belongs to ("left femur (peritrochanteric)")

    @property
    def full_label(self) -> str:
        return f"{self.where}: {self.label}" if self.where else self.label

    @property
    def key(self) -> str:
        return format_path(self.path)

    def allowed(self) -> str:
        if self.kind in ("choice", "boolean"):
            return "one of " + ", ".join(str(v) for _, v in self.options)
        lo = "" if self.minimum is None else f"{self.minimum:g}"
        hi = "" if self.maximum is None else f"{self.maximum:g}"
        step = f" in steps of {self.step:g}" if self.step not in (None, 1) else ""
        whole = "a whole number" if self.kind == "integer" else "a number"
        return f"{whole} from {lo} to {hi}{step}" if lo and hi else whole

    def finite_values(self, limit: int = 11) -> list[Any] | None:
        """Every allowed value when there are at most ``limit`` (choices, yes/no, KPS, NRS)."""
        if self.kind in ("choice", "boolean"):  # not 29 vertebral levels or every primary site
            return [v for _, v in self.options] if len(self.options) <= limit else None
        if self.kind == "integer" and self.minimum is not None and self.maximum is not None:
            step = int(self.step or 1)
            values = list(range(int(self.minimum), int(self.maximum) + 1, step))
            return values if len(values) <= limit else None
        return None


def format_path(path: Path) -> str:
    """``("lesions", 0, "size")`` -> ``lesions[0].size`` (as the case validator writes it)."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def get_path(data: Any, path: Path) -> Any:
    for part in path:
        if data is None:
            return None
        data = data[part]
    return data


@cache
def _engine_labels() -> dict[tuple[str, ...], dict[str, str]]:
    """Option labels of every engine choice, keyed by its tuple of values."""
    out: dict[tuple[str, ...], dict[str, str]] = {}
    from .. import CALCULATORS

    for calc in CALCULATORS.values():
        fields = list(calc.fields)
        fields += [c.input for c in getattr(calc, "components", ())]
        for f in fields:
            if isinstance(f, Choice):
                out.setdefault(tuple(sorted(f.values)), dict(f.options))
    return out


def value_label(value: Any, values: tuple[Any, ...] = ()) -> str:
    """A human label for a case value (the engine's label when the engine has this choice)."""
    if value is None:
        return "not recorded"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        from ..patient import PRIMARIES

        if set(values) == set(PRIMARIES) and value in PRIMARIES:
            return PRIMARIES[value].label
        labels = _engine_labels().get(tuple(sorted(values)), {})
        return labels.get(value, value.replace("_", " "))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _unwrap(tp: Any) -> tuple[Any, bool, list[Any]]:
    """(inner type, optional, metadata) through Optional[...] and Annotated[...]."""
    optional = False
    meta: list[Any] = []
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp, *extra = get_args(tp)
            for m in extra:
                meta.append(m)
                meta.extend(getattr(m, "metadata", ()) or ())
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            optional = optional or len(args) < len(get_args(tp))
            if len(args) != 1:
                return tp, optional, meta  # a real union (date | "never"): not a finding
            tp = args[0]
        else:
            return tp, optional, meta


def _bounds(meta: list[Any]) -> tuple[float | None, float | None, float | None]:
    lo = hi = step = None
    for m in meta:
        lo = getattr(m, "ge", lo) if getattr(m, "ge", None) is not None else lo
        lo = getattr(m, "gt", lo) if getattr(m, "gt", None) is not None else lo
        hi = getattr(m, "le", hi) if getattr(m, "le", None) is not None else hi
        hi = getattr(m, "lt", hi) if getattr(m, "lt", None) is not None else hi
        if getattr(m, "multiple_of", None) is not None:
            step = m.multiple_of
    return lo, hi, step


ACRONYMS = {"kps": "KPS", "ecog": "ECOG", "nrs": "NRS", "escc": "ESCC", "anc": "ANC", "who": "WHO"}


UNITS = {"cm", "mm", "kg", "days", "months", "years", "weeks"}


def _humanise(name: str) -> str:
    words = [ACRONYMS.get(w, w) for w in name.split("_")]
    if len(words) > 1 and words[-1] in UNITS:
        words[-1] = f"({words[-1]})"
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _label(name: str, description: str) -> str:
    """The model's own short description when it has one ("Karnofsky performance status (%)")."""
    if description and len(description) <= 45 and ";" not in description:
        return description[:1].upper() + description[1:]
    return _humanise(name)


def _finding(name: str, info: Any, path: Path, section: str, prefix: str) -> Finding | None:
    tp, optional, meta = _unwrap(info.annotation)
    meta = [*info.metadata, *meta]
    optional = optional or not info.is_required()
    desc = info.description or next(
        (m.description for m in meta if getattr(m, "description", None)), ""
    )
    if prefix and name == "value":  # a lab's value: "Calcium"; its unit: "Calcium unit"
        label = prefix.strip()
    elif prefix:
        label = prefix + _label(name, desc or "").lower()
    else:
        label = _label(name, desc or "")
    common: dict[str, Any] = dict(
        path=path, section=section, label=label, optional=optional, help=desc or ""
    )
    one_of = next((m for m in meta if isinstance(m, OneOf)), None)
    if one_of is not None or get_origin(tp) is Literal:
        values = one_of.values if one_of is not None else get_args(tp)
        opts = tuple((value_label(v, values), v) for v in values)
        return Finding(kind="choice", options=opts, **common)
    if tp is bool:
        return Finding(kind="boolean", options=(("yes", True), ("no", False)), **common)
    if tp in (int, float):
        lo, hi, step = _bounds(meta)
        kind = "integer" if tp is int else "number"
        return Finding(kind=kind, minimum=lo, maximum=hi, step=step, **common)
    return None


def _model_of(tp: Any) -> type[BaseModel] | None:
    inner, _opt, _meta = _unwrap(tp)
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


def _walk(
    model: type[BaseModel], path: Path, section: str, prefix: str, data: Any
) -> list[Finding]:
    out: list[Finding] = []
    for name, info in model.model_fields.items():
        if name in IDENTITY:
            continue
        sub = _model_of(info.annotation)
        if sub is not None:
            sub_data = None if data is None else data.get(name)
            found = _walk(sub, (*path, name), section, f"{prefix}{_humanise(name)} ", sub_data)
            required = {n for n, i in sub.model_fields.items() if i.is_required()}
            names = {f.path[-1] for f in found}
            if sub_data is None and not required <= names:
                continue  # absent, and it needs fields that are not findings (a start date)
            out.extend(found)
            continue
        f = _finding(name, info, (*path, name), section, prefix)
        if f is not None:
            out.append(f)
    return out


def _lesion_findings(case: Any, i: int) -> list[Finding]:
    from ..patient import model as models

    les = case.lesions[i]
    skip: set[str] = set()
    if not les.is_spine:
        skip.update(models.SPINE_ONLY)
    if not les.is_long_bone:
        skip.update(models.LONG_BONE_ONLY)
    pain_values = models.SPINE_PAIN if les.is_spine else models.LIMB_PAIN
    out: list[Finding] = []
    for name, info in type(les).model_fields.items():
        if name in IDENTITY or name in skip:
            continue
        path: Path = ("lesions", i, name)
        if name == "pain":  # free text in the model; its vocabulary depends on the bone
            opts = tuple((value_label(v, pain_values), v) for v in pain_values)
            out.append(
                Finding(
                    path=path,
                    section="lesions",
                    label="Pain",
                    kind="choice",
                    options=opts,
                    optional=True,
                    help=info.description or "",
                    where=les.label,
                )
            )
            continue
        f = _finding(name, info, path, "lesions", "")
        if f is not None:
            out.append(dataclasses.replace(f, where=les.label))
    return out


def case_findings(case: Any) -> list[Finding]:
    """Every editable finding of ``case`` (a :class:`bonemets.patient.Case`), by section."""
    model = type(case)
    data = case.model_dump()
    out: list[Finding] = []
    for section in SECTIONS:
        if section == "lesions":
            for i in range(len(case.lesions)):
                out.extend(_lesion_findings(case, i))
            continue
        info = model.model_fields.get(section)
        sub = _model_of(info.annotation) if info is not None else None
        if sub is None:
            continue
        out.extend(_walk(sub, (section,), section, "", data.get(section)))
    return out
