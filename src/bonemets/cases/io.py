"""Safe loading of YAML data files, and case validation with file, field path and line.

YAML is always loaded with the safe loader, and more strictly than ``yaml.safe_load``:

* the file size is capped (:data:`MAX_BYTES`) before anything is read;
* aliases (``*name``) are refused, so an alias bomb ("billion laughs") cannot expand;
* only the plain YAML tags are accepted (``!!python/object`` and any custom tag are refused);
* duplicate keys in a mapping are an error (plain PyYAML keeps the last one silently);
* nesting is capped (:data:`MAX_DEPTH`).

Every problem is a :class:`Problem` naming the file, the field path (``lesions[0].size``), the line
where the parser gives one, and a message saying what was found and what is allowed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "CaseError",
    "Problem",
    "YamlDocument",
    "format_path",
    "load_case",
    "load_yaml",
    "parse_case",
]

#: Largest data file accepted (bytes). Case files are a few kilobytes.
MAX_BYTES = 1_000_000
#: Deepest nesting of mappings and lists accepted.
MAX_DEPTH = 40

_PLAIN_TAGS = {
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}

Path_ = tuple[str | int, ...]


def format_path(path: Path_) -> str:
    """``("lesions", 0, "size")`` -> ``lesions[0].size``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


@dataclass(frozen=True)
class Problem:
    """One problem in one file: where (field path, line) and what (found vs allowed)."""

    file: str
    field: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "field": self.field, "line": self.line, "message": self.message}


class CaseError(ValueError):
    """A case (or any data file) failed validation; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class _Refused(Exception):
    def __init__(self, line: int | None, message: str):
        self.line = line
        self.message = message


class _Loader(yaml.SafeLoader):
    """The safe loader, refusing aliases before they are resolved."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(
                event.start_mark.line + 1,
                f"YAML alias *{event.anchor} is not allowed in data files (aliases can expand "
                "without limit); write the value out",
            )
        return super().compose_node(parent, index)


@dataclass
class YamlDocument:
    """Parsed data with the line of every field path."""

    data: Any
    lines: dict[Path_, int]

    def line_of(self, path: Path_) -> int | None:
        """Line of ``path``, or of its nearest parent that has one."""
        p = tuple(path)
        while True:
            if p in self.lines:
                return self.lines[p]
            if not p:
                return None
            p = p[:-1]


def _build(loader: _Loader, node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> Any:
    if len(path) > MAX_DEPTH:
        raise _Refused(node.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep")
    if node.tag not in _PLAIN_TAGS:
        raise _Refused(
            node.start_mark.line + 1,
            f"tag {node.tag!r} is not allowed; only plain YAML values (text, numbers, true/false, "
            "dates, lists, mappings)",
        )
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(key_node.start_mark.line + 1, "a mapping key must be plain text")
            key = _build(loader, key_node, (*path, "<key>"), {})
            if not isinstance(key, str | int) or isinstance(key, bool):
                key = str(key)
            child = (*path, key)
            if key in out:
                raise _Refused(
                    key_node.start_mark.line + 1,
                    f"duplicate key {key!r} in {format_path(path)} (first on line {lines[child]})",
                )
            lines[child] = key_node.start_mark.line + 1
            out[key] = _build(loader, value_node, child, lines)
            lines[child] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*path, i), lines) for i, item in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        raise _Refused(
            node.start_mark.line + 1, f"cannot read value {node.value!r}: {exc}"
        ) from None


_FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _prescan(text: str) -> None:
    """Walk the parser events (libyaml when available): refuse aliases and deep nesting before
    any node is built, so neither can cost time or memory."""
    depth = 0
    for event in yaml.parse(text, Loader=_FastLoader):
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                event.start_mark.line + 1 if event.start_mark else None,
                f"YAML alias *{event.anchor} is not allowed in data files (aliases can expand "
                "without limit); write the value out",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(
                    event.start_mark.line + 1 if event.start_mark else None,
                    f"nested more than {MAX_DEPTH} levels deep",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def load_yaml(path: str | os.PathLike[str], *, text: str | None = None) -> YamlDocument:
    """Load one YAML document safely. Raises :class:`CaseError` with a :class:`Problem`."""
    name = str(path)

    def fail(message: str, line: int | None = None, field: str = "(file)") -> CaseError:
        return CaseError([Problem(name, field, line, message)])

    if text is None:
        try:
            size = os.stat(path).st_size
        except OSError as exc:
            raise fail(f"cannot read the file: {exc.strerror or exc}") from None
        if size > MAX_BYTES:
            raise fail(f"file is {size} bytes; allowed: at most {MAX_BYTES} bytes")
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise fail(f"cannot read the file: {exc.strerror or exc}") from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise fail(f"not UTF-8 text (byte {exc.start}); allowed: a UTF-8 YAML file") from None
    elif len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise fail(f"text is larger than {MAX_BYTES} bytes")
    if not text.strip():
        raise fail("the file is empty; allowed: a YAML mapping (see `bonemets case new ID`)")
    loader = _Loader(text)
    try:
        _prescan(text)
        node = loader.get_single_node()
        if node is None:
            raise fail("the file holds no data (only comments?); allowed: a YAML mapping")
        lines: dict[Path_, int] = {}
        data = _build(loader, node, (), lines)
    except _Refused as exc:
        raise fail(exc.message, exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        raise fail(f"not valid YAML: {what}", line) from None
    except yaml.YAMLError as exc:
        raise fail(f"not valid YAML: {exc}") from None
    except RecursionError:
        raise fail(f"nested too deeply; allowed: at most {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()
    return YamlDocument(data, lines)


# --- cases -----------------------------------------------------------------------------------
def _models_in(tp: Any) -> list[Any]:
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    out: list[Any] = []
    for arg in get_args(tp):
        out.extend(_models_in(arg))
    return out


def _walk(loc: Path_) -> tuple[Path_, Any]:
    """(the path with pydantic's union-member tags removed, the model the path ends in)."""
    from .models import Case

    current: Any = Case
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, int):
            out.append(part)
            continue
        models = _models_in(current)
        if models and part in models[0].model_fields:
            out.append(part)
            current = models[0].model_fields[part].annotation
    return tuple(out), current


def _allowed_fields(loc: Path_) -> list[str] | None:
    """Field names allowed where an unknown field ``loc`` was found."""
    _, parent = _walk(loc[:-1])
    models = _models_in(parent)
    return list(models[0].model_fields) if models else None


def _message(err: dict[str, Any]) -> str:
    kind = err["type"]
    value = err.get("input")
    loc = tuple(err["loc"])
    if kind == "missing":
        return "missing; this field is required"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(loc)
        tail = f"; allowed here: {', '.join(allowed)}" if allowed else ""
        return f"unknown field{tail}"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if kind in {"model_type", "model_attributes_type"}:
        return f"expected a mapping of fields, found {type(value).__name__} {value!r}"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"{value!r} is not allowed; allowed: {expected}"
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    ctx = err.get("ctx", {})
    bounds = {
        "less_than_equal": ("at most", "le"),
        "less_than": ("less than", "lt"),
        "greater_than_equal": ("at least", "ge"),
        "greater_than": ("more than", "gt"),
        "multiple_of": ("a multiple of", "multiple_of"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        limit = ctx.get(key)
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)
        return f"found {shown}; allowed: {words} {limit}"
    if kind == "value_error" and isinstance(value, dict):
        return msg
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"found {type(value).__name__} {shown}; {msg.lower()}"
    return f"found {shown}; {msg}"


def _problems(exc: ValidationError, source: str, line: Any) -> list[Problem]:
    """One problem per field: the errors pydantic gives per union member are merged."""
    grouped: dict[Path_, list[dict[str, Any]]] = {}
    for err in exc.errors():
        loc, _ = _walk(tuple(err["loc"]))
        if err["type"] == "extra_forbidden":
            loc = (*loc, err["loc"][-1])
        grouped.setdefault(loc, []).append(err)
    out = []
    for loc, errs in grouped.items():
        if len(errs) == 1:
            msg = _message(errs[0])
        else:
            value = errs[0].get("input")
            options = []
            for e in errs:
                m = e["msg"].removeprefix("Value error, ")
                if e["type"] == "literal_error":
                    m = "one of " + e.get("ctx", {}).get("expected", "")
                if m not in options:
                    options.append(m)
            msg = f"found {value!r}; allowed: " + " or ".join(o[0].lower() + o[1:] for o in options)
        out.append(Problem(source, format_path(loc), line(loc), msg))
    return out


def parse_case(data: Any, source: str = "<memory>", doc: YamlDocument | None = None) -> Any:
    """Validate a dict as a case and return the :class:`~bonemets.cases.models.Case`.

    Raises :class:`CaseError` listing every problem (field path, line if ``doc`` gives lines).
    """
    from .models import Case, consistency_problems

    def line(path: Path_) -> int | None:
        return doc.line_of(path) if doc is not None else None

    if not isinstance(data, dict):
        raise CaseError(
            [
                Problem(
                    source,
                    "(top level)",
                    line(()),
                    f"expected a mapping of case fields, found {type(data).__name__}",
                )
            ]
        )
    kind = data.get("kind", "case")
    if kind != "case":
        raise CaseError(
            [Problem(source, "kind", line(("kind",)), f"{kind!r} is not a case; allowed: case")]
        )
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        raise CaseError(_problems(exc, source, line)) from None
    extra = consistency_problems(case)
    if extra:
        raise CaseError([Problem(source, format_path(p), line(p), m) for p, m in extra])
    return case


def load_case(path: str | os.PathLike[str]) -> Any:
    """Load and validate one case file. Raises :class:`CaseError` (never a traceback for input)."""
    doc = load_yaml(path)
    case = parse_case(doc.data, str(path), doc)
    stem = Path(path).stem
    if case.id != stem:
        raise CaseError(
            [
                Problem(
                    str(path),
                    "id",
                    doc.line_of(("id",)),
                    f"{case.id!r} does not match the file name; allowed: {stem!r} (file <id>.yaml)",
                )
            ]
        )
    return case
