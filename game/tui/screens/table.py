"""The table screen the app opens: one seat, hot-seat pairs and class exercises alike.

:class:`TableScreen` is the sum of three concerns, each in its own module: playing from a
seat (:mod:`.solo`), changing seats behind a privacy curtain when both sides are people
(:mod:`.hotseat`), and a class exercise's round clock and hand-in (:mod:`.exercise`). Each
part only does something when its game calls for it, so one screen serves every local game.
"""

from __future__ import annotations

from game.tui.screens.exercise import ENDS_TURN, ExerciseTable
from game.tui.screens.hotseat import HotSeatTable

__all__ = ["ENDS_TURN", "TableScreen"]


class TableScreen(ExerciseTable, HotSeatTable):
    """A local game in progress, seen from the seat of the person to move."""
