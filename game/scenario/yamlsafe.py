"""A bounded, position-keeping YAML reader for untrusted scenario files.

PyYAML's own loaders are recursive (deep nesting raises RecursionError), expand aliases
(an alias bomb eats memory), accept duplicate keys silently and follow YAML 1.1, where
``no`` is a boolean and ``012`` an octal number. Here we read the *event stream* in one
iterative pass and build plain Python data ourselves, so that:

* every limit (bytes, depth, nodes) is enforced before anything large is built;
* tags, anchors and aliases are refused, so nothing can execute or explode;
* duplicate keys are errors;
* only ``true``/``false``, ``null``/``~`` and plain decimal numbers are typed; everything
  else (``no``, ``on``, ``012``, ``2012-08-01``) stays the text the author typed;
* every value remembers its line and column, so later errors can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .yamlhints import explain

#: libyaml's loader is much faster; both produce the same events, so the pure-Python one stands in.
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 1 << 20
MAX_DEPTH = 48
MAX_NODES = 200_000

PathKey = tuple[str | int, ...]

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
# Only forms that PyYAML's resolver also reads as numbers (a dot is required, an exponent
# needs its sign, ``.5`` takes no sign): ``yaml.safe_dump`` writes any other text unquoted,
# e.g. ``1e5`` or ``-.5``, and typing it here would turn a dumped string into a number.
_FLOAT = re.compile(r"(?:[-+]?(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)(?:[eE][-+][0-9]+)?")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


@dataclass(frozen=True)
class Position:
    """1-based line and column in the source file."""

    line: int
    col: int


@dataclass
class YamlProblem(Exception):
    """The file cannot be read as a scenario document at all."""

    message: str
    position: Position = field(default_factory=lambda: Position(1, 1))

    def __str__(self) -> str:
        return self.message


@dataclass
class Document:
    """Plain data plus where each value (and each mapping key) sits in the text."""

    data: Any
    values: dict[PathKey, Position]
    keys: dict[PathKey, Position]
    containers: set[PathKey] = field(default_factory=set)

    def position(self, path: PathKey) -> Position:
        """The best position for ``path``: a scalar's value, else its key, else the nearest ancestor's."""
        probe = tuple(path)
        if probe in self.values and probe not in self.containers:
            return self.values[probe]
        while True:
            if probe in self.keys:
                return self.keys[probe]
            if probe in self.values:
                return self.values[probe]
            if not probe:
                return Position(1, 1)
            probe = probe[:-1]


def read_text(path: Path) -> str:
    """Read a scenario file as UTF-8 text, refusing huge, binary or mis-encoded files."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise YamlProblem("is a directory, not a scenario file") from None
    except FileNotFoundError:
        raise YamlProblem("no such file; check the path") from None
    except PermissionError:
        raise YamlProblem("cannot read the file: permission denied") from None
    except OSError as exc:
        raise YamlProblem(f"cannot read the file: {exc.strerror or exc}") from None
    except ValueError:  # open() refuses a path with a NUL character in it
        raise YamlProblem("cannot read the file: its name contains a NUL character") from None
    return decode(raw)


def decode(raw: bytes) -> str:
    """Bytes to text with the same checks as :func:`read_text`."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(
            f"file is larger than {MAX_BYTES // 1024} KiB; a scenario is a few dozen KiB at most"
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        # Windows editors save "Unicode" as UTF-16; calling that binary would mislead.
        raise YamlProblem("file is UTF-16 or UTF-32 encoded; save it as UTF-8")
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise YamlProblem(
            "file is binary (it contains NUL bytes); a scenario is a UTF-8 text file",
            _offset_position(raw, nul),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlProblem(
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            _offset_position(raw, exc.start),
        ) from None
    return text


def _offset_position(raw: bytes, offset: int) -> Position:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return Position(raw.count(b"\n", 0, offset) + 1, offset - line_start + 1)


def _mark(event: yaml.Event) -> Position:
    mark = event.start_mark
    return Position(mark.line + 1, mark.column + 1) if mark is not None else Position(1, 1)


def resolve_plain(text: str) -> Any:
    """Type a plain (unquoted) scalar: only null, true/false and decimal numbers are typed."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


