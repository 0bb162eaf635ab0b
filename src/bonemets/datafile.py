"""The one hardened loader for every authored data file: cases, quiz banks, objectives.

Everything an instructor writes is untrusted input. :func:`load_yaml` reads it with the YAML safe
loader, and more strictly than ``yaml.safe_load``:

* the file must be a regular file of at most :data:`MAX_BYTES` bytes (checked before reading, and
  never more than that is read), in UTF-8;
* control characters (other than tab and line breaks), bidirectional overrides, every invisible
  format character (Unicode category Cf: zero-width space and joiners, soft hyphen, tag
  characters...; a byte-order mark only at the very start) and the non-characters are refused,
  whether typed or written as YAML escapes (``"\\x01"``);
* aliases (``*name``) are refused, so an alias bomb ("billion laughs") cannot expand; nesting is
  capped at :data:`MAX_DEPTH` levels; both are checked on the parser's events, before anything is
  built;
* only plain YAML values are accepted (text, numbers, true/false, null, dates, lists, mappings):
  ``!!python/object`` and any custom tag are refused;
* a mapping key must be text (``1:`` or ``true:`` would silently become a number or a Boolean;
  ``? [a]`` cannot be a key at all), and a key may appear once;
* numbers must mean what was typed: plain decimal only (YAML 1.1 reads ``010`` as 8, ``0x10`` as
  16, ``1_000`` as 1000 and ``1:30`` as 90, so those are refused), at most
  :data:`MAX_INT_DIGITS` digits, and finite (``.nan``, ``.inf`` are refused);
* a date must exist (``2001-13-45`` is refused); an explicit tag must fit its value
  (``!!bool "maybe"``, ``!!int ""``, ``!!timestamp "x"`` and ``!!null "hello"`` are refused), and a
  number too small to store (``1.0e-400`` would become 0.0) is refused.

Every problem is one :class:`Problem` naming the file, the field path (``items[3].answer``), the
line, the item (quiz banks) and what was found against what is allowed; :class:`DataFileError`
carries them. It is the one problem type of every authored file (cases, quiz banks, objectives).
Nothing in a file can make the loader raise anything else, hang, or use memory out of proportion
to its size.

A text is parsed once: reading the same text again (the case library is read by the book, the
notebooks and many tests) gives a fresh copy of what the first parse gave, from a small bounded
cache that only ever holds texts that loaded (:func:`_parse_once`).

Also here: :func:`text_problems` (the check of every plain-text field: no HTML markup, no MathJax
commands) and :func:`find_root` (where the course folder is).
"""

from __future__ import annotations

import math
import os
import re
import stat
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "TEX_COMMANDS",
    "DataFileError",
    "Problem",
    "YamlDocument",
    "bad_character",
    "find_root",
    "format_path",
    "load_yaml",
    "shown",
    "text_problems",
]

#: Largest data file accepted (bytes). Case files are a few kilobytes, quiz banks under 30 kB.
MAX_BYTES = 1_000_000
#: Deepest nesting of mappings and lists accepted.
MAX_DEPTH = 40
#: Most digits an integer may have.
MAX_INT_DIGITS = 30

Path_ = tuple[str | int, ...]

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
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_STR_TAG = "tag:yaml.org,2002:str"
_DATE_TAG = "tag:yaml.org,2002:timestamp"
_MAP_TAG = "tag:yaml.org,2002:map"
_SCALAR_TAGS = {
    _INT_TAG,
    _FLOAT_TAG,
    _STR_TAG,
    _DATE_TAG,
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}

#: What YAML 1.1 reads as a Boolean or null (an explicit !!bool/!!null tag on anything else is
#: refused: PyYAML would raise KeyError, or read "hello" as null).
_BOOL_WORDS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}
_NULL_WORDS = {"", "~", "null", "Null", "NULL"}
#: The YAML 1.1 timestamp forms (as PyYAML's resolver); checked before constructing.
_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?"
)
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
#: C0 controls except tab, LF, CR; DEL; C1 controls; line/paragraph separators; bidirectional
#: embeddings, overrides and isolates; BOM/zero-width no-break space; non-characters.
#: Also every format character (Unicode category Cf: soft hyphen, zero-width space/joiners, word
#: joiner, invisible operators, Arabic letter mark, Mongolian vowel separator, tag characters...),
#: the combining grapheme joiner U+034F and the Hangul fillers, which look like nothing on the page.
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
    "\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u180e"
    "\u200b-\u200f\u2060-\u2064\u2065-\u206f\u3164\ufff9-\ufffb\uffa0"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e007f]"
)

