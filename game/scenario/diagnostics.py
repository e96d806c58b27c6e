"""Located problems in a scenario file, printed compiler-style so editors can jump to them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
PathKey = tuple[str | int, ...]

# Line breaks and other control characters (also Unicode's own line separators) inside a
# key, a value or a file name that a message quotes would split one problem over two lines.
_BREAKING = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` with every control character escaped (``\\n``), so it stays on one line."""
    return _BREAKING.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def field_path(path: Iterable[str | int]) -> str:
    """``('actors', 0, 'reservation')`` -> ``actors[0].reservation``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: where it is, how bad, which field, what is wrong and how to fix it."""

    file: str
    line: int
    col: int
    severity: Severity
    field: str
    message: str

    def format(self) -> str:
        """``FILE:LINE:COL: severity: field: message``, always a single line."""
        where = f"{one_line(self.field)}: " if self.field else ""
        return (
            f"{one_line(self.file)}:{self.line}:{self.col}: {self.severity}: "
            f"{where}{one_line(self.message)}"
        )

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class ScenarioError(Exception):
    """A scenario could not be loaded; carries every located problem."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.format() for d in diagnostics))