def _reader_problem(exc: yaml.reader.ReaderError, text: str) -> YamlProblem:
    """A character YAML forbids (e.g. a control character), located by finding it in ``text``.

    The reader reports a byte offset (libyaml) or a character offset (pure Python) and a
    multi-line message; the first occurrence of the character itself is the culprit either
    way, because such characters are refused wherever they appear.
    """
    char = exc.character
    if isinstance(char, int):
        index = text.find(chr(char))
        pos = Position(1, 1)
        if index >= 0:
            pos = _offset_position(text.encode("utf-8"), len(text[:index].encode("utf-8")))
        return YamlProblem(
            f"character U+{char:04X} is not allowed in YAML ({exc.reason}); delete it or write it "
            "as an escape such as \\x07 inside double quotes",
            pos,
        )
    return YamlProblem(f"YAML syntax: {exc.reason}")


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """A parser error as plain words first (:mod:`.yamlhints`), then the parser's own."""
    mark = exc.problem_mark or exc.context_mark
    pos = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
    problem = (exc.problem or "invalid YAML").strip()
    if "maximum nesting depth" in problem:  # libyaml's own limit, met before ours in flow style
        return YamlProblem(f"nesting deeper than {MAX_DEPTH} levels; a scenario needs fewer than 10", pos)
    context = f" ({exc.context.strip()})" if exc.context else ""
    opened = exc.context_mark
    hint = explain(text, problem, exc.context or "", (pos.line, pos.col),
                   (opened.line + 1, opened.column + 1) if opened is not None else None)
    if hint is None:
        return YamlProblem(f"YAML syntax: {problem}{context}", pos)
    where = Position(hint.line or pos.line, hint.col or (pos.col if hint.line is None else 1))
    return YamlProblem(f"YAML syntax: {hint.words}. The parser says: {problem}{context}", where)


@dataclass
class _Frame:
    container: dict[Any, Any] | list[Any]
    path: PathKey
    key: Any = None
    has_key: bool = False


def parse(text: str) -> Document:
    """Parse one YAML document into plain data with positions, within the module's limits."""
    values: dict[PathKey, Position] = {}
    keys: dict[PathKey, Position] = {}
    containers: set[PathKey] = set()
    stack: list[_Frame] = []
    root: list[Any] = []
    documents = 0
    nodes = 0

    def attach(value: Any, pos: Position) -> PathKey | None:
        """Put a finished value into its parent; return its path (None for a mapping key)."""
        if not stack:
            root.append(value)
            values[()] = pos
            return ()
        top = stack[-1]
        if isinstance(top.container, list):
            path = (*top.path, len(top.container))
            top.container.append(value)
            values[path] = pos
            return path
        if not top.has_key:
            if value is None or isinstance(value, (bool, float)):
                shown = "null" if value is None else str(value).lower()
                raise YamlProblem(
                    f"key `{shown}` is not a name; write keys as plain text (quote it if needed)", pos
                )
            key = value
            if key in top.container:
                first = keys.get((*top.path, key))
                where = f" (first defined on line {first.line})" if first else ""
                raise YamlProblem(f"duplicate key `{key}`{where}; each key may appear once", pos)
            top.key, top.has_key = key, True
            keys[(*top.path, key)] = pos
            return None
        path = (*top.path, top.key)
        top.container[top.key] = value
        values[path] = pos
        top.key, top.has_key = None, False
        return path

    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlProblem(
                        "more than one YAML document (a second `---`); a scenario file holds one",
                        _mark(event),
                    )
                continue
            nodes += 1
            if nodes > MAX_NODES:
                raise YamlProblem(f"more than {MAX_NODES} YAML nodes; a scenario is far smaller", _mark(event))
            if isinstance(event, yaml.AliasEvent):
                raise YamlProblem(
                    f"alias `*{event.anchor}` is not allowed; write the value out in full", _mark(event)
                )
            if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if event.anchor is not None:
                    raise YamlProblem(
                        f"anchor `&{event.anchor}` is not allowed; write each value out in full",
                        _mark(event),
                    )
                tag = event.tag
                if tag is not None:
                    raise YamlProblem(
                        f"tag `{tag}` is not allowed; scenario files use plain YAML without tags",
                        _mark(event),
                    )
            if isinstance(event, yaml.ScalarEvent):
                pos = _mark(event)
                plain = not event.style and event.implicit[0]
                try:
                    value = resolve_plain(event.value) if plain else event.value
                except ValueError:  # int() refuses more than 4300 digits
                    raise YamlProblem(
                        f"number with {len(event.value)} digits is too long; write a small number "
                        "(or quote it if it is text)",
                        pos,
                    ) from None
                attach(value, pos)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(
                        f"nesting deeper than {MAX_DEPTH} levels; a scenario needs fewer than 10",
                        _mark(event),
                    )
                container: dict[Any, Any] | list[Any] = (
                    {} if isinstance(event, yaml.MappingStartEvent) else []
                )
                pos = _mark(event)
                if stack and isinstance(stack[-1].container, dict) and not stack[-1].has_key:
                    raise YamlProblem("a mapping key must be plain text, not a list or mapping", pos)
                path = attach(container, pos)
                assert path is not None
                containers.add(path)
                stack.append(_Frame(container, path))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
    except yaml.reader.ReaderError as exc:
        raise _reader_problem(exc, text) from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc, text) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML syntax: {exc}") from None
    if not root or root[0] is None:
        raise YamlProblem("the file is empty; a scenario is a YAML mapping starting with `id:`")
    return Document(root[0], values, keys, containers)
