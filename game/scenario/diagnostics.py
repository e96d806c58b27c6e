"""Located problems in a scenario file, printed compiler-style so editors can jump to them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
PathKey = tuple[str | int, ...]


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
        where = f"{self.field}: " if self.field else ""
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {where}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class ScenarioError(Exception):
    """A scenario could not be loaded; carries every located problem."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.format() for d in diagnostics))