#: MathJax commands that attach links, styles, colours, classes, ids or data to maths, or load
#: extensions: refused in every authored text (MathJax also runs in safe mode without the html
#: extension, and without the colour extensions, see ``_config.yml``). Colours: a text coloured
#: inside maths is drawn by MathJax, where no contrast check can see it.
TEX_COMMANDS = re.compile(
    r"\\(?:href|style|class|cssId|html|data|unicode|require|url|mmlToken|bbox"
    r"|color|textcolor|colorbox|fcolorbox|definecolor)(?![A-Za-z])"
)

_KINDS = {
    "int": "the number",
    "float": "the number",
    "bool": "the Boolean",
    "NoneType": "null:",
    "date": "the date",
    "datetime": "the date and time",
}

_FastLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def format_path(path: Path_) -> str:
    """``("lesions", 0, "size")`` -> ``lesions[0].size``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def shown(value: Any, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters (an error message never echoes a whole input).
    Never raises (a 5,000-digit integer is shown by its length)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 160:
        return f"<a number of about {int(value.bit_length() * 0.30103) + 1} digits>"
    if isinstance(value, str | bytes) and len(value) > limit * 4:
        value = value[: limit * 4]
    try:
        text = repr(value)
    except Exception:
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def bad_character(text: str) -> tuple[int, str] | None:
    """``(index, description)`` of the first character not allowed in authored text, or None."""
    m = _BAD_CHARS.search(text)
    if m is None:
        return None
    ch = m.group(0)
    return m.start(), f"U+{ord(ch):04X}"


@dataclass(frozen=True)
class Problem:
    """One problem in one file: where (field path, line; the item id in a quiz bank) and what
    (found vs allowed). ``field`` is None when the problem is the item's (or the file's) as a
    whole."""

    file: str
    field: str | None
    line: int | None
    message: str
    item: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.item:
            where += f": item {self.item}"
        if self.field:
            where += f": {self.field}"
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "item": self.item,
            "field": self.field,
            "line": self.line,
            "message": self.message,
        }


class DataFileError(ValueError):
    """A data file failed loading or validation; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


#: ``<`` followed by a tag name, ``/``, ``!`` or ``?``: HTML markup (``<svg``, ``</p>``, ``<!--``).
_HTML = re.compile(r"<\s*[A-Za-z/!?]")


def text_problems(text: str) -> list[str]:
    """What is wrong with one plain-text field (a case's text, an objective, a unit): empty when
    it is fine. Control characters are refused earlier, by the loader."""
    out = []
    m = _HTML.search(text)
    if m:
        out.append(
            f"{shown(text[m.start() : m.start() + 20])} looks like HTML markup; this text is "
            "plain text, shown as typed, so HTML is not allowed (write 'less than', or put a "
            "space after '<')"
        )
    m2 = TEX_COMMANDS.search(text)
    if m2:
        out.append(
            f"the command {m2.group(0)} is not allowed (MathJax could run it as a link, style or "
            "extension); write the text without it"
        )
    return out


