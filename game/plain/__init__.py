"""Plain mode: the whole game as lines of text on standard input and output.

For screen readers, pipes and scripted games. Same engine, same saves and logs as the
TUI; a local game (:mod:`.run`) and a live seat (:mod:`.live`) play through one
:class:`~.game.PlainGame`.
"""

from .console import Console, Quit, plain_text, script_lines
from .game import PlainGame
from .live import LivePlainGame, run_plain_join
from .run import run_plain

__all__ = ["Console", "LivePlainGame", "PlainGame", "Quit", "plain_text", "run_plain", "run_plain_join",
           "script_lines"]
