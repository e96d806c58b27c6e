"""A game in progress: autosave, resume, replay and the words of transcripts and debriefs."""

from .exports import export_game
from .paths import data_dir, exports_dir, saves_dir
from .protocol import GameSession
from .saves import SavedGame, list_saves
from .store import Session, SessionError, read_log, write_atomic

__all__ = [
    "GameSession",
    "SavedGame",
    "Session",
    "SessionError",
    "data_dir",
    "export_game",
    "exports_dir",
    "list_saves",
    "read_log",
    "saves_dir",
    "write_atomic",
]
