"""A game in progress on disk: autosave after every move, list and resume saved games.

A save file is the engine's game log (scenario id and hash, seed, seats, moves) plus
where the scenario file was, so it can be found again. Writes are atomic (temporary
file, fsync, rename): killing Parley at any moment leaves the previous save intact.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.engine import Game, Move, Record, ReplayError, Seat, State
from game.scenario import bundled_paths, load
from game.scenario.models import Scenario

from .paths import saves_dir


class SessionError(Exception):
    """A save or log that cannot be opened; the message says why and what to do."""


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` so that readers see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def find_scenario(scenario_id: str, hint: str | None) -> tuple[Scenario, Path]:
    """The scenario a log was played on: at its recorded path, else a bundled one with its id."""
    candidates: list[Path] = []
    if hint:
        candidates.append(Path(hint))
    candidates += bundled_paths()
    for path in candidates:
        if not path.is_file():
            continue
        loaded = load(path)
        if loaded.scenario is not None and loaded.scenario.id == scenario_id:
            return loaded.scenario, path
    raise SessionError(
        f"scenario '{scenario_id}' not found (looked at {hint or 'no recorded path'} and the bundled "
        "scenarios); pass the scenario file explicitly"
    )


def game_log(state: State, scenario_path: Path | None, created: str) -> dict[str, Any]:
    """The engine's log plus where the scenario file is and when: what saves and exports hold."""
    data = state.to_log()
    data["scenario"]["path"] = str(scenario_path.resolve()) if scenario_path else None
    data["scenario"]["title"] = state.scenario.title
    data["created"] = created
    data["updated"] = datetime.now(UTC).isoformat(timespec="seconds")
    return data


@dataclass
class SavedGame:
    """One save file, summarised for the resume list."""

    path: Path
    scenario_id: str
    title: str
    seats: dict[str, str]
    round: int
    moves: int
    status: str
    updated: str


class Session:
    """A game being played, bound to its scenario file and its autosave file."""

    def __init__(self, state: State, scenario_path: Path | None, save_path: Path | None):
        self.state = state
        self.scenario_path = scenario_path
        self.save_path = save_path
        self.created = datetime.now(UTC).isoformat(timespec="seconds")

    @classmethod
    def new(cls, scenario: Scenario, scenario_path: Path | None, seed: int,
            seats: dict[str, Seat], autosave: bool = True) -> Session:
        state = Game(scenario).new_state(seed, seats)
        save = None
        if autosave:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            save = saves_dir() / f"{stamp}-{scenario.id}-{seed}.json"
        session = cls(state, scenario_path, save)
        session.save()
        return session

    # -- playing ---------------------------------------------------------------------------

    def play(self, move: Move, reason: str = "") -> list[Record]:
        """Apply a player's move, then let computer sides answer; autosave after each move."""
        records = [self.state.apply(move, reason)]
        self.save()
        return records + self.advance()

    def advance(self) -> list[Record]:
        """Let computer sides move (e.g. when the computer opens); autosave after each move."""
        records = []
        for record in self.state.computer_turns():
            records.append(record)
            self.save()
        return records

    # -- files -------------------------------------------------------------------------------

    def log(self) -> dict[str, Any]:
        return game_log(self.state, self.scenario_path, self.created)

    def save(self) -> None:
        if self.save_path is not None:
            write_atomic(self.save_path, json.dumps(self.log(), indent=1, ensure_ascii=False) + "\n")

    @classmethod
    def open(cls, path: Path, *, autosave: bool = True) -> Session:
        """Reopen a save or game log, replaying its moves on its scenario."""
        data = read_log(path)
        meta = data.get("scenario") or {}
        scenario, scenario_path = find_scenario(str(meta.get("id")), meta.get("path"))
        try:
            state = State.from_log(Game(scenario), data)
        except ReplayError as exc:
            raise SessionError(f"{path}: {exc}") from None
        session = cls(state, scenario_path, path if autosave else None)
        session.created = str(data.get("created") or session.created)
        return session


def read_log(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SessionError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SessionError(f"{path}: cannot read it ({exc})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SessionError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict):
        raise SessionError(f"{path}: not a Parley game log")
    return data


def list_saves(folder: Path | None = None) -> list[SavedGame]:
    """Saved games, most recently updated first; unreadable files are skipped."""
    folder = folder or saves_dir()
    out = []
    for path in folder.glob("*.json") if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            meta = data["scenario"]
            records = data.get("records") or []
            out.append(
                SavedGame(
                    path=path,
                    scenario_id=str(meta["id"]),
                    title=str(meta.get("title") or meta["id"]),
                    seats={str(k): str(v) for k, v in (data.get("seats") or {}).items()},
                    round=int(records[-1]["round"]) if records else 1,
                    moves=len(data.get("moves") or []),
                    status=str(data.get("status", "ongoing")),
                    updated=str(data.get("updated", "")),
                )
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue
    out.sort(key=lambda s: s.updated, reverse=True)
    return out
