"""The live classroom's errors: each carries one line for the person in front of the screen."""

from __future__ import annotations

from game.engine import IllegalMove


class LiveError(Exception):
    """Bad input or an unusable store: one line saying what and what to do, never a traceback."""


class MoveRefused(IllegalMove, LiveError):
    """A move that was not recorded (the table changed first, the game is paused, the store is busy).

    An :class:`IllegalMove`, so screens that already explain illegal moves explain these too.
    Nothing of a refused move is kept: its transaction was rolled back.
    """


class StoreError(LiveError):
    """The store cannot be used (another exercise's, damaged, or a move in it does not replay)."""
