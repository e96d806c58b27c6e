"""Helpers shared by sub-commands: loading a scenario for a command, printing errors."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # loaded when a command needs it: `parley play` without a terminal refuses at once
    from game.scenario.models import Scenario

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A problem to report on stderr as one line per item, with an exit code."""

    def __init__(self, lines: list[str] | str, code: int = EXIT_INVALID):
        self.lines = [lines] if isinstance(lines, str) else lines
        self.code = code
        super().__init__("\n".join(self.lines))


def scenario_arg(name: str) -> tuple[Scenario, Path]:
    """Load a scenario named on the command line (a path, or a bundled scenario's id)."""
    from game.scenario import bundled_paths, load

    path = Path(name)
    if not path.exists():
        for candidate in bundled_paths():
            if candidate.stem == name or candidate.stem.split("-", 1)[-1] == name:
                path = candidate
                break
        else:
            for candidate in bundled_paths():
                loaded = load(candidate)
                if loaded.scenario is not None and loaded.scenario.id == name:
                    path = candidate
                    break
    loaded = load(path)
    if loaded.scenario is None or not loaded.ok:
        lines = [d.format() for d in loaded.errors] or [f"{name}: not a valid scenario"]
        raise CommandError([*lines, f"{name}: invalid scenario; fix the errors above (parley validate {name})"])
    return loaded.scenario, path


def err(line: str) -> None:
    print(line, file=sys.stderr)
