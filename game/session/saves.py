"""The list of saved games, as ``parley resume`` shows it: every file, the damaged ones too.

Each save is checked as opening it would check it (its JSON, its check, a replay of its
moves on its scenario), so the list shows the round the game is really in and marks a save
that cannot be opened as damaged, with the reason, instead of hiding it. Nothing here
writes: a damaged save stays on disk exactly as it was for its owner to look at.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.engine import Game
from game.scenario.models import Scenario

from .paths import saves_dir
from .store import SessionError, checked_state, find_scenario, read_log

#: The status of a save that cannot be opened.
DAMAGED = "damaged"


@dataclass
class SavedGame:
    """One save file, summarised for the resume list; ``problem`` says why a damaged one cannot open."""

    path: Path
    scenario_id: str
    title: str
    seats: dict[str, str]
    round: int
    moves: int
    status: str
    updated: str
    problem: str | None = None

    @property
    def damaged(self) -> bool:
        return self.problem is not None


class _Scenarios:
    """Scenarios (and their rules) found for the saves of one listing, each looked up once."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str | None], tuple[Scenario, Game]] = {}

    def game(self, path: Path, data: dict[str, Any]) -> Game:
        meta = data.get("scenario") if isinstance(data.get("scenario"), dict) else {}
        hint = meta.get("path") if isinstance(meta.get("path"), str) else None
        key = (str(meta.get("id")), hint)
        if key not in self.found:
            scenario, _ = find_scenario(key[0], hint, path)
            self.found[key] = (scenario, Game(scenario))
        return self.found[key][1]


def _when(path: Path, data: dict[str, Any]) -> str:
    """When a save was last written: its own timestamp, else the file's (a save kept without clock times)."""
    updated = data.get("updated")
    if isinstance(updated, str) and updated:
        return updated
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="seconds")
    except OSError:
        return ""


def inspect_save(path: Path, scenarios: _Scenarios | None = None) -> SavedGame:
    """One save, checked as :meth:`Session.open` would: a summary, or a damaged entry with its reason."""
    scenarios = scenarios or _Scenarios()
    data: dict[str, Any] = {}
    try:
        data = read_log(path)
        game = scenarios.game(path, data)
        state = checked_state(path, data, game.scenario, game)
    except SessionError as exc:
        meta = data.get("scenario") if isinstance(data.get("scenario"), dict) else {}
        return SavedGame(path, str(meta.get("id") or "?"), str(meta.get("title") or path.name), {}, 0, 0, DAMAGED,
                         _when(path, data) if data else "", exc.reason)
    return SavedGame(
        path=path,
        scenario_id=state.scenario.id,
        title=state.scenario.title,
        seats={actor: str(seat) for actor, seat in state.seats.items()},
        round=state.round,
        moves=len(state.history),
        status=state.status,
        updated=_when(path, data),
    )


def list_saves(folder: Path | None = None) -> list[SavedGame]:
    """Every save in ``folder`` (the saves folder by default), most recently written first;
    the ones that cannot be opened are listed as damaged, with the reason."""
    folder = folder or saves_dir()
    scenarios = _Scenarios()
    paths = sorted(folder.glob("*.json")) if folder.is_dir() else []
    out = [inspect_save(path, scenarios) for path in paths if path.is_file()]
    out.sort(key=lambda s: s.updated, reverse=True)
    return out
