"""What changed between two validations of a file, for ``parley validate --watch``."""

from __future__ import annotations

from pathlib import Path

from game.engine.lint import space_findings
from game.scenario import Diagnostic, load

#: A problem's identity: severity, field and message, not its line, so that editing the
#: lines above a problem does not report it again as new.
Key = tuple[str, str, str]


def check(path: Path) -> dict[Key, Diagnostic]:
    """Every problem ``parley validate`` reports for ``path``, keyed by identity."""
    loaded = load(path)
    if loaded.ok and loaded.scenario is not None:
        for severity, where, message in space_findings(loaded.scenario):
            loaded.add(severity, where, message)
    return {(d.severity, d.field, d.message): d for d in loaded.diagnostics}


def changes(before: dict[Key, Diagnostic], after: dict[Key, Diagnostic]) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(new problems, fixed problems), each in file order."""
    new = sorted((d for k, d in after.items() if k not in before), key=lambda d: (d.line, d.col))
    fixed = sorted((d for k, d in before.items() if k not in after), key=lambda d: (d.line, d.col))
    return new, fixed