def find_root(start: str | os.PathLike[str] | None = None) -> Path:
    """The course folder: ``$BONEMETS_ROOT``, else the first folder upwards from ``start`` (or
    the working directory) holding ``quizzes/`` and ``chapters/objectives.yaml``, else the source
    checkout this package was imported from. Raises :class:`FileNotFoundError` if there is none."""
    env = os.environ.get("BONEMETS_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(start or Path.cwd()).resolve()
    for c in (here, *here.parents, *Path(__file__).resolve().parents):
        if (c / "quizzes").is_dir() and (c / "chapters" / "objectives.yaml").is_file():
            return c
    raise FileNotFoundError(
        "cannot find the course folder (quizzes/ and chapters/objectives.yaml); "
        "run from inside the repository or set BONEMETS_ROOT"
    )


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

    def path_at(self, line: int) -> Path_:
        """The deepest field starting on ``line``, else the last field starting before it."""
        best: Path_ = ()
        best_line = 0
        for path, at in self.lines.items():
            if at <= line and (at > best_line or (at == best_line and len(path) > len(best))):
                best, best_line = path, at
        return best


class _Refused(Exception):
    def __init__(self, line: int | None, message: str, path: Path_ | None = None):
        self.line = line
        self.message = message
        self.path = path


def _line(mark: Any) -> int | None:
    return mark.line + 1 if mark is not None else None


def _event_line(event: Any) -> int:
    """The line where a parser event starts (every node and document event has a mark)."""
    return int(event.start_mark.line) + 1


# ---------------------------------------------------------------------------------------------
# One pass over the parser's events (libyaml when available): the data is built value by value
# with every check, so an alias or a too-deep nesting is refused before anything is expanded,
# and no node tree is kept.

_RESOLVER: Any = yaml.resolver.Resolver()  # untyped in the stubs
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class _Frame:
    __slots__ = ("expect_key", "is_map", "key", "key_line", "line", "path", "value")

    def __init__(self, path: Path_, is_map: bool, line: int):
        self.path = path
        self.is_map = is_map
        self.line = line
        self.expect_key = True
        self.key: str = "?"
        self.key_line = line
        self.value: Any = {} if is_map else []


def _scalar(node: yaml.ScalarNode, where: Callable[[], Path_]) -> Any:
    raw = node.value
    if node.tag == _STR_TAG:
        bad = bad_character(raw)
        if bad is None:
            return raw
        raise _Refused(
            node.start_mark.line + 1,
            f"character {bad[1]} (a control or invisible formatting character) is not "
            "allowed; allowed: printable text, tabs and line breaks",
            where(),
        )
    line = node.start_mark.line + 1
    path = where()
    if node.tag == _INT_TAG:
        if not _PLAIN_INT.fullmatch(raw):
            raise _Refused(
                line,
                f"{shown(raw)} is not a plain decimal number (YAML would read it as "
                f"{_yaml11_value(node)}); write the number in decimal digits, or quote it if it "
                "is text",
                path,
            )
        if len(raw.lstrip("+-")) > MAX_INT_DIGITS:
            raise _Refused(
                line,
                f"a number of {len(raw.lstrip('+-'))} digits; allowed: at most {MAX_INT_DIGITS}",
                path,
            )
        return int(raw)
    if node.tag == _FLOAT_TAG:
        if not _PLAIN_FLOAT.fullmatch(raw):
            special = raw.lower().lstrip("+-") in {".nan", ".inf"}
            what = "not a finite number" if special else "not a plain decimal number"
            raise _Refused(
                line, f"{shown(raw)} is {what}; allowed: a finite decimal number such as 2.5", path
            )
        value = float(raw)
        if not math.isfinite(value):
            raise _Refused(line, f"{shown(raw)} is too large; allowed: a finite number", path)
        mantissa = re.split("[eE]", raw)[0]
        if abs(value) < sys.float_info.min and mantissa.strip("+-.0"):
            # 1.0e-400 would silently become 0.0 (or lose digits as a subnormal number)
            raise _Refused(
                line,
                f"{shown(raw)} is too small to be stored exactly (it would become "
                f"{shown(value)}); allowed: 0, or a number of magnitude at least 2.3e-308",
                path,
            )
        return value
    if node.tag == _DATE_TAG:
        if not _TIMESTAMP.fullmatch(raw):
            raise _Refused(
                line, f"{shown(raw)} is not a date; allowed: a real date, YYYY-MM-DD", path
            )
        try:
            return _CONSTRUCTOR.construct_yaml_timestamp(node)
        except Exception:
            raise _Refused(
                line, f"{shown(raw)} is not a valid date; allowed: a real date, YYYY-MM-DD", path
            ) from None
    if node.tag == "tag:yaml.org,2002:bool":
        if raw.lower() not in _BOOL_WORDS:
            raise _Refused(
                line,
                f"{shown(raw)} is not true or false (tagged !!bool); allowed: true or false",
                path,
            )
        return _BOOL_WORDS[raw.lower()]
    if node.tag == "tag:yaml.org,2002:null":
        if raw not in _NULL_WORDS:
            raise _Refused(
                line,
                f"{shown(raw)} is tagged !!null and would be read as null (nothing); allowed: "
                "null, ~ or nothing, or remove the tag",
                path,
            )
        return None
    raise _Refused(
        line,
        f"tag {shown(node.tag)} is not allowed; only plain YAML values (text, numbers, "
        "true/false, dates, lists, mappings)",
        path,
    )


def _yaml11_value(node: yaml.ScalarNode) -> str:
    try:
        value = _CONSTRUCTOR.construct_yaml_int(node)
    except Exception:  # !!int "" or "-" raises IndexError inside PyYAML
        return "something else"
    return shown(value)


def _tag(event: Any, kind: type[yaml.Node]) -> str:
    tag = event.tag
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(kind, None, True)
    return str(tag)


def _parse(text: str, at: list[int] | None = None) -> YamlDocument | None:
    """Parse ``text``; ``at[0]`` follows the line of the event being read (for error reports)."""
    lines: dict[Path_, int] = {}
    stack: list[_Frame] = []
    root: list[Any] = []
    documents = 0

    def where() -> Path_:
        if not stack:
            return ()
        f = stack[-1]
        if f.is_map:
            return f.path if f.expect_key else (*f.path, f.key)
        return (*f.path, len(f.value))

    def add(value: Any, line: int) -> None:
        if not stack:
            root.append(value)
            lines.setdefault((), line)
            return
        f = stack[-1]
        if not f.is_map:
            lines.setdefault((*f.path, len(f.value)), line)
            f.value.append(value)
            return
        if f.expect_key:  # value is a key (checked by the caller)
            child = (*f.path, value)
            if value in f.value:
                raise _Refused(
                    line,
                    f"duplicate key {shown(value)} in {format_path(f.path)} "
                    f"(first on line {lines.get(child)})",
                    child,
                )
            f.key, f.key_line, f.expect_key = value, line, False
            return
        child = (*f.path, f.key)
        lines[child] = f.key_line
        f.value[f.key] = value
        f.expect_key = True

    events: Iterator[Any] = yaml.parse(text, Loader=_FastLoader)  # libyaml's or PyYAML's events
    for event in events:
        if at is not None and event.start_mark is not None:
            at[0] = event.start_mark.line + 1
        kind = type(event)
        if kind is yaml.ScalarEvent:
            key_position = bool(stack) and stack[-1].is_map and stack[-1].expect_key
            tag = event.tag
            if tag is None or tag == "!":
                tag = (
                    _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
                    if event.implicit[0]
                    else _STR_TAG  # quoted or block text is always text
                )
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
            if key_position and tag != _STR_TAG:
                line = event.start_mark.line + 1
                if tag in _PLAIN_TAGS:
                    value = _scalar(node, where)
                    what = _KINDS.get(type(value).__name__, type(value).__name__)
                    read_as = f"is read by YAML as {what} {shown(value)}"
                else:
                    read_as = f"has the YAML tag {shown(tag)}"
                raise _Refused(
                    line,
                    f"key {shown(event.value)} {read_as}, not text; allowed: a text key "
                    f"(quote it: {shown(str(event.value))})",
                    where(),
                )
            add(_scalar(node, where), event.start_mark.line + 1)
            continue
        if isinstance(event, yaml.NodeEvent):
            line = _event_line(event)
            path = where()
            key_position = bool(stack) and stack[-1].is_map and stack[-1].expect_key
            if isinstance(event, yaml.AliasEvent):
                raise _Refused(
                    line,
                    f"YAML alias *{shown(event.anchor, 40)[1:-1]} is not allowed in data files "
                    "(aliases can expand without limit); write the value out",
                    path,
                )
            # a mapping or a list starts
            assert isinstance(event, yaml.CollectionStartEvent)
            is_map = isinstance(event, yaml.MappingStartEvent)
            if key_position:
                raise _Refused(
                    line,
                    f"a {'mapping' if is_map else 'list'} cannot be a key; allowed: a key is "
                    "plain text",
                    path,
                )
            if len(stack) >= MAX_DEPTH:
                raise _Refused(line, f"nested more than {MAX_DEPTH} levels deep", path)
            tag = _tag(event, yaml.MappingNode if is_map else yaml.SequenceNode)
            if tag not in _PLAIN_TAGS or tag in _SCALAR_TAGS:
                raise _Refused(
                    line,
                    f"tag {shown(tag)} is not allowed; only plain YAML values (text, numbers, "
                    "true/false, dates, lists, mappings)",
                    path,
                )
            if is_map != (tag == _MAP_TAG):
                raise _Refused(
                    line, f"tag {shown(tag)} does not fit a {'mapping' if is_map else 'list'}", path
                )
            stack.append(_Frame(path, is_map, line))
        elif isinstance(event, yaml.CollectionEndEvent):
            f = stack.pop()
            add(f.value, f.line)
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Refused(
                    _event_line(event),
                    "a second YAML document ('---'); allowed: one document per file",
                    None,
                )
    if not root:
        return None
    return YamlDocument(root[0], lines)


#: Texts parsed before, and what they gave: a text read again (the case library is read by many
#: tests, the book and the notebooks) is not parsed again. Bounded (:data:`_PARSED_MAX` texts of
#: at most :data:`_PARSED_MAX_CHARS` characters); a text that fails is never kept. The cache owns
#: its documents: every caller gets a fresh copy (:func:`_copied`), so no caller can change what
#: another one gets.
_PARSED: dict[str, YamlDocument] = {}
_PARSED_MAX = 64
_PARSED_MAX_CHARS = 200_000
_PARSED_LOCK = threading.Lock()


def _copied(data: Any) -> Any:
    """A copy of parsed data that shares nothing mutable: mappings and lists are copied; the
    scalars the loader makes (text, numbers, Booleans, null, dates) are immutable."""
    if isinstance(data, dict):
        return {k: _copied(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copied(v) for v in data]
    return data


def _parse_once(text: str, at: list[int]) -> YamlDocument | None:
    """:func:`_parse` of ``text``, or a copy of what it gave for the same text before."""
    with _PARSED_LOCK:
        kept = _PARSED.pop(text, None)
        if kept is not None:
            _PARSED[text] = kept  # the most recently used last
    if kept is None:
        doc = _parse(text, at)
        if doc is None or len(text) > _PARSED_MAX_CHARS:
            return doc
        kept = YamlDocument(_copied(doc.data), dict(doc.lines))
        with _PARSED_LOCK:
            _PARSED[text] = kept
            while len(_PARSED) > _PARSED_MAX:
                del _PARSED[next(iter(_PARSED))]
        return doc
    return YamlDocument(_copied(kept.data), dict(kept.lines))


def _read(path: str | os.PathLike[str], name: str, max_bytes: int) -> str:
    def fail(message: str, line: int | None = None) -> DataFileError:
        return DataFileError([Problem(name, "(file)", line, message)])

    try:
        info = os.stat(path)
    except (OSError, ValueError) as exc:
        raise fail(f"cannot read the file: {getattr(exc, 'strerror', None) or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise fail("not a regular file; allowed: a YAML file")
    if info.st_size > max_bytes:
        raise fail(f"file is {info.st_size} bytes; allowed: at most {max_bytes} bytes")
    try:
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        raise fail(f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise fail(f"file is more than {max_bytes} bytes; allowed: at most {max_bytes} bytes")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail(
            f"not UTF-8 text (byte {exc.start}, 0x{raw[exc.start]:02x}); allowed: a UTF-8 YAML file",
            line,
        ) from None


def load_yaml(
    path: str | os.PathLike[str], *, text: str | None = None, max_bytes: int = MAX_BYTES
) -> YamlDocument:
    """Load one YAML data file (or ``text``, named ``path``) with every check of this module.

    Raises :class:`DataFileError` with one :class:`Problem`; never anything else for bad input.
    """
    name = str(path)

    def fail(message: str, line: int | None = None, field: Path_ | None = None) -> DataFileError:
        return DataFileError(
            [Problem(name, "(file)" if field is None else format_path(field), line, message)]
        )

    if text is None:
        text = _read(path, name, max_bytes)
    elif len(text) > max_bytes or len(text.encode("utf-8", "replace")) > max_bytes:
        raise fail(f"text is larger than {max_bytes} bytes")
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark at the very start is allowed
    bad = bad_character(text)
    if bad is not None:
        index, code = bad
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        field: Path_ | None = None
        try:  # name the field: parse a copy with the bad characters blanked out
            doc = _parse(_BAD_CHARS.sub(" ", text))
            field = doc.path_at(line) if doc is not None else None
        except (_Refused, yaml.YAMLError, RecursionError, ValueError, TypeError):
            field = None
        raise fail(
            f"character {code} at column {column} (a control or invisible formatting character) "
            "is not allowed; allowed: printable text, tabs and line breaks",
            line,
            field,
        )
    if not text.strip():
        raise fail("the file is empty; allowed: a YAML mapping")
    at = [0]
    try:
        doc = _parse_once(text, at)
    except _Refused as exc:
        raise fail(exc.message, exc.line, exc.path) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        raise fail(f"not valid YAML: {shown(what, 200)[1:-1]}", _line(mark)) from None
    except yaml.YAMLError as exc:
        raise fail(f"not valid YAML: {shown(str(exc), 200)[1:-1]}") from None
    except RecursionError:
        raise fail(f"nested too deeply; allowed: at most {MAX_DEPTH} levels") from None
    except Exception as exc:  # safety net: no input may surface as anything but a Problem
        raise fail(
            f"cannot be read as data ({type(exc).__name__}: {shown(str(exc), 120)[1:-1]}); "
            "check the value on this line",
            at[0] or None,
        ) from None
    if doc is None:
        raise fail("the file holds no data (only comments?); allowed: a YAML mapping")
    return doc
