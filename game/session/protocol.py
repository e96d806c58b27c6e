"""What every front end drives: one interface for a game in progress, local or live.

The TUI and plain mode play a game through a :class:`GameSession` and never ask which
kind it is: a local :class:`~game.session.store.Session` (a save file on disk) and a live
:class:`~game.live.session.LiveSession` (a seat at a table of a live class, backed by the
class's game store) both implement it. Live-only behaviour (polling the store, the
instructor's pause) lives on ``LiveSession`` and is reached through its own type.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from game.engine import Move, Record, State


@runtime_checkable
class GameSession(Protocol):
    """A game being played: its state, a move, the computer's answers, the log, saving."""

    #: The game as it stands; one object for the session's life (moves are applied to it).
    state: State
    #: The scenario file the game is played on (None for a scenario given as text).
    scenario_path: Path | None
    #: Where the game autosaves (None when something else, e.g. a live store, keeps it).
    save_path: Path | None

    def play(self, move: Move, reason: str = "") -> list[Record]:
        """Make a player's move, then let computer sides answer; the records that made."""
        ...

    def advance(self) -> list[Record]:
        """Let computer sides move while it is their turn (e.g. when the computer opens)."""
        ...

    def log(self) -> dict[str, Any]:
        """The game as a save-style log: what saves and exports hold."""
        ...

    def save(self) -> None:
        """Make sure every move so far is on disk (a no-op where the store already has it)."""
        ...


class SavedEachMove(ABC):
    """``play`` and ``advance`` for a session on disk that saves after every move.

    A local game and a campaign's summit both keep their moves this way (a crash loses at
    most the move being made); the subclass says where and how it saves.
    """

    state: State

    @abstractmethod
    def save(self) -> None:
        """Write the game where it is kept."""

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
