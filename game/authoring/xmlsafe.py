"""A small, safe XML reader for untrusted GENIUS files, keeping every element's position.

Built directly on expat (the parser behind ``xml.etree``) rather than on ElementTree or
defusedxml, for two reasons: the importer must point at the line of a bad ``<item>``, and
ElementTree forgets element positions; and the protections defusedxml adds are expat
hooks we can set ourselves. So, without a new dependency:

* a DOCTYPE is refused outright (GENIUS files never have one), which rules out entity
  definitions, entity expansion bombs and external entities; expat is also told never to
  read external parameter entities;
* the input size, the nesting depth and the number of elements are capped;
* every failure is an :class:`XmlProblem` with a 1-based line and column, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

MAX_BYTES = 2 << 20
MAX_DEPTH = 32
MAX_ELEMENTS = 200_000


class XmlProblem(Exception):
    """The file cannot be used; ``line``/``col`` are 1-based."""

    def __init__(self, message: str, line: int = 1, col: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


@dataclass
class Element:
    """An element: its tag, attributes, position, child elements and comments (text is ignored).

    Comments are kept because Parley's own GENIUS exports carry what GENIUS has no place for
    (a side's name, its red lines) in comments, which GENIUS ignores; comments before the
    root element belong to the root.
    """

    tag: str
    attrs: dict[str, str]
    line: int
    col: int
    children: list[Element] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    def find(self, tag: str) -> Element | None:
        return next((c for c in self.children if c.tag == tag), None)

    def findall(self, tag: str) -> list[Element]:
        return [c for c in self.children if c.tag == tag]


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing unreadable or oversized files."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise XmlProblem("is a directory, not an XML file") from None
    except FileNotFoundError:
        raise XmlProblem("no such file; check the path") from None
    except OSError as exc:
        raise XmlProblem(f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise XmlProblem(f"file is larger than {MAX_BYTES >> 20} MiB; a GENIUS file is a few KiB")
    return raw


def parse(raw: bytes) -> Element:
    """Parse XML bytes into :class:`Element` s within the module's limits."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[Element] = []
    roots: list[Element] = []
    early: list[str] = []  # comments before the root element
    count = 0

    def where() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal count
        count += 1
        if count > MAX_ELEMENTS:
            raise XmlProblem(f"more than {MAX_ELEMENTS} elements; a GENIUS file is far smaller", *where())
        if len(stack) >= MAX_DEPTH:
            raise XmlProblem(f"elements nested deeper than {MAX_DEPTH} levels", *where())
        element = Element(tag, dict(attrs), *where())
        if not stack and not roots:
            element.comments.extend(early)
        (stack[-1].children if stack else roots).append(element)
        stack.append(element)

    def comment(text: str) -> None:
        (stack[-1].comments if stack else early).append(text)

    def end(tag: str) -> None:
        stack.pop()

    def doctype(*_: object) -> None:
        raise XmlProblem("DOCTYPE declarations are not allowed (GENIUS files have none)", *where())

    def entity(*_: object) -> None:
        raise XmlProblem("entity declarations are not allowed", *where())

    def external(*_: object) -> int:
        raise XmlProblem("external entities are not allowed", *where())

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CommentHandler = comment
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = external
    try:
        parser.Parse(raw, True)
    except expat.ExpatError as exc:
        message = expat.ErrorString(exc.code) or "invalid XML"
        raise XmlProblem(f"XML syntax: {message}", exc.lineno or 1, (exc.offset or 0) + 1) from None
    except RecursionError:
        raise XmlProblem("the document is nested too deeply") from None
    if not roots:
        raise XmlProblem("no root element")
    return roots[0]


def read(path: Path) -> Element:
    """Read and parse the XML file at ``path``."""
    return parse(read_bytes(path))
